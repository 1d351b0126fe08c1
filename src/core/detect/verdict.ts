// Combines weighted evidence into a state and a confidence. Positive weights combine as a noisy-OR
// (independent reasons to believe the request hung); counter-evidence scales that belief down.
import type { Evidence, RequestState } from '../model';

export interface Verdict {
  state: RequestState;
  confidence: number;
  /** 0..1 belief that the request never finished. */
  hangScore: number;
}

/** Kinds that describe how a request ended rather than whether it hung. */
const NOT_HANG_EVIDENCE = new Set(['error-status']);

export function hangScore(evidence: Evidence[]): number {
  let notHung = 1;
  let keep = 1;
  for (const e of evidence) {
    if (NOT_HANG_EVIDENCE.has(e.kind)) continue;
    if (e.weight > 0) notHung *= 1 - Math.min(e.weight, 0.99);
    else if (e.weight < 0) keep *= 1 - Math.min(-e.weight, 0.99);
  }
  return (1 - notHung) * keep;
}

export function judge(evidence: Evidence[], threshold: number): Verdict {
  const score = hangScore(evidence);
  const r = (x: number): number => Math.round(x * 100) / 100;
  if (score >= threshold) return { state: 'incomplete', confidence: r(score), hangScore: score };
  const error = evidence.find((e) => e.kind === 'error-status');
  if (error) return { state: 'failed', confidence: r(error.weight * (1 - score)), hangScore: score };
  const sawEnd = evidence.some((e) => e.kind === 'completed-normally');
  // Without a seen completion, "completed" only means no sign of a hang was found.
  return { state: 'completed', confidence: r((1 - score) * (sawEnd ? 0.95 : 0.6)), hangScore: score };
}
