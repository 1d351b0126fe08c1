// Someone outside the server gave up: an access-log 499/408/504, a HAR entry without a response,
// or a client span that timed out while no server counterpart completed.
import type { Evidence, Span } from '../../model';
import type { Detector, RequestCandidate } from '../candidate';
import { formatMs, spanDurationMs, quote } from '../candidate';

/** 499: client closed (nginx); 408: request timeout; 504: a gateway stopped waiting. */
export const GAVE_UP_STATUSES = new Set([499, 408, 504]);
const TIMEOUT_TEXT = /time[d ]?\s?out|ETIMEDOUT|ESOCKETTIMEDOUT|aborted|abort|socket hang up|ECONNRESET|cancel/i;

function timedOutClientSpans(c: RequestCandidate): Span[] {
  const out: Span[] = [];
  for (const s of c.spans) {
    // Cheap checks first: most client spans succeed and carry no events.
    if (s.kind !== 'client') continue;
    if (s.status !== 'error' && s.attributes['error.type'] === undefined && s.events.length === 0) continue;
    const text = [s.statusMessage ?? '', ...s.events.map((e) => `${e.name} ${String(e.attributes['exception.message'] ?? e.attributes['exception.type'] ?? '')}`), String(s.attributes['error.type'] ?? '')].join(' ');
    if (TIMEOUT_TEXT.test(text)) out.push(s);
  }
  return out;
}

/** A server span under the client span that ended normally means the server answered. */
function serverAnswered(c: RequestCandidate, client: Span): boolean {
  return c.spans.some((s) => s.parentSpanId === client.spanId && s.kind === 'server' && s.endMs !== undefined && s.endMs <= (client.endMs ?? Infinity));
}

export const clientGaveUp: Detector = {
  name: 'client-gave-up',
  detect(c) {
    const out: Evidence[] = [];
    for (const ex of c.exchanges) {
      const what = ex.method || ex.path ? `${ex.method} ${ex.path}`.trim() : 'the request';
      const took = ex.durationMs !== undefined ? ` after ${formatMs(ex.durationMs)}` : '';
      if (ex.status === 0) {
        out.push({ kind: 'client-gave-up', weight: 0.6, detail: `${ex.source === 'har' ? 'HAR entry' : 'Exchange'} ${what} got no response${took}.`, at: ex.origin });
      } else if (GAVE_UP_STATUSES.has(ex.status)) {
        out.push({ kind: 'client-gave-up', weight: 0.7, detail: `${what} ended with ${ex.status}${took} (${ex.status === 499 ? 'client closed the connection' : ex.status === 408 ? 'request timeout' : 'gateway timeout'}).`, at: ex.origin });
      }
    }
    for (const s of timedOutClientSpans(c)) {
      if (serverAnswered(c, s)) continue;
      const d = spanDurationMs(s);
      out.push({
        kind: 'client-gave-up',
        weight: 0.55,
        detail: `Client span '${quote(s.name)}' failed with a timeout/abort${d !== undefined ? ` after ${formatMs(d)}` : ''} and no server span under it completed.`,
        spanId: s.spanId,
        at: s.origin,
      });
    }
    return out;
  },
};
