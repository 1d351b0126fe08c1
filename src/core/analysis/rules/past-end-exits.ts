// Exits a cursor loop reaches by reading past the end of what it indexes (see
// dataflow/past-end-reads.ts), or by reaching the sentinel the input ends with (dataflow/sentinel.ts),
// for rules/cursor-ends-loop.ts, which proves the cursor's moves and that the objects stay as they are.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import { contains, isFunctionNode, memberPath, unwrap, walk, type Node } from '../dataflow/ast';
import { referencesOf } from '../dataflow/references';
import { insideLoopIteration } from '../cfg/loop-exits';
import { everyTurnProgresses, type CursorSpec } from '../dataflow/cursor-paths';
import { isCursor, type CursorTarget } from '../dataflow/cursor-writes';
import { insideNestedFunction } from '../dataflow/cursor-helpers';
import { elementRead, truthPastEnd, type ElementRead } from '../dataflow/past-end-reads';
import { sentinelOf } from '../dataflow/sentinel';
import type { LoopContext } from './types';

/** An exit past the end: the cursor, what it indexes, the variables that must be read again every turn. */
export interface PastEndExit {
  cursor: Node;
  indexed: Node;
  alsoIndexed: Node[];
  rereadEveryTurn: Variable[];
  /** Reached at the sentinel, not past the end: every move must be one step. */
  sentinel?: boolean;
}

/**
 * Exits found by reading past the end: with every element the condition reads at one cursor (directly,
 * or through a variable that holds such a read) taken past the end of what it indexes (NaN for
 * `charCodeAt`, undefined for `X[c]`), the condition says stop. The cursor's moves and the objects
 * staying as they are are proved like an element test's.
 */
export function pastEndExits(condition: Node, goesOn: boolean, context: LoopContext): PastEndExit[] {
  const { file } = context;
  const reads = new Map<Node, ElementRead>();
  const held = new Map<Variable, ElementRead>();
  const reread: Variable[] = [];
  const refs = referencesOf(file);
  walk(
    condition,
    (n) => {
      const read = elementRead(n);
      if (read) {
        reads.set(unwrap(n), read);
        return false;
      }
      if (n.type === 'Identifier') {
        const v = refs.variableOf(n);
        if (!v || held.has(v)) return;
        // A variable the loop also sets otherwise stays unknown (the evaluation only uses what it knows).
        const h = heldRead(v, context);
        if (h && h !== 'mixed') {
          held.set(v, h.read);
          if (!h.declaredInLoop) reread.push(v);
        }
      }
    },
    false,
  );
  const all = [...reads.values(), ...held.values()];
  if (all.length === 0) return [];
  const cursor = all[0].cursor;
  if (!all.every((r) => sameExpression(unwrap(r.cursor), unwrap(cursor), file))) return [];
  const bound = (n: Node) => {
    const r = reads.get(n);
    if (r) return { value: r.pastEnd };
    if (n.type !== 'Identifier') return undefined;
    const v = refs.variableOf(n);
    const h = v && held.get(v);
    return h ? { value: h.pastEnd } : undefined;
  };
  const resolve = (f: typeof file, call: TSESTree.CallExpression) => context.code.calleesOf(f, call).map((c) => ({ node: c.info.node as Node, file: c.file }));
  const objects: Node[] = [];
  for (const r of all) if (!objects.some((o) => sameExpression(unwrap(o), unwrap(r.object), file))) objects.push(r.object);
  const exit: PastEndExit = { cursor, indexed: objects[0], alsoIndexed: objects.slice(1), rereadEveryTurn: reread };
  if (truthPastEnd(condition, bound, file, resolve) === !goesOn) return [exit];
  // Or at the sentinel the one input ends with: `ch !== 0` once `state.input += '\0'`.
  const sentinel = objects.length === 1 ? sentinelOf(objects[0], context.loop.node, file) : undefined;
  if (sentinel === undefined) return [];
  const atSentinel = (n: Node) => {
    const b = bound(n);
    return b && { value: typeof b.value === 'number' ? sentinel.charCodeAt(0) : sentinel };
  };
  return truthPastEnd(condition, atSentinel, file, resolve) === !goesOn ? [{ ...exit, sentinel: true }] : [];
}

/**
 * A variable every write of which in the loop is a read at a cursor (`ch = s.charCodeAt(++pos)`,
 * `const x = a.parts[i]`), all at the same cursor; 'mixed' when the loop also writes it otherwise.
 */
