// Whether a parser loop ends because its cursor moves every turn: `position.position++`, `pos += 2`,
// or a helper handed the cursor object that advances it on every path, on every path through the
// body that goes round again, and never moves it back. The exit it moves towards is the loop test or
// a check on every such path: `c < B` (B a constant or the length of an object nothing in the loop
// changes, and not a length a client could forge), or `X[c + k] === K` (past either end of X the
// element is undefined, so the test fails).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import { contains, isFunctionNode, memberPath, someNode, unwrap, walk, conjunctsOf, type Node } from '../dataflow/ast';
import { referencesOf } from '../dataflow/references';
import { insideLoopIteration } from '../cfg/loop-exits';
import { everyTurnProgresses, type CursorSpec } from '../dataflow/cursor-paths';
import { isCursor, nonEmptyText, searchTest, writeEffect, type CursorTarget } from '../dataflow/cursor-writes';
import { cursorHelpersFor, type CursorHelpers, holderUsedOnlyForFields, insideNestedFunction, memberOnlyRead } from '../dataflow/cursor-helpers';
import { elementRead } from '../dataflow/past-end-reads';
import { movesOneStep, pastEndExits, rereadEveryTurn, sameExpression, type PastEndExit } from './past-end-exits';
import { thisFunctionOf, thisUsedOnlyForFields } from '../dataflow/this-cursor';
import { checkedFor } from './checked-before-loop';
import type { LoopContext } from './types';
import type { ResolvedSource } from '../dataflow/interprocedural';
import type { ParsedFile } from '../project/types';
import { thisMethodsFor } from '../dataflow/this-methods';
import { returnFloorsFor } from '../dataflow/return-floors';
import { shrinksEveryTurn } from './shrinks-every-turn';
import { unitStepsReachTarget } from './unit-steps-to-target';

/** An exit the cursor runs to: `c < bound` (or `<=`) going on while true, or an element test `X[c + k] === K`. */
interface Exit {
  cursor: Node;
  direction: 1 | -1;
  /** The comparison's other side; undefined for an element test. */
  bound?: Node;
  /** `c <= B` goes on at B: reaching B is not the end. */
  inclusive: boolean;
  /** The loop goes on only while the comparison holds (`while (c < B)`), so a NaN bound ends it; not so for `if (c >= B) break`. */
  nanEnds?: boolean;
  /** The object an element test indexes. */
  indexed?: Node;
  /** More objects read at the same cursor (`a.parts[i] === undefined && b.parts[i] === undefined`). */
  alsoIndexed?: Node[];
  /** Variables that hold a read at the cursor and are declared before the loop: read again every turn. */
  rereadEveryTurn?: Variable[];
  /** The exit is the sentinel the input ends with (`state.input += '\0'`): every move must be one step, or it could jump over it. */
  sentinel?: boolean;
  /** A check in the body (`if (c >= B) break`) rather than the loop test, with the branch that goes on. */
  check?: { node: Node; goesOnWhen: boolean };
}

export function cursorEndsLoop(context: LoopContext): boolean {
  const { loop } = context;
  if (loop.kind === 'for-of' || loop.kind === 'for-in' || loop.kind === 'for-await') return false;
  if (shrinksEveryTurn(context, helpersOf(context)) || unitStepsReachTarget(context)) return true;
  const exits: Exit[] = [];
  if (loop.test && !loop.constantTest) for (const c of conjunctsOf(loop.test)) exits.push(...exitsOf(c, true));
  if (loop.test && !loop.constantTest) exits.push(...pastEndExits(loop.test, true, context).map(pastEndExit));
  // `while ((i = s.indexOf('x', c)) !== -1)`: from past the end of what it searches, the search finds nothing.
  const search = loop.node.type === 'WhileStatement' ? searchTest(loop.test) : undefined;
  if (search && searchedValueNotEmpty(search.value, context.file)) exits.push({ cursor: search.from, direction: 1, inclusive: false, indexed: search.object });
  // A check whose branch leaves the loop, made on the way through the body (the walk confirms every turn passes it).
  for (const exit of loop.exits) {
    if (exit.kind === 'test' || exit.onError || exit.guards.length !== 1) continue;
    const guard = exit.guards[0];
    const ifs = guard.parent;
    if (ifs?.type !== 'IfStatement' || ifs.test !== guard || !leavesAlways(ifs.consequent, exit.node)) continue;
    for (const e of [...exitsOf(guard, false), ...pastEndExits(guard, false, context).map(pastEndExit)]) exits.push({ ...e, check: { node: guard, goesOnWhen: false } });
  }
  return exits.some((exit) => ([1, -1] as const).some((direction) => (exit.bound && direction !== exit.direction ? false : provesEnd(context, { ...exit, direction }))));
}


