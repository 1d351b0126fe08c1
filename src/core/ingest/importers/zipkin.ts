// Zipkin v2 JSON: an array of spans, or a single span object. Times are microseconds; a span may
// lack duration (still running or half of an RPC); client and server halves may share an id.
import type { Attributes, Span, SpanKind } from '../../model/telemetry';
import type { ImportContext } from '../context';
import { microsToMs, normalizeId } from '../ids';
import { documentImporter, parsePart } from '../readers';
import { makeSpan } from '../records';
import type { Importer } from '../types';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function zipkinImporter(ctx: ImportContext): Importer {
  let single: Json | undefined;
  let singleLine = 1;
  const withoutTimestamp: Span[] = [];
  const add = (raw: unknown, line: number): void => {
    if (!isObject(raw)) {
      ctx.warn('Zipkin span is not an object; skipped', line);
      return;
    }
    const span = convert(ctx, raw, line);
    if (!span) return;
    if (span.startMs === 0) withoutTimestamp.push(span);
    ctx.spans.push(span);
  };
  return documentImporter(ctx, {
    descend: () => false,
    onValue: (path, text, line) => {
      if (typeof path[0] === 'number') add(parsePart(ctx, text, line, 'Zipkin span'), line);
      else {
        // A single span object: its fields arrive one by one.
        single ??= {};
        if (path.length === 1) single[String(path[0])] = parsePart(ctx, text, line, `field ${String(path[0])}`);
      }
    },
    onEnd: () => {
      if (single) add(single, singleLine);
      if (withoutTimestamp.length > 0) estimateStarts(ctx, withoutTimestamp);
    },
  });
}

/**
 * Zipkin leaves out the timestamp of a span reported late or by the other half of an RPC. Starting
 * it at 0 (1970) would stretch its request over decades, so it borrows its parent's start, else the
 * earliest start of its trace in this file, and is marked so detectors do not read it as timing.
 */
function estimateStarts(ctx: ImportContext, missing: Span[]): void {
  const starts = new Map<string, number>();
  const traceStart = new Map<string, number>();
  for (const s of ctx.spans) {
    if (s.startMs === 0) continue;
    starts.set(`${s.traceId}/${s.spanId}`, s.startMs);
    const t = traceStart.get(s.traceId);
    if (t === undefined || s.startMs < t) traceStart.set(s.traceId, s.startMs);
  }
  let unplaced = 0;
  for (const span of missing) {
    const borrowed = (span.parentSpanId && starts.get(`${span.traceId}/${span.parentSpanId}`)) || traceStart.get(span.traceId);
    span.startEstimated = true;
    if (borrowed === undefined) unplaced++;
    else span.startMs = borrowed;
  }
  const placed = missing.length - unplaced;
  ctx.warn(
    `${missing.length} span${missing.length === 1 ? ' has' : 's have'} no timestamp or annotation: ` +
      (placed > 0 ? `${placed} placed at their parent's or trace's start` : '') +
      (placed > 0 && unplaced > 0 ? ', ' : '') +
      (unplaced > 0 ? `${unplaced} with no timed span in their trace left without a time` : '') +
      '; none of them counts as timing evidence',
  );
}

function convert(ctx: ImportContext, raw: Json, line: number): Span | undefined {
  const traceId = normalizeId(raw.traceId);
  const spanId = normalizeId(raw.id);
  if (!traceId || !spanId) {
    ctx.warn('Zipkin span without a valid traceId/id; skipped', line);
    return undefined;
  }
  const tags: Attributes = {};
  if (isObject(raw.tags)) for (const [k, v] of Object.entries(raw.tags)) tags[k] = typeof v === 'string' ? ctx.strings.intern(v) : String(v);
  const local = isObject(raw.localEndpoint) ? raw.localEndpoint : {};
  const remote = isObject(raw.remoteEndpoint) ? raw.remoteEndpoint : undefined;
  if (remote) {
    if (typeof remote.serviceName === 'string') tags['peer.service'] = remote.serviceName;
    const ip = remote.ipv4 ?? remote.ipv6;
    if (typeof ip === 'string') tags['net.peer.ip'] = ip;
    if (typeof remote.port === 'number') tags['net.peer.port'] = remote.port;
  }
  const annotations = Array.isArray(raw.annotations) ? raw.annotations.filter(isObject) : [];
  const firstAnnotation = annotations.map((a) => microsToMs(a.timestamp)).filter((t): t is number => t !== undefined).sort((a, b) => a - b)[0];
  const startMs = microsToMs(raw.timestamp) ?? firstAnnotation ?? 0;
  const kind = typeof raw.kind === 'string' ? raw.kind.toLowerCase() : '';
  const isError = Object.prototype.hasOwnProperty.call(tags, 'error');
  const parent = normalizeId(raw.parentId);
  return makeSpan({
    traceId: ctx.strings.internTraceId(traceId),
    spanId,
    parentSpanId: parent || undefined,
    name: typeof raw.name === 'string' ? ctx.strings.intern(raw.name) : '',
    kind: ['server', 'client', 'producer', 'consumer'].includes(kind) ? (kind as SpanKind) : 'unspecified',
    service: typeof local.serviceName === 'string' && local.serviceName !== '' ? ctx.strings.intern(local.serviceName) : undefined,
    startMs,
    endMs: typeof raw.duration === 'number' && startMs > 0 ? startMs + raw.duration / 1000 : undefined,
    status: isError ? 'error' : 'unset',
    statusMessage: isError && tags.error !== '' ? String(tags.error) : undefined,
    attributes: tags,
    events: annotations.map((a) => ({ name: String(a.value ?? ''), timeMs: microsToMs(a.timestamp) ?? startMs, attributes: {} })),
    shared: raw.shared === true ? true : undefined,
    origin: { file: ctx.file, line },
  });
}
