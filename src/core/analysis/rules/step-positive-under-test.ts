// Whether a counter's step is above 0 on every turn because the loop test holds where it is computed:
// in `while (i < n)`, `n - i` read in the body before anything writes i or n is above 0. For finite
// numbers i < n gives n - i > 0, and i + (n - i) is at least the next number after i (rounding is
// monotonic and that gap is a power of two), so no turn is lost to rounding; an infinite n makes the
// counter infinite and the test false. Moving steps (moving-step.ts: a constant of at least 1, or a
// value checked to be) count too, and so do `Math.min` of such, `Math.max` with one such, and a
// variable whose every write stores such a value where it runs (`addition = length - i` under
// `i < length`; `const n = Math.min(CHUNK, end - pos); …; pos += n`). A step that turns out NaN (a
// string compared and subtracted) makes the counter NaN and the test false, which ends the loop too.
// Assumed, as elsewhere: a variable or `.length` read twice with no write and no call in between gives
// the same number (no getters that change it). `<=` proves nothing: `n - i` may then be 0.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import type { ParsedFile } from '../project/types';
import type { LoopInfo } from '../cfg/loop-exits';
import { contains, isFunctionNode, isLoopNode, memberPath, unwrap, walk, type Node } from '../dataflow/ast';
import { referencesOf } from '../dataflow/references';
import { constantNumber } from '../dataflow/bounds';
import { movesEveryTurn } from './moving-step';

/** What the strict comparison `small < great` (a conjunct of the loop test) guards. */
interface Guard {
  loop: TSESTree.WhileStatement | TSESTree.ForStatement;
  small: Node;
  great: Node;
  file: ParsedFile;
  /** Variables whose writes are being judged (a variable defined from itself proves nothing). */
  judging: Set<Variable>;
}

const MAX_DEPTH = 4;

/** `step` is above 0 (or NaN) on every turn of `loop`, whose test holds `comparison` on entry to the body. */
export function stepPositiveUnderTest(step: Node, loop: LoopInfo, comparison: Node, file: ParsedFile): boolean {
  const node = loop.node;
  // A do-while's first turn runs before its test.
  if ((node.type !== 'WhileStatement' && node.type !== 'ForStatement') || !node.test) return false;
  const c = unwrap(comparison);
  if (c.type !== 'BinaryExpression' || (c.operator !== '<' && c.operator !== '>') || !isConjunct(node.test, c)) return false;
  const [small, great] = c.operator === '<' ? [unwrap(c.left as Node), unwrap(c.right)] : [unwrap(c.right), unwrap(c.left as Node)];
  return positive(step, { loop: node, small, great, file, judging: new Set() }, 0);
}

function isConjunct(test: Node, c: Node): boolean {
  const t = unwrap(test);
  if (t === c) return true;
  return t.type === 'LogicalExpression' && t.operator === '&&' && (isConjunct(t.left, c) || isConjunct(t.right, c));
}

function positive(expr: Node, g: Guard, depth: number): boolean {
  const e = unwrap(expr);
  if (depth > MAX_DEPTH) return false;
  if (movesEveryTurn(e, g.file)) return true;
  if (e.type === 'BinaryExpression') return e.operator === '-' && sameOperand(e.left as Node, g.great, g.file) && sameOperand(e.right, g.small, g.file) && guardHoldsAt(e, g);
  if (e.type === 'CallExpression') {
    const math = mathCall(e, g.file);
    const args = e.arguments as Node[];
    if (!math || args.length === 0 || args.some((a) => a.type === 'SpreadElement')) return false;
    // The least of values above 0 is above 0; the greatest is when one of them is.
    return math === 'min' ? args.every((a) => positive(a, g, depth + 1)) : args.some((a) => positive(a, g, depth + 1));
  }
  if (e.type === 'Identifier') return everyWritePositive(e, g, depth);
  return false;
}

/** `Math.min(…)` / `Math.max(…)` with the global Math. */
function mathCall(call: TSESTree.CallExpression, file: ParsedFile): 'min' | 'max' | undefined {
  const mp = memberPath(unwrap(call.callee));
  if (mp?.path !== 'Math.min' && mp?.path !== 'Math.max') return undefined;
  const variable = referencesOf(file).variableOf(mp.root as TSESTree.Identifier);
  if (variable && variable.defs.length > 0) return undefined;
  return mp.path === 'Math.min' ? 'min' : 'max';
}

