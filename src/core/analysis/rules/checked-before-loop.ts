// Whether flow data that reaches a loop's exit was checked before the loop well enough that the
// value cannot keep the loop going: the fix the exit rules' help asks for ("validate the data before
// looping"), so such a loop is not reported. What is enough depends on how the exit uses the value.
import { unwrap, walk, type Node } from '../dataflow/ast';
import type { ResolvedSource } from '../dataflow/interprocedural';

/**
 * - `upper`: a bound reached from below (`i < n`, `left > 0` counting down from n) needs a largest value;
 * - `lower`: a bound reached from above (`i > n` counting down) needs a smallest value;
 * - `integer-range`: an equality exit (`left !== 0`) can be stepped over: it needs an integer in a closed range;
 * - `positive`: a step needs to be at least something above 0.
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

/**
 * For a general exit condition: an upper bound, unless the condition tests equality. A relational
 * exit on a value with a largest value is what users write when they validate (`n > 100` → 400);
 * a value that is only bounded below (`n > 0`) is still reported.
 */
export function needOfCondition(condition: Node): Need {
  let equality = false;
  walk(unwrap(condition), (n) => {
    if (n.type === 'BinaryExpression' && ['===', '!==', '==', '!='].includes(n.operator)) equality = true;
  }, false);
  return equality ? 'integer-range' : 'upper';
}

/** The sources not checked before the loop well enough for this condition. */
export function uncheckedSources(sources: ResolvedSource[], need: Need): ResolvedSource[] {
  return sources.filter((s) => !checkedFor(s, need));
}