/** A past-end exit as the cursor walk proves it: upwards, not inclusive. */
function pastEndExit(e: PastEndExit): Exit {
  return { ...e, direction: 1, inclusive: false };
}

/** The exits one condition gives, read as "goes on while `goesOn`". */
function exitsOf(condition: Node, goesOn: boolean): Exit[] {
  const n = unwrap(condition);
  if (n.type === 'UnaryExpression' && n.operator === '!') return exitsOf(n.argument, !goesOn);
  // Goes on only when both sides do: `a && b` true, `a || b` false.
  if (n.type === 'LogicalExpression' && n.operator === (goesOn ? '&&' : '||')) return [...exitsOf(n.left, goesOn), ...exitsOf(n.right, goesOn)];
  if (n.type !== 'BinaryExpression' || n.left.type === 'PrivateIdentifier') return [];
  const left = unwrap(n.left);
  const right = unwrap(n.right);
  const op = goesOn ? n.operator : NEGATED[n.operator];
  if (!op) return [];
  // Normalized to `small < great` (or `<=`) going on.
  if (op === '<' || op === '<=' || op === '>' || op === '>=') {
    // `--i >= 0`, `i++ < n`: the cursor is the updated variable (the test's own move is walked with the turn).
    const moved = (x: Node) => (x.type === 'UpdateExpression' ? unwrap(x.argument) : x);
    const [small, great] = (op === '<' || op === '<=' ? [left, right] : [right, left]).map(moved);
    const inclusive = op === '<=' || op === '>=';
    // Going on while the comparison itself holds: a NaN bound makes it false, which ends the loop.
    const nanEnds = goesOn;
    return [
      { cursor: small, direction: 1, bound: great, inclusive, nanEnds },
      { cursor: great, direction: -1, bound: small, inclusive, nanEnds },
    ];
  }
  // `X[c + k] === K` going on: past the ends of X the element is undefined.
  if (op === '===' || op === '==') {
    const out: Exit[] = [];
    for (const [element, other] of [[left, right], [right, left]]) {
      if (!isDefinedLiteral(other)) continue;
      const index = elementRead(element);
      if (index) out.push({ cursor: index.cursor, direction: 1, inclusive: false, indexed: index.object });
    }
    return out;
  }
  return [];
}

const NEGATED: Record<string, string | undefined> = { '<': '>=', '<=': '>', '>': '<=', '>=': '<', '!==': '===', '!=': '==' };

function isDefinedLiteral(node: Node): boolean {
  return node.type === 'Literal' && (typeof node.value === 'string' || (typeof node.value === 'number' && !Number.isNaN(node.value)));
}

/** The branch always leaves through this exit (a `break`/`return`/`throw` at its end, nothing that goes round first). */
function leavesAlways(branch: Node, exit: Node): boolean {
  if (branch === exit) return true;
  if (branch.type !== 'BlockStatement') return false;
  const last = branch.body[branch.body.length - 1];
  return last === exit && !branch.body.some((s) => s !== exit && hasOtherWayOut(s));
}

/** A `continue`, `break`, `return` or `throw` in a statement: the branch could go round or leave before the exit. */
function hasOtherWayOut(node: Node): boolean {
  return someNode(node, (n) => n.type === 'ContinueStatement' || n.type === 'BreakStatement' || n.type === 'ReturnStatement' || n.type === 'ThrowStatement', false);
}

