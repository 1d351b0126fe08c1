// The per-file counts of `limbo inspect`, defined as fixtures/SOURCES.md defines them.
import type { FileSummary, InputFormat, Span } from '../model/telemetry';
import type { ImportContext } from './context';
import { isErrorLevel } from './log-levels';

export interface SpanCounts {
  spans: number;
  uniqueSpanIds: number;
  traces: number;
  services: string[];
  rootSpans: number;
  missingParentSpans: number;
  errorSpans: number;
  maxDepth: number;
}

export function countSpans(spans: readonly Span[]): SpanCounts {
  const index = new SpanIndex(spans);
  const traces = new Set<string>();
  const services = new Set<string>();
  let roots = 0;
  let errors = 0;
  let missing = 0;
  for (const s of spans) {
    traces.add(s.traceId);
    if (s.service) services.add(s.service);
    if (!s.parentSpanId) roots++;
    else if (index.find(s.traceId, s.parentSpanId) === undefined) missing++;
    if (s.status === 'error') errors++;
  }
  return {
    spans: spans.length,
    uniqueSpanIds: index.unique,
    traces: traces.size,
    services: [...services].sort(),
    rootSpans: roots,
    missingParentSpans: missing,
    errorSpans: errors,
    maxDepth: maxDepth(spans, index),
  };
}

/**
 * (traceId, spanId) → index of the first span with that pair. Span ids are random 64-bit values,
 * so one map keyed by span id serves nearly all lookups; the rare id reused in another trace goes
 * to a second map keyed by both.
 */
export class SpanIndex {
  private readonly bySpanId = new Map<string, number>();
  private readonly byPair = new Map<string, number>();
  unique = 0;

  constructor(private readonly spans: readonly Span[]) {
    for (let i = 0; i < spans.length; i++) {
      const s = spans[i]!;
      const first = this.bySpanId.get(s.spanId);
      if (first === undefined) {
        this.bySpanId.set(s.spanId, i);
        this.unique++;
      } else if (spans[first]!.traceId !== s.traceId) {
        const pair = `${s.traceId}/${s.spanId}`;
        if (!this.byPair.has(pair)) {
          this.byPair.set(pair, i);
          this.unique++;
        }
      }
    }
  }

  find(traceId: string, spanId: string): number | undefined {
    const i = this.bySpanId.get(spanId);
    if (i === undefined) return undefined;
    if (this.spans[i]!.traceId === traceId) return i;
    return this.byPair.get(`${traceId}/${spanId}`);
  }
}

/**
 * Longest parent chain (a root is 1). Iterative with memo; a chain that comes back to a span
 * already on it is cut there, counting that span once more (so a→b→a gives 3).
 */
function maxDepth(spans: readonly Span[], index: SpanIndex): number {
  const depth = new Int32Array(spans.length);
  const onChain = new Uint8Array(spans.length);
  let best = 0;
  const chain: number[] = [];
  for (let start = 0; start < spans.length; start++) {
    if (depth[start]) continue;
    chain.length = 0;
    let at: number | undefined = start;
    let base = 0;
    while (at !== undefined) {
      if (depth[at]) {
        base = depth[at]!;
        break;
      }
      if (onChain[at]) {
        base = 1;
        break;
      }
      onChain[at] = 1;
      chain.push(at);
      const s: Span = spans[at]!;
      at = s.parentSpanId ? index.find(s.traceId, s.parentSpanId) : undefined;
    }
    for (let k = chain.length - 1; k >= 0; k--) {
      const idx = chain[k]!;
      depth[idx] = ++base;
      onChain[idx] = 0;
      if (base > best) best = base;
    }
  }
  return best;
}

export function summarize(ctx: ImportContext, format: InputFormat): FileSummary {
  const counts = countSpans(ctx.spans);
  const logServices = new Set<string>();
  for (const l of ctx.logs) if (l.service) logServices.add(l.service);
  const summary: FileSummary = {
    file: ctx.file,
    format,
    ...counts,
    services: counts.services,
    logRecords: ctx.logs.length,
    logLevels: ctx.logLevels,
    harEntries: ctx.harEntries,
    accessLinesParsed: ctx.accessLinesParsed,
    accessLinesRejected: ctx.accessLinesRejected,
    skippedLines: ctx.skippedLines,
    warnings: ctx.warnings,
  };
  if (ctx.accessLinesRecovered > 0) summary.accessLinesRecovered = ctx.accessLinesRecovered;
  if (ctx.ignoredRecords > 0) summary.ignoredRecords = ctx.ignoredRecords;
  if (logServices.size > 0) summary.logServices = [...logServices].sort();
  if (ctx.logs.length > 0) summary.errorLogRecords = ctx.logs.filter((l) => isErrorLevel(l.level)).length;
  return summary;
}
