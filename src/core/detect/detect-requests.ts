// Builds the RequestRecords of a dataset and judges each one. Two passes: structural detectors
// first, then the ones that compare a request against the healthy requests of its flow (which
// are known only after the first pass).
import type { Attributes, Dataset, Evidence, RequestRecord } from '../model';
import type { DetectContext, Detector, RequestCandidate } from './candidate';
import { spanDurationMs } from './candidate';
import { groupRequests } from './group';
import { resolveDetectOptions, type DetectOptions } from './options';
import { flowFromAttributes, flowFromExchange, flowFromSpanName, type FlowParts } from './flow';
import { graphqlFlow, graphqlFlowOfDocument } from './graphql-operation';
import { consumerSpanFlow } from './message-consumer';
import { inferOrphanFlows } from './inferred-flow';
import { hangScore, judge } from './verdict';
import { orphanChildren } from './detectors/orphan-children';
import { logsOfUnexportedSpan } from './detectors/logs-of-unexported-span';
import { childrenAfterParentEnd } from './detectors/children-after-parent-end';
import { startWithoutEnd } from './detectors/start-without-end';
import { abortedLog } from './detectors/aborted-log';
import { clientGaveUp } from './detectors/client-gave-up';
import { benignOrphan } from './detectors/benign-orphan';
import { durationAtTimeout } from './detectors/duration-at-timeout';
import { findLoops, loopSignature, operationCounts } from './detectors/loop-signature';
import { inFlightAtCaptureEnd } from './detectors/in-flight-at-capture-end';
import { outcomeDetector, requestHttpStatus } from './detectors/outcome';

export const structuralDetectors: Detector[] = [orphanChildren, logsOfUnexportedSpan, childrenAfterParentEnd, startWithoutEnd, abortedLog, clientGaveUp, benignOrphan];

/** Resolves method and route separately (a GraphQL operation's root fields, a socket.io event or a consumed message's destination first): the route may come from a framework span, the method from the server span. */
export function flowOfCandidate(c: RequestCandidate): FlowParts {
  // A GraphQL request's route is the endpoint every operation shares: its operation is the flow.
  const graphql = graphqlFlow(c.spans);
  if (graphql) return graphql;
  const consumed = consumerSpanFlow(c.spans);
  if (consumed) return consumed;
  for (const ex of c.exchanges) {
    const fromBody = ex.graphql && graphqlFlowOfDocument(ex.graphql.document, ex.graphql.operationName);
    if (fromBody) return fromBody;
  }
  let method: string | undefined;
  let route: string | undefined;
  const consider = (parts: FlowParts | undefined): void => {
    if (!parts) return;
    method ??= parts.method;
    route ??= parts.route;
  };
  if (c.anchor) consider(flowFromAttributes(c.anchor.attributes));
  for (const s of c.spans) if (route === undefined || method === undefined) if (s.kind === 'server' || 'http.route' in s.attributes) consider(flowFromAttributes(s.attributes));
  for (const l of c.logs) if (route === undefined || method === undefined) consider(flowFromAttributes(l.attributes));
  for (const ex of c.exchanges) if (route === undefined) consider(flowFromExchange(ex.method, ex.path));
  if (route !== undefined) return { key: method ? `${method} ${route}` : route, method, route };
  const named = c.anchor ?? c.spans.find((s) => s.kind === 'server') ?? c.spans[0];
  if (named) return flowFromSpanName(named.name, named.service);
  return { key: '(unknown flow)' };
}

/** A route seen without its method (e.g. only a framework span survived) takes the method other requests use with it, when only one does. */
function completeMethods(candidates: RequestCandidate[], flows: FlowParts[]): void {
  const methods = new Map<string, Set<string>>();
  for (const f of flows) {
    if (!f.route || !f.method) continue;
    let set = methods.get(f.route);
    if (!set) methods.set(f.route, (set = new Set()));
    set.add(f.method);
  }
  flows.forEach((f, i) => {
    if (!f.route || f.method) return;
    const set = methods.get(f.route);
    if (set?.size === 1) {
      const method = [...set][0]!;
      flows[i] = { key: `${method} ${f.route}`, method, route: f.route };
    }
  });
  const shared = sharedFlows();
  flows.forEach((f, i) => (flows[i] = shared(f)));
  candidates.forEach((c, i) => (c.flowKey = flows[i]!.key));
}

