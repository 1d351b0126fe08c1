// Gathers the records of each request: one candidate per trace, logs joined by trace id or request id,
// and one per HTTP exchange (HAR entry, access-log line) that does not join a trace.
import type { Dataset, HttpExchange, LogRecord, Span } from '../model';
import type { RequestCandidate } from './candidate';
import { attrToString } from './normalize';
import { readPath } from './flow';

function emptyCandidate(id: string): RequestCandidate {
  return { id, spans: [], byId: new Map(), orphansByParent: new Map(), logs: [], exchanges: [], loops: [] };
}

const isEntryKind = (s: Span): boolean => s.kind === 'server' || s.kind === 'consumer';

function chooseAnchor(spans: Span[], roots: Span[]): Span | undefined {
  const pick = (list: Span[]): Span | undefined => list.find(isEntryKind) ?? list[0];
  if (roots.length > 0) return pick(roots);
  // No root: an entry span whose parent lives in another service stands for the request.
  return spans.find((s) => isEntryKind(s) && s.parentSpanId !== undefined);
}

/** Finishes a candidate's indexes once all its spans are in. */
function indexSpans(c: RequestCandidate): void {
  c.spans.sort((a, b) => a.startMs - b.startMs);
  for (const s of c.spans) if (!c.byId.has(s.spanId) || s.kind === 'server') c.byId.set(s.spanId, s);
  const roots: Span[] = [];
  for (const s of c.spans) {
    if (s.parentSpanId === undefined || s.parentSpanId === '') {
      roots.push(s);
    } else if (!c.byId.has(s.parentSpanId) || s.parentSpanId === s.spanId) {
      let group = c.orphansByParent.get(s.parentSpanId);
      if (!group) c.orphansByParent.set(s.parentSpanId, (group = []));
      group.push(s);
    }
  }
  c.anchor = chooseAnchor(c.spans, roots);
}

export function logRequestId(log: LogRecord, keys: string[]): string | undefined {
  if (log.requestId) return log.requestId;
  for (const key of keys) {
    const v = attrToString(readPath(log.attributes, key));
    if (v) return v;
  }
  return undefined;
}

export function groupRequests(dataset: Dataset, requestIdKeys: string[]): RequestCandidate[] {
  const byTrace = new Map<string, RequestCandidate>();
  for (const span of dataset.spans) {
    let c = byTrace.get(span.traceId);
    if (!c) {
      c = emptyCandidate(span.traceId);
      c.traceId = span.traceId;
      byTrace.set(span.traceId, c);
    }
    c.spans.push(span);
  }
  for (const c of byTrace.values()) indexSpans(c);

  const byRequestId = new Map<string, RequestCandidate>();
  const deferred: LogRecord[] = [];
  for (const log of dataset.logs) {
    if (!log.traceId) {
      deferred.push(log);
      continue;
    }
    let c = byTrace.get(log.traceId);
    if (!c) {
      c = emptyCandidate(log.traceId);
      c.traceId = log.traceId;
      byTrace.set(log.traceId, c);
    }
    c.logs.push(log);
    const rid = logRequestId(log, requestIdKeys);
    if (rid && !byRequestId.has(rid)) {
      byRequestId.set(rid, c);
      c.requestId ??= rid;
    }
  }
  const logOnly: RequestCandidate[] = [];
  for (const log of deferred) {
    const rid = logRequestId(log, requestIdKeys);
    if (!rid) continue; // a process-level line: belongs to no request
    let c = byRequestId.get(rid);
    if (!c) {
      c = emptyCandidate(`req:${rid}`);
      c.requestId = rid;
      byRequestId.set(rid, c);
      logOnly.push(c);
    }
    c.logs.push(log);
  }

  const standalone: RequestCandidate[] = [];
  for (const ex of dataset.exchanges) {
    const joined = (ex.traceId && byTrace.get(ex.traceId)) || (ex.requestId && byRequestId.get(ex.requestId));
    if (joined) {
      joined.exchanges.push(ex);
      continue;
    }
    const c = emptyCandidate(exchangeId(ex));
    c.exchanges.push(ex);
    standalone.push(c);
  }
  return [...byTrace.values(), ...logOnly, ...standalone];
}

function exchangeId(ex: HttpExchange): string {
  return `${ex.source}:${ex.origin.file.split(/[\\/]/).pop()}:${ex.origin.line}`;
}
