// Whether flow data that reaches a loop's exit was checked before the loop well enough that the
// value cannot keep the loop going: the fix the exit rules' help asks for ("validate the data before
// looping"), so such a loop is not reported. What is enough depends on how the exit uses the value.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { unwrap, walk, type Node } from '../dataflow/ast';
import type { ResolvedSource } from '../dataflow/interprocedural';

/**
 * - `upper`: the value on the greater side of the exit's comparison (`i < n`, `left > 0` with left
 *   from n) keeps the loop going while it is large: it needs a largest value;
 * - `lower`: on the smaller side (`x > n`) it needs a smallest value;
 * - `integer-range`: an equality exit (`left !== 0`) can be stepped over: an integer in a closed range;
 * - `positive`: a step needs to be above 0 (and bounded).
 */
export type Need = 'upper' | 'lower' | 'integer-range' | 'positive';

export function checkedFor(source: ResolvedSource, need: Need): boolean {
  const b = source.bounds;
  if (!b) return false;
  switch (need) {
    case 'upper':
      return b.hi < Infinity;
    case 'lower':
      return b.lo > -Infinity;
    case 'integer-range':
      return b.int && b.lo > -Infinity && b.hi < Infinity;
    case 'positive':
      return b.lo > 0 && b.hi < Infinity;
  }
}

/** The sources not checked before the loop well enough for this need. */
export function uncheckedSources(sources: ResolvedSource[], need: Need): ResolvedSource[] {
  return sources.filter((s) => !checkedFor(s, need));
}

const GREATER_ON_RIGHT = new Set(['<', '<=']);
const GREATER_ON_LEFT = new Set(['>', '>=']);
const EQUALITY = new Set(['===', '!==', '==', '!=']);

/**
 * The sources of an exit condition not checked well enough for how the condition uses them: each
 * comparison asks of the flow data on each of its sides (see Need); flow data read outside any
 * comparison (`while (!done)`) asks for an upper bound.
 */
export function uncheckedInCondition(condition: Node, flowData: (node: Node) => ResolvedSource[]): ResolvedSource[] {
  const sources = flowData(condition);
  if (sources.every((s) => !s.bounds)) return sources;
  const needs = new Map<string, Set<Need>>();
  const ask = (node: Node, need: Need) => {
    for (const s of flowData(node)) {
      let set = needs.get(s.source);
      if (!set) needs.set(s.source, (set = new Set()));
      set.add(need);
    }
  };
  walk(unwrap(condition), (n) => {
    if (n.type !== 'BinaryExpression' || n.left.type === 'PrivateIdentifier') return;
    const b = n as TSESTree.BinaryExpression & { left: Node };
    if (EQUALITY.has(b.operator)) (ask(b.left, 'integer-range'), ask(b.right, 'integer-range'));
    else if (GREATER_ON_RIGHT.has(b.operator)) (ask(b.right, 'upper'), ask(b.left, 'lower'));
    else if (GREATER_ON_LEFT.has(b.operator)) (ask(b.left, 'upper'), ask(b.right, 'lower'));
  }, false);
  return sources.filter((s) => [...(needs.get(s.source) ?? ['upper' as Need])].some((need) => !checkedFor(s, need)));
}
