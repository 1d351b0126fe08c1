// The normalized records every importer produces. Importers differ; everything after ingest
// sees only these shapes. Add fields freely; rename none (other modules and tests read them).

export type AttrValue = string | number | boolean | null | AttrValue[] | { [key: string]: AttrValue };
export type Attributes = Record<string, AttrValue>;

/** Where a record came from in an input file, so every finding can point back at its evidence. */
export interface InputRef {
  file: string;
  /** 1-based physical line of the record (for a pretty-printed JSON document: the line the record starts on). */
  line: number;
}

export type SpanKind = 'unspecified' | 'internal' | 'server' | 'client' | 'producer' | 'consumer';
export type SpanStatusCode = 'unset' | 'ok' | 'error';

export interface SpanEvent {
  name: string;
  timeMs: number;
  attributes: Attributes;
}

export interface Span {
  /** Lower-case hex, as OTLP and W3C write it (base64 and upper-case ids are normalized). */
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: SpanKind;
  service?: string;
  /** Epoch milliseconds (fractional: microsecond precision survives in a double). */
  startMs: number;
  /**
   * The source gave no start (a Zipkin span without timestamp or annotations): startMs is borrowed
   * from the parent or the trace, so it orders the span but is no evidence of when it ran.
   */
  startEstimated?: true;
  /** Absent when the source did not say (Zipkin without duration). */
  endMs?: number;
  status: SpanStatusCode;
  statusMessage?: string;
  attributes: Attributes;
  events: SpanEvent[];
  links?: Array<{ traceId: string; spanId: string; kind?: string }>;
  /** Zipkin: the server half of an RPC that shares its id with the client half. */
  shared?: boolean;
  /** OTLP resource attributes (one object shared by every span of the resource). */
  resource?: Attributes;
  /** OTLP instrumentation scope name, e.g. "@opentelemetry/instrumentation-http". */
  scope?: string;
  origin: InputRef;
}

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | string;

export interface LogRecord {
  timeMs?: number;
  /** Normalized: trace|debug|info|warn|error|fatal, or the source's own word when it is none of those. */
  level?: LogLevel;
  message: string;
  traceId?: string;
  spanId?: string;
  requestId?: string;
  service?: string;
  /** Every other field of the record, as read (nested objects kept). */
  attributes: Attributes;
  origin: InputRef;
}

/** One HTTP exchange seen from outside the service: a HAR entry or an access-log line. */
export interface HttpExchange {
  source: 'har' | 'access-log';
  startMs?: number;
  durationMs?: number;
  method: string;
  url: string;
  /** Path without the query string. */
  path: string;
  /** 0 when no response was received (HAR), as the source wrote it otherwise. */
  status: number;
  client?: string;
  userAgent?: string;
  requestId?: string;
  traceId?: string;
  attributes: Attributes;
  /**
   * A GraphQL request's document and operation name, from a HAR entry's JSON body: kept out of the
   * attributes (a document may hold literal values a user typed) and read only to name the flow.
   */
  graphql?: { document: string; operationName?: string };
  origin: InputRef;
}

export type InputFormat =
  | 'otlp-json'
  | 'otlp-jsonl'
  | 'otlp-logs'
  | 'jaeger'
  | 'zipkin'
  | 'jsonl-log'
  | 'logfmt'
  | 'access-log'
  | 'har'
  | 'unknown';

export interface ImportWarning {
  file: string;
  line?: number;
  message: string;
}

/** What was read from one input file (the `limbo inspect` output). Counts follow fixtures/SOURCES.md. */
export interface FileSummary {
  file: string;
  format: InputFormat;
  spans: number;
  /** Distinct (traceId, spanId) pairs; smaller than spans when Zipkin halves or duplicates share an id. */
  uniqueSpanIds: number;
  traces: number;
  services: string[];
  rootSpans: number;
  missingParentSpans: number;
  errorSpans: number;
  maxDepth: number;
  logRecords: number;
  logLevels: Record<string, number>;
  harEntries: number;
  accessLinesParsed: number;
  accessLinesRejected: number;
  /** Access-log lines outside the strict NCSA pattern that were still read (X-Forwarded-For chain as host, vhost prefix); not in accessLinesParsed. */
  accessLinesRecovered?: number;
  /** Records of a kind Limbo does not use and skips on purpose (e.g. OTLP metrics lines). */
  ignoredRecords?: number;
  /** Distinct service names of the log records (OTLP resource, or a log line's service field); `services` counts spans only. */
  logServices?: string[];
  /** Log records with error or fatal level (synonyms included). */
  errorLogRecords?: number;
  /** Lines that were not records (blank lines excluded), e.g. non-JSON lines in a JSON-lines log. */
  skippedLines: number;
  warnings: ImportWarning[];
  /** Set when nothing usable could be read: the reason, naming the line where it could. */
  error?: string;
}

/** Everything read from a set of inputs. */
export interface Dataset {
  spans: Span[];
  logs: LogRecord[];
  exchanges: HttpExchange[];
  files: FileSummary[];
}
