// A scanner over a buffer it consumes as it goes: `while (pos < buf.length)`, each turn either steps
// the cursor (`pos++`, or a method of `this` that does) or cuts the buffer at the cursor and starts the
// cursor over (`buf = buf.subarray(pos + 1); pos = 0`: dataflow/cut-at-cursor.ts). What is left to
// scan, `buf.length - pos`, drops on every such turn and never grows, so the loop ends whatever the
// bytes are. A turn that only clears the flag its branch was taken on (dataflow/flag-cleared-turn.ts)
// counts too: the next turn cannot take that branch again.
// Cursor and buffer are both variables no closure writes, or both fields of the loop method's own
// `this` (used only for its fields; calls judged as in this-cursor.ts). The buffer is written in the
// loop only by such cuts, and its length must not be one a client could forge. No await or yield:
// other code could refill the buffer or set the flag between turns.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import { memberPath, unwrap, walk, type LoopNode, conjunctsOf, type Node } from '../dataflow/ast';
import { PURE_METHODS } from '../dataflow/loop-operands';
import { insideLoopIteration } from '../cfg/loop-exits';
import { referencesOf } from '../dataflow/references';
import { everyTurnProgresses, type CursorEffect } from '../dataflow/cursor-paths';
import { writeEffect, type CursorTarget, type WriteContext } from '../dataflow/cursor-writes';
import { insideNestedFunction } from '../dataflow/cursor-helpers';
import { judgeWith, thisFunctionOf, ThisMethods, thisUsedOnlyForFields } from '../dataflow/this-cursor';
import { isCutBeforeReset, isResetAfterCut } from '../dataflow/cut-at-cursor';
import { isFlagClearedBeforeContinue, leadingFlagTest } from '../dataflow/flag-cleared-turn';
import { targetsTakingFieldArguments, type MethodTarget } from '../dataflow/field-arguments';
import { checkedFor } from './checked-before-loop';
import type { LoopContext } from './types';
import { thisMethodsFor } from '../dataflow/this-methods';

export function windowCutEndsLoop(context: LoopContext): boolean {
  const { loop, file } = context;
  if (!loop.test || loop.constantTest || (loop.kind !== 'while' && loop.kind !== 'for' && loop.kind !== 'do-while')) return false;
  if (context.effects.awaits.length > 0 || context.effects.yields.length > 0 || !hasCut(loop.node.body)) return false;
  for (const conjunct of conjunctsOf(loop.test)) {
    const pair = cursorBelowLength(conjunct);
    if (!pair) continue;
    const cursor = targetOf(pair.cursor, context);
    const buffer = targetOf(pair.buffer, context);
    if (!cursor || !buffer || !cursor.thisScope !== !buffer.thisScope || sameTarget(cursor, buffer)) continue;
    if (buffer.variable && !onlyReadInLoop(buffer.variable, loop.node)) continue;
    if (context.flowData(pair.length).some((s) => s.kind === 'request' && !checkedFor(s, 'upper'))) continue;
    const flagTest = leadingFlagTest(loop);
    const flag = flagTest && targetOf(flagTest.test, context);
    const usableFlag = flag && !sameTarget(flag, cursor) && !sameTarget(flag, buffer) && !isAccessor(flag, context) ? flag : undefined;
    const methods = thisMethodsFor(context.code);
    const ctx: WriteContext = { file, thisNumbers: [cursor.field], methodEffect: (call, f) => methods.effect(file, call, f, 1, [cursor.field]) };
    const effectOf = (n: Node): CursorEffect | undefined => {
      if (isCutBeforeReset(n, buffer, cursor, file)) return 'strict';
      if (isResetAfterCut(n, buffer, cursor, file)) return undefined;
      if (usableFlag && isFlagClearedBeforeContinue(n, usableFlag, flagTest!.statement, loop, file)) return 'strict';
      // A method handed a view of a field or a fresh record (dataflow/field-arguments.ts): judged by its body.
      const targets = cursor.thisScope ? targetsTakingFieldArguments(n, cursor.thisScope, file, context.code) : undefined;
      if (targets) return targetsEffect(targets, buffer.field, cursor.field, methods) === undefined ? targetsEffect(targets, cursor.field, cursor.field, methods) : 'bad';
      // Nothing else may touch the buffer: a write, a method that sets it, a call that may.
      if (writeEffect(n, buffer, ctx) !== undefined) return 'bad';
      return writeEffect(n, cursor, ctx);
    };
    const update = loop.node.type === 'ForStatement' ? loop.node.update : undefined;
    if (everyTurnProgresses(loop.node.body, { effectOf, endWhen: () => false }, loop.labels, loop.test, update).progress) return true;
  }
  return false;
}


/** A cheap look first: some `x = x.<cut>(…)` in the body. */
function hasCut(body: Node): boolean {
  let found = false;
  walk(body, (n) => {
    if (found) return false;
    if (n.type === 'AssignmentExpression' && n.operator === '=' && unwrap(n.right).type === 'CallExpression') {
      const callee = unwrap((unwrap(n.right) as TSESTree.CallExpression).callee);
      if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && ['subarray', 'slice', 'substring', 'substr'].includes(callee.property.name)) found = true;
    }
  }, false);
  return found;
}

