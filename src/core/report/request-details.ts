// The spans and log records of the stuck requests, carried in the report so the incident report's
// waterfall can show them without the original files. Bounded: the most certain stuck requests
// first, and at most `maxRecords` spans + logs each (a 20,000-span request stays whole by default).
import type { AnalysisReport } from '../model/report';
import type { RequestRecord } from '../model/request';
import type { Dataset, LogRecord, Span } from '../model/telemetry';

export interface RequestDetailLimits {
  /** How many incomplete requests get their records included. */
  maxRequests: number;
  /** Spans plus log records per request. */
  maxRecords: number;
}

export const DEFAULT_REQUEST_DETAIL_LIMITS: RequestDetailLimits = { maxRequests: 25, maxRecords: 20_000 };

export function collectRequestDetails(
  dataset: Dataset,
  requests: readonly RequestRecord[],
  limits: RequestDetailLimits = DEFAULT_REQUEST_DETAIL_LIMITS,
): NonNullable<AnalysisReport['requestDetails']> {
  const chosen = requests
    .filter((r) => r.state === 'incomplete')
    .sort((a, b) => b.confidence - a.confidence || (a.startMs ?? 0) - (b.startMs ?? 0))
    .slice(0, Math.max(0, limits.maxRequests));
  const out: NonNullable<AnalysisReport['requestDetails']> = {};
  if (chosen.length === 0) return out;
  const traces = new Set(chosen.map((r) => r.traceId).filter((t): t is string => !!t));
  const ids = new Set(chosen.map((r) => r.id));
  const spansByTrace = new Map<string, Span[]>();
  for (const s of dataset.spans) {
    if (!traces.has(s.traceId)) continue;
    const list = spansByTrace.get(s.traceId);
    if (list) list.push(s);
    else spansByTrace.set(s.traceId, [s]);
  }
  const logsByKey = new Map<string, LogRecord[]>();
  const addLog = (key: string, log: LogRecord) => {
    const list = logsByKey.get(key);
    if (list) list.push(log);
    else logsByKey.set(key, [log]);
  };
  for (const l of dataset.logs) {
    if (l.traceId && traces.has(l.traceId)) addLog(`t:${l.traceId}`, l);
    else if (l.requestId && ids.has(l.requestId)) addLog(`r:${l.requestId}`, l);
  }
  for (const r of chosen) {
    const spans = (r.traceId ? spansByTrace.get(r.traceId) : undefined) ?? [];
    const logs = [...(r.traceId ? logsByKey.get(`t:${r.traceId}`) ?? [] : []), ...(logsByKey.get(`r:${r.id}`) ?? [])];
    const keptSpans = spans.slice(0, limits.maxRecords);
    out[r.id] = { spans: keptSpans, logs: logs.slice(0, Math.max(0, limits.maxRecords - keptSpans.length)) };
  }
  return out;
}