function provesEnd(context: LoopContext, exit: Exit): boolean {
  const { loop, file } = context;
  const target = cursorTarget(exit.cursor, exit.direction, context);
  if (!target) return false;
  if (exit.bound && !boundStays(exit.bound, context, target, !!exit.nanEnds)) return false;
  if (exit.indexed && !objectStays(exit.indexed, context)) return false;
  if (exit.alsoIndexed?.some((o) => !objectStays(o, context))) return false;
  if (exit.rereadEveryTurn?.some((v) => !rereadEveryTurn(v, context))) return false;
  const refs = referencesOf(file);
  const boundObject = exit.bound && lengthObject(exit.bound);
  const boundVariable = boundObject ? refs.variableOf(boundObject) : undefined;
  const sameBound = (n: Node) => !!exit.bound && sameExpression(unwrap(n), unwrap(exit.bound), file);
  const spec: CursorSpec = {
    effectOf: (n) =>
      writeEffect(n, target, {
        file,
        // Set to the bound: at the end (only where reaching it ends the loop).
        isBound: exit.bound && !exit.inclusive && exit.direction === 1 ? sameBound : undefined,
        isPastBound: exit.bound ? (n) => pastConstantBound(n, exit) : undefined,
        helperEffect: (call, index, field, toBound) => {
          const at = boundVariable && toBound ? call.arguments.findIndex((a) => unwrap(a).type === 'Identifier' && refs.variableOf(unwrap(a) as TSESTree.Identifier) === boundVariable) : -1;
          return helpersOf(context).callEffect(file, call, index, field, at >= 0 ? at : undefined);
        },
        methodEffect: target.thisScope ? (call, field) => thisMethodsFor(context.code).effect(file, call, field, target.direction, [target.field]) : undefined,
        thisNumbers: [target.field],
        returnFloor: (call, index, property) => returnFloorsFor(context.code).callFloor(file, call, index, property),
      }),
    endWhen: (test, truth) => !!exit.bound && atEnd(test, truth, exit, target, context),
    check: exit.check,
    flagOf: (id) => loopFlag(id, context),
  };
  let jumps = false;
  if (exit.sentinel) {
    if (exit.direction !== 1) return false;
    const effectOf = spec.effectOf;
    spec.effectOf = (n) => {
      const e = effectOf(n);
      if (e !== undefined && !movesOneStep(n, target, context)) jumps = true;
      return e;
    };
  }
  const body = loop.node.body;
  const update = loop.node.type === 'ForStatement' ? loop.node.update : undefined;
  return everyTurnProgresses(body, spec, loop.labels, loop.test, update).progress && !jumps;
}

/** A non-empty string or a number: `s.indexOf('', c)` finds the empty string at the end, never -1. */
function searchedValueNotEmpty(value: Node, file: ParsedFile): boolean {
  return (value.type === 'Literal' && typeof value.value === 'number') || nonEmptyText(value, file);
}

/** A `let`/`const` declared in the loop (fresh every turn) that no nested function writes: a flag the walk can follow. */
function loopFlag(id: Node, context: LoopContext): Variable | undefined {
  if (id.type !== 'Identifier') return undefined;
  const variable = referencesOf(context.file).variableOf(id);
  const def = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || def?.type !== 'Variable' || (def.parent as TSESTree.VariableDeclaration).kind === 'var') return undefined;
  if (!contains(context.loop.node, def.node as Node)) return undefined;
  const scope = context.fn?.node ?? context.file.ast;
  return variable.references.some((r) => r.isWrite() && insideNestedFunction(r.identifier as Node, scope)) ? undefined : variable;
}

/** A number the test stops at when the bound is a number too: `i = -2` under `--i >= 0` (or `i-- >= 0`), `i = 10` under `i < 10`. */
function pastConstantBound(node: Node, exit: Exit): boolean {
  const number = (n: Node): number | undefined => {
    const x = unwrap(n);
    if (x.type === 'Literal' && typeof x.value === 'number') return x.value;
    if (x.type === 'UnaryExpression' && x.operator === '-' && unwrap(x.argument).type === 'Literal') {
      const v = (unwrap(x.argument) as TSESTree.Literal).value;
      return typeof v === 'number' ? -v : undefined;
    }
    return undefined;
  };
  const value = number(node);
  const bound = exit.bound && number(exit.bound);
  if (value === undefined || bound === undefined) return false;
  // Going on while `c < B` (or `c <= B`) upwards, `c > B` (`c >= B`) downwards; the next step moves further past.
  if (exit.direction === 1) return exit.inclusive ? value > bound : value >= bound;
  return exit.inclusive ? value < bound : value <= bound;
}

