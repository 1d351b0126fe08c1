// Gathers the records of each request: one candidate per trace, logs joined by trace id or request id,
// and one per HTTP exchange (HAR entry, access-log line) that does not join a trace.
import type { Dataset, HttpExchange, LogRecord, Span } from '../model';
import { SpansById, type RequestCandidate } from './candidate';
import { attrToString } from './normalize';
import { readPath } from './flow';

// Shared by every candidate without spans, logs, exchanges or orphans (most have no logs, exchanges
// or orphans): frozen, and replaced by a candidate's own array or map when it gets its first record.
const NONE = Object.freeze([]) as unknown as never[];
const NO_SPANS_BY_ID = new SpansById(NONE);
const NO_ORPHANS: ReadonlyMap<string, Span[]> = new Map();

function emptyCandidate(id: string): RequestCandidate {
  return { id, spans: NONE, byId: NO_SPANS_BY_ID, orphansByParent: NO_ORPHANS, logs: NONE, exchanges: NONE, loops: [], flowKey: '', evidence: [] };
}

function addLog(c: RequestCandidate, log: LogRecord): void {
  if (c.logs === NONE) c.logs = [log];
  else c.logs.push(log);
}

function addExchange(c: RequestCandidate, ex: HttpExchange): void {
  if (c.exchanges === NONE) c.exchanges = [ex];
  else c.exchanges.push(ex);
}

/** Traces of more spans than this fill their array by appending, not preallocated (a huge preallocated array would be a slow dictionary). */
const PREALLOCATE_LIMIT = 4096;

/** Candidates by trace id in order of first appearance: a list and one index map (a million spans' worth of traces needs no second map). */
class TraceCandidates {
  readonly list: RequestCandidate[] = [];
  readonly indexOf = new Map<string, number>();

  get(traceId: string): RequestCandidate | undefined {
    const k = this.indexOf.get(traceId);
    return k === undefined ? undefined : this.list[k];
  }

  /** A new candidate for the trace (not there yet); returns its index. */
  add(traceId: string): number {
    const k = this.list.length;
    this.indexOf.set(traceId, k);
    const c = emptyCandidate(traceId);
    c.traceId = traceId;
    this.list.push(c);
    return k;
  }
}

/**
 * One candidate per trace id, in order of first appearance, each with its spans in dataset order.
 * Two passes: the spans are counted per trace, then each trace's array is made exactly that long
 * (push() leaves room for 16 more, and every candidate lives until detection ends).
 */
function groupSpansByTrace(spans: readonly Span[], byTrace: TraceCandidates): void {
  const counts: number[] = [];
  const owner = new Int32Array(spans.length);
  // Spans of a trace mostly come one after another: the previous span's trace is checked before the map.
  let previousTraceId: string | undefined;
  let previous = -1;
  for (let i = 0; i < spans.length; i++) {
    const traceId = spans[i]!.traceId;
    let k = traceId === previousTraceId ? previous : byTrace.indexOf.get(traceId);
    if (k === undefined) {
      k = byTrace.add(traceId);
      counts.push(0);
    }
    owner[i] = k;
    counts[k]!++;
    previousTraceId = traceId;
    previous = k;
  }
  const lists: Span[][] = counts.map((n) => (n <= PREALLOCATE_LIMIT ? new Array<Span>(n) : []));
  counts.fill(0);
  for (let i = 0; i < spans.length; i++) {
    const k = owner[i]!;
    lists[k]![counts[k]!++] = spans[i]!;
  }
  lists.forEach((list, k) => (byTrace.list[k]!.spans = list));
}

const isEntryKind = (s: Span): boolean => s.kind === 'server' || s.kind === 'consumer';

function chooseAnchor(spans: Span[], roots: Span[]): Span | undefined {
  const pick = (list: Span[]): Span | undefined => list.find(isEntryKind) ?? list[0];
  if (roots.length > 0) return pick(roots);
  // No root: an entry span whose parent lives in another service stands for the request.
  return spans.find((s) => isEntryKind(s) && s.parentSpanId !== undefined);
}

function isSortedByStart(spans: Span[]): boolean {
  for (let i = 1; i < spans.length; i++) if (spans[i]!.startMs < spans[i - 1]!.startMs) return false;
  return true;
}

