// Per-flow counts, those with the largest stuck share first.
import type { FlowSummary, RequestRecord } from '../model';

export function summarizeFlows(requests: RequestRecord[]): FlowSummary[] {
  const byKey = new Map<string, FlowSummary>();
  for (const r of requests) {
    let f = byKey.get(r.flow);
    if (!f) byKey.set(r.flow, (f = { key: r.flow, method: r.method, route: r.route, requests: 0, incomplete: 0, failed: 0, incompleteShare: 0 }));
    f.requests++;
    if (r.state === 'incomplete') f.incomplete++;
    else if (r.state === 'failed') f.failed++;
  }
  const flows = [...byKey.values()];
  for (const f of flows) f.incompleteShare = Math.round((f.incomplete / f.requests) * 1000) / 1000;
  return flows.sort((a, b) => b.incompleteShare - a.incompleteShare || b.incomplete - a.incomplete || b.requests - a.requests || a.key.localeCompare(b.key));
}