/** A local variable (not a parameter) every write of which stores a value above 0 where it runs. */
function everyWritePositive(id: TSESTree.Identifier, g: Guard, depth: number): boolean {
  const variable = referencesOf(g.file).variableOf(id);
  if (!variable || variable.scope.type === 'global' || g.judging.has(variable) || variable.defs.length === 0 || variable.defs.some((d) => d.type !== 'Variable')) return false;
  const writes = variable.references.filter((r) => r.isWrite());
  if (writes.length === 0) return false;
  g.judging.add(variable);
  try {
    return writes.every((r) => {
      const w = r.identifier as Node;
      const p = w.parent;
      if (p?.type === 'VariableDeclarator' && p.id === w && p.init) return positive(p.init, g, depth + 1);
      if (p?.type === 'AssignmentExpression' && p.left === w && p.operator === '=') return positive(p.right, g, depth + 1);
      return false;
    });
  } finally {
    g.judging.delete(variable);
  }
}

/** Both sides name the same number: the same variable, the same variable's `.length`, or the same constant. */
function sameOperand(a: Node, b: Node, file: ParsedFile): boolean {
  const x = unwrap(a);
  const y = unwrap(b);
  if (x.type === 'Identifier' && y.type === 'Identifier') {
    const refs = referencesOf(file);
    const v = refs.variableOf(x);
    return !!v && v === refs.variableOf(y);
  }
  const lx = lengthOf(x);
  const ly = lengthOf(y);
  if (lx && ly) return sameOperand(lx, ly, file);
  const cx = constantNumber(x, file);
  return cx !== undefined && cx === constantNumber(y, file);
}

/** `X` of `X.length`. */
function lengthOf(n: Node): TSESTree.Identifier | undefined {
  if (n.type !== 'MemberExpression' || n.computed || n.property.type !== 'Identifier' || n.property.name !== 'length') return undefined;
  const o = unwrap(n.object);
  return o.type === 'Identifier' ? o : undefined;
}

/**
 * The guard still holds where `e` runs: `e` is in the loop's body (or a `for`'s update), in no nested
 * loop or function, and nothing that can run between the test and `e` writes the comparison's sides.
 * With no back edge but the loop's own, what runs before `e` in a turn is the test and the code before
 * `e` in source order (the whole body, for the update).
 */
function guardHoldsAt(e: Node, g: Guard): boolean {
  const { loop } = g;
  let child: Node = e;
  let p = e.parent;
  for (; p && p !== loop; child = p, p = p.parent) if (isFunctionNode(p) || isLoopNode(p)) return false;
  if (!p) return false;
  const inUpdate = loop.type === 'ForStatement' && child === loop.update;
  if (child !== loop.body && !inUpdate) return false;
  const before = (n: Node) =>
    contains(loop.test!, n) || (contains(loop.body, n) && (inUpdate || n.range[1] <= e.range[0])) || (inUpdate && contains(loop.update!, n) && n.range[1] <= e.range[0]);
  const home = functionOf(loop);
  let callsMatter = false;
  const variables: Variable[] = [];
  for (const side of [g.small, g.great]) {
    if (constantNumber(side, g.file) !== undefined) continue;
    const id = side.type === 'Identifier' ? side : lengthOf(side);
    const variable = id && referencesOf(g.file).variableOf(id);
    if (!variable) return false;
    // A `.length` can change through any call made on the way (`list.pop()`).
    if (id !== side) callsMatter = true;
    variables.push(variable);
  }
  for (const variable of variables) {
    for (const r of variable.references) {
      if (!r.isWrite()) continue;
      const w = r.identifier as Node;
      // A closure may write it from any call; the store of `i += n - i` comes after its right side.
      if (functionOf(w) !== home) return false;
      if (before(w) && !(w.parent?.type === 'AssignmentExpression' && w.parent.left === w && contains(w.parent.right, e))) return false;
    }
  }
  return !callsMatter || !mayChangeObjects(loop, e, before);
}

/** A call, a member write or a `delete` that runs before `e` in a turn. */
function mayChangeObjects(loop: Guard['loop'], e: Node, before: (n: Node) => boolean): boolean {
  let found = false;
  const parts = [loop.test!, loop.body, ...(loop.type === 'ForStatement' && loop.update ? [loop.update] : [])];
  for (const part of parts) {
    walk(
      part,
      (n) => {
        if (found) return false;
        if (!before(n)) return contains(n, e);
        if (n.type === 'CallExpression' || n.type === 'NewExpression' || n.type === 'TaggedTemplateExpression' || n.type === 'AwaitExpression' || n.type === 'YieldExpression') found = true;
        else if ((n.type === 'AssignmentExpression' && n.left.type !== 'Identifier') || (n.type === 'UpdateExpression' && n.argument.type !== 'Identifier')) found = true;
        else if (n.type === 'UnaryExpression' && n.operator === 'delete') found = true;
      },
      false,
    );
  }
  return found;
}

function functionOf(node: Node): Node | undefined {
  for (let n = node.parent; n; n = n.parent) if (isFunctionNode(n)) return n;
  return undefined;
}
