// Every loop rule, in report order.
import type { Rule } from './types';
import { exitDependsOnFlowData } from './exit-depends-on-flow-data';
import { noProgress } from './no-progress';
import { noProgressOnSomePath } from './no-progress-on-some-path';
import { infiniteLoopGuardedByFlowData } from './infinite-loop-guarded-by-flow-data';
import { unboundedPollOrRetry } from './unbounded-poll-or-retry';
import { regexOrSearchNoAdvance } from './regex-or-search-no-advance';
import { cursorMayRepeat } from './cursor-may-repeat';
import { forStepOrBoundFromFlowData } from './for-step-or-bound-from-flow-data';
import { unboundedRecursion } from './unbounded-recursion';

export const rules: Rule[] = [
  exitDependsOnFlowData,
  noProgress,
  noProgressOnSomePath,
  infiniteLoopGuardedByFlowData,
  unboundedPollOrRetry,
  regexOrSearchNoAdvance,
  cursorMayRepeat,
  forStepOrBoundFromFlowData,
  unboundedRecursion,
];
