// Whether one conjunct of a `for` test counts the loop to its end: `i < n && more()` with i stepped
// towards n by a moving step in the update (which runs on every turn that goes on), from a start with
// a smallest value (largest, counting down), and n a bound the loop cannot change that is finite or
// the size of some data. The loop then ends whatever the other conjuncts and the body's exits read.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { unwrap, type Node } from '../dataflow/ast';
import { boundsOf, boundsOnEntry, finiteOrSized } from '../dataflow/bounds';
import { referencesOf } from '../dataflow/references';
import type { LoopContext } from './types';
import { checkedFor } from './checked-before-loop';
import { invariantSourcesOnEntry } from './entry-sources';
import { movesEveryTurn } from './moving-step';

export function conjunctCountsToEnd(context: LoopContext): boolean {
  const l = context.loop.node;
  if (l.type !== 'ForStatement' || !l.test || !l.update) return false;
  const update = l.update;
  const refs = referencesOf(context.file);
  const counts = (node: Node): boolean => {
    const n = unwrap(node);
    if (n.type === 'LogicalExpression' && n.operator === '&&') return counts(n.left) || counts(n.right);
    if (n.type !== 'BinaryExpression' || n.left.type === 'PrivateIdentifier' || !['<', '<=', '>', '>='].includes(n.operator)) return false;
    const left = unwrap(n.left);
    const right = unwrap(n.right);
    const counter = left.type === 'Identifier' ? left : right.type === 'Identifier' ? right : undefined;
    if (!counter) return false;
    const bound = counter === left ? right : left;
    const upward = (n.operator === '<' || n.operator === '<=') === (counter === left);
    const variable = refs.variableOf(counter);
    if (!variable) return false;
    const writes = variable.references.filter((r) => r.isWrite() && within(l, r.identifier as Node) && !(l.init && within(l.init, r.identifier as Node)));
    if (writes.length !== 1 || !within(update, writes[0].identifier as Node) || !stepsTowards(writes[0].identifier as Node, update, upward, context)) return false;
    if (context.canChange(bound)) return false;
    // The start: a smallest value counting up (the bound's other side), a largest counting down.
    const start = boundsOnEntry(context.file, l, counter);
    if (upward ? start.lo === -Infinity : start.hi === Infinity) return false;
    // The bound: flow data checked well enough, and finite (or a size) when no flow data reaches it.
    const bounds = boundsOf(context.file, bound);
    const sources = invariantSourcesOnEntry(bound, context.loop, context.file, context.flowData);
    if (sources.length === 0) return upward ? finiteOrSized(bounds) : bounds.lo > -Infinity;
    return sources.every((s) => checkedFor(s, upward ? 'upper' : 'lower'));
  };
  return counts(l.test);
}

/** `i++`, `i += step`, `i = i + step` (or the downward mirror), a whole expression of the update. */
function stepsTowards(write: Node, update: Node, upward: boolean, context: LoopContext): boolean {
  const p = write.parent;
  if (!p) return false;
  const u = unwrap(update);
  const whole = u === p || (u.type === 'SequenceExpression' && u.expressions.some((e) => unwrap(e) === p));
  if (!whole) return false;
  if (p.type === 'UpdateExpression') return (p.operator === '++') === upward;
  if (p.type !== 'AssignmentExpression') return false;
  if (p.operator === '+=' || p.operator === '-=') return (p.operator === '+=') === upward && movesEveryTurn(p.right, context.file);
  const r = unwrap(p.right);
  if (p.operator !== '=' || r.type !== 'BinaryExpression' || r.operator !== (upward ? '+' : '-')) return false;
  const self = (x: Node) => unwrap(x).type === 'Identifier' && (unwrap(x) as TSESTree.Identifier).name === (write as TSESTree.Identifier).name;
  if (self(r.left as Node)) return movesEveryTurn(r.right, context.file);
  return upward && self(r.right) && movesEveryTurn(r.left as Node, context.file);
}

/** The parts of an `a && b && …` test (the test itself otherwise). */

const within = (outer: Node, inner: Node) => outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
