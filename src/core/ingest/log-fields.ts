// Where JSON log lines keep their time, level, message and ids, by the conventions of pino,
// bunyan, winston and Elastic ECS. A name may be a flat key ("log.level") or a nested path
// (log: {level}); both are tried. Callers can put their own names first.

export const TIME_FIELDS = ['time', 'timestamp', '@timestamp', 'ts', 'date', 'datetime', 't'];
export const LEVEL_FIELDS = ['level', 'log.level', 'lvl', 'severity', 'levelname', 'loglevel', 'log_level', 'severity_text'];
export const MESSAGE_FIELDS = ['msg', 'message', '@message', 'text', 'event'];
export const REQUEST_ID_FIELDS = [
  'reqId', 'req_id', 'req.id', 'requestId', 'request_id', 'request.id', 'http.request.id', 'x-request-id',
  'req.headers.x-request-id', 'headers.x-request-id', 'http.request.headers.x-request-id', 'correlationId', 'correlation_id',
];
export const TRACE_ID_FIELDS = ['trace_id', 'traceId', 'traceID', 'trace.id', 'dd.trace_id', 'otelTraceID', 'logging.googleapis.com/trace'];
export const SPAN_ID_FIELDS = ['span_id', 'spanId', 'spanID', 'span.id', 'dd.span_id', 'otelSpanID'];
export const SERVICE_FIELDS = ['service.name', 'service', 'serviceName', 'app', 'name'];

type Json = Record<string, unknown>;

/** Looks `name` up as a flat key, then as a dotted path through nested objects (any split of the dots). */
export function lookup(record: Json, name: string): { value: unknown; topKey: string } | undefined {
  if (Object.prototype.hasOwnProperty.call(record, name)) return { value: record[name], topKey: name };
  let dot = name.indexOf('.');
  while (dot !== -1) {
    const head = name.slice(0, dot);
    const child = Object.prototype.hasOwnProperty.call(record, head) ? record[head] : undefined;
    if (typeof child === 'object' && child !== null && !Array.isArray(child)) {
      const found = lookup(child as Json, name.slice(dot + 1));
      if (found) return { value: found.value, topKey: head };
    }
    dot = name.indexOf('.', dot + 1);
  }
  return undefined;
}

/** First field among `names` with a usable value. */
export function firstOf(record: Json, names: readonly string[], accept: (v: unknown) => boolean): { value: unknown; name: string; topKey: string } | undefined {
  for (const name of names) {
    const found = lookup(record, name);
    if (found && accept(found.value)) return { value: found.value, name, topKey: found.topKey };
  }
  return undefined;
}

export const isNonEmptyString = (v: unknown): boolean => typeof v === 'string' && v.trim() !== '';
export const isIdLike = (v: unknown): boolean => (typeof v === 'string' && v.trim() !== '' && v.length <= 256) || (typeof v === 'number' && Number.isFinite(v));

/** Epoch ms from an ISO string, epoch ms, or epoch seconds (small numbers). */
export function parseTime(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) {
    if (v > 1e17) return v / 1e6; // nanoseconds
    if (v > 1e14) return v / 1e3; // microseconds
    if (v > 1e11) return v; // milliseconds
    if (v > 1e8) return v * 1000; // seconds
    return undefined;
  }
  if (typeof v === 'string' && v.length <= 64) {
    if (/^\d+(\.\d+)?$/.test(v)) return parseTime(Number(v));
    const ms = Date.parse(v);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}
