// Code locations mapped from the stuck requests' own records (stack frames, log lines, spans) that
// fall inside the loop or a function it calls. Places healthy requests hit just as often say less.
import type { LoopFinding } from '../../model/code';
import type { AggregatedMapping } from '../../mapping/index';
import { scopeHit, type LoopScope } from '../loop-scope';
import { CALLEE_FACTOR } from '../weights';
import { round, type EvidenceScore } from './types';

/** The mappings that can count (from stuck requests, not whole handlers) by file, built once per ranking. */
export function indexStuckMappings(mappings: AggregatedMapping[]): Map<string, AggregatedMapping[]> {
  const byFile = new Map<string, AggregatedMapping[]>();
  for (const m of mappings) {
    // Route mappings point at whole handlers: that is reachability, counted elsewhere.
    if (m.stuckCount === 0 || m.via === 'route') continue;
    const list = byFile.get(m.location.file);
    if (list) list.push(m);
    else byFile.set(m.location.file, [m]);
  }
  return byFile;
}

export function mappedLocationEvidence(finding: LoopFinding, scope: LoopScope, byFile: Map<string, AggregatedMapping[]>): EvidenceScore {
  let strength = 0;
  const items: EvidenceScore['items'] = [];
  const files = new Set([finding.loop.file, ...scope.callees.map((c) => c.location.file)]);
  const candidates = [...files].flatMap((file) => byFile.get(file) ?? []);
  for (const m of candidates) {
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
