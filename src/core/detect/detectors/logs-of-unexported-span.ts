// Log lines carry the id of a span that no exporter ever wrote: the span was open while they were
// logged and never ended (instrumentation-pino/bunyan stamp span_id on every line).
import type { Evidence, LogRecord } from '../../model';
import type { Detector } from '../candidate';
import { round } from './orphan-children';

export const logsOfUnexportedSpan: Detector = {
  name: 'logs-of-unexported-span',
  detect(c, context) {
    if (!context.hasSpans || c.logs.length === 0) return [];
    const bySpan = new Map<string, LogRecord[]>();
    for (const log of c.logs) {
      if (!log.spanId || /^0+$/.test(log.spanId) || c.byId.has(log.spanId)) continue;
      let list = bySpan.get(log.spanId);
      if (!list) bySpan.set(log.spanId, (list = []));
      list.push(log);
    }
    const out: Evidence[] = [];
    for (const [spanId, logs] of bySpan) {
      const isMissingParent = c.orphansByParent.has(spanId);
      const n = logs.length;
      // The same id also missing as the parent of exported children is the strongest form.
      const weight = (isMissingParent ? 0.6 : c.spans.length > 0 ? 0.45 : 0.35) + 0.2 * (1 - 1 / n);
      out.push({
        kind: 'logs-of-unexported-span',
        weight: round(weight),
        detail: `${n} log line${n === 1 ? '' : 's'} carry span id ${spanId}, which no exported span has${isMissingParent ? ' (it is also the missing parent of exported children)' : ''}.`,
        spanId,
        at: logs[0]!.origin,
      });
    }
    return out;
  },
};
