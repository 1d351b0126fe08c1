// Every Span (and LogRecord) is created with the same fields in the same order, absent ones as
// undefined: objects of one shape keep property access monomorphic in everything that walks a
// million of them later (summary, detection). Optional fields set afterwards would give each
// combination its own hidden class.
import type { Attributes, InputRef, LogRecord, Span, SpanEvent, SpanKind, SpanStatusCode } from '../model/telemetry';

export interface SpanFields {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: SpanKind;
  service?: string;
  startMs: number;
  endMs?: number;
  status: SpanStatusCode;
  statusMessage?: string;
  attributes: Attributes;
  events: SpanEvent[];
  links?: Span['links'];
  shared?: boolean;
  resource?: Attributes;
  scope?: string;
  origin: InputRef;
}

export function makeSpan(f: SpanFields): Span {
  return {
    traceId: f.traceId,
    spanId: f.spanId,
    parentSpanId: f.parentSpanId,
    name: f.name,
    kind: f.kind,
    service: f.service,
    startMs: f.startMs,
    endMs: f.endMs,
    status: f.status,
    statusMessage: f.statusMessage,
    attributes: f.attributes,
    events: f.events,
    links: f.links,
    shared: f.shared,
    resource: f.resource,
    scope: f.scope,
    origin: f.origin,
  };
}

export function makeLogRecord(f: LogRecord): LogRecord {
  return {
    timeMs: f.timeMs,
    level: f.level,
    message: f.message,
    traceId: f.traceId,
    spanId: f.spanId,
    requestId: f.requestId,
    service: f.service,
    attributes: f.attributes,
    origin: f.origin,
  };
}
