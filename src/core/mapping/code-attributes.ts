// OpenTelemetry `code.*` attributes on a span or log record: file + line (current and pre-1.33
// names), function + namespace, and `code.stacktrace`.
import type { Attributes } from '../model/telemetry';
import { attrNumber, attrString } from './attributes';
import { functionsNamed, mapRuntimeLocation, type MappedLocation, type MappingContext } from './context';
import { mapStackTrace } from './stack-frames';

export function mapCodeAttributes(ctx: MappingContext, attributes: Attributes): MappedLocation[] {
  const file = attrString(attributes, 'code.file.path', 'code.filepath');
  const line = attrNumber(attributes, 'code.line.number', 'code.lineno');
  const column = attrNumber(attributes, 'code.column.number', 'code.column');
  const fn = attrString(attributes, 'code.function.name', 'code.function');
  const namespace = attrString(attributes, 'code.namespace');
  const out: MappedLocation[] = [];

  if (file) {
    const mapped = mapRuntimeLocation(ctx, { path: file, line, column, functionName: fn }, 'code-attributes');
    if (mapped) out.push(mapped);
  } else if (fn) {
    out.push(...byFunctionName(ctx, fn, namespace));
  }
  const stack = attrString(attributes, 'code.stacktrace');
  if (stack && out.length === 0) out.push(...mapStackTrace(ctx, stack, 'stack-trace'));
  return out;
}

/** Only a function name: the scan's functions of that name, certainty shared among them. */
function byFunctionName(ctx: MappingContext, fn: string, namespace?: string): MappedLocation[] {
  let candidates = functionsNamed(ctx, fn);
  if (namespace && candidates.length > 1) {
    const ns = namespace.toLowerCase();
    const narrowed = candidates.filter((c) => c.name.toLowerCase().includes(ns) || c.location.file.toLowerCase().includes(ns));
    if (narrowed.length) candidates = narrowed;
  }
  return candidates.slice(0, 3).map((c) => ({
    location: c.location,
    via: 'code-attributes',
    confidence: 0.6 / candidates.length,
    detail: `code.function ${namespace ? `${namespace}.` : ''}${fn} → ${c.name} in ${c.location.file}:${c.location.startLine}`,
  }));
}
