// One log record from a record's fields (a parsed JSON line, or a logfmt line's pairs): time, level,
// message, request/trace/span ids and service found by convention (log-fields.ts, the user's names
// first); every other field kept as an attribute for the "what is different" ranking.
import type { Attributes, AttrValue, LogRecord } from '../model/telemetry';
import type { ImportContext } from './context';
import { isZeroId, normalizeId } from './ids';
import {
  LEVEL_FIELDS, MESSAGE_FIELDS, REQUEST_ID_FIELDS, SERVICE_FIELDS, SPAN_ID_FIELDS, TIME_FIELDS, TRACE_ID_FIELDS,
  firstOf, isIdLike, isNonEmptyString, parseTime,
} from './log-fields';
import { levelKey, normalizeLevel } from './log-levels';
import { makeLogRecord } from './records';

export type Json = Record<string, unknown>;

export function logRecordBuilder(ctx: ImportContext): (rec: Json, line: number) => LogRecord {
  const requestIdFields = [...(ctx.options.requestIdFields ?? []), ...REQUEST_ID_FIELDS];
  const traceIdFields = [...(ctx.options.traceIdFields ?? []), ...TRACE_ID_FIELDS];
  const spanIdFields = [...(ctx.options.spanIdFields ?? []), ...SPAN_ID_FIELDS];
  return (rec, line) => toLogRecord(ctx, rec, line, requestIdFields, traceIdFields, spanIdFields);
}

function toLogRecord(ctx: ImportContext, rec: Json, line: number, requestIdFields: string[], traceIdFields: string[], spanIdFields: string[]): LogRecord {
  const used = new Set<string>();
  const time = firstOf(rec, TIME_FIELDS, (v) => parseTime(v) !== undefined);
  const level = firstOf(rec, LEVEL_FIELDS, (v) => levelKey(v) !== undefined);
  const message = firstOf(rec, MESSAGE_FIELDS, (v) => typeof v === 'string');
  const requestId = firstOf(rec, requestIdFields, isIdLike);
  const traceId = firstOf(rec, traceIdFields, isNonEmptyString);
  const spanId = firstOf(rec, spanIdFields, isNonEmptyString);
  const service = firstOf(rec, SERVICE_FIELDS, isNonEmptyString);
  for (const f of [time, level, message, traceId, spanId]) if (f && f.name === f.topKey) used.add(f.topKey);

  ctx.countLevel(levelKey(level?.value) ?? '(none)');
  const normalized = normalizeLevel(level?.value);
  const trace = traceId ? normalizeId(traceId.value) : undefined;
  if (traceId && !trace) ctx.warn(`trace id ${JSON.stringify(String(traceId.value).slice(0, 64))} is not hex or base64; ignored`, line);
  const span = spanId ? normalizeId(spanId.value) : undefined;
  // Everything else is kept as read (nested objects too), for the "what is different" ranking.
  const attributes: Attributes = {};
  for (const key of Object.keys(rec)) if (!used.has(key)) attributes[key] = rec[key] as AttrValue;
  return makeLogRecord({
    timeMs: time ? parseTime(time.value) : undefined,
    level: normalized ? ctx.strings.intern(normalized) : undefined,
    message: typeof message?.value === 'string' ? message.value : '',
    traceId: trace && !isZeroId(trace) ? trace : undefined,
    spanId: span && !isZeroId(span) ? span : undefined,
    requestId: requestId ? String(requestId.value) : undefined,
    service: service && typeof service.value === 'string' ? ctx.strings.intern(service.value) : undefined,
    attributes,
    origin: { file: ctx.file, line },
  });
}
