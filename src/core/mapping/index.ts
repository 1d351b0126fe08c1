// Ties runtime evidence to code: every span and log record of the dataset goes through the mapping
// sources that apply to it; results are aggregated per (source, place, detail, flow) with how many
// records and how many stuck requests they came from. Loop signatures of stuck requests are mapped
// too, through their example span or log record.
import type { LoopSignature, RequestRecord } from '../model/request';
import type { CodeMapping } from '../model/report';
import type { Dataset, LogRecord, Span } from '../model/telemetry';
import { attrString } from './attributes';
import { mapClientSpan } from './client-calls';
import { mapCodeLiterals } from './code-literals';
import { mapCodeAttributes } from './code-attributes';
import type { MappedLocation, MappingContext } from './context';
import { mapExceptionEvents } from './exception-events';
import { mapFrameworkSpan } from './framework-spans';
import { mapLogStack } from './log-stacks';
import { mapLogMessage } from './log-templates';
import { mapFlowToHandlers } from './route-handlers';
import { mapSpanName } from './span-names';

export { createMappingContext, type MappingContext, type MappingOptions } from './context';
export type { PathMapping } from './path-rewrite';

/** A mapping in the report, with how much evidence stands behind it. */
export interface AggregatedMapping extends CodeMapping {
  /** Records (spans, log lines, requests for 'route') that mapped here. */
  count: number;
  /** Of those, how many belong to requests judged incomplete. */
  stuckCount: number;
}

/** Where a stuck request's repeated operation was issued from. */
export interface LoopSignatureMapping {
  flow: string;
  operation: string;
  source: LoopSignature['source'];
  /** Stuck requests that showed this signature. */
  requests: number;
  maxCount: number;
  mappings: MappedLocation[];
}

export interface MappingResult {
  mappings: AggregatedMapping[];
  loopSignatures: LoopSignatureMapping[];
}

export const MAX_REPORTED_MAPPINGS = 2000;

export function mapSpan(ctx: MappingContext, span: Span, flow?: string): MappedLocation[] {
  const found = [
    ...mapCodeAttributes(ctx, span.attributes),
    ...mapExceptionEvents(ctx, span),
    ...mapFrameworkSpan(ctx, span, flow),
    ...mapClientSpan(ctx, span),
    ...(span.kind === 'server' ? [] : mapSpanName(ctx, span.name)),
  ];
  if (found.length || span.kind === 'server') return found;
  return mapCodeLiterals(ctx, spanLiteralCandidates(span), span.kind === 'client' ? 'client span' : 'span');
}

/** What a wrapper may have written literally: the URL template, the statement, the name without its HTTP method. */
function spanLiteralCandidates(span: Span): string[] {
  const a = span.attributes;
  const out = [attrString(a, 'url.template'), attrString(a, 'db.query.text', 'db.statement'), span.name, span.name.replace(/^[A-Z]+\s+/, '')];
  return out.filter((c): c is string => !!c);
}

export function mapLog(ctx: MappingContext, log: LogRecord): MappedLocation[] {
  const found = [...mapCodeAttributes(ctx, log.attributes), ...mapLogStack(ctx, log), ...mapLogMessage(ctx, log.message, log.level)];
  return found.length ? found : mapCodeLiterals(ctx, [log.message], 'log message');
}

class RequestLookup {
  private readonly bySpan = new Map<string, RequestRecord>();
  private readonly byTrace = new Map<string, RequestRecord>();
  private readonly byId = new Map<string, RequestRecord>();

  constructor(requests: RequestRecord[]) {
    for (const r of requests) {
      this.byId.set(r.id, r);
      if (r.traceId && !this.byTrace.has(r.traceId)) this.byTrace.set(r.traceId, r);
      for (const s of r.spanIds) this.bySpan.set(s, r);
    }
  }

  forSpan(span: Span): RequestRecord | undefined {
    return this.bySpan.get(span.spanId) ?? this.byTrace.get(span.traceId);
  }

  forLog(log: LogRecord): RequestRecord | undefined {
    return (
      (log.spanId && this.bySpan.get(log.spanId)) ||
      (log.traceId && this.byTrace.get(log.traceId)) ||
      (log.requestId && this.byId.get(log.requestId)) ||
      undefined
    );
  }
}

class Aggregator {
  private readonly byKey = new Map<string, AggregatedMapping>();
  /** Memoized mapping sources return the same objects again and again: their key is built once. */
  private readonly keys = new WeakMap<MappedLocation, string>();

  private keyOf(m: MappedLocation): string {
    let key = this.keys.get(m);
    if (key === undefined) {
      const l = m.location;
      key = `${m.via}\0${l.file}\0${l.startLine}\0${l.startColumn}\0${m.detail}`;
      this.keys.set(m, key);
    }
    return key;
  }

