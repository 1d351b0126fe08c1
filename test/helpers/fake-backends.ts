// Stand-ins for Jaeger's query API, Tempo's search and trace-by-id, and Loki's query_range, serving
// data the test gives them and following each API's documented parameters (time units, inclusive
// start, limit, direction) so the clients' paging and windows are tested against those rules.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeBackend {
  url: string;
  /** Every request's path and query, in order. */
  requests: string[];
  close: () => Promise<void>;
}

type Handler = (url: URL, req: http.IncomingMessage) => { status?: number; body: unknown } | undefined;

async function serve(handler: Handler): Promise<FakeBackend> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    requests.push(`${url.pathname}${url.search}`);
    const answer = handler(url, req) ?? { status: 404, body: 'not found' };
    res.writeHead(answer.status ?? 200, { 'content-type': typeof answer.body === 'string' ? 'text/plain' : 'application/json' });
    res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** OTLP JSON lines (any grouping) → spans per trace id, each with the resource and scope it came with. */
export function otlpTraces(lines: string[]): Map<string, { startNs: bigint; resourceSpans: unknown[] }> {
  const traces = new Map<string, { startNs: bigint; resourceSpans: unknown[] }>();
  for (const line of lines) {
    for (const rs of (JSON.parse(line) as { resourceSpans: any[] }).resourceSpans) {
      for (const ss of rs.scopeSpans) {
        for (const span of ss.spans) {
          const t = traces.get(span.traceId) ?? { startNs: BigInt(span.startTimeUnixNano), resourceSpans: [] };
          t.startNs = BigInt(span.startTimeUnixNano) < t.startNs ? BigInt(span.startTimeUnixNano) : t.startNs;
          t.resourceSpans.push({ resource: rs.resource, scopeSpans: [{ scope: ss.scope, spans: [span] }] });
          traces.set(span.traceId, t);
        }
      }
    }
  }
  return traces;
}

/** Tempo: `/api/search?q&start&end&limit` (seconds) over trace start times; `/api/traces/<id>` answers `{batches}`. */
export function fakeTempo(traces: Map<string, { startNs: bigint; resourceSpans: unknown[] }>, headers: Record<string, string> = {}): Promise<FakeBackend> {
  return serve((url, req) => {
    for (const [k, v] of Object.entries(headers)) if (req.headers[k.toLowerCase()] !== v) return { status: 401, body: 'unauthorized' };
    if (url.pathname === '/api/search') {
      const start = BigInt(url.searchParams.get('start')!) * 1_000_000_000n;
      const end = BigInt(url.searchParams.get('end')!) * 1_000_000_000n;
      const limit = Number(url.searchParams.get('limit') ?? 20);
      const hits = [...traces].filter(([, t]) => t.startNs >= start && t.startNs <= end).slice(0, limit);
      return { body: { traces: hits.map(([traceID, t]) => ({ traceID, startTimeUnixNano: String(t.startNs) })), metrics: {} } };
    }
    const m = /^\/api\/traces\/([0-9a-f]+)$/.exec(url.pathname);
    const trace = m ? traces.get(m[1]!) : undefined;
    return trace ? { body: { batches: trace.resourceSpans } } : undefined;
  });
}

/**
 * Loki: `/loki/api/v1/query_range?query&start&end&limit&direction=forward` (nanoseconds, start
 * inclusive, end exclusive); lines in one stream per `stream` label the caller gives.
 */
export function fakeLoki(entries: Array<{ ns: bigint; line: string; stream: string }>, pageCap = 5000): Promise<FakeBackend> {
  return serve((url) => {
    if (url.pathname !== '/loki/api/v1/query_range') return undefined;
    if (url.searchParams.get('direction') !== 'forward') return { status: 400, body: 'this fake serves forward queries only' };
    const start = BigInt(url.searchParams.get('start')!);
    const end = BigInt(url.searchParams.get('end')!);
    const limit = Number(url.searchParams.get('limit') ?? 100);
    // Loki refuses, rather than trims, a limit over its max_entries_limit_per_query, in these words.
    if (limit > pageCap) return { status: 400, body: `max entries limit per query exceeded, limit > max_entries_limit_per_query (${limit} > ${pageCap})` };
    const hits = entries.filter((e) => e.ns >= start && e.ns < end).sort((a, b) => (a.ns < b.ns ? -1 : a.ns > b.ns ? 1 : 0)).slice(0, limit);
    const streams = new Map<string, Array<[string, string]>>();
    for (const e of hits) streams.set(e.stream, [...(streams.get(e.stream) ?? []), [String(e.ns), e.line]]);
    return { body: { status: 'success', data: { resultType: 'streams', result: [...streams].map(([level, values]) => ({ stream: { level }, values })) } } };
  });
}

/** Jaeger: `/api/traces?service&start&end&limit` (microseconds) over the traces' earliest span. */
export function fakeJaeger(traces: Array<{ traceID: string; spans: Array<{ startTime: number }>; processes: Record<string, { serviceName: string }> }>): Promise<FakeBackend> {
  return serve((url) => {
    if (url.pathname !== '/api/traces') return undefined;
    const service = url.searchParams.get('service');
    if (!service) return { status: 400, body: { data: null, errors: [{ code: 400, msg: 'parameter \'service\' is required' }] } };
    const start = Number(url.searchParams.get('start'));
    const end = Number(url.searchParams.get('end'));
    const limit = Number(url.searchParams.get('limit') ?? 20);
    const hits = traces
      .filter((t) => Object.values(t.processes).some((p) => p.serviceName === service))
      .filter((t) => {
        const first = Math.min(...t.spans.map((s) => s.startTime));
        return first >= start && first <= end;
      })
      .slice(0, limit);
    return { body: { data: hits, total: 0, limit: 0, offset: 0, errors: null } };
  });
}
