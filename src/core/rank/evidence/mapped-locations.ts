// Code locations mapped from the stuck requests' own records (stack frames, log lines, spans) that
// fall inside the loop or a function it calls. Places healthy requests hit just as often say less.
import type { LoopFinding } from '../../model/code';
import type { AggregatedMapping } from '../../mapping/index';
import { scopeHit, type LoopScope } from '../loop-scope';
import { CALLEE_FACTOR } from '../weights';
import { round, type EvidenceScore } from './types';

export function mappedLocationEvidence(finding: LoopFinding, scope: LoopScope, mappings: AggregatedMapping[]): EvidenceScore {
  let strength = 0;
  const items: EvidenceScore['items'] = [];
  for (const m of mappings) {
    // Route mappings point at whole handlers: that is reachability, counted elsewhere.
    if (m.stuckCount === 0 || m.via === 'route') continue;
    const hit = scopeHit(finding, scope, m.location, CALLEE_FACTOR);
    if (!hit) continue;
    const specificity = m.stuckCount / Math.max(m.count, m.stuckCount);
    const s = hit.strength * m.confidence * (0.5 + 0.5 * specificity);
    items.push({ kind: `mapped-${m.via}`, detail: `${m.detail}: ${m.stuckCount} of ${m.count} records from stuck requests, ${hit.where}`, strength: s });
    strength = Math.max(strength, s);
  }
  items.sort((a, b) => b.strength - a.strength);
  const top = items[0];
  return { strength: round(strength, 4), items: items.slice(0, 5), phrase: top ? `records of stuck requests map here (${top.kind.replace('mapped-', 'via ')})` : '' };
}