  add(mapped: MappedLocation[], request: RequestRecord | undefined, at: CodeMapping['at'], weight = 1): void {
    for (const m of mapped) {
      const flow = request?.flow;
      const key = `${this.keyOf(m)}\0${flow ?? ''}`;
      let entry = this.byKey.get(key);
      if (!entry) this.byKey.set(key, (entry = { ...m, flow, at, count: 0, stuckCount: 0 }));
      entry.count += weight;
      if (request?.state === 'incomplete') entry.stuckCount += weight;
    }
  }

  result(): AggregatedMapping[] {
    return [...this.byKey.values()]
      .sort((a, b) => b.stuckCount - a.stuckCount || b.confidence - a.confidence || b.count - a.count)
      .slice(0, MAX_REPORTED_MAPPINGS);
  }
}

export function mapEvidence(ctx: MappingContext, dataset: Dataset, requests: RequestRecord[]): MappingResult {
  const lookup = new RequestLookup(requests);
  const aggregate = new Aggregator();

  const byFlow = new Map<string, RequestRecord[]>();
  for (const r of requests) {
    const members = byFlow.get(r.flow);
    if (members) members.push(r);
    else byFlow.set(r.flow, [r]);
  }
  for (const [flow, members] of byFlow) {
    const handlers = mapFlowToHandlers(ctx, flow);
    for (const r of members) aggregate.add(handlers, r, r.origin);
  }
  for (const span of dataset.spans) {
    const request = lookup.forSpan(span);
    aggregate.add(mapSpan(ctx, span, request?.flow), request, span.origin);
  }
  for (const log of dataset.logs) {
    const request = lookup.forLog(log);
    aggregate.add(mapLog(ctx, log), request, log.origin);
  }
  return { mappings: aggregate.result(), loopSignatures: mapLoopSignatures(ctx, dataset, requests) };
}

/** Each stuck request's loop signatures, mapped through the example span/log record or the operation's text. */
export function mapLoopSignatures(ctx: MappingContext, dataset: Dataset, requests: RequestRecord[]): LoopSignatureMapping[] {
  const stuck = requests.filter((r) => r.state === 'incomplete' && r.loops.length);
  if (!stuck.length) return [];
  const spansById = new Map<string, Span>();
  const logsByOrigin = new Map<string, LogRecord>();
  const wantedSpans = new Set(stuck.flatMap((r) => r.loops.map((l) => l.exampleSpanId).filter((s): s is string => !!s)));
  const wantedLogs = new Set(stuck.flatMap((r) => r.loops.map((l) => (l.exampleAt ? `${l.exampleAt.file}:${l.exampleAt.line}` : '')).filter(Boolean)));
  for (const s of dataset.spans) if (wantedSpans.has(s.spanId)) spansById.set(s.spanId, s);
  for (const l of dataset.logs) {
    const key = `${l.origin.file}:${l.origin.line}`;
    if (wantedLogs.has(key)) logsByOrigin.set(key, l);
  }

  const byKey = new Map<string, LoopSignatureMapping>();
  for (const r of stuck) {
    for (const loop of r.loops) {
      const key = `${r.flow}\0${loop.source}\0${loop.operation}`;
      let entry = byKey.get(key);
      if (!entry) {
        entry = { flow: r.flow, operation: loop.operation, source: loop.source, requests: 0, maxCount: 0, mappings: mapOperation(ctx, loop, r.flow, spansById, logsByOrigin) };
        byKey.set(key, entry);
      }
      entry.requests++;
      entry.maxCount = Math.max(entry.maxCount, loop.count);
    }
  }
  return [...byKey.values()];
}

function mapOperation(ctx: MappingContext, loop: LoopSignature, flow: string, spans: Map<string, Span>, logs: Map<string, LogRecord>): MappedLocation[] {
  const span = loop.exampleSpanId ? spans.get(loop.exampleSpanId) : undefined;
  if (span) {
    const mapped = mapSpan(ctx, span, flow);
    if (mapped.length) return mapped;
  }
  const log = loop.exampleAt ? logs.get(`${loop.exampleAt.file}:${loop.exampleAt.line}`) : undefined;
  if (log) {
    const mapped = mapLog(ctx, log);
    if (mapped.length) return mapped;
  }
  // Only the operation's text: a span name possibly followed by normalized attributes, or a log template.
  const text = loop.operation;
  const candidates = [text, text.replace(/\s*[[({].*$/, '')].filter((t, i, all) => t && all.indexOf(t) === i);
  for (const candidate of candidates) {
    const mapped = loop.source === 'log' ? mapLogMessage(ctx, candidate) : mapSpanName(ctx, candidate);
    if (mapped.length) return mapped;
  }
  return [];
}