/** Finishes a candidate's indexes once all its spans are in. */
function indexSpans(c: RequestCandidate): void {
  if (!isSortedByStart(c.spans)) c.spans.sort((a, b) => a.startMs - b.startMs);
  c.byId = new SpansById(c.spans);
  const roots: Span[] = [];
  let orphans: Map<string, Span[]> | undefined;
  for (const s of c.spans) {
    if (s.parentSpanId === undefined || s.parentSpanId === '') {
      roots.push(s);
    } else if (s.parentSpanId === s.spanId || !c.byId.has(s.parentSpanId)) {
      orphans ??= new Map();
      let group = orphans.get(s.parentSpanId);
      if (!group) orphans.set(s.parentSpanId, (group = []));
      group.push(s);
    }
  }
  if (orphans) c.orphansByParent = orphans;
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
  const byTrace = new TraceCandidates();
  groupSpansByTrace(dataset.spans, byTrace);
  for (const c of byTrace.list) indexSpans(c);

  const byRequestId = new Map<string, RequestCandidate>();
  const deferred: LogRecord[] = [];
  for (const log of dataset.logs) {
    if (!log.traceId) {
      deferred.push(log);
      continue;
    }
    const c = byTrace.get(log.traceId) ?? byTrace.list[byTrace.add(log.traceId)]!;
    addLog(c, log);
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
    addLog(c, log);
  }

  const standalone: RequestCandidate[] = [];
  const needsPathJoin = dataset.exchanges.some((ex) => !ex.traceId && !ex.requestId);
  const byPath = needsPathJoin ? indexServerSpansByPath(byTrace.list) : new Map<string, PathEntry[]>();
  for (const ex of dataset.exchanges) {
    const joined = (ex.traceId && byTrace.get(ex.traceId)) || (ex.requestId && byRequestId.get(ex.requestId)) || joinByPathAndTime(byPath, ex);
    if (joined) {
      addExchange(joined, ex);
      continue;
    }
    const c = emptyCandidate(exchangeId(ex));
    addExchange(c, ex);
    standalone.push(c);
  }
  return [...byTrace.list, ...logOnly, ...standalone];
}

const PATH_KEYS = ['url.path', 'http.target', 'http.url', 'url.full'];
const METHOD_KEYS = ['http.request.method', 'http.method'];

function rawPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const noScheme = value.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  const cut = noScheme.search(/[?#]/);
  return cut >= 0 ? noScheme.slice(0, cut) : noScheme;
}

interface PathEntry {
  candidate: RequestCandidate;
  startMs: number;
  joined: boolean;
}

/** Server spans by "METHOD /raw/path", to find the trace an access-log line or HAR entry without ids belongs to. */
function indexServerSpansByPath(candidates: Iterable<RequestCandidate>): Map<string, PathEntry[]> {
  const index = new Map<string, PathEntry[]>();
  for (const c of candidates) {
    const a = c.anchor;
    if (!a || a.kind !== 'server') continue;
    const method = METHOD_KEYS.map((k) => a.attributes[k]).find((v) => typeof v === 'string');
    const path = PATH_KEYS.map((k) => rawPath(a.attributes[k])).find((v) => v !== undefined);
    if (typeof method !== 'string' || !path) continue;
    const key = `${method.toUpperCase()} ${path}`;
    let list = index.get(key);
    if (!list) index.set(key, (list = []));
    list.push({ candidate: c, startMs: a.startMs, joined: false });
  }
  return index;
}

/** Access logs stamp a whole second, at the start or the end of the request: the nearest unjoined
 *  server span of the same method and path inside that window is the same request. */
function joinByPathAndTime(index: Map<string, PathEntry[]>, ex: HttpExchange): RequestCandidate | undefined {
  if (ex.startMs === undefined) return undefined;
  const list = index.get(`${ex.method.toUpperCase()} ${rawPath(ex.path) ?? ex.path}`);
  if (!list) return undefined;
  // Without a logged duration the line may have been written when the request ended, long after it began.
  const slack = 1000 + (ex.durationMs ?? 60000);
  let best: PathEntry | undefined;
  let bestGap = Infinity;
  for (const entry of list) {
    if (entry.joined) continue;
    const gap = Math.abs(entry.startMs - ex.startMs);
    // +2 s: the stamp is truncated to the second, and the proxy's clock and hop come before the span.
    if (entry.startMs >= ex.startMs - slack - 1000 && entry.startMs <= ex.startMs + 2000 && gap < bestGap) {
      best = entry;
      bestGap = gap;
    }
  }
  if (!best) return undefined;
  best.joined = true;
  return best.candidate;
}

function exchangeId(ex: HttpExchange): string {
  return `${ex.source}:${ex.origin.file.split(/[\\/]/).pop()}:${ex.origin.line}`;
}