/** The cursor a comparison side names: a variable no closure writes, or a field of an object used only for its fields. */
function cursorTarget(node: Node, direction: 1 | -1, context: LoopContext): CursorTarget | undefined {
  const refs = referencesOf(context.file);
  const scope = context.fn?.node ?? context.file.ast;
  if (node.type === 'Identifier') {
    const variable = refs.variableOf(node);
    if (!variable || variable.references.some((r) => r.isWrite() && insideNestedFunction(r.identifier as Node, scope))) return undefined;
    // Written in the loop only by `=`, `+=`, `++` (the walk judges those), not destructured into.
    const judged = (id: Node) => (id.parent?.type === 'UpdateExpression' && id.parent.argument === id) || (id.parent?.type === 'AssignmentExpression' && id.parent.left === id);
    if (variable.references.some((r) => r.isWrite() && !r.init && insideLoopIteration(context.loop.node, r.identifier as Node) && !judged(r.identifier as Node))) return undefined;
    return { variable, field: '', direction };
  }
  const mp = node.type === 'MemberExpression' ? memberPath(node) : undefined;
  if (mp?.root.type === 'ThisExpression') {
    // `this.pos`: the loop's own function holds it, and uses its `this` only for fields.
    const holder = thisFunctionOf(mp.root);
    if (!holder || holder !== context.fn?.node || mp.path.includes('[]') || !thisUsedOnlyForFields(holder)) return undefined;
    return { thisScope: holder, field: mp.path.slice('this.'.length), direction };
  }
  if (!mp || mp.root.type !== 'Identifier' || mp.path.includes('[]')) return undefined;
  const variable = refs.variableOf(mp.root);
  if (!variable || !holderUsedOnlyForFields(variable, scope)) return undefined;
  return { variable, field: mp.path.slice(mp.root.name.length + 1), direction };
}

/** `c >= B` (or `c > B`) holds on the branch where the test has this truth value. */
function atEnd(test: Node, truth: boolean, exit: Exit, target: CursorTarget, context: LoopContext): boolean {
  const t = unwrap(test);
  if (t.type !== 'BinaryExpression' || t.left.type === 'PrivateIdentifier') return false;
  const op = truth ? t.operator : NEGATED[t.operator];
  const left = unwrap(t.left);
  const right = unwrap(t.right);
  const { file } = context;
  const pastBy = (c: Node, b: Node, strictOp: string, weakOp: string) =>
    isCursor(c, target, file) && sameExpression(b, unwrap(exit.bound!), file) && (op === strictOp || (!exit.inclusive && op === weakOp));
  // Up: c >= B (c > B when the loop goes on at B); down: c <= B.
  if (exit.direction === 1) return pastBy(left, right, '>', '>=') || pastBy(right, left, '<', '<=');
  return pastBy(left, right, '<', '<=') || pastBy(right, left, '>', '>=');
}

function lengthObject(bound: Node): TSESTree.Identifier | undefined {
  const b = unwrap(bound);
  if (b.type !== 'MemberExpression' || b.computed || b.property.type !== 'Identifier' || b.property.name !== 'length') return undefined;
  const o = unwrap(b.object);
  return o.type === 'Identifier' ? o : undefined;
}

/** A bound that stays what it was while the loop runs and that data cannot make huge. */
function boundStays(bound: Node, context: LoopContext, cursor: CursorTarget, nanEnds: boolean): boolean {
  const b = unwrap(bound);
  if (b.type === 'Literal') return typeof b.value === 'number';
  const field = thisLengthField(b, context);
  if (field !== undefined) {
    if (context.flowData(b).some((s) => s.kind === 'request' && !finiteBound(s))) return false;
    return thisFieldStays(field, context, cursor.thisScope ? [cursor.field] : []);
  }
  const object = lengthObject(b);
  if (object) {
    // The length of an object the loop leaves alone: a library caller's real array or string has a
    // finite one; a client can send {"length": 1e12}, so request data's must have been checked.
    if (context.flowData(b).some((s) => s.kind === 'request' && !finiteBound(s))) return false;
    return objectStays(object, context);
  }
  // Any other bound must be a number the cursor reaches. A client can send 1e400 (Infinity once parsed),
  // so request data must have been checked. A library caller's number is the caller's choice of work
  // (as for `for` bounds) where the loop goes on only while `c < B` holds, since NaN ends that; an exit
  // check (`if (c >= B) break`) never fires on NaN (a missing argument), so there it must be checked too.
  if (b.type !== 'Identifier' || context.flowData(b).some((s) => (s.kind === 'request' || !nanEnds) && !finiteBound(s))) return false;
  const variable = referencesOf(context.file).variableOf(b);
  return !!variable && !writtenDuringLoop(variable, context);
}

/** Checked from above, or the length of a real string or array (`String(q).length`), which counts what the value holds. */
function finiteBound(source: ResolvedSource): boolean {
  return checkedFor(source, 'upper') || (!!source.bounds?.real && !!source.bounds.sized);
}

