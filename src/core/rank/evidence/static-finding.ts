// Static evidence: which rule fired, and how sure the analyzer is (a data path from request input
// to the exit condition makes the finding stronger).
import type { LoopFinding } from '../../model/code';
import { RULE_WEIGHTS } from '../weights';
import { round, type EvidenceScore } from './types';

export function staticEvidence(finding: LoopFinding): EvidenceScore {
  const rule = RULE_WEIGHTS[finding.ruleId] ?? RULE_WEIGHTS.defaultRule;
  const dataPath = finding.dataPath.length > 0 || finding.sources.length > 0 ? 1 : 0.7;
  const strength = rule * dataPath * (0.5 + 0.5 * Math.max(0, Math.min(1, finding.confidence)));
  const sources = finding.sources.length ? `; exit depends on ${finding.sources.slice(0, 3).join(', ')}` : '';
  return {
    strength,
    items: [{ kind: 'static-rule', detail: `${finding.ruleId}: ${finding.message} (analyzer confidence ${round(finding.confidence)}${finding.dataPath.length ? `, data path of ${finding.dataPath.length} steps` : ''})`, strength }],
    phrase: `rule ${finding.ruleId}${sources}`,
  };
}
