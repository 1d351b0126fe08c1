// Which stuck flows reach the loop, and how surely: the request flows are matched to the scan's entry
// points, then the loop's function is looked up in that entry point's reachability (call graph).
import type { EntryPoint, LoopFinding, ScanResult } from '../../model/code';
import { entryPointsForFlow, normalizeRoute, splitFlow } from '../../mapping/route-handlers';
import type { LoopScope } from '../loop-scope';
import { LISTED_ENTRY_CONFIDENCE } from '../weights';
import { plural, round, type EvidenceScore } from './types';

export interface StuckFlows {
  /** Stuck (incomplete) requests per request flow. */
  byFlow: Map<string, number>;
  total: number;
}

export interface FlowReach extends EvidenceScore {
  /** Request flows (as the report names them) that reach the loop. */
  flows: string[];
  stuckRequests: number;
  /** Best call-graph confidence of any stuck flow reaching the loop (0: none). */
  reach: number;
}

function sameFlowKey(a: string, b: string): boolean {
  const x = splitFlow(a);
  const y = splitFlow(b);
  return (x.method === y.method || x.method === '*' || y.method === '*') && normalizeRoute(x.route) === normalizeRoute(y.route);
}

/** How surely the flow `entryFlow` (an entry point's key) reaches the loop's function. */
function reachFromEntry(finding: LoopFinding, scope: LoopScope, reachability: ScanResult['reachability'], entryFlow: string): number {
  const listed = finding.entryPoints.some((f) => f === entryFlow || sameFlowKey(f, entryFlow)) ? LISTED_ENTRY_CONFIDENCE : 0;
  const reached = reachability?.[entryFlow];
  if (!reached || !scope.container) return listed;
  const hit = reached.find((r) => r.functionId === scope.container!.id);
  return Math.max(listed, hit ? hit.confidence : 0);
}

export function stuckFlowReach(finding: LoopFinding, scope: LoopScope, entryPoints: EntryPoint[], reachability: ScanResult['reachability'], stuck: StuckFlows): FlowReach {
  const flows: string[] = [];
  let stuckRequests = 0;
  let weighted = 0;
  let best = 0;
  const details: string[] = [];
  for (const [flow, count] of stuck.byFlow) {
    let reach = 0;
    for (const { entry, score } of entryPointsForFlow(entryPoints, flow)) reach = Math.max(reach, score * reachFromEntry(finding, scope, reachability, entry.flow));
    // A flow the route index does not know (from logs, another service) can still be listed by the finding.
    if (reach === 0 && finding.entryPoints.some((f) => sameFlowKey(f, flow))) reach = LISTED_ENTRY_CONFIDENCE;
    if (reach === 0) continue;
    flows.push(flow);
    stuckRequests += count;
    weighted += count * reach;
    best = Math.max(best, reach);
    details.push(`${flow} (${plural(count, 'stuck request')}, reach confidence ${round(reach)})`);
  }
  if (!flows.length || stuck.total === 0) return { strength: 0, items: [], phrase: '', flows, stuckRequests, reach: 0 };
  const strength = weighted / stuck.total;
  return {
    strength,
    flows,
    stuckRequests,
    reach: best,
    items: [{ kind: 'stuck-flow-reaches-loop', detail: `reached from ${details.join(', ')}: ${stuckRequests} of ${stuck.total} stuck requests`, strength }],
    phrase: `reached by ${flows.slice(0, 2).join(', ')}${flows.length > 2 ? ` and ${flows.length - 2} more` : ''}, the flow of ${stuckRequests} of ${stuck.total} stuck requests`,
  };
}
