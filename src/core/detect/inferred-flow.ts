// The flow of a request whose own span was never exported and whose records name no route: only its
// children arrived (a socket.io handler's receive span ends when the handler does; a server span that
// never ended). Such a request would be a flow of its own, named after a child span, and "what is
// different" would compare it with nothing. When every operation it shows occurs, among the requests
// whose span did arrive, in one named flow only, it is that flow's; the request says so in a
// weightless piece of evidence. Operations shared by several flows (a database query every route
// makes) decide nothing: no flow is inferred then.
import type { RequestCandidate } from './candidate';
import type { FlowParts } from './flow';

/** Distinct operation names read from one request (a loop's request repeats a few names many times). */
const MAX_NAMES = 32;

/** Whether the flow came from the fallback (a span name), not from a route, a URL or an event. */
function unnamed(flow: FlowParts): boolean {
  return flow.method === undefined && flow.route === undefined;
}

export function inferOrphanFlows(candidates: RequestCandidate[], flows: FlowParts[]): void {
  const targets: Array<{ index: number; names: Set<string> }> = [];
  const wanted = new Set<string>();
  candidates.forEach((c, index) => {
    if (c.anchor || !c.spans.length || !unnamed(flows[index]!)) return;
    const names = new Set<string>();
    for (const s of c.spans) if (names.size < MAX_NAMES) names.add(s.name);
    targets.push({ index, names });
    for (const n of names) wanted.add(n);
  });
  if (!targets.length) return;
  // For each wanted name, the named flows whose requests (their span present) show it.
  const flowsOfName = new Map<string, Map<string, { parts: FlowParts; requests: number }>>();
  candidates.forEach((c, i) => {
    const flow = flows[i]!;
    if (!c.anchor || unnamed(flow)) return;
    const seen = new Set<string>();
    for (const s of c.spans) {
      if (s === c.anchor || !wanted.has(s.name) || seen.has(s.name)) continue;
      seen.add(s.name);
      let byFlow = flowsOfName.get(s.name);
      if (!byFlow) flowsOfName.set(s.name, (byFlow = new Map()));
      const entry = byFlow.get(flow.key);
      if (entry) entry.requests++;
      else byFlow.set(flow.key, { parts: flow, requests: 1 });
    }
  });
  for (const { index, names } of targets) {
    let common: Map<string, { parts: FlowParts; requests: number }> | undefined;
    for (const name of names) {
      const byFlow = flowsOfName.get(name);
      if (!byFlow) {
        common = undefined;
        break;
      }
      common = common ? new Map([...common].filter(([key]) => byFlow.has(key))) : new Map(byFlow);
      if (!common.size) break;
    }
    if (common?.size !== 1) continue;
    const [{ parts, requests }] = [...common.values()];
    flows[index] = parts;
    const shown = [...names].slice(0, 3).map((n) => `'${n.length > 80 ? `${n.slice(0, 79)}…` : n}'`).join(', ');
    candidates[index]!.evidence.push({
      kind: 'flow-inferred',
      weight: 0,
      detail: `The request's own span was never exported; its flow ${parts.key} is inferred: its operations (${shown}${names.size > 3 ? ', …' : ''}) occur only in requests of that flow (${requests} with their span).`,
    });
  }
}
