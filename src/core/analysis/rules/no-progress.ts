// A loop none of whose exits can become true: nothing its conditions read changes inside it.
import type { LoopRule } from './types';

export const noProgress: LoopRule = {
  kind: 'loop',
  meta: {
    id: 'no-progress',
    severity: 'error',
    docs: {
      description: 'Nothing the loop exit condition reads can change inside the loop.',
      help:
        'The variables, member paths and calls the exit condition reads are never assigned, mutated or re-evaluated to something new inside the loop, so once it starts it never ends. Awaiting something does not help unless the awaited result is assigned to an operand. Update the operand in the loop, or add a bound.',
    },
    messages: {
      stuck: 'Loop never makes progress: nothing in `{{condition}}` changes inside the loop.',
    },
  },
  check(context) {
    const { loop } = context;
    if (!loop.test || loop.constantTest || context.effects.yields.length) return;
    for (const { exit, conditions } of context.exitConditions) {
      if (exit.kind !== 'test' && conditions.length === 0 && !exit.onError) return; // an unconditional exit
      if (exit.onError) continue;
      if (conditions.some((c) => context.canChange(c))) return;
    }
    const sources = context.flowData(loop.test);
    context.report({
      messageId: 'stuck',
      data: { condition: context.text(loop.test) },
      condition: loop.test,
      sources,
      confidence: 0.85,
    });
  },
};
