// JSON-lines application logs (pino, bunyan, winston json, Elastic ECS). Every JSON object line is
// a record; other lines (comments, stack traces, logfmt) are counted and reported, never fatal.
import type { Attributes, AttrValue, LogRecord } from '../../model/telemetry';
import type { ImportContext } from '../context';
import { isZeroId, normalizeId } from '../ids';
import {
  LEVEL_FIELDS, MESSAGE_FIELDS, REQUEST_ID_FIELDS, SERVICE_FIELDS, SPAN_ID_FIELDS, TIME_FIELDS, TRACE_ID_FIELDS,
  firstOf, isIdLike, isNonEmptyString, parseTime,
} from '../log-fields';
import { levelKey, normalizeLevel } from '../log-levels';
import { lineImporter } from '../readers';
import { makeLogRecord } from '../records';
import type { Importer } from '../types';

type Json = Record<string, unknown>;
const MAX_NON_JSON_WARNINGS = 20;

export function jsonLinesLogImporter(ctx: ImportContext): Importer {
  const requestIdFields = [...(ctx.options.requestIdFields ?? []), ...REQUEST_ID_FIELDS];
  const traceIdFields = [...(ctx.options.traceIdFields ?? []), ...TRACE_ID_FIELDS];
  const spanIdFields = [...(ctx.options.spanIdFields ?? []), ...SPAN_ID_FIELDS];
  let nonJson = 0;
  return lineImporter(
    ctx,
    (text, line) => {
      if (text.trim() === '') return;
      let parsed: unknown;
      const trimmed = text.trimStart();
      if (trimmed.startsWith('{')) {
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = undefined;
        }
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        ctx.skippedLines++;
        if (nonJson++ < MAX_NON_JSON_WARNINGS) ctx.warn('not a JSON object line; skipped', line);
        return;
      }
      if (nestedDeeperThan(parsed, ctx.options.maxDepth ?? 256)) {
        ctx.skippedLines++;
        ctx.warn(`JSON nested deeper than ${ctx.options.maxDepth ?? 256} levels; skipped`, line);
        return;
      }
      ctx.logs.push(toLogRecord(ctx, parsed as Json, line, requestIdFields, traceIdFields, spanIdFields));
    },
    () => {
      if (nonJson > MAX_NON_JSON_WARNINGS) ctx.warn(`${nonJson} lines in all were not JSON objects`);
    },
  );
}

/** Iterative, so the check itself cannot overflow the stack. */
function nestedDeeperThan(root: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (depth > limit) return true;
    if (typeof value === 'object' && value !== null) for (const child of Object.values(value)) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
  return false;
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
