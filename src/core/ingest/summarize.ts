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
  // Index of each span's parent (-1: root or missing), found once and reused for the depth.
  const parents = new Int32Array(spans.length).fill(-1);
  let previousTraceId: string | undefined;
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i]!;
    // Spans of a trace mostly come one after another: a set lookup only when the trace changes.
    if (s.traceId !== previousTraceId) traces.add((previousTraceId = s.traceId));
    if (s.service) services.add(s.service);
    if (!s.parentSpanId) roots++;
    else {
      const p = index.find(s.traceId, s.parentSpanId);
      if (p === undefined) missing++;
      else parents[i] = p;
    }
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
    maxDepth: maxDepth(parents),
  };
}

/**
 * (traceId, spanId) → index of the first span with that pair. An open-addressing table over typed
 * arrays: for a million spans a Map with a million string keys costs several times more time and
 * memory. The hash covers the span id only (random 64-bit values); probes compare both ids.
 */
export class SpanIndex {
  private readonly slots: Int32Array;
  /** The hash of the id in each slot: most mismatches are settled without touching the span. */
  private readonly hashes: Uint32Array;
  private readonly mask: number;
  unique = 0;

  constructor(private readonly spans: readonly Span[]) {
    let size = 16;
    while (size < spans.length * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.hashes = new Uint32Array(size);
    this.mask = size - 1;
    for (let i = 0; i < spans.length; i++) {
      const s = spans[i]!;
      const hash = hashId(s.spanId);
      let slot = hash & this.mask;
      for (;;) {
        const held = this.slots[slot]!;
        if (held === 0) {
          this.slots[slot] = i + 1;
          this.hashes[slot] = hash;
          this.unique++;
          break;
        }
        if (this.hashes[slot] === hash) {
          const other = spans[held - 1]!;
          if (other.spanId === s.spanId && other.traceId === s.traceId) break;
        }
        slot = (slot + 1) & this.mask;
      }
    }
  }

  find(traceId: string, spanId: string): number | undefined {
    const hash = hashId(spanId);
    let slot = hash & this.mask;
    for (;;) {
      const held = this.slots[slot]!;
      if (held === 0) return undefined;
      if (this.hashes[slot] === hash) {
        const s = this.spans[held - 1]!;
        if (s.spanId === spanId && s.traceId === traceId) return held - 1;
      }
      slot = (slot + 1) & this.mask;
    }
  }
}

/** FNV-1a over the id's characters. */
function hashId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Longest parent chain (a root is 1). Iterative with memo; a chain that comes back to a span
 * already on it is cut there, counting that span once more (so a→b→a gives 3).
 */
function maxDepth(parents: Int32Array): number {
  const depth = new Int32Array(parents.length);
  const onChain = new Uint8Array(parents.length);
  let best = 0;
  const chain: number[] = [];
  for (let start = 0; start < parents.length; start++) {
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
      const parent: number = parents[at]!;
      at = parent >= 0 ? parent : undefined;
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
