// OTLP/JSON objects (ResourceSpans, Span, LogRecord, AnyValue) to Limbo's model. Accepts the
// variants seen in the wild: old field names, numeric or string enums, intValue as a string,
// base64 or upper-case ids. Unknown fields are ignored.
import type { AttrValue, Attributes, InputRef, LogRecord, Span, SpanEvent, SpanKind, SpanStatusCode } from '../model/telemetry';
import type { ImportContext } from './context';
import { isZeroId, nanosToMs, normalizeId } from './ids';
import { normalizeLevel } from './log-levels';
import { makeLogRecord } from './records';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export interface ResourceInfo {
  service?: string;
  attributes: Attributes;
  hasAttributes: boolean;
}

/** Shared by every span without events (most of them); frozen so nobody appends to it by mistake. */
const NO_EVENTS: SpanEvent[] = Object.freeze([]) as unknown as SpanEvent[];

const KINDS: SpanKind[] = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];

export function resourceInfo(ctx: ImportContext, resource: unknown): ResourceInfo {
  const attributes = isObject(resource) ? keyValues(ctx, resource.attributes) : {};
  const service = attributes['service.name'];
  return { service: typeof service === 'string' && service !== '' ? ctx.strings.intern(service) : undefined, attributes, hasAttributes: Object.keys(attributes).length > 0 };
}

export function scopeName(scope: unknown): string | undefined {
  return isObject(scope) && typeof scope.name === 'string' && scope.name !== '' ? scope.name : undefined;
}

/** The scope name as spans carry it: interned once per scope rather than once per span. */
export function internedScopeName(ctx: ImportContext, scope: unknown): string | undefined {
  const name = scopeName(scope);
  return name === undefined ? undefined : ctx.strings.intern(name);
}

/** The spans of one ResourceSpans (either field name generation). */
export function scopeSpansOf(resourceSpans: Json): Json[] {
  return [...asArray(resourceSpans.scopeSpans), ...asArray(resourceSpans.instrumentationLibrarySpans)].filter(isObject);
}

export function scopeLogsOf(resourceLogs: Json): Json[] {
  return [...asArray(resourceLogs.scopeLogs), ...asArray(resourceLogs.instrumentationLibraryLogs)].filter(isObject);
}

export const scopeOf = (scopeSpans: Json): unknown => scopeSpans.scope ?? scopeSpans.instrumentationLibrary;

/** Converts a whole request object (one line of the Collector's file exporter, or a small document). */
export function importOtlpRequest(ctx: ImportContext, request: Json, line: number): void {
  const origin: InputRef = { file: ctx.file, line };
  for (const rs of [...asArray(request.resourceSpans), ...asArray(request.batches)]) {
    if (!isObject(rs)) continue;
    const resource = resourceInfo(ctx, rs.resource);
    for (const ss of scopeSpansOf(rs)) {
      const scope = internedScopeName(ctx, scopeOf(ss));
      for (const raw of asArray(ss.spans)) addSpan(ctx, raw, resource, scope, origin);
    }
  }
  for (const rl of asArray(request.resourceLogs)) {
    if (!isObject(rl)) continue;
    const resource = resourceInfo(ctx, rl.resource);
    for (const sl of scopeLogsOf(rl)) {
      const scope = scopeName(scopeOf(sl));
      for (const raw of asArray(sl.logRecords)) addLogRecord(ctx, raw, resource, scope, origin);
    }
  }
  if (Array.isArray(request.resourceMetrics)) ctx.ignoredRecords++;
}

