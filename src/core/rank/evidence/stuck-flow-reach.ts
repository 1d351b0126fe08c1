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

const normalizedFlows = new Map<string, string>();

/** "GET /orders/{id}" and "GET /orders/:orderId" → the same key; "*" methods compare equal to any method elsewhere. */
function flowKey(flow: string): string {
  let key = normalizedFlows.get(flow);
  if (key === undefined) {
    const { method, route } = splitFlow(flow);
    key = `${method} ${normalizeRoute(route)}`;
    if (normalizedFlows.size < 100_000) normalizedFlows.set(flow, key);
  }
  return key;
}

function sameFlowKey(a: string, b: string): boolean {
  const x = flowKey(a);
  const y = flowKey(b);
  if (x === y) return true;
  const [mx, rx] = [x.slice(0, x.indexOf(' ')), x.slice(x.indexOf(' ') + 1)];
  const [my, ry] = [y.slice(0, y.indexOf(' ')), y.slice(y.indexOf(' ') + 1)];
  return rx === ry && (mx === '*' || my === '*');
}

/** The scan's reachability as maps, built once per ranking. */
export class ReachIndex {
  private readonly byFlow = new Map<string, Map<string, number>>();

  constructor(reachability: ScanResult['reachability']) {
    for (const [flow, list] of Object.entries(reachability ?? {})) this.byFlow.set(flow, new Map(list.map((r) => [r.functionId, r.confidence])));
  }

  /** How surely the flow `entryFlow` (an entry point's key) reaches the loop's function. */
  reach(finding: LoopFinding, scope: LoopScope, entryFlow: string): number {
    const listed = finding.entryPoints.some((f) => f === entryFlow || sameFlowKey(f, entryFlow)) ? LISTED_ENTRY_CONFIDENCE : 0;
    const reached = this.byFlow.get(entryFlow);
    if (!reached || !scope.container) return listed;
    return Math.max(listed, reached.get(scope.container.id) ?? 0);
  }
}

export function stuckFlowReach(finding: LoopFinding, scope: LoopScope, entryPoints: EntryPoint[], reach: ReachIndex, stuck: StuckFlows): FlowReach {
  const flows: string[] = [];
  let stuckRequests = 0;
  let weighted = 0;
  let best = 0;
  const details: string[] = [];
  for (const [flow, count] of stuck.byFlow) {
    let confidence = 0;
    for (const { entry, score } of entryPointsForFlow(entryPoints, flow)) confidence = Math.max(confidence, score * reach.reach(finding, scope, entry.flow));
    // A flow the route index does not know (from logs, another service) can still be listed by the finding.
    if (confidence === 0 && finding.entryPoints.some((f) => sameFlowKey(f, flow))) confidence = LISTED_ENTRY_CONFIDENCE;
    if (confidence === 0) continue;
    flows.push(flow);
    stuckRequests += count;
    weighted += count * confidence;
    best = Math.max(best, confidence);
    details.push(`${flow} (${plural(count, 'stuck request')}, reach confidence ${round(confidence)})`);
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