function heldRead(variable: Variable, context: LoopContext): { read: ElementRead; declaredInLoop: boolean } | 'mixed' | undefined {
  const { loop, file } = context;
  const scope = context.fn?.node ?? file.ast;
  let read: ElementRead | undefined;
  for (const ref of variable.references) {
    if (!ref.isWrite()) continue;
    const id = ref.identifier as Node;
    if (insideNestedFunction(id, scope)) return 'mixed';
    if (!insideLoopIteration(loop.node, id)) continue;
    const p = id.parent;
    const value = p?.type === 'AssignmentExpression' && p.operator === '=' && p.left === id ? p.right : p?.type === 'VariableDeclarator' && p.id === id ? p.init : undefined;
    const r = value ? elementRead(value) : undefined;
    if (!r || (read && (!sameExpression(unwrap(r.cursor), unwrap(read.cursor), file) || !sameExpression(unwrap(r.object), unwrap(read.object), file)))) return 'mixed';
    read = r;
  }
  if (!read) return undefined;
  // `const x = a[i]` / `let x = …` in the loop: a fresh binding read on every turn that reaches a use of it
  // (a `var`, or one declared without the read, keeps an older value and must be read again every turn).
  const def = variable.defs[0]?.node as Node | undefined;
  const fresh = def?.type === 'VariableDeclarator' && !!def.init && def.parent?.type === 'VariableDeclaration' && def.parent.kind !== 'var' && contains(loop.node, def);
  return { read, declaredInLoop: fresh };
}

/** A variable declared before the loop and assigned a read on every path that goes round. */
export function rereadEveryTurn(variable: Variable, context: LoopContext): boolean {
  const { loop } = context;
  const refs = referencesOf(context.file);
  const spec: CursorSpec = {
    effectOf: (n) => (n.type === 'AssignmentExpression' && unwrap(n.left).type === 'Identifier' && refs.variableOf(unwrap(n.left) as TSESTree.Identifier) === variable ? 'strict' : undefined),
    endWhen: () => false,
  };
  const update = loop.node.type === 'ForStatement' ? loop.node.update : undefined;
  return everyTurnProgresses(loop.node.body, spec, loop.labels, loop.test, update).progress;
}

/** The same literal, or the same member path of the same variable (or of `this`). */
export function sameExpression(a: Node, b: Node, file: LoopContext['file']): boolean {
  if (a.type === 'Literal' && b.type === 'Literal') return a.value === b.value;
  const refs = referencesOf(file);
  const pa = memberPath(a);
  const pb = memberPath(b);
  if (!pa || !pb || pa.path !== pb.path || pa.path.includes('[]')) return false;
  if (pa.root.type === 'Identifier' && pb.root.type === 'Identifier') return refs.variableOf(pa.root) === refs.variableOf(pb.root);
  return pa.root.type === pb.root.type;
}

/** A move that cannot step over a sentinel: a unit step of the cursor, or a call of helpers that only throw. */
export function movesOneStep(node: Node, target: CursorTarget, context: LoopContext): boolean {
  return unitStep(node, target, context.file) || callThatThrows(node, context);
}

/** A call of helpers that only throw (`throwError(state, 'bad tag')`): it moves nothing on a path that goes on. */
function callThatThrows(node: Node, context: LoopContext): boolean {
  if (node.type !== 'CallExpression') return false;
  const targets = context.code.calleesOf(context.file, node);
  return targets.length > 0 && targets.every(({ info }) => {
    const fn = info.node as Node;
    if (!isFunctionNode(fn) || fn.body.type !== 'BlockStatement' || fn.async || fn.generator) return false;
    const last = fn.body.body[fn.body.body.length - 1];
    let returns = false;
    walk(fn.body, (n) => {
      if (n.type === 'ReturnStatement') returns = true;
    }, false);
    return last?.type === 'ThrowStatement' && !returns;
  });
}

/** `c++`, `++c`, `c += 1`, `c = c + 1`: a move that cannot step over the sentinel. */
function unitStep(node: Node, target: CursorTarget, file: LoopContext['file']): boolean {
  if (node.type === 'UpdateExpression') return node.operator === '++' && isCursor(node.argument, target, file);
  if (node.type !== 'AssignmentExpression' || !isCursor(node.left, target, file)) return false;
  const one = (n: Node) => n.type === 'Literal' && n.value === 1;
  if (node.operator === '+=') return one(unwrap(node.right));
  const right = unwrap(node.right);
  return node.operator === '=' && right.type === 'BinaryExpression' && right.operator === '+' && isCursor(right.left as Node, target, file) && one(unwrap(right.right as Node));
}