/** `c < B.length` or `B.length > c`. */
function cursorBelowLength(condition: Node): { cursor: Node; buffer: Node; length: Node } | undefined {
  const n = unwrap(condition);
  if (n.type !== 'BinaryExpression' || n.left.type === 'PrivateIdentifier') return undefined;
  const [small, great] = n.operator === '<' ? [unwrap(n.left), unwrap(n.right)] : n.operator === '>' ? [unwrap(n.right), unwrap(n.left)] : [];
  if (!small || !great || great.type !== 'MemberExpression' || great.computed || great.property.type !== 'Identifier' || great.property.name !== 'length') return undefined;
  return { cursor: small, buffer: unwrap(great.object), length: great };
}

/** A variable no closure writes, or a field of the loop method's own `this`, which it uses only for fields. */
function targetOf(node: Node, context: LoopContext): CursorTarget | undefined {
  const scope = context.fn?.node ?? context.file.ast;
  if (node.type === 'Identifier') {
    const variable = referencesOf(context.file).variableOf(node);
    if (!variable || variable.references.some((r) => r.isWrite() && insideNestedFunction(r.identifier as Node, scope))) return undefined;
    return { variable, field: '', direction: 1 };
  }
  const mp = node.type === 'MemberExpression' ? memberPath(node) : undefined;
  if (mp?.root.type !== 'ThisExpression' || mp.path.includes('[]')) return undefined;
  const holder = thisFunctionOf(mp.root);
  if (!holder || holder !== context.fn?.node || !thisUsedOnlyForFields(holder)) return undefined;
  return { thisScope: holder, field: mp.path.slice('this.'.length), direction: 1 };
}

/** Methods that leave a buffer, string or array as long as it was. */
const KEEPS_LENGTH = new Set([...PURE_METHODS, 'subarray', 'equals', 'compare']);

/**
 * A local buffer is, in the loop, only rebound (the walk judges those writes) or read: its length, an
 * element, a method that keeps its length; never handed to a call (`buf.push(x)`, `grow(buf)` may lengthen it).
 */
function onlyReadInLoop(variable: Variable, loopNode: Node): boolean {
  return variable.references.every((ref) => {
    const id = ref.identifier as Node;
    if (!insideLoopIteration(loopNode as LoopNode, id) || ref.isWrite()) return true;
    const p = id.parent;
    if (p?.type !== 'MemberExpression' || p.object !== id) return false;
    const up = p.parent;
    if ((up?.type === 'AssignmentExpression' && up.left === p) || up?.type === 'UpdateExpression' || (up?.type === 'UnaryExpression' && up.operator === 'delete')) return false;
    if (up?.type === 'CallExpression' && up.callee === p) return !p.computed && p.property.type === 'Identifier' && KEEPS_LENGTH.has(p.property.name);
    return p.computed || (p.property.type === 'Identifier' && p.property.name === 'length');
  });
}

function sameTarget(a: CursorTarget, b: CursorTarget): boolean {
  return a.thisScope ? a.thisScope === b.thisScope && (a.field === b.field || a.field.startsWith(b.field + '.') || b.field.startsWith(a.field + '.')) : !!a.variable && a.variable === b.variable;
}

/**
 * A flag on `this` must be a plain own field: one level, declared as a class field, or assigned in the
 * constructor of a class that extends nothing (a base class's setter could keep it from changing), and
 * no getter or setter of the class.
 */
function isAccessor(flag: CursorTarget, context: LoopContext): boolean {
  if (!flag.thisScope) return false;
  if (flag.field.includes('.')) return true;
  const method = flag.thisScope.parent;
  const body = method?.type === 'MethodDefinition' ? method.parent : undefined;
  const cls = body?.parent;
  if (body?.type !== 'ClassBody' || (cls?.type !== 'ClassDeclaration' && cls?.type !== 'ClassExpression')) return true;
  const named = (m: TSESTree.ClassElement) => 'key' in m && !m.computed && m.key.type === 'Identifier' && m.key.name === flag.field;
  if (body.body.some((m) => m.type === 'MethodDefinition' && (m.kind === 'get' || m.kind === 'set') && named(m))) return true;
  if (body.body.some((m) => m.type === 'PropertyDefinition' && !m.static && named(m))) return false;
  const ctor = body.body.find((m) => m.type === 'MethodDefinition' && m.kind === 'constructor');
  if (cls.superClass || !ctor) return true;
  let assigned = false;
  walk(ctor, (n) => {
    if (n.type === 'AssignmentExpression' && memberPath(n.left)?.path === `this.${flag.field}`) assigned = true;
  });
  return !assigned;
}

/** What the methods a call may run do to `this.<field>`, each judged like the loop body (as ThisMethods does). */
function targetsEffect(targets: MethodTarget[], field: string, cursorField: string, methods: ThisMethods): CursorEffect | undefined {
  const effects = targets.map((t) => {
    const fn = t.node;
    if (!fn.body || fn.generator || fn.async || fn.type === 'ArrowFunctionExpression' || !thisUsedOnlyForFields(fn)) return 'bad';
    const ctx: WriteContext = { file: t.file, thisNumbers: [cursorField], methodEffect: (call, f) => methods.effect(t.file, call, f, 1, [cursorField]) };
    const verdict = judgeWith((n) => writeEffect(n, { thisScope: fn, field, direction: 1 }, ctx), fn.body as Node);
    return !verdict.ok ? 'bad' : !verdict.touched ? undefined : verdict.progress ? 'strict' : 'weak';
  });
  if (effects.includes('bad')) return 'bad';
  if (effects.every((e) => e === undefined)) return undefined;
  return effects.every((e) => e === 'strict') ? 'strict' : 'weak';
}

