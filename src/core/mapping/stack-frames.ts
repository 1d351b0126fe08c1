// A stack trace string → the project's frames as mappings, the innermost frame most trusted.
import { mapRuntimeLocation, type MappedLocation, type MappingContext } from './context';
import { parseStackTrace } from './stack-trace';

/** Innermost project frame first; outer frames are where it was called from, so they count less. */
const FRAME_WEIGHTS = [1, 0.6, 0.4];

export function mapStackTrace(ctx: MappingContext, stack: string, via = 'stack-trace'): MappedLocation[] {
  const out: MappedLocation[] = [];
  for (const frame of parseStackTrace(stack)) {
    const mapped = mapRuntimeLocation(ctx, frame, via);
    if (!mapped) continue;
    mapped.confidence *= 0.9 * FRAME_WEIGHTS[out.length];
    out.push(mapped);
    if (out.length >= FRAME_WEIGHTS.length) break;
  }
  return out;
}