export function addSpan(ctx: ImportContext, raw: unknown, resource: ResourceInfo, scope: string | undefined, origin: InputRef): void {
  if (!isObject(raw)) {
    ctx.warn('span is not an object; skipped', origin.line);
    return;
  }
  // Spans of one trace, and siblings under one parent, arrive together: the previous span's ids are
  // reused when the raw text is the same, which skips the check, the lower-casing and the interning.
  const recent = ctx.recentIds;
  const rawTraceId = raw.traceId;
  let traceId: string | null | undefined;
  if (rawTraceId === recent.rawTraceId && typeof rawTraceId === 'string') traceId = recent.traceId;
  else {
    traceId = normalizeId(rawTraceId);
    // Spans of a trace share one trace id string instead of a copy each.
    if (traceId) {
      traceId = ctx.strings.internTraceId(traceId);
      recent.rawTraceId = rawTraceId;
      recent.traceId = traceId;
    }
  }
  const spanId = normalizeId(raw.spanId);
  if (!traceId || !spanId) {
    ctx.warn(`span ${JSON.stringify(String(raw.name ?? '')).slice(0, 80)} has no valid traceId/spanId; skipped`, origin.line);
    return;
  }
  const rawParent = raw.parentSpanId;
  let parentSpanId: string | undefined;
  if (rawParent === recent.rawParentSpanId && typeof rawParent === 'string') parentSpanId = recent.parentSpanId;
  else {
    const parent = normalizeId(rawParent);
    if (parent === null) ctx.warn(`span ${spanId} has an unreadable parentSpanId; treated as a root`, origin.line);
    parentSpanId = parent && !isZeroId(parent) ? parent : undefined;
    if (parentSpanId !== undefined) {
      recent.rawParentSpanId = rawParent;
      recent.parentSpanId = parentSpanId;
    }
  }
  const status = isObject(raw.status) ? raw.status : undefined;
  const links = Array.isArray(raw.links) && raw.links.length > 0
    ? raw.links.filter(isObject).flatMap((l) => {
        const t = normalizeId(l.traceId);
        const s = normalizeId(l.spanId);
        return t && s ? [{ traceId: t, spanId: s }] : [];
      })
    : undefined;
  const message = status?.message;
  const name = typeof raw.name === 'string' ? ctx.strings.internParsed(raw.name) : '';
  // Built here rather than through makeSpan (records.ts), in the same field order: this runs a
  // million times, and the intermediate fields object was one more allocation per span.
  const span: Span = {
    traceId,
    spanId,
    parentSpanId,
    name,
    kind: spanKind(raw.kind),
    service: resource.service,
    startMs: nanosToMs(raw.startTimeUnixNano) ?? 0,
    endMs: nanosToMs(raw.endTimeUnixNano),
    status: statusCode(status?.code),
    statusMessage: typeof message === 'string' && message !== '' ? message : undefined,
    attributes: spanAttributes(ctx, name, raw.attributes),
    events: Array.isArray(raw.events) && raw.events.length > 0 ? raw.events.filter(isObject).map((e) => event(ctx, e)) : NO_EVENTS,
    links,
    shared: undefined,
    // Shared per resource, so it costs one reference per span.
    resource: resource.hasAttributes ? resource.attributes : undefined,
    scope,
    origin,
  };
  ctx.spans.push(span);
}

export function addLogRecord(ctx: ImportContext, raw: unknown, resource: ResourceInfo, scope: string | undefined, origin: InputRef): void {
  if (!isObject(raw)) {
    ctx.warn('log record is not an object; skipped', origin.line);
    return;
  }
  const severity = typeof raw.severityNumber === 'number' ? raw.severityNumber : typeof raw.severityNumber === 'string' ? severityFromName(raw.severityNumber) : undefined;
  const text = typeof raw.severityText === 'string' && raw.severityText !== '' ? raw.severityText : undefined;
  const level = severity !== undefined && severity > 0 ? levelFromSeverity(severity) : text ? normalizeLevel(text) : undefined;
  const body = anyValue(ctx, raw.body);
  const attributes = keyValues(ctx, raw.attributes);
  if (scope) attributes['otel.scope.name'] = scope;
  ctx.countLevel(level ?? '(none)');
  const traceId = normalizeId(raw.traceId);
  const spanId = normalizeId(raw.spanId);
  ctx.logs.push(
    makeLogRecord({
      timeMs: nanosToMs(raw.timeUnixNano) ?? nanosToMs(raw.observedTimeUnixNano),
      level,
      message: typeof body === 'string' ? body : body === null ? '' : JSON.stringify(body),
      traceId: traceId && !isZeroId(traceId) ? traceId : undefined,
      spanId: spanId && !isZeroId(spanId) ? spanId : undefined,
      service: resource.service,
      attributes,
      origin,
    }),
  );
}

function event(ctx: ImportContext, raw: Json): SpanEvent {
  return { name: typeof raw.name === 'string' ? ctx.strings.internParsed(raw.name) : '', timeMs: nanosToMs(raw.timeUnixNano) ?? 0, attributes: keyValues(ctx, raw.attributes) };
}

function spanKind(raw: unknown): SpanKind {
  if (typeof raw === 'number') return KINDS[raw] ?? 'unspecified';
  if (typeof raw === 'string') {
    const word = raw.replace(/^SPAN_KIND_/i, '').toLowerCase();
    return (KINDS as string[]).includes(word) ? (word as SpanKind) : 'unspecified';
  }
  return 'unspecified';
}

