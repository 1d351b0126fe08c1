// A loop whose exit is decided by request data: one rare value of that data and the loop may never end.
import type { LoopContext, LoopRule } from './types';
import type { Node } from '../dataflow/ast';
import type { ResolvedSource } from '../dataflow/interprocedural';
import { polarityOf, uncheckedInCondition } from './checked-before-loop';
import { testCountsToEnd } from './counting-test';
import { testHalvesToEnd } from './halving-test';
import { conjunctCountsToEnd } from './counted-conjunct';
import { globalRegexWalkEnds } from './global-regex-walk';
import { isDownleveledForOf, isHasNextWalk, isIteratorResultWalk, isIteratorWalk } from './iterator-walk';
import { drainsQueue } from '../dataflow/queue-drain';
import { worklistQueuesUnseenOnly } from './unseen-worklist';
import { worklistDescendsRequestTree } from './request-tree-worklist';
import { readDrainsBuffer } from './stream-read-drain';
import { walksFiniteStructure } from '../dataflow/structure-walk';
import { cursorEndsLoop } from './cursor-ends-loop';
import { windowCutEndsLoop } from './window-cut-ends-loop';
import { fixpointShrinksSet } from './fixpoint-shrinks-set';
import { clientCountBound } from './client-count-bound';
import { clientDeadline } from './client-deadline';
import { emptyConcatStep } from './empty-concat-step';
import { removesOrSteps } from './removes-or-steps';
import { probesFreshNames } from './fresh-name-probe';
import { dateWalkSpanChecked } from './date-walk-span';

export const exitDependsOnFlowData: LoopRule = {
  kind: 'loop',
  meta: {
    id: 'exit-depends-on-flow-data',
    severity: 'warning',
    docs: {
      description: "The loop's exit condition depends on data that differs between requests (flows).",
      help:
        'Whether this loop ends is decided by request data (or data fetched with it). A value that only one rare flow sends can keep it running forever while the process looks healthy. Bound the loop (an attempt cap or a deadline) or validate the data before looping.',
    },
    messages: {
      depends: 'Exit condition `{{condition}}` depends on flow data: {{sources}}.',
    },
  },
  check(context) {
    const { loop } = context;
    // for-of/for-in/for-await end with their collection; constant tests are the next rule's business.
    if (loop.kind === 'for-of' || loop.kind === 'for-in' || loop.kind === 'for-await' || loop.constantTest) return;
    if ((loop.test && isIteratorWalk(loop.test)) || isIteratorResultWalk(loop) || isHasNextWalk(loop) || isDownleveledForOf(loop)) return;
    // A counter moving a constant step towards its bound ends the loop whatever the data says, unless
    // the bound is a client's number (Infinity); so do an attempt cap and a deadline.
    if (context.isCounterLoop()) {
      const client = clientCountBound(context);
      if (client) reportDepends(context, loop.test!, client.bound, client.sources, 0.55);
      return;
    }
    // So does a deadline, unless a client sets it: Infinity never comes.
    const deadline = clientDeadline(context);
    if (deadline) return reportDepends(context, deadline.condition, deadline.bound, deadline.sources, 0.55);
    // A string grown towards a length by a piece the data may leave empty: no growth, no end.
    const emptyStep = emptyConcatStep(context);
    if (emptyStep) return reportDepends(context, emptyStep.condition, emptyStep.condition, emptyStep.sources, 0.6);
    if (context.capEndsLoop()) return;
    // A test counting to a checked bound (`while (length--)` over a caller's array) ends the loop whatever the other exits read.
    if (loop.test && testCountsToEnd(loop.test, loop, context.file, context.flowData)) return;
    // So does a test on a value the loop halves every turn (`n = Math.floor(n / 2)` from a checked start).
    if (loop.test && testHalvesToEnd(loop.test, loop, context.file, context.flowData)) return;
    // Or one conjunct of a `for` test that counts to a fixed bound (`i < list.length && more()`).
    if (conjunctCountsToEnd(context)) return;
    // Or a global regexp that cannot match empty, tested against an unchanged string: it moves forward every turn.
    if (globalRegexWalkEnds(context)) return;
    // A queue each turn takes one element from, and nothing adds to, runs out whatever its elements hold.
    if (drainsQueue(loop, context.file, context.code)) return;
    // So does a count that, each turn, steps up or removes the element at the counter (`xs.splice(i, 1)`).
    if (removesOrSteps(context)) return;
    // So does a probe of a store for a name it has not tried before, every turn (`slug = `${base}-${n++}``).
    if (probesFreshNames(context)) return;
    // So does a worklist that queues a node's links only the first time it sees the node.
    if (worklistQueuesUnseenOnly(loop, context.file)) return;
    // So does one over a client's parsed data that queues only parts of the element it took: a finite tree.
    if (worklistDescendsRequestTree(context)) return;
    // So does Node's `stream.read()` tested against null: it takes what is buffered.
    if (readDrainsBuffer(context)) return;
    // A walk down a prototype chain, or down the program's own tree, ends with it.
    if (walksFiniteStructure(context)) return;
    // A cursor that moves towards its end on every turn ends the loop whatever the data says.
    if (cursorEndsLoop(context)) return;
    // So does a scan of a buffer cut at the cursor as it goes (`buf = buf.subarray(pos + 1); pos = 0`).
    if (windowCutEndsLoop(context)) return;
    // A fixpoint whose flag is set again only beside taking an element out of a set it walks.
    if (fixpointShrinksSet(context)) return;
    // A walk from one date to another, forward every turn, after a check that the span is small.
    if (dateWalkSpanChecked(context)) return;
    for (const { conditions, exit } of context.exitConditions) {
      if (exit.onError) continue;
      for (const condition of conditions) {
        // Flow data checked before the loop (bounded on every path to it) no longer decides the exit alone.
        const sources = uncheckedInCondition(condition, polarityOf(condition, exit), context.flowData);
        if (sources.length === 0) continue;
        return reportDepends(context, condition, condition, sources, context.effects.awaits.length > 0 ? 0.7 : 0.6);
      }
    }
  },
};

/** Reports the exit `shown` as decided by the sources, located at `condition` (the part that reads them). */
function reportDepends(context: LoopContext, shown: Node, condition: Node, sources: ResolvedSource[], confidence: number): void {
  context.report({ messageId: 'depends', data: { condition: context.text(shown), sources: sources.map((s) => s.source).join(', ') }, condition, sources, confidence });
}
