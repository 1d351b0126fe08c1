// A server span whose duration sits at a common client/proxy timeout, far above what the flow's
// healthy requests take, with a status that looks successful: the client gave up, not the server.
import type { Evidence } from '../../model';
import type { Detector } from '../candidate';
import { formatMs, spanDurationMs, quote } from '../candidate';
import { attrToString } from '../normalize';

export const STATUS_KEYS = ['http.response.status_code', 'http.status_code'];

export function spanHttpStatus(attrs: Record<string, unknown>): number | undefined {
  for (const key of STATUS_KEYS) {
    const v = attrs[key];
    // A number passes the text test below exactly when it is a whole number of three digits; no string for it.
    if (typeof v === 'number') {
      if (Number.isInteger(v) && v >= 100 && v <= 999) return v;
      continue;
    }
    const s = attrToString(v);
    if (s !== undefined && /^\d{3}$/.test(s)) return Number(s);
  }
  return undefined;
}

export const durationAtTimeout: Detector = {
  name: 'duration-at-timeout',
  detect(c, context) {
    const a = c.anchor;
    if (!a || (a.kind !== 'server' && a.kind !== 'consumer')) return [];
    const d = spanDurationMs(a);
    if (d === undefined) return [];
    const { knownTimeoutsMs, timeoutTolerance, timeoutToleranceMinMs } = context.options;
    const timeout = knownTimeoutsMs.find((t) => Math.abs(d - t) <= Math.max(timeoutToleranceMinMs, t * timeoutTolerance));
    if (timeout === undefined) return [];
    const median = context.healthyMedianMs(context.flowOf(c));
    if (median !== undefined && d < 3 * median) return [];
    const status = spanHttpStatus(a.attributes);
    const okLooking = a.status !== 'error' && (status === undefined || status < 500);
    const weight = okLooking ? 0.4 : 0.3;
    const against = median !== undefined ? `; healthy requests of this flow take a median of ${formatMs(median)}` : '';
    const ev: Evidence = {
      kind: 'duration-at-timeout',
      weight,
      detail: `'${quote(a.name)}' lasted ${formatMs(d)}, at a common client timeout of ${formatMs(timeout)}, with ${status ?? 'no'} HTTP status and span status ${a.status}${against}.`,
      spanId: a.spanId,
      at: a.origin,
    };
    return [ev];
  },
};
