// How the request ended when it did end: an error status (failed) or a normal completion, which
// counts against the hang verdict unless the other evidence already says the client gave up.
import type { Evidence } from '../../model';
import type { Detector, RequestCandidate } from '../candidate';
import { flatText, formatMs, spanDurationMs, quote } from '../candidate';
import { spanHttpStatus } from './duration-at-timeout';
import { GAVE_UP_STATUSES } from './client-gave-up';

const HANG_KINDS = new Set(['children-after-parent-end', 'duration-at-timeout', 'client-gave-up', 'aborted-log', 'start-without-end']);

export function requestHttpStatus(c: RequestCandidate): number | undefined {
  if (c.anchor) {
    const s = spanHttpStatus(c.anchor.attributes);
    if (s !== undefined) return s;
  }
  for (const ex of c.exchanges) return ex.status;
  for (const l of c.logs) {
    const res = l.attributes['res'];
    const code = res && typeof res === 'object' && !Array.isArray(res) ? (res as Record<string, unknown>)['statusCode'] : l.attributes['statusCode'] ?? l.attributes['status'];
    if (typeof code === 'number' && code >= 100 && code < 600) return code;
  }
  return undefined;
}

export function outcomeDetector(prior: (c: RequestCandidate) => Evidence[]): Detector {
  return {
    name: 'outcome',
    detect(c, context) {
      const out: Evidence[] = [];
      const status = requestHttpStatus(c);
      const a = c.anchor;
      if ((a && a.status === 'error') || (status !== undefined && status >= 500 && !GAVE_UP_STATUSES.has(status))) {
        out.push({
          kind: 'error-status',
          weight: 0.8,
          detail: a?.status === 'error' ? flatText`'${quote(a.name)}' has status ERROR${a.statusMessage ? `: ${quote(a.statusMessage)}` : ''}${status ? ` (HTTP ${status})` : ''}.` : flatText`HTTP status ${status}.`,
          spanId: a?.spanId,
          at: a?.origin ?? c.exchanges[0]?.origin,
        });
      }
      if (prior(c).some((e) => HANG_KINDS.has(e.kind))) return out;
      const d = a ? spanDurationMs(a) : undefined;
      if (a && d !== undefined) {
        out.push({ kind: 'completed-normally', weight: -0.6, detail: flatText`'${quote(a.name)}' ended after ${formatMs(d)}${status ? ` with HTTP ${status}` : ''}.`, spanId: a.spanId, at: a.origin });
      } else if (c.logs.some((l) => context.options.endLogPattern.test(l.message))) {
        const end = c.logs.find((l) => context.options.endLogPattern.test(l.message))!;
        out.push({ kind: 'completed-normally', weight: -0.6, detail: `Logged '${quote(end.message)}'.`, at: end.origin });
      } else if (c.exchanges.length > 0 && status !== undefined && status !== 0 && !GAVE_UP_STATUSES.has(status)) {
        out.push({ kind: 'completed-normally', weight: -0.6, detail: `Answered with HTTP ${status}.`, at: c.exchanges[0]!.origin });
      }
      return out;
    },
  };
}
