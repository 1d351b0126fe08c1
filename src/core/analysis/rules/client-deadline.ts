// A deadline ends a polling loop only if a client cannot push it to Infinity: with
// `timeout = Number(req.query.timeout)`, "1e400" parses to Infinity and `Date.now() - start < timeout`
// holds forever, so the loop waits as long as whatever it polls for never comes. The deadline's twin
// of client-count-bound.ts: the clock only moves forward, like a counter stepped every turn.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { conjunctsOf, someNode, unwrap, type Node } from '../dataflow/ast';
import type { ResolvedSource } from '../dataflow/interprocedural';
import { polarityOf, uncheckedSources } from './checked-before-loop';
import { invariantSourcesOnEntry } from './entry-sources';
import type { LoopContext } from './types';

const CLOCK_CALLS = new Set(['Date.now', 'performance.now', 'process.uptime']);

/** An exit that compares the clock with a bound a client sets and nothing checked from above; undefined when there is none. */
export function clientDeadline(context: LoopContext): { condition: Node; bound: Node; sources: ResolvedSource[] } | undefined {
  const { loop, file } = context;
  for (const { exit, conditions } of context.exitConditions) {
    if (exit.onError) continue;
    for (const condition of conditions) {
      const polarity = polarityOf(condition, exit);
      if (polarity === 0) continue;
      // The loop goes on while every conjunct of a test holds (`while (now < end && !done)`); a guard is one comparison.
      for (const part of polarity === 1 ? conjunctsOf(condition) : [condition]) {
        const test = unwrap(part);
        if (test.type !== 'BinaryExpression' || !['<', '<=', '>', '>='].includes(test.operator)) continue;
        const clockLeft = readsClock(test.left as Node);
        if (clockLeft === readsClock(test.right)) continue;
        // Going on while the clock is below the bound: `now < end` kept (polarity 1), `now > end` leaving (-1).
        const below = (test.operator === '<' || test.operator === '<=') === clockLeft;
        if (below !== (polarity === 1)) continue;
        const bound = clockLeft ? test.right : (test.left as Node);
        const sources = uncheckedSources(invariantSourcesOnEntry(bound, loop, file, context.flowData), 'upper').filter((s) => s.kind === 'request');
        if (sources.length) return { condition: part, bound, sources };
      }
    }
  }
  return undefined;
}

/** `Date.now()`, `performance.now()`, `new Date()` (or `.getTime()` of one) anywhere in the expression. */
function readsClock(node: Node): boolean {
  return someNode(node, (n) => {
    if (n.type === 'NewExpression') return unwrap(n.callee).type === 'Identifier' && (unwrap(n.callee) as TSESTree.Identifier).name === 'Date' && n.arguments.length === 0;
    if (n.type !== 'CallExpression') return false;
    const callee = unwrap(n.callee);
    if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return false;
    const object = unwrap(callee.object);
    return object.type === 'Identifier' && CLOCK_CALLS.has(`${object.name}.${callee.property.name}`);
  }, false);
}
