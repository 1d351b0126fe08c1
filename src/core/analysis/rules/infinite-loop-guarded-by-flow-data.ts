// `while (true)` / `for (;;)` whose every exit is guarded by request data or by a condition that never changes.
import type { LoopRule } from './types';
import type { ResolvedSource } from '../dataflow/interprocedural';
import { polarityOf, uncheckedInCondition } from './checked-before-loop';
import { cursorEndsLoop } from './cursor-ends-loop';

export const infiniteLoopGuardedByFlowData: LoopRule = {
  kind: 'loop',
  meta: {
    id: 'infinite-loop-guarded-by-flow-data',
    severity: 'error',
    docs: {
      description: 'An endless loop whose only exits depend on flow data or on conditions that never change.',
      help:
        'The loop is written to run forever and leaves only through break/return/throw. Each of those exits is guarded by request data (so a rare flow may never take it) or by a condition nothing in the loop changes. Add an exit that does not depend on the data: an attempt cap or a deadline.',
    },
    messages: {
      noExit: 'Endless loop with no exit.',
      guarded: 'Endless loop whose exits all depend on flow data or never-changing conditions (`{{condition}}`).',
    },
  },
  check(context) {
    const { loop } = context;
    if (!loop.constantTest || context.effects.yields.length) return;
    // An exit check every turn passes, on a cursor that moves towards it every turn, is taken in the end.
    if (cursorEndsLoop(context)) return;
    const exits = loop.exits.filter((e) => !e.onError);
    if (exits.length === 0) {
      context.report({ messageId: 'noExit', confidence: 0.5 });
      return;
    }
    let firstCondition;
    const sources: ResolvedSource[] = [];
    for (const { exit, conditions } of context.exitConditions) {
      if (exit.onError) continue;
      if (conditions.length === 0) return; // taken unconditionally
      // Flow data checked before the loop well enough for the guard does not hold the exit back.
      const flow = conditions.flatMap((c) => uncheckedInCondition(c, polarityOf(c, exit), context.flowData));
      const changing = conditions.some((c) => context.canChange(c));
      if (changing && flow.length === 0) return; // an ordinary exit
      firstCondition ??= conditions[conditions.length - 1];
      sources.push(...flow);
    }
    if (!firstCondition) return;
    context.report({
      messageId: 'guarded',
      data: { condition: context.text(firstCondition) },
      condition: firstCondition,
      sources,
      confidence: sources.length ? 0.7 : 0.8,
    });
  },
};
