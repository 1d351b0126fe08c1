// Waterfall layout for one request: spans in parent/child order with their depth, each span's log
// records under it, and the repeated operation (the loop's runtime face) marked.
import type { DetailLog, DetailSpan, RequestDetail, SourceLink } from '../protocol';
import { normalizeOperation } from './detail';

export interface WaterfallRow {
  kind: 'span' | 'log';
  depth: number;
  label: string;
  /** Extra text: service, level. */
  meta: string;
  startMs: number;
  /** Undefined for a span that never ended (drawn open to the end of the view) and for log records (points). */
  endMs?: number;
  open: boolean;
  /** No time was recorded for it: no bar, and it does not stretch the time axis. */
  untimed?: boolean;
  error: boolean;
  repeated: boolean;
  location?: SourceLink;
}

export interface RepeatedOperation {
  operation: string;
  source: 'span' | 'log';
  count: number;
  periodMs: number;
}

export interface WaterfallLayout {
  rows: WaterfallRow[];
  domain: [number, number];
  repeated: RepeatedOperation | null;
}

/** Median of the gaps between successive times: the period of a steady repetition. */
export function medianGap(times: number[]): number {
  if (times.length < 2) return 0;
  const sorted = [...times].sort((a, b) => a - b);
  const gaps = sorted.slice(1).map((t, i) => t - sorted[i]).sort((a, b) => a - b);
  const mid = gaps.length >> 1;
  return gaps.length % 2 ? gaps[mid] : (gaps[mid - 1] + gaps[mid]) / 2;
}

/**
 * The operation repeated most inside the request (at least 3 times). The engine's loop signature
 * wins when present; otherwise the spans' and logs' own names are grouped.
 */
export function findRepeatedOperation(detail: RequestDetail): RepeatedOperation | null {
  const loop = [...detail.loops].sort((a, b) => b.count - a.count)[0];
  if (loop) return { operation: loop.operation, source: loop.source, count: loop.count, periodMs: loop.periodMs };
  const groups = new Map<string, { source: 'span' | 'log'; times: number[]; label: string }>();
  const normalized = new Map<string, string>();
  const add = (source: 'span' | 'log', label: string, t: number) => {
    let norm = normalized.get(label);
    if (norm === undefined) normalized.set(label, (norm = normalizeOperation(label)));
    const key = `${source}\u0000${norm}`;
    const g = groups.get(key) ?? { source, times: [], label };
    g.times.push(t);
    groups.set(key, g);
  };
  for (const s of detail.spans) if (!s.untimed) add('span', s.name, s.startMs);
  for (const l of detail.logs) add('log', l.message, l.timeMs);
  let best: { source: 'span' | 'log'; times: number[]; label: string } | undefined;
  for (const g of groups.values()) if (g.times.length >= 3 && (!best || g.times.length > best.times.length)) best = g;
  if (!best) return null;
  return { operation: normalizeOperation(best.label), source: best.source, count: best.times.length, periodMs: medianGap(best.times) };
}

/** Whether a row's label is the repeated operation; labels repeat, so each is normalized once. */
function operationMatcher(repeated: RepeatedOperation | null): (label: string, source: 'span' | 'log') => boolean {
  if (!repeated) return () => false;
  const op = normalizeOperation(repeated.operation);
  const cache = new Map<string, boolean>();
  return (label, source) => {
    if (repeated.source !== source) return false;
    let hit = cache.get(label);
    if (hit === undefined) {
      const own = normalizeOperation(label);
      // The engine's operation may carry normalized attributes after the name ("SELECT coupon {code=#}").
      hit = own === op || op.startsWith(`${own} `) || op.startsWith(`${own}{`) || op.startsWith(`${own}(`);
      cache.set(label, hit);
    }
    return hit;
  };
}

