// Whether a loop's test ends the loop on its own because the loop halves the value it tests on every
// turn (`n = Math.floor(n / 2)`, `n >>= 1`, `n >>>= 1`): a finite number reaches 0 after about a
// thousand halvings at most, whatever its data. What must hold of the start value depends on the step
// and the test: Infinity halves to Infinity, and floor(-1 / 2) is -1 again, which a test on `n > 0`
// stops but a truthiness test does not. NaN ends every test taken here but `!== 0`.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunctionNode, isLoopNode, memberPath, unwrap, walk, type Node } from '../dataflow/ast';
import { constantNumber } from '../dataflow/bounds';
import { referencesOf } from '../dataflow/references';
import type { LoopInfo } from '../cfg/loop-exits';
import type { ParsedFile } from '../project/types';
import type { ResolvedSource } from '../dataflow/interprocedural';
import { checkedFor } from './checked-before-loop';
import { sourcesOnEntry } from './entry-sources';

/** How the test stops: `positive` while n > c (c >= 0) or n >= c (c > 0); `truthy` while n; `nonzero` while n !== 0. */
type Stop = 'positive' | 'truthy' | 'nonzero';
type Halving = 'floor' | 'trunc' | 'signed-shift' | 'unsigned-shift';

export function testHalvesToEnd(test: Node, loop: LoopInfo, file: ParsedFile, flowData: (node: Node) => ResolvedSource[]): boolean {
  const refs = referencesOf(file);
  const ends = (node: Node): boolean => {
    const n = unwrap(node);
    if (n.type === 'LogicalExpression' && n.operator === '&&') return ends(n.left) || ends(n.right);
    const tested = stopOf(n, file);
    if (!tested) return false;
    const variable = refs.variableOf(tested.id);
    if (!variable) return false;
    // A closure that writes it may run from the loop and set it back.
    if (variable.references.some((r) => r.isWrite() && functionOf(r.identifier as Node) !== functionOf(loop.node))) return false;
    const writes = variable.references.filter((r) => r.isWrite() && within(loop.node, r.identifier as Node)).map((r) => r.identifier as Node);
    if (writes.length !== 1) return false;
    const halving = halvingOf(writes[0], variable, file);
    if (!halving || !runsEveryTurn(writes[0], loop)) return false;
    const need = needOf(halving, tested.stop);
    if (!need) return false;
    if (need === 'nothing') return true;
    const sources = sourcesOnEntry(tested.id, loop, file, flowData);
    return sources.length > 0 && sources.every((s) => checkedFor(s, 'upper') && (!need.nonNegative || s.bounds!.lo >= 0) && (!need.finiteBelow || s.bounds!.lo > -Infinity) && (!need.int32 || s.bounds!.hi <= 2 ** 31 - 1));
  };
  return ends(test);
}

interface Need {
  nonNegative?: boolean;
  finiteBelow?: boolean;
  int32?: boolean;
}

/** What the start value needs for the halving to reach the test's stop (`upper`: a largest value, always). */
function needOf(halving: Halving, stop: Stop): Need | 'nothing' | undefined {
  // Any start becomes a 32-bit unsigned integer, then reaches 0.
  if (halving === 'unsigned-shift') return 'nothing';
  if (halving === 'signed-shift') return stop === 'positive' ? 'nothing' : { nonNegative: true, int32: true };
  // NaN stays NaN, and NaN !== 0.
  if (stop === 'nonzero') return undefined;
  if (stop === 'positive') return {};
  // Truthiness: floor keeps a negative value negative; trunc brings it to -0.
  return halving === 'floor' ? { nonNegative: true } : { finiteBelow: true };
}

/** The variable a test reads and how the test stops it. */
function stopOf(n: Node, file: ParsedFile): { id: TSESTree.Identifier; stop: Stop } | undefined {
  if (n.type === 'Identifier') return { id: n, stop: 'truthy' };
  if (n.type === 'UnaryExpression' && n.operator === '!' && unwrap(n.argument).type === 'UnaryExpression') {
    const inner = unwrap(n.argument) as TSESTree.UnaryExpression;
    const id = unwrap(inner.argument);
    return inner.operator === '!' && id.type === 'Identifier' ? { id, stop: 'truthy' } : undefined;
  }
  if (n.type !== 'BinaryExpression' || n.left.type === 'PrivateIdentifier') return undefined;
  const left = unwrap(n.left);
  const right = unwrap(n.right);
  const [id, c, op] = left.type === 'Identifier' ? [left, constantNumber(right, file), n.operator] : right.type === 'Identifier' ? [right, constantNumber(left, file), FLIP[n.operator]] : [];
  if (!id || c === undefined || !op) return undefined;
  if ((op === '>' && c >= 0) || (op === '>=' && c > 0)) return { id, stop: 'positive' };
  if ((op === '!==' || op === '!=') && c === 0) return { id, stop: 'nonzero' };
  return undefined;
}

