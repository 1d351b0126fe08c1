// Jaeger JSON: the query API / UI download `{data:[trace…]}` and a bare trace object
// `{traceID, spans, processes}`. Spans are streamed one by one; each trace is finished when its
// object closes, because `processes` may come after `spans`.
import type { Attributes, AttrValue, Span, SpanKind } from '../../model/telemetry';
import type { ImportContext } from '../context';
import { microsToMs, normalizeId } from '../ids';
import type { JsonPath } from '../json-splitter';
import { documentImporter, parsePart } from '../readers';
import { makeSpan } from '../records';
import type { Importer } from '../types';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const KINDS = new Set<SpanKind>(['internal', 'server', 'client', 'producer', 'consumer']);

export function jaegerImporter(ctx: ImportContext): Importer {
  let spans: Array<{ raw: Json; line: number }> = [];
  let processes: Json = {};

  /** Path prefix of the trace a path belongs to: [] for a bare trace, ['data', n] inside the API wrapper. */
  const tracePrefix = (path: JsonPath): number => (path[0] === 'data' ? 2 : 0);

  return documentImporter(ctx, {
    rootKinds: '{',
    descend: (path) => {
      if (path[0] === 'data') return path.length <= 2 || (path.length === 3 && path[2] === 'spans');
      return path.length === 1 && path[0] === 'spans';
    },
    onValue: (path, text, line) => {
      const p = tracePrefix(path);
      if (path[0] === 'data' && path.length < 3) return;
      if (path[p] === 'spans' && path.length === p + 2) {
        const raw = parsePart(ctx, text, line, 'Jaeger span');
        if (isObject(raw)) spans.push({ raw, line });
        else if (raw !== undefined) ctx.warn('Jaeger span is not an object; skipped', line);
      } else if (path[p] === 'processes' && path.length === p + 1) {
        const raw = parsePart(ctx, text, line, 'Jaeger processes');
        if (isObject(raw)) processes = raw;
      }
    },
    onClose: (path) => {
      if (path[0] === 'data' && path.length === 2) flush();
    },
    onEnd: () => flush(),
  });

  function flush(): void {
    for (const { raw, line } of spans) {
      const span = convert(ctx, raw, processes, line);
      if (span) ctx.spans.push(span);
    }
    spans = [];
    processes = {};
  }
}

function convert(ctx: ImportContext, raw: Json, processes: Json, line: number): Span | undefined {
  const traceId = normalizeId(raw.traceID ?? raw.traceId);
  const spanId = normalizeId(raw.spanID ?? raw.spanId);
  if (!traceId || !spanId) {
    ctx.warn('Jaeger span without a valid traceID/spanID; skipped', line);
    return undefined;
  }
  const tags = tagObject(ctx, raw.tags);
  const process = isObject(raw.process) ? raw.process : isObject(processes[String(raw.processID)]) ? (processes[String(raw.processID)] as Json) : undefined;
  const references = asArray(raw.references).filter(isObject);
  // The Jaeger model's own rule: the first CHILD_OF reference, else the first reference.
  const parentRef = references.find((r) => r.refType === 'CHILD_OF') ?? references[0];
  const parent = parentRef ? normalizeId(parentRef.spanID ?? parentRef.spanId) : normalizeId(raw.parentSpanID);
  const startMs = microsToMs(raw.startTime) ?? 0;
  const duration = typeof raw.duration === 'number' ? raw.duration / 1000 : undefined;
  const kindTag = typeof tags['span.kind'] === 'string' ? (tags['span.kind'] as string).toLowerCase() : '';
  const isError = tags.error === true || tags.error === 'true' || String(tags['otel.status_code'] ?? '').toUpperCase() === 'ERROR';
  const service = process && typeof process.serviceName === 'string' && process.serviceName !== '' ? ctx.strings.intern(process.serviceName) : undefined;
  const resource = process ? tagObject(ctx, process.tags) : {};
  const others = references.filter((r) => r !== parentRef);
  return makeSpan({
    traceId: ctx.strings.internTraceId(traceId),
    spanId,
    parentSpanId: parent || undefined,
    name: typeof raw.operationName === 'string' ? ctx.strings.intern(raw.operationName) : '',
    kind: KINDS.has(kindTag as SpanKind) ? (kindTag as SpanKind) : 'unspecified',
    service,
    startMs,
    endMs: duration !== undefined && startMs > 0 ? startMs + duration : undefined,
    status: isError ? 'error' : tags['otel.status_code'] === 'OK' ? 'ok' : 'unset',
    statusMessage: typeof tags['otel.status_description'] === 'string' ? (tags['otel.status_description'] as string) : undefined,
    attributes: tags,
    events: asArray(raw.logs).filter(isObject).map((log) => {
      const fields = tagObject(ctx, log.fields);
      const name = typeof fields.event === 'string' ? fields.event : typeof fields.message === 'string' ? fields.message : 'log';
      return { name, timeMs: microsToMs(log.timestamp) ?? startMs, attributes: fields };
    }),
    links:
      others.length > 0
        ? others.flatMap((r) => {
            const t = normalizeId(r.traceID ?? r.traceId);
            const s = normalizeId(r.spanID ?? r.spanId);
            return t && s ? [{ traceId: t, spanId: s, kind: String(r.refType ?? '') }] : [];
          })
        : undefined,
    resource: Object.keys(resource).length > 0 ? resource : undefined,
    origin: { file: ctx.file, line },
  });
}

function tagObject(ctx: ImportContext, list: unknown): Attributes {
  const out: Attributes = {};
  for (const tag of asArray(list)) {
    if (!isObject(tag) || typeof tag.key !== 'string') continue;
    const v = tag.value;
    out[tag.key] = typeof v === 'string' ? ctx.strings.intern(v) : (v as AttrValue) ?? null;
  }
  return out;
}
