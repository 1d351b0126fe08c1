import type { SuspectEvidence } from '../../model/report';

/** What one kind of evidence says about one loop: a strength 0..1, the items shown, a phrase for the explanation. */
export interface EvidenceScore {
  strength: number;
  items: Array<Omit<SuspectEvidence, 'weight'> & { strength: number }>;
  /** A clause of the suspect's explanation, or '' when this evidence is absent. */
  phrase: string;
}

export const NO_EVIDENCE: EvidenceScore = { strength: 0, items: [], phrase: '' };

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
