// Small builders for datasets in detection tests: only the fields a test cares about need naming.
import type { Dataset, HttpExchange, LogRecord, Span } from '../../../src/core/model';

let line = 0;

export function span(partial: Partial<Span> & { traceId: string; spanId: string; name: string; startMs: number }): Span {
  return { kind: 'internal', status: 'unset', attributes: {}, events: [], origin: { file: 'spans.jsonl', line: ++line }, ...partial };
}

export function log(partial: Partial<LogRecord> & { message: string }): LogRecord {
  return { attributes: {}, origin: { file: 'app.log', line: ++line }, ...partial };
}

export function exchange(partial: Partial<HttpExchange> & { method: string; path: string; status: number }): HttpExchange {
  return { source: 'access-log', url: partial.path, attributes: {}, origin: { file: 'access.log', line: ++line }, ...partial };
}

export function dataset(parts: Partial<Pick<Dataset, 'spans' | 'logs' | 'exchanges'>>): Dataset {
  return { spans: parts.spans ?? [], logs: parts.logs ?? [], exchanges: parts.exchanges ?? [], files: [] };
}

/** A healthy server request: a server span with `children` child spans, all within its duration. */
export function healthyTrace(traceId: string, route: string, startMs: number, durationMs = 40, children = 2, attrs: Record<string, string> = {}): Span[] {
  const serverId = `${traceId.slice(0, 12)}0001`;
  const spans = [
    span({ traceId, spanId: serverId, name: `GET ${route}`, kind: 'server', startMs, endMs: startMs + durationMs, attributes: { 'http.request.method': 'GET', 'http.route': route, 'http.response.status_code': 200, ...attrs } }),
  ];
  for (let i = 0; i < children; i++) {
    const s = startMs + 2 + i * (durationMs / (children + 1));
    spans.push(span({ traceId, spanId: `${traceId.slice(0, 12)}${String(i + 2).padStart(4, '0')}`, parentSpanId: serverId, name: 'db.query', startMs: s, endMs: s + 3, attributes: { 'db.statement': `SELECT * FROM t WHERE id = ${i}` } }));
  }
  return spans;
}

/** A hung request as instrumentation-http 0.22x shows it: the server span ends at the client's
 *  timeout with status 200, while its handler keeps starting child spans. */
export function hungTraceEnded(traceId: string, route: string, startMs: number, timeoutMs = 5000, loopEvery = 100, loops = 80, attrs: Record<string, string> = {}): Span[] {
  const serverId = `${traceId.slice(0, 12)}0001`;
  const spans = [
    span({ traceId, spanId: serverId, name: `${attrs['http.request.method'] ?? 'POST'} ${route}`, kind: 'server', startMs, endMs: startMs + timeoutMs + 3, attributes: { 'http.request.method': 'POST', 'http.route': route, 'http.response.status_code': 200, ...attrs } }),
  ];
  for (let i = 0; i < loops; i++) {
    const s = startMs + 5 + i * loopEvery + (i % 3);
    spans.push(span({ traceId, spanId: `${traceId.slice(0, 8)}${String(i + 2).padStart(8, '0')}`, parentSpanId: serverId, name: 'poll-status', startMs: s, endMs: s + 2 }));
  }
  return spans;
}

/** A hung request whose server span never ended: only its children (and logs carrying its id) arrive. */
export function hungTraceOrphaned(traceId: string, route: string, startMs: number, loopEvery = 100, loops = 30): { spans: Span[]; logs: LogRecord[] } {
  const serverId = `${traceId.slice(0, 12)}0001`;
  const spans: Span[] = [];
  const logs: LogRecord[] = [];
  // Express's "request handler" span ends when the handler returns its promise and carries the route.
  spans.push(span({ traceId, spanId: `${traceId.slice(0, 12)}ffff`, parentSpanId: serverId, name: `request handler - ${route}`, startMs: startMs + 1, endMs: startMs + 2, attributes: { 'http.route': route, 'express.type': 'request_handler' } }));
  for (let i = 0; i < loops; i++) {
    const s = startMs + 5 + i * loopEvery;
    spans.push(span({ traceId, spanId: `${traceId.slice(0, 8)}${String(i + 2).padStart(8, '0')}`, parentSpanId: serverId, name: 'redis GET', kind: 'client', startMs: s, endMs: s + 1, attributes: { 'db.statement': `GET job:${1000 + i}` } }));
  }
  logs.push(log({ message: 'waiting for job', traceId, spanId: serverId, timeMs: startMs + 6 }));
  return { spans, logs };
}

export const hex = (n: number, width = 32): string => n.toString(16).padStart(width, '0');