/** One FlowParts (and key string) per distinct flow rather than one per request: every record keeps its flow. */
function sharedFlows(): (flow: FlowParts) => FlowParts {
  const known = new Map<string, FlowParts>();
  return (flow) => {
    const same = known.get(flow.key);
    if (!same) known.set(flow.key, flow);
    return same && same.method === flow.method && same.route === flow.route ? same : flow;
  };
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  // A typed array sorts numerically without a comparator call per comparison.
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function requestDurationMs(c: RequestCandidate): number | undefined {
  if (c.anchor) return spanDurationMs(c.anchor);
  const ex = c.exchanges[0];
  if (ex?.durationMs !== undefined) return ex.durationMs;
  return undefined;
}

/** Other spans and log lines whose attributes join the request's (first-seen keys only). Bounded: loops repeat the same keys. */
const MAX_SPAN_SOURCES = 4;
const MAX_SPAN_SOURCES_WITHOUT_ANCHOR = 12;
const MAX_LOG_SOURCES = 8;

/** The attributes that describe the request: its anchor span, then first-seen keys of other spans, logs and exchanges. */
function collectAttributes(c: RequestCandidate): Attributes {
  const out: Attributes = c.anchor ? Object.assign({}, c.anchor.attributes) : {};
  const addAll = (attrs: Attributes): void => {
    for (const key in attrs) if (out[key] === undefined) out[key] = attrs[key]!;
  };
  const spanLimit = c.anchor ? MAX_SPAN_SOURCES : MAX_SPAN_SOURCES_WITHOUT_ANCHOR;
  let used = 0;
  for (const s of c.spans) {
    if (s === c.anchor) continue;
    if (used++ >= spanLimit) break;
    addAll(s.attributes);
  }
  used = 0;
  for (const l of c.logs) {
    if (used++ >= MAX_LOG_SOURCES) break;
    addAll(l.attributes);
  }
  for (const ex of c.exchanges) {
    addAll(ex.attributes);
    if (ex.userAgent && !('user_agent.original' in out)) out['user_agent.original'] = ex.userAgent;
    if (ex.client && !('client.address' in out)) out['client.address'] = ex.client;
  }
  return out;
}

function captureEnd(dataset: Dataset): number {
  let end = -Infinity;
  for (const s of dataset.spans) if (!s.startEstimated) end = Math.max(end, s.endMs ?? s.startMs);
  for (const l of dataset.logs) if (l.timeMs !== undefined && l.timeMs > end) end = l.timeMs;
  for (const ex of dataset.exchanges) if (ex.startMs !== undefined) end = Math.max(end, ex.startMs + (ex.durationMs ?? 0));
  return end;
}

function timeBounds(c: RequestCandidate): { startMs?: number; lastSeenMs?: number; endMs?: number } {
  let start = Infinity;
  let last = -Infinity;
  for (const s of c.spans) {
    if (s.startEstimated) continue;
    if (s.startMs < start) start = s.startMs;
    const e = s.endMs ?? s.startMs;
    if (e > last) last = e;
  }
  for (const l of c.logs) {
    if (l.timeMs === undefined) continue;
    if (l.timeMs < start) start = l.timeMs;
    if (l.timeMs > last) last = l.timeMs;
  }
  let endMs = c.anchor?.endMs;
  // Exchange times are often whole seconds: use them only when nothing finer is known.
  const exchangesOnly = c.spans.length === 0 && c.logs.length === 0;
  for (const ex of exchangesOnly ? c.exchanges : []) {
    if (ex.startMs === undefined) continue;
    start = Math.min(start, ex.startMs);
    const e = ex.startMs + (ex.durationMs ?? 0);
    last = Math.max(last, e);
    if (endMs === undefined && ex.durationMs !== undefined && ex.status !== 0) endMs = e;
  }
  return { startMs: Number.isFinite(start) ? start : undefined, lastSeenMs: Number.isFinite(last) ? last : undefined, endMs };
}

export function detectRequests(dataset: Dataset, partialOptions?: Partial<DetectOptions>): RequestRecord[] {
  const options = resolveDetectOptions(partialOptions);
  const candidates = groupRequests(dataset, options.requestIdKeys);
  const shared = sharedFlows();
  const flows = candidates.map((c) => shared(flowOfCandidate(c)));
  inferOrphanFlows(candidates, flows);
  completeMethods(candidates, flows);
  const flowOf = (c: RequestCandidate): string => c.flowKey;

  const healthyByFlow = new Map<string, RequestCandidate[]>();
  const durationsByFlow = new Map<string, number[]>();
  const allHealthyDurations: number[] = [];
  const preliminary: DetectContext = {
    options,
    captureEndMs: captureEnd(dataset),
    hasSpans: dataset.spans.length > 0,
    healthyMedianMs: () => undefined,
    healthyOperationMax: () => 0,
    flowOf,
  };
  for (const c of candidates) {
    const found: Evidence[] = c.evidence;
    for (const d of structuralDetectors) for (const e of d.detect(c, preliminary)) found.push(e);
    // Loops matter where something already looks wrong or nothing says the request ended; a request
    // whose anchor ended cleanly is skipped (most of the input, and grouping its spans is the costly part).
    if (c.anchor?.endMs === undefined || found.some((e) => e.weight > 0)) findLoops(c, options.loopMinRepeats, options.loopMaxJitter);
    else c.loops = [];
    if (hangScore(found) < options.incompleteThreshold) {
      const flow = c.flowKey;
      let list = healthyByFlow.get(flow);
      if (!list) healthyByFlow.set(flow, (list = []));
      list.push(c);
      const d = requestDurationMs(c);
      if (d !== undefined) {
        let ds = durationsByFlow.get(flow);
        if (!ds) durationsByFlow.set(flow, (ds = []));
        ds.push(d);
        allHealthyDurations.push(d);
      }
    }
  }

  // A flow needs a few healthy requests before its median means anything; else the whole input's.
  const MIN_SAMPLES = 5;
  const globalMedian = allHealthyDurations.length >= MIN_SAMPLES ? median(allHealthyDurations) : undefined;
  const medianCache = new Map<string, number | undefined>();
  const opMaxCache = new Map<string, Map<string, number>>();
  const context: DetectContext = {
    ...preliminary,
    healthyMedianMs(flow) {
      if (!medianCache.has(flow)) {
        const ds = durationsByFlow.get(flow) ?? [];
        medianCache.set(flow, ds.length >= MIN_SAMPLES ? median(ds) : globalMedian);
      }
      return medianCache.get(flow);
    },
    healthyOperationMax(flow, operation) {
      let maxes = opMaxCache.get(flow);
      if (!maxes) {
        maxes = new Map();
        for (const h of healthyByFlow.get(flow) ?? []) {
          if (h.loops.length > 0) continue; // a request with its own loop is no yardstick
          // Operations done once per request cannot set a bar that matters; skip them for speed.
          for (const [op, items] of operationCounts(h, 2)) if (items.length > (maxes.get(op) ?? 0)) maxes.set(op, items.length);
        }
        opMaxCache.set(flow, maxes);
      }
      return maxes.get(operation) ?? 0;
    },
  };
  const outcome = outcomeDetector((c) => c.evidence);
  const statisticalDetectors: Detector[] = [durationAtTimeout, loopSignature, inFlightAtCaptureEnd, outcome];

  const records: RequestRecord[] = [];
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i]!;
    const found = c.evidence;
    for (const d of statisticalDetectors) for (const e of d.detect(c, context)) found.push(e);
    found.sort((a, b) => b.weight - a.weight);
    // An array filled by push() keeps room for 16 more; the record keeps an exact copy.
    const evidence = found.slice();
    const verdict = judge(evidence, options.incompleteThreshold);
    const flow = flows[i]!;
    const bounds = timeBounds(c);
    const first = c.anchor ?? c.spans[0];
    records.push({
      id: c.id,
      traceId: c.traceId,
      requestId: c.requestId ?? c.exchanges.find((e) => e.requestId)?.requestId,
      flow: flow.key,
      method: flow.method,
      route: flow.route,
      service: first?.service ?? c.logs[0]?.service,
      startMs: bounds.startMs,
      endMs: verdict.state === 'incomplete' ? undefined : bounds.endMs,
      lastSeenMs: bounds.lastSeenMs,
      httpStatus: requestHttpStatus(c),
      state: verdict.state,
      confidence: verdict.confidence,
      evidence,
      attributes: collectAttributes(c),
      spanIds: c.spans.map((s) => s.spanId),
      logCount: c.logs.length,
      loops: c.loops,
      origin: first?.origin ?? c.logs[0]?.origin ?? c.exchanges[0]?.origin,
    });
  }
  return records;
}
