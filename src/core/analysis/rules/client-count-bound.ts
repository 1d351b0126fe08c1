// A `while` counter that steps a constant amount towards its bound ends within `bound` turns for any
// finite number, so the code's own numbers and a library caller's are its choice of work. A client's
// is not: `Number("1e400")`, `+req.query.n` and a JSON body's 1e400 are Infinity, and `i < Infinity`
// holds forever. `for` loops are the for-step rule's; a bound that is a `.length` is left to that rule's
// facts about lists (a real list's length counts its elements), so it is not asked here.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { unwrap, type Node } from '../dataflow/ast';
import { referencesOf } from '../dataflow/references';
import type { LoopContext } from './types';
import type { ResolvedSource } from '../dataflow/interprocedural';
import { uncheckedSources } from './checked-before-loop';
import { invariantSourcesOnEntry } from './entry-sources';

/** The bound of a counting `while`/`do-while` test and the client's values in it that nothing checked; undefined when there is none. */
export function clientCountBound(context: LoopContext): { bound: Node; sources: ResolvedSource[] } | undefined {
  const { loop, file } = context;
  if (loop.kind !== 'while' && loop.kind !== 'do-while') return undefined;
  const test = loop.test && unwrap(loop.test);
  if (!test || test.type !== 'BinaryExpression' || test.left.type === 'PrivateIdentifier' || !['<', '<=', '>', '>='].includes(test.operator)) return undefined;
  const refs = referencesOf(file);
  const writtenInLoop = (n: Node) => {
    const x = unwrap(n);
    const id = x.type === 'UpdateExpression' ? unwrap(x.argument) : x;
    const variable = id.type === 'Identifier' ? refs.variableOf(id as TSESTree.Identifier) : undefined;
    return !!variable && variable.references.some((r) => r.isWrite() && loop.node.range[0] <= r.identifier.range[0] && r.identifier.range[1] <= loop.node.range[1]);
  };
  const counterOnLeft = writtenInLoop(test.left);
  if (counterOnLeft === writtenInLoop(test.right)) return undefined;
  const bound = unwrap(counterOnLeft ? test.right : test.left);
  const sized = bound.type === 'BinaryExpression' && (bound.operator === '+' || bound.operator === '-') ? unwrap(bound.left as Node) : bound;
  if (sized.type === 'MemberExpression' && !sized.computed && sized.property.type === 'Identifier' && sized.property.name === 'length') return undefined;
  // Reached from below (`i < n`), the bound needs a largest value; from above (`i > n`), a smallest.
  const upward = (test.operator === '<' || test.operator === '<=') === counterOnLeft;
  const sources = uncheckedSources(invariantSourcesOnEntry(bound, loop, file, context.flowData), upward ? 'upper' : 'lower').filter((s) => s.kind === 'request');
  return sources.length ? { bound, sources } : undefined;
}
