// Whether flow data that reaches a loop's exit was checked before the loop well enough that the
// value cannot keep the loop going: the fix the exit rules' help asks for ("validate the data before
// looping"), so such a loop is not reported. What is enough depends on how the exit uses the value.
import { childrenOf, contains, isFunctionNode, unwrap, type Node } from '../dataflow/ast';
import type { LoopExit } from '../cfg/loop-exits';
import type { ResolvedSource } from '../dataflow/interprocedural';
import { isMovingStep } from './moving-step';

/**
 * - `upper`: the value on the greater side of the exit's comparison (`i < n`, `left > 0` with left
 *   from n) keeps the loop going while it is large: it needs a largest value;
 * - `lower`: on the smaller side (`x > n`) it needs a smallest value;
 * - `integer-range`: an equality exit (`left !== 0`) can be stepped over: an integer in a closed range;
 * - `positive`: a step needs to be above 0 (and bounded);
 * - `count-down`: a counter stepped in a truthiness test (`while (k--)`) reaches 0 only from a start
 *   on the right side of it, which the flow's facts do not tell (they miss `k -= 1` before the loop):
 *   counting-test.ts decides from the start, so here it is never enough.
 */
export type Need = 'upper' | 'lower' | 'integer-range' | 'positive' | 'count-down';

export function checkedFor(source: ResolvedSource, need: Need): boolean {
  const b = source.bounds;
  if (!b) return false;
  // A library's caller passes real arrays and strings, so a size of its data is finite: a loop
  // counting up to it runs once per element; so is a size of data built from constants per call site.
  // A client can send {"length": 1e12}, so request data's is not.
  const hiKnown = b.hi < Infinity || (!!b.sized && source.kind !== 'request');
  switch (need) {
    case 'upper':
      return hiKnown;
    case 'lower':
      return b.lo > -Infinity;
    case 'integer-range':
      return b.int && b.lo > -Infinity && hiKnown;
    case 'positive':
      return isMovingStep(b) && b.hi < Infinity;
    case 'count-down':
      return false;
  }
}

/** The sources not checked before the loop well enough for this need. */
export function uncheckedSources(sources: ResolvedSource[], need: Need): ResolvedSource[] {
  return sources.filter((s) => !checkedFor(s, need));
}

const EQUALITY = new Set(['===', '!==', '==', '!=']);

/** +1: the loop goes on while the expression is true; -1: while it is false; 0: not known. */
export type Polarity = 1 | -1 | 0;

/** How an exit condition decides: the loop test goes on while true; an `if` guard, by the branch the exit is in. */
export function polarityOf(condition: Node, exit: LoopExit): Polarity {
  if (exit.kind === 'test') return 1;
  const parent = condition.parent;
  if (parent?.type !== 'IfStatement' || parent.test !== condition) return 0;
  return contains(parent.consequent, exit.node) ? -1 : parent.alternate && contains(parent.alternate, exit.node) ? 1 : 0;
}

/**
 * The sources of an exit condition not checked well enough for how the condition uses them: each
 * comparison asks of the flow data on each of its sides (see Need), by which way it keeps the loop
 * going (`i < n` going on while true: n needs a largest value, i a smallest); a comparison whose way
 * is not known asks for both; flow data read outside any comparison (`while (!done)`) asks for an
 * upper bound.
 */
export function uncheckedInCondition(condition: Node, polarity: Polarity, flowData: (node: Node) => ResolvedSource[]): ResolvedSource[] {
  const sources = flowData(condition);
  if (sources.every((s) => !s.bounds)) return sources;
  const needs = new Map<string, Set<Need>>();
  const ask = (node: Node, ...wanted: Need[]) => {
    for (const s of flowData(node)) {
      let set = needs.get(s.source);
      if (!set) needs.set(s.source, (set = new Set()));
      for (const need of wanted) set.add(need);
    }
  };
  const visit = (node: Node, p: Polarity): void => {
    const n = unwrap(node);
    if (n.type === 'UnaryExpression' && n.operator === '!') return visit(n.argument, (-p || 0) as Polarity);
    if (n.type === 'UpdateExpression') return ask(n.argument, 'count-down');
    if (n.type === 'LogicalExpression') return (visit(n.left, p), visit(n.right, p));
    if (n.type === 'BinaryExpression' && n.left.type !== 'PrivateIdentifier') {
      const left = n.left as Node;
      if (EQUALITY.has(n.operator)) return (ask(left, 'integer-range'), ask(n.right, 'integer-range'));
      // Normalized to `small < great` going on while true.
      const lessThan = n.operator === '<' || n.operator === '<=' ? true : n.operator === '>' || n.operator === '>=' ? false : undefined;
      if (lessThan !== undefined) {
        if (p === 0) return (ask(left, 'upper', 'lower'), ask(n.right, 'upper', 'lower'));
        const [small, great] = (lessThan === (p === 1)) ? [left, n.right] : [n.right, left];
        return (ask(great, 'upper'), ask(small, 'lower'));
      }
    }
    for (const child of childrenOf(n)) if (!isFunctionNode(child)) visit(child, 0);
  };
  visit(condition, polarity);
  return sources.filter((s) => [...(needs.get(s.source) ?? ['upper' as Need])].some((need) => !checkedFor(s, need)));
}
