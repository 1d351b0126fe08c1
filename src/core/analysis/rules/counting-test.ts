// Whether a loop's test ends the loop on its own by counting: a counter stepped by a constant only
// in the test (or once in the loop) towards a bound whose flow data was checked well enough. Such a
// loop ends whatever else its exits read: an early `return` on a match can only end it sooner.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { unwrap, type Node } from '../dataflow/ast';
import { referencesOf } from '../dataflow/references';
import type { LoopInfo } from '../cfg/loop-exits';
import type { ParsedFile } from '../project/types';
import type { ResolvedSource } from '../dataflow/interprocedural';
import { uncheckedInCondition } from './checked-before-loop';
import { countDownStartsInRange } from './count-down-start';

export function testCountsToEnd(test: Node, loop: LoopInfo, file: ParsedFile, flowData: (node: Node) => ResolvedSource[]): boolean {
  const refs = referencesOf(file);
  const inside = (outer: Node, inner: Node) => outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
  /** Stepped in the test and nowhere else in the loop (`fromRight ? index-- : ++index < n` steps it in the test twice, one way per loop). */
  const steppedOnlyHere = (update: TSESTree.UpdateExpression) => {
    const arg = unwrap(update.argument);
    if (arg.type !== 'Identifier') return false;
    const writes = refs.variableOf(arg)?.references.filter((r) => r.isWrite() && inside(loop.node, r.identifier as Node)) ?? [];
    return writes.length > 0 && writes.every((r) => inside(test, r.identifier as Node));
  };
  const counts = (node: Node): boolean => {
    const n = unwrap(node);
    // `a && b` ends when either does; `c ? a : b` when both branches would.
    if (n.type === 'LogicalExpression' && n.operator === '&&') return counts(n.left) || counts(n.right);
    if (n.type === 'ConditionalExpression') return counts(n.consequent) && counts(n.alternate);
    // `n--` / `--n`: reaches 0 when n starts as an integer in a known range not below 0 (`--n`: 1).
    if (n.type === 'UpdateExpression' && n.operator === '--' && steppedOnlyHere(n)) return countDownStartsInRange(n, test, loop, file, flowData);
    // `++i < n` / `i-- > n`: the counter steps in the test towards the bound.
    if (n.type === 'BinaryExpression' && n.left.type !== 'PrivateIdentifier' && ['<', '<=', '>', '>='].includes(n.operator)) {
      const left = unwrap(n.left);
      const up = n.operator === '<' || n.operator === '<=';
      if (left.type === 'UpdateExpression' && (left.operator === '++') === up && steppedOnlyHere(left)) {
        return uncheckedInCondition(n, 1, flowData).length === 0;
      }
    }
    return false;
  };
  return counts(test);
}
