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
  // Per trace: spanId → index of the first span with that id.
  const byTrace = new Map<string, Map<string, number>>();
  const services = new Set<string>();
  let unique = 0;
  let roots = 0;
  let errors = 0;
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i]!;
    let ids = byTrace.get(s.traceId);
    if (!ids) byTrace.set(s.traceId, (ids = new Map()));
    if (!ids.has(s.spanId)) {
      ids.set(s.spanId, i);
      unique++;
    }
    if (s.service) services.add(s.service);
    if (!s.parentSpanId) roots++;
    if (s.status === 'error') errors++;
  }
  let missing = 0;
  for (const s of spans) if (s.parentSpanId && !byTrace.get(s.traceId)!.has(s.parentSpanId)) missing++;
  return {
    spans: spans.length,
    uniqueSpanIds: unique,
    traces: byTrace.size,
    services: [...services].sort(),
    rootSpans: roots,
    missingParentSpans: missing,
    errorSpans: errors,
    maxDepth: maxDepth(spans, byTrace),
  };
}

/**
 * Longest parent chain (a root is 1). Iterative with memo; a chain that comes back to a span
 * already on it is cut there, counting that span once more (so a→b→a gives 3).
 */
function maxDepth(spans: readonly Span[], byTrace: Map<string, Map<string, number>>): number {
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
      at = s.parentSpanId ? byTrace.get(s.traceId)!.get(s.parentSpanId) : undefined;
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
