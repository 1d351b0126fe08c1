// Ranks the analyzer's loop findings into suspects by combining static evidence (rule, data path,
// reachability) with runtime evidence from the stuck requests (their flows, loop signatures, mapped
// code locations, the attribute values that set them apart). Weights live in ./weights.ts.
import type { LoopFinding, ScanResult } from '../model/code';
import type { Difference, RequestRecord } from '../model/request';
import type { Suspect, SuspectEvidence } from '../model/report';
import type { AggregatedMapping, LoopSignatureMapping } from '../mapping/index';
import { differenceEvidence } from './evidence/difference-on-data-path';
import { loopSignatureEvidence } from './evidence/loop-signature';
import { indexStuckMappings, mappedLocationEvidence } from './evidence/mapped-locations';
import { staticEvidence } from './evidence/static-finding';
import { ReachIndex, stuckFlowReach, type StuckFlows } from './evidence/stuck-flow-reach';
import { round, type EvidenceScore } from './evidence/types';
import { loopScope, type CallLookup } from './loop-scope';
import { UNREACHED_FACTOR, WEIGHTS } from './weights';

export { WEIGHTS, RULE_WEIGHTS } from './weights';
export type { CallLookup } from './loop-scope';

export interface RankInput {
  scan: Pick<ScanResult, 'findings' | 'entryPoints' | 'reachability' | 'functions'>;
  requests: RequestRecord[];
  /** Global and per-flow differences; duplicates are ignored. */
  differences: Difference[];
  mappings: AggregatedMapping[];
  loopSignatures: LoopSignatureMapping[];
  /** The call graph, to follow calls made inside a loop; without it only the loop body counts. */
  calls?: CallLookup;
}

export function stuckFlows(requests: RequestRecord[]): StuckFlows {
  const byFlow = new Map<string, number>();
  let total = 0;
  for (const r of requests) {
    if (r.state !== 'incomplete') continue;
    byFlow.set(r.flow, (byFlow.get(r.flow) ?? 0) + 1);
    total++;
  }
  return { byFlow, total };
}

interface Scored {
  finding: LoopFinding;
  score: number;
  reached: boolean;
  flows: string[];
  stuckRequests: number;
  explanation: string;
  evidence: SuspectEvidence[];
}

export function rankSuspects(input: RankInput): Suspect[] {
  const stuck = stuckFlows(input.requests);
  const functions = input.scan.functions ?? [];
  const reachIndex = new ReachIndex(input.scan.reachability);
  const stuckMappings = indexStuckMappings(input.mappings);
  const scored: Scored[] = input.scan.findings.map((finding) => {
    const scope = loopScope(finding, input.calls, functions);
    const reach = stuckFlowReach(finding, scope, input.scan.entryPoints, reachIndex, stuck);
    const parts: Array<[keyof typeof WEIGHTS, EvidenceScore]> = [
      ['static', staticEvidence(finding)],
      ['stuckFlowReach', reach],
      ['loopSignature', loopSignatureEvidence(finding, scope, input.loopSignatures, stuck.total)],
      ['mappedLocation', mappedLocationEvidence(finding, scope, stuckMappings)],
      ['differenceOnDataPath', differenceEvidence(finding, input.differences)],
    ];
    let score = parts.reduce((sum, [kind, e]) => sum + WEIGHTS[kind] * e.strength, 0);
    const runtimeHit = parts.some(([kind, e]) => (kind === 'loopSignature' || kind === 'mappedLocation') && e.strength > 0);
    // With no stuck requests at all there is nothing to reach: rank on static evidence alone.
    const reached = stuck.total === 0 || reach.strength > 0 || runtimeHit;
    if (!reached) score *= UNREACHED_FACTOR;
    const evidence = parts.flatMap(([kind, e]) => e.items.map((item) => ({ kind: item.kind, detail: item.detail, weight: round(WEIGHTS[kind] * item.strength, 3) })));
    return {
      finding,
      score,
      reached,
      flows: reach.flows.length ? reach.flows : stuck.total === 0 ? finding.entryPoints : [],
      stuckRequests: reach.stuckRequests,
      explanation: explain(finding, parts.map(([, e]) => e), reached, stuck.total),
      evidence,
    };
  });
  const merged = mergeSameLoop(scored);
  merged.sort(
    (a, b) =>
      Number(b.reached) - Number(a.reached) ||
      b.score - a.score ||
      a.finding.loop.file.localeCompare(b.finding.loop.file) ||
      a.finding.loop.startLine - b.finding.loop.startLine,
  );
  return merged.map((s, i) => ({
    rank: i + 1,
    rule: s.finding.ruleId,
    location: {
      file: s.finding.loop.file,
      startLine: s.finding.loop.startLine,
      endLine: s.finding.loop.endLine,
      startColumn: s.finding.loop.startColumn,
      endColumn: s.finding.loop.endColumn,
    },
    score: round(s.score, 3),
    flows: s.flows,
    explanation: s.explanation,
    evidence: s.evidence,
    finding: s.finding,
    stuckRequests: s.stuckRequests,
  }));
}

/**
 * Several rules may flag the same loop: one suspect per loop, carried by its best-scoring finding,
 * naming the other rules as evidence (they are the same place; listing it twice would push a
 * different loop down for no reason).
 */
function mergeSameLoop(scored: Scored[]): Scored[] {
  const byLoop = new Map<string, Scored[]>();
  for (const s of scored) {
    const l = s.finding.loop;
    const key = `${l.file}\0${l.startLine}\0${l.startColumn}`;
    byLoop.set(key, [...(byLoop.get(key) ?? []), s]);
  }
  return [...byLoop.values()].map((group) => {
    group.sort((a, b) => Number(b.reached) - Number(a.reached) || b.score - a.score);
    const [best, ...others] = group;
    if (!others.length) return best;
    const rules = others.map((o) => o.finding.ruleId);
    return {
      ...best,
      explanation: best.explanation.replace(/\.$/, `; also flagged by ${rules.join(', ')}.`),
      evidence: [...best.evidence, ...others.map((o) => ({ kind: 'also-rule', detail: `${o.finding.ruleId}: ${o.finding.message}`, weight: 0 }))],
    };
  });
}

function explain(finding: LoopFinding, parts: EvidenceScore[], reached: boolean, totalStuck: number): string {
  const [stat, ...runtime] = parts;
  const where = `${finding.loopKind} loop${finding.functionName ? ` in ${finding.functionName}()` : ''} at ${finding.loop.file}:${finding.loop.startLine}`;
  const clauses = runtime.map((p) => p.phrase).filter(Boolean);
  const tail = !reached
    ? `; no stuck flow reaches it and no runtime evidence points into it (${totalStuck} stuck requests checked)`
    : totalStuck === 0
      ? '; no stuck requests in the input, static evidence only'
      : '';
  return `${where}: ${[...clauses, stat.phrase].join('; ')}${tail}.`;
}
