// Runtime evidence that the loop spun: an operation repeated at a steady period inside stuck
// requests (a loop signature) whose call site lies in the loop's body or in a function it calls.
import type { LoopFinding } from '../../model/code';
import type { LoopSignatureMapping } from '../../mapping/index';
import { scopeHit, type LoopScope } from '../loop-scope';
import { CALLEE_FACTOR } from '../weights';
import { plural, round, type EvidenceScore } from './types';

export function loopSignatureEvidence(finding: LoopFinding, scope: LoopScope, signatures: LoopSignatureMapping[], totalStuck: number): EvidenceScore {
  let strength = 0;
  const items: EvidenceScore['items'] = [];
  let phrase = '';
  for (const sig of signatures) {
    let best: { strength: number; where: string; site: string } | undefined;
    for (const m of sig.mappings) {
      const hit = scopeHit(finding, scope, m.location, CALLEE_FACTOR);
      if (!hit) continue;
      const s = hit.strength * Math.min(1, m.confidence + 0.2);
      if (!best || s > best.strength) best = { strength: s, where: hit.where, site: `${m.location.file}:${m.location.startLine}` };
    }
    if (!best) continue;
    const share = totalStuck > 0 ? Math.min(1, sig.requests / totalStuck) : 0;
    // Seen in one stuck request is already telling; in all of them, conclusive.
    const s = best.strength * (0.5 + 0.5 * share);
    const detail = `'${sig.operation}' repeated up to ${sig.maxCount} times in ${plural(sig.requests, 'stuck request')} of ${sig.flow}; issued at ${best.site}, ${best.where}`;
    items.push({ kind: 'loop-signature', detail, strength: s });
    if (s > strength) {
      strength = s;
      const operation = sig.operation.length > 70 ? `${sig.operation.slice(0, 70)}…` : sig.operation;
      phrase = `the repeated ${sig.source === 'log' ? 'log line' : 'operation'} '${operation}' (up to ${sig.maxCount}× in ${plural(sig.requests, 'stuck request')}) is issued ${best.where} (${best.site})`;
    }
  }
  items.sort((a, b) => b.strength - a.strength);
  return { strength: round(strength, 4), items: items.slice(0, 5), phrase };
}