/** `X` when the bound is `this.X.length` in the loop's own function, which uses `this` only for fields. */
function thisLengthField(bound: Node, context: LoopContext): string | undefined {
  if (bound.type !== 'MemberExpression' || bound.computed || bound.property.type !== 'Identifier' || bound.property.name !== 'length') return undefined;
  const mp = memberPath(unwrap(bound.object));
  if (mp?.root.type !== 'ThisExpression' || mp.path.includes('[]') || mp.path === 'this') return undefined;
  const holder = thisFunctionOf(mp.root);
  return holder && holder === context.fn?.node && thisUsedOnlyForFields(holder) ? mp.path.slice('this.'.length) : undefined;
}

/** Nothing in the loop (the methods of `this` it calls included) writes `this.X` or changes it through a method. */
function thisFieldStays(field: string, context: LoopContext, numbers: readonly string[]): boolean {
  const { file, loop } = context;
  const holder = context.fn!.node as Node;
  const target: CursorTarget = { thisScope: holder, field, direction: 1 };
  const ctx = { file, thisNumbers: numbers, methodEffect: (call: TSESTree.CallExpression | TSESTree.NewExpression, f: string) => thisMethodsFor(context.code).effect(file, call, f, 1, numbers) };
  let stays = true;
  walk(loop.node, (n) => {
    if (!stays) return false;
    if (n !== loop.node && isFunctionNode(n) && n.type !== 'ArrowFunctionExpression') return false;
    if ((n.type === 'AssignmentExpression' || n.type === 'UpdateExpression' || n.type === 'CallExpression' || n.type === 'NewExpression') && writeEffect(n, target, ctx) !== undefined) stays = false;
  });
  return stays;
}

/** An object (a variable) the loop neither reassigns nor changes: only read, or handed to helpers that only read it. */
function objectStays(node: Node, context: LoopContext): boolean {
  if (node.type === 'MemberExpression') return memberObjectStays(node, context);
  if (node.type !== 'Identifier') return false;
  const variable = referencesOf(context.file).variableOf(node);
  if (!variable || writtenDuringLoop(variable, context)) return false;
  const scope = context.fn?.node ?? context.file.ast;
  const loopNode = context.loop.node;
  return helpersOf(context).onlyRead(variable, context.file, (ref) => insideLoopIteration(loopNode, ref) || insideNestedFunction(ref, scope));
}

/**
 * `holder.field` (`state.input`, `this.src`, `a.parts`): nothing in the loop assigns or mutates the field
 * or rebinds the holder, and the helpers the holder is handed to keep the field too.
 */
function memberObjectStays(node: TSESTree.MemberExpression, context: LoopContext): boolean {
  const mp = memberPath(node);
  if (!mp || mp.path.includes('[]') || mp.path.split('.').length !== 2) return false;
  const field = mp.path.split('.')[1];
  const scope = context.fn?.node ?? context.file.ast;
  const loopNode = context.loop.node;
  const counts = (ref: Node) => insideLoopIteration(loopNode, ref) || insideNestedFunction(ref, scope);
  if (mp.root.type === 'ThisExpression') {
    const holder = thisFunctionOf(mp.root);
    if (!holder || holder !== context.fn?.node || !thisUsedOnlyForFields(holder) || !thisFieldStays(field, context, [])) return false;
    // Every `this.field` in the loop only read (no `this.items.push(x)`).
    let readOnly = true;
    walk(loopNode, (n) => {
      if (!readOnly) return false;
      if (n !== loopNode && isFunctionNode(n) && n.type !== 'ArrowFunctionExpression') return false;
      if (n.type === 'MemberExpression' && unwrap(n.object).type === 'ThisExpression' && !n.computed && n.property.type === 'Identifier' && n.property.name === field && !memberOnlyRead(n)) readOnly = false;
    });
    return readOnly;
  }
  const variable = referencesOf(context.file).variableOf(mp.root);
  if (!variable || writtenDuringLoop(variable, context)) return false;
  return helpersOf(context).fieldOnlyRead(variable, field, context.file, counts);
}

function writtenDuringLoop(variable: Variable, context: LoopContext): boolean {
  const scope = context.fn?.node ?? context.file.ast;
  return variable.references.some((r) => r.isWrite() && (insideLoopIteration(context.loop.node, r.identifier as Node) || insideNestedFunction(r.identifier as Node, scope)) && !(r.init && !contains(context.loop.node, r.identifier as Node)));
}


/** One set of helper summaries per file check (the code index is made once per check and records what is read). */
function helpersOf(context: LoopContext): CursorHelpers {
  return cursorHelpersFor(context.code);
}

