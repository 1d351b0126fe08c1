// A request before judgement: the records that belong to it, indexed for the detectors.
import type { Evidence, HttpExchange, LogRecord, LoopSignature, Span } from '../model';
import type { DetectOptions } from './options';

export interface RequestCandidate {
  id: string;
  traceId?: string;
  requestId?: string;
  /** Every span of the trace, by start time. */
  spans: Span[];
  byId: SpansById;
  /** The span that stands for the request: the root (server preferred). Absent when it was never exported. */
  anchor?: Span;
  /** Spans whose parent is not in the trace, grouped by the missing parent id. */
  orphansByParent: ReadonlyMap<string, Span[]>;
  logs: LogRecord[];
  exchanges: HttpExchange[];
  /** Filled by the loop detector, read by the others and the report. */
  loops: LoopSignature[];
  /** Filled by detectRequests: the flow key and the evidence found so far. */
  flowKey: string;
  evidence: Evidence[];
}

/** Requests with more spans than this get a map; smaller ones (nearly all) are scanned. */
const SCAN_LIMIT = 16;

/**
 * The spans of one request by span id. When two share an id (a Zipkin RPC's client and server
 * halves), the server span is the one found; otherwise the first. A map per request cost more
 * time and memory than scanning the handful of spans most requests have, so one is built only
 * for large requests, on first use.
 */
export class SpansById {
  private map: Map<string, Span> | undefined;

  /** `spans` must not change afterwards. */
  constructor(private readonly spans: readonly Span[]) {}

  get(id: string): Span | undefined {
    const spans = this.spans;
    if (spans.length > SCAN_LIMIT) return (this.map ??= this.build()).get(id);
    let first: Span | undefined;
    let server: Span | undefined;
    for (let i = 0; i < spans.length; i++) {
      const s = spans[i]!;
      if (s.spanId !== id) continue;
      first ??= s;
      if (s.kind === 'server') server = s;
    }
    return server ?? first;
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  private build(): Map<string, Span> {
    const map = new Map<string, Span>();
    for (const s of this.spans) if (!map.has(s.spanId) || s.kind === 'server') map.set(s.spanId, s);
    return map;
  }
}

/** What detectors may know beyond one request: options and figures derived from the whole dataset. */
export interface DetectContext {
  options: DetectOptions;
  /** Latest timestamp anywhere in the input (the end of the capture). */
  captureEndMs: number;
  /** Whether the input holds any spans at all (log span ids mean little without a tracer export). */
  hasSpans: boolean;
  /** Median duration of requests of a flow that show no structural sign of hanging. */
  healthyMedianMs(flow: string): number | undefined;
  /** Largest count of an operation in one healthy request of the flow. */
  healthyOperationMax(flow: string, operation: string): number;
  flowOf(candidate: RequestCandidate): string;
}

/** One detector: looks at one request and returns the evidence it found (may be none). */
export interface Detector {
  name: string;
  detect(candidate: RequestCandidate, context: DetectContext): Evidence[];
}

export const spanDurationMs = (s: Span): number | undefined => (s.endMs === undefined ? undefined : s.endMs - s.startMs);

export function formatMs(ms: number): string {
  if (ms >= 10000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return `${Math.round(ms)} ms`;
}

/**
 * A template literal as one flat string. Concatenation keeps a tree of the pieces (several times
 * the text's size) until something reads it whole; the evidence of every request lives as long as
 * the report, so the sentence every request gets is written flat. Array.join writes flat strings.
 */
export function flatText(strings: TemplateStringsArray, ...values: unknown[]): string {
  const parts: string[] = [strings[0]!];
  for (let i = 0; i < values.length; i++) parts.push(String(values[i]), strings[i + 1]!);
  return parts.join('');
}

/** A name or message from the input, clipped for an evidence sentence (the input may hold megabytes there). */
export function quote(text: string, max = 160): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
