// Span events named "exception" carry `exception.stacktrace`: the frames where the span's code threw.
import type { Span } from '../model/telemetry';
import { attrString } from './attributes';
import type { MappedLocation, MappingContext } from './context';
import { mapStackTrace } from './stack-frames';

export function mapExceptionEvents(ctx: MappingContext, span: Span): MappedLocation[] {
  const out: MappedLocation[] = [];
  for (const event of span.events) {
    if (event.name !== 'exception') continue;
    const stack = attrString(event.attributes, 'exception.stacktrace');
    if (stack) out.push(...mapStackTrace(ctx, stack, 'stack-trace'));
  }
  return out;
}