function statusCode(raw: unknown): SpanStatusCode {
  if (raw === 2 || raw === 'STATUS_CODE_ERROR' || raw === 'ERROR' || raw === '2') return 'error';
  if (raw === 1 || raw === 'STATUS_CODE_OK' || raw === 'OK' || raw === '1') return 'ok';
  return 'unset';
}

function severityFromName(name: string): number | undefined {
  const m = /^SEVERITY_NUMBER_([A-Z]+)(\d?)$/.exec(name);
  if (!m) return undefined;
  const base = { TRACE: 1, DEBUG: 5, INFO: 9, WARN: 13, ERROR: 17, FATAL: 21 }[m[1]!];
  return base === undefined ? undefined : base + Math.max(0, Number(m[2] || 1) - 1);
}

function levelFromSeverity(n: number): string {
  return n <= 4 ? 'trace' : n <= 8 ? 'debug' : n <= 12 ? 'info' : n <= 16 ? 'warn' : n <= 20 ? 'error' : 'fatal';
}

/** OTLP KeyValue list to a plain object. */
export function keyValues(ctx: ImportContext, list: unknown, depth = 0): Attributes {
  const out: Attributes = {};
  if (!Array.isArray(list)) return out;
  for (const kv of list) {
    if (isObject(kv) && typeof kv.key === 'string') out[kv.key] = anyValue(ctx, kv.value, depth);
  }
  return out;
}

/** A span's KeyValue list as an object, shared with recent spans of the same name whose list was equal. */
function spanAttributes(ctx: ImportContext, name: string, list: unknown): Attributes {
  const shared = ctx.spanAttributes;
  if (!shared.begin(name)) return keyValuesOfName(ctx, name, list);
  if (Array.isArray(list)) {
    for (const kv of list) {
      if (!isObject(kv) || typeof kv.key !== 'string') continue;
      const v = kv.value;
      // A string value as read: take() interns it only if it goes into a new object.
      shared.add(kv.key, isObject(v) && typeof v.stringValue === 'string' ? v.stringValue : anyValue(ctx, v));
    }
  }
  return shared.take(ctx.strings);
}

/** keyValues, as a copy of the last object of the span name when the list has exactly its keys in order (see attribute-layouts.ts). */
function keyValuesOfName(ctx: ImportContext, name: string, list: unknown): Attributes {
  const layout = ctx.attributeLayouts.get(name);
  if (layout !== undefined && Array.isArray(list) && sameKeys(list, layout.keys)) {
    const out: Attributes = { ...layout.object };
    for (let i = 0; i < list.length; i++) out[layout.keys[i]!] = anyValue(ctx, (list[i] as Json).value);
    return out;
  }
  const out = keyValues(ctx, list);
  ctx.attributeLayouts.remember(name, out);
  return out;
}

/** True when every item is a KeyValue object and their keys are `keys`, in order (so no key twice). */
function sameKeys(list: unknown[], keys: readonly string[]): boolean {
  if (list.length !== keys.length) return false;
  for (let i = 0; i < list.length; i++) {
    const kv = list[i];
    if (!isObject(kv) || kv.key !== keys[i]) return false;
  }
  return true;
}

/** Arrays and kvlists nested deeper than this are cut (hostile input must not exhaust the stack). */
const MAX_VALUE_DEPTH = 32;

export function anyValue(ctx: ImportContext, v: unknown, depth = 0): AttrValue {
  if (!isObject(v)) return null;
  if (depth >= MAX_VALUE_DEPTH) return '[nested too deep]';
  if (typeof v.stringValue === 'string') return ctx.strings.internParsed(v.stringValue);
  if (v.intValue !== undefined) {
    const n = typeof v.intValue === 'string' ? Number(v.intValue) : v.intValue;
    return typeof n === 'number' && Number.isSafeInteger(n) ? n : String(v.intValue);
  }
  if (v.doubleValue !== undefined) return typeof v.doubleValue === 'number' ? v.doubleValue : Number(v.doubleValue);
  if (v.boolValue !== undefined) return v.boolValue === true || v.boolValue === 'true';
  if (isObject(v.arrayValue)) return asArray(v.arrayValue.values).map((x) => anyValue(ctx, x, depth + 1));
  if (isObject(v.kvlistValue)) return keyValues(ctx, v.kvlistValue.values, depth + 1);
  if (typeof v.bytesValue === 'string') return v.bytesValue;
  return null;
}
