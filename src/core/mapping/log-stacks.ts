// Stack traces inside log records: pino/bunyan `err.stack`, plain `stack`, ECS `error.stack_trace`,
// OpenTelemetry `exception.stacktrace`, or a message that is itself a stack.
import type { LogRecord } from '../model/telemetry';
import { attrString } from './attributes';
import type { MappedLocation, MappingContext } from './context';
import { mapStackTrace } from './stack-frames';

const STACK_KEYS = ['err.stack', 'error.stack', 'stack', 'error.stack_trace', 'exception.stacktrace', 'exception.stack'];

export function mapLogStack(ctx: MappingContext, log: LogRecord): MappedLocation[] {
  const stack = attrString(log.attributes, ...STACK_KEYS) ?? (/\n\s+at\s/.test(log.message) ? log.message : undefined);
  return stack ? mapStackTrace(ctx, stack, 'stack-trace') : [];
}
