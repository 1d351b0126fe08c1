// Every number the ranking uses, in one place. A suspect's score is the weighted sum of its evidence
// strengths (each 0..1), so the weights below are also the most each kind of evidence can add.
//
// Static evidence says the loop *can* hang; runtime evidence says the stuck requests *were* there.
// Runtime evidence outweighs static evidence: a loop with a perfect data path that no stuck request
// reaches is less likely than a plain one the stuck requests demonstrably spin in.
export const WEIGHTS = {
  /** Rule severity × the analyzer's confidence in the finding (data path found, certain calls). */
  static: 1.0,
  /** Share of stuck requests whose flow reaches the loop, × call-graph confidence of that reach. */
  stuckFlowReach: 2.0,
  /** A loop signature (repeated operation) of stuck requests issued inside the loop or a function it calls. */
  loopSignature: 3.0,
  /** Code locations mapped from stuck requests (stack frames, log lines, spans) inside the loop or its callees. */
  mappedLocation: 1.5,
  /** An attribute that separates stuck from healthy requests names data on the loop's data path. */
  differenceOnDataPath: 1.5,
} as const;

/** How strongly each rule, when it fires, suggests a hang (unknown rules get `defaultRule`). */
export const RULE_WEIGHTS: Record<string, number> = {
  'exit-depends-on-flow-data': 1.0,
  'infinite-loop-guarded-by-flow-data': 1.0,
  'no-progress': 0.9,
  // A proven repeat once the path is taken; the path itself may need certain input.
  'no-progress-on-some-path': 0.9,
  'unbounded-poll-or-retry': 0.85,
  'cursor-may-repeat': 0.8,
  'regex-or-search-no-advance': 0.75,
  'for-step-or-bound-from-flow-data': 0.6,
  defaultRule: 0.5,
};

/** Evidence found in a function the loop calls counts this much of evidence inside the loop body. */
export const CALLEE_FACTOR = 0.8;
/** How deep "a function the loop calls" is followed through the call graph. */
export const MAX_CALLEE_DEPTH = 4;
/** A loop that no stuck flow reaches and no runtime evidence points into keeps this much of its score and ranks below every reached loop. */
export const UNREACHED_FACTOR = 0.1;
/** Differences weaker than this (one-sided Fisher p-value) are not evidence. */
export const MAX_DIFFERENCE_P = 0.05;
/** When the flow reaches the loop only through the finding's own entry-point list (no call-graph confidence). */
export const LISTED_ENTRY_CONFIDENCE = 0.8;
