// Jaeger's query API (`GET /api/traces`, what the Jaeger UI's search calls): the traces of a service
// in a time window, written as the `{data:[…]}` document the Jaeger importer reads.
import { QueryError, endpoint, getJson } from './http';
import type { BackendQuery, FetchCounts } from './types';

export interface JaegerQuery extends BackendQuery {
  service: string;
  operation?: string;
  /** Span tags every trace must have (Jaeger's `tags` parameter). */
  tags?: Record<string, string>;
}

export async function* fetchJaegerTraces(query: JaegerQuery, counts: FetchCounts): AsyncGenerator<string> {
  const url = endpoint(query.url, '/api/traces', {
    service: query.service,
    operation: query.operation,
    tags: query.tags && Object.keys(query.tags).length ? JSON.stringify(query.tags) : undefined,
    // Jaeger takes microseconds.
    start: Math.floor(query.startMs * 1000),
    end: Math.floor(query.endMs * 1000),
    limit: query.limit,
  });
  query.onProgress?.(`asking Jaeger for ${query.service}'s traces`);
  const answer = (await getJson(url, query)) as { data?: unknown; errors?: Array<{ msg?: string }> | null };
  if (!answer || !Array.isArray(answer.data)) throw new QueryError(`${url.host}: not a Jaeger query answer (no data array)`);
  for (const e of answer.errors ?? []) counts.warnings.push(`Jaeger: ${String(e?.msg ?? JSON.stringify(e))}`);
  yield '{"data":[\n';
  for (const trace of answer.data) {
    yield `${counts.traces ? ',' : ''}${JSON.stringify(trace)}\n`;
    counts.traces++;
  }
  yield ']}\n';
  counts.capped = counts.traces >= query.limit;
}
