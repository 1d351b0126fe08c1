// Detection: requests from a dataset, their verdicts, flows and differences.
export { detectRequests, flowOfCandidate, structuralDetectors } from './detect-requests';
export { summarizeFlows } from './flows';
export { createFeatureWalker, rankDifferences, defaultDifferenceOptions, type DifferenceOptions, type FeatureWalker, type ComparedValue } from './differences';
export { fisherGreater, logFactorial } from './fisher';
export { normalizePath, normalizeText } from './normalize';
export { flowFromAttributes } from './flow';
export { defaultDetectOptions, resolveDetectOptions, type DetectOptions } from './options';
export { hangScore, judge } from './verdict';