const FLIP: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '!==': '!==', '!=': '!=' };

/** `n = Math.floor(n / c)` / `Math.trunc` (c >= 2), `n >>= k` / `n = n >> k`, `n >>>= k` (k in 1..31). */
function halvingOf(write: Node, variable: ReturnType<ReturnType<typeof referencesOf>['variableOf']>, file: ParsedFile): Halving | undefined {
  const a = write.parent;
  if (a?.type !== 'AssignmentExpression' || a.left !== write) return undefined;
  const isSelf = (x: Node) => {
    const u = unwrap(x);
    return u.type === 'Identifier' && referencesOf(file).variableOf(u) === variable;
  };
  const shiftBy = (k: Node) => {
    const v = constantNumber(k, file);
    return v !== undefined && Number.isInteger(v) && v >= 1 && v <= 31;
  };
  if (a.operator === '>>=' || a.operator === '>>>=') return shiftBy(a.right) ? (a.operator === '>>=' ? 'signed-shift' : 'unsigned-shift') : undefined;
  if (a.operator !== '=') return undefined;
  const r = unwrap(a.right);
  if (r.type === 'BinaryExpression' && (r.operator === '>>' || r.operator === '>>>') && isSelf(r.left) && shiftBy(r.right)) return r.operator === '>>' ? 'signed-shift' : 'unsigned-shift';
  if (r.type !== 'CallExpression' || r.arguments.length !== 1) return undefined;
  const fn = mathName(r.callee, file);
  const arg = unwrap(r.arguments[0] as Node);
  if ((fn !== 'Math.floor' && fn !== 'Math.trunc') || arg.type !== 'BinaryExpression' || arg.operator !== '/' || !isSelf(arg.left as Node)) return undefined;
  const c = constantNumber(arg.right, file);
  return c !== undefined && c >= 2 ? (fn === 'Math.floor' ? 'floor' : 'trunc') : undefined;
}

/** `Math.floor`, or a variable written once with it (`var nativeFloor = Math.floor`). */
function mathName(callee: Node, file: ParsedFile): string | undefined {
  const c = unwrap(callee);
  if (c.type === 'MemberExpression') return memberPath(c)?.path;
  if (c.type !== 'Identifier') return undefined;
  const writes = referencesOf(file).variableOf(c)?.references.filter((r) => r.isWrite()) ?? [];
  const d = writes.length === 1 ? writes[0].identifier.parent : undefined;
  return d?.type === 'VariableDeclarator' && d.init ? memberPath(unwrap(d.init))?.path : undefined;
}

/**
 * The write runs on every turn that goes on: in a `for` update, or as a statement of the loop's own
 * body block with no `continue` of this loop anywhere in the body (a skipped write repeats the turn).
 */
function runsEveryTurn(write: Node, loop: LoopInfo): boolean {
  const l = loop.node;
  if (l.type === 'ForStatement' && l.update && within(l.update, write)) return unwrap(l.update) === write.parent;
  const statement = write.parent?.parent;
  if (l.body.type !== 'BlockStatement' || statement?.type !== 'ExpressionStatement' || statement.parent !== l.body) return false;
  let continues = false;
  walk(l.body, (n) => {
    if (continues || isFunctionNode(n)) return false;
    // A `continue` in an inner loop goes on with that loop, unless it names a label.
    if (n.type === 'ContinueStatement' && (n.label || !insideInnerLoop(n, l))) continues = true;
  });
  return !continues;
}

function insideInnerLoop(n: Node, loop: Node): boolean {
  for (let p = n.parent; p && p !== loop; p = p.parent) if (isLoopNode(p)) return true;
  return false;
}

function functionOf(n: Node): Node | undefined {
  let p = n.parent;
  while (p && !isFunctionNode(p)) p = p.parent;
  return p;
}

const within = (outer: Node, inner: Node) => outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