export function layoutWaterfall(detail: RequestDetail): WaterfallLayout {
  const repeated = findRepeatedOperation(detail);
  const matchesOperation = operationMatcher(repeated);
  const byId = new Map<string, DetailSpan>();
  for (const s of detail.spans) if (!byId.has(s.spanId)) byId.set(s.spanId, s);
  const children = new Map<string, DetailSpan[]>();
  const roots: DetailSpan[] = [];
  for (const s of byId.values()) {
    const parent = s.parentSpanId && s.parentSpanId !== s.spanId ? byId.get(s.parentSpanId) : undefined;
    if (parent) {
      const list = children.get(parent.spanId) ?? [];
      list.push(s);
      children.set(parent.spanId, list);
    } else roots.push(s);
  }
  const byStart = (a: { startMs: number }, b: { startMs: number }) => a.startMs - b.startMs;
  roots.sort(byStart);
  for (const list of children.values()) list.sort(byStart);

  const logsBySpan = new Map<string, DetailLog[]>();
  const looseLogs: DetailLog[] = [];
  for (const l of detail.logs) {
    if (l.spanId && byId.has(l.spanId)) {
      const list = logsBySpan.get(l.spanId) ?? [];
      list.push(l);
      logsBySpan.set(l.spanId, list);
    } else looseLogs.push(l);
  }

  const rows: WaterfallRow[] = [];
  const logRow = (l: DetailLog, depth: number): WaterfallRow => ({
    kind: 'log',
    depth,
    label: l.message,
    meta: l.level ?? '',
    startMs: l.timeMs,
    open: false,
    error: l.level === 'error' || l.level === 'fatal',
    repeated: matchesOperation(l.message, 'log'),
    location: l.location,
  });
  // Iterative depth-first walk: a 20,000-span chain must not overflow the stack; `seen` cuts cycles.
  const seen = new Set<string>();
  const stack: Array<{ span: DetailSpan; depth: number }> = roots.map((span) => ({ span, depth: 0 })).reverse();
  while (stack.length) {
    const { span, depth } = stack.pop()!;
    if (seen.has(span.spanId)) continue;
    seen.add(span.spanId);
    rows.push({
      kind: 'span',
      depth,
      label: span.name,
      meta: span.service ?? '',
      startMs: span.startMs,
      endMs: span.endMs,
      open: span.endMs === undefined && !span.untimed,
      untimed: span.untimed,
      error: span.status === 'error',
      repeated: matchesOperation(span.name, 'span'),
      location: span.location,
    });
    for (const l of (logsBySpan.get(span.spanId) ?? []).sort((a, b) => a.timeMs - b.timeMs)) rows.push(logRow(l, depth + 1));
    const kids = children.get(span.spanId) ?? [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ span: kids[i], depth: depth + 1 });
  }
  // Spans only reachable through a parent cycle still get a row.
  for (const s of byId.values()) if (!seen.has(s.spanId)) rows.push({ kind: 'span', depth: 0, label: s.name, meta: s.service ?? '', startMs: s.startMs, endMs: s.endMs, open: s.endMs === undefined && !s.untimed, untimed: s.untimed, error: s.status === 'error', repeated: matchesOperation(s.name, 'span'), location: s.location });
  for (const l of looseLogs.sort((a, b) => a.timeMs - b.timeMs)) rows.push(logRow(l, 0));

  let lo = Infinity;
  let hi = -Infinity;
  for (const r of rows) {
    if (r.untimed) continue;
    lo = Math.min(lo, r.startMs);
    hi = Math.max(hi, r.endMs ?? r.startMs);
  }
  if (typeof detail.startMs === 'number') lo = Math.min(lo, detail.startMs);
  if (typeof detail.lastSeenMs === 'number') hi = Math.max(hi, detail.lastSeenMs);
  if (!Number.isFinite(lo)) {
    lo = 0;
    hi = 1;
  }
  if (hi <= lo) hi = lo + 1;
  return { rows, domain: [lo, hi], repeated };
}

/** Which rows are on screen for a virtualized list: [first, last) with a small overscan. */
export function visibleRange(rowCount: number, rowHeight: number, scrollTop: number, viewportHeight: number, overscan = 8): [number, number] {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(rowCount, Math.ceil((scrollTop + viewportHeight) / rowHeight) + overscan);
  return [first, Math.max(first, last)];
}
