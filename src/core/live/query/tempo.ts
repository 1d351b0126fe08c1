// Grafana Tempo: a TraceQL search (`GET /api/search`) for the trace ids in a window, then each trace
// by id (`GET /api/traces/<id>`, OTLP JSON), written as OTLP JSON lines, one trace per line.
import { QueryError, endpoint, getJson } from './http';
import type { BackendQuery, FetchCounts } from './types';

export interface TempoQuery extends BackendQuery {
  /** TraceQL; `{}` (every trace) when not given. */
  traceql?: string;
  /** Traces fetched at once. */
  concurrency?: number;
}

const TRACE_ID = /^[0-9a-fA-F]{1,32}$/;

export async function* fetchTempoTraces(query: TempoQuery, counts: FetchCounts): AsyncGenerator<string> {
  const search = endpoint(query.url, '/api/search', {
    q: query.traceql ?? '{}',
    // Tempo takes seconds.
    start: Math.floor(query.startMs / 1000),
    end: Math.ceil(query.endMs / 1000),
    limit: query.limit,
  });
  query.onProgress?.('searching Tempo');
  const found = (await getJson(search, query)) as { traces?: Array<{ traceID?: unknown }> };
  if (!found || !Array.isArray(found.traces)) throw new QueryError(`${search.host}: not a Tempo search answer (no traces array)`);
  // The ids go into a URL path: only hex is taken from the server's answer.
  const ids = [...new Set(found.traces.map((t) => String(t?.traceID ?? '')))].filter((id) => TRACE_ID.test(id)).slice(0, query.limit);
  const skipped = found.traces.length - ids.length;
  if (skipped > 0) counts.warnings.push(`Tempo: ${skipped} search result(s) without a usable trace id skipped`);
  counts.capped = found.traces.length >= query.limit;

  const concurrency = Math.max(1, query.concurrency ?? 4);
  for (let i = 0; i < ids.length; i += concurrency) {
    const batch = ids.slice(i, i + concurrency);
    query.onProgress?.(`fetching traces ${i + 1}–${i + batch.length} of ${ids.length}`);
    const traces = await Promise.all(batch.map((id) => fetchTrace(query, id, counts)));
    for (const resourceSpans of traces) {
      if (!resourceSpans) continue;
      yield `${JSON.stringify({ resourceSpans })}\n`;
      counts.traces++;
    }
  }
}

/** One trace's resource spans, whichever shape this Tempo answers in: `batches` (v1), `resourceSpans`, or v2's `trace.resourceSpans`. */
async function fetchTrace(query: TempoQuery, id: string, counts: FetchCounts): Promise<unknown[] | undefined> {
  const answer = (await getJson(endpoint(query.url, `/api/traces/${id}`, {}), query)) as Record<string, any> | null;
  const resourceSpans = answer?.batches ?? answer?.resourceSpans ?? answer?.trace?.resourceSpans;
  if (Array.isArray(resourceSpans)) return resourceSpans;
  counts.warnings.push(`Tempo: trace ${id} came back without resource spans; skipped`);
  return undefined;
}
