// HAR 1.2 (browser devtools, Charles, mitmproxy, Insomnia). Entries stream one by one. An entry
// without a response, with status 0 or with `_error` is a request the client never saw finish.
import type { Attributes, HttpExchange } from '../../model/telemetry';
import type { ImportContext } from '../context';
import { normalizeId } from '../ids';
import { documentImporter, parsePart } from '../readers';
import type { Importer } from '../types';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Longer request bodies are not read for a GraphQL document. */
const MAX_GRAPHQL_BODY = 100_000;

/** Header values never copied into attributes: they carry credentials. */
const SECRET_HEADERS = new Set(['cookie', 'set-cookie', 'authorization', 'proxy-authorization', 'x-api-key']);

export function harImporter(ctx: ImportContext): Importer {
  let sawLog = false;
  return documentImporter(ctx, {
    rootKinds: '{',
    descend: (path) => (path.length === 1 && path[0] === 'log') || (path.length === 2 && path[0] === 'log' && path[1] === 'entries'),
    onValue: (path, text, line) => {
      if (path[0] === 'log') sawLog = true;
      if (path.length !== 3 || path[1] !== 'entries') return;
      const raw = parsePart(ctx, text, line, 'HAR entry');
      if (!isObject(raw)) {
        if (raw !== undefined) ctx.warn('HAR entry is not an object; skipped', line);
        return;
      }
      ctx.harEntries++;
      ctx.exchanges.push(convert(ctx, raw, line));
    },
    onEnd: () => {
      if (!sawLog && ctx.ok) ctx.warn('no "log" object: not a HAR 1.2 file');
    },
  });
}

function convert(ctx: ImportContext, entry: Json, line: number): HttpExchange {
  const request = isObject(entry.request) ? entry.request : {};
  const response = isObject(entry.response) ? entry.response : undefined;
  const url = typeof request.url === 'string' ? request.url : '';
  const status = response && typeof response.status === 'number' ? response.status : 0;
  const attributes: Attributes = {};
  const headers = new Map<string, string>();
  for (const h of Array.isArray(request.headers) ? request.headers : []) {
    if (!isObject(h) || typeof h.name !== 'string' || typeof h.value !== 'string') continue;
    const name = h.name.toLowerCase();
    headers.set(name, h.value);
    if (!SECRET_HEADERS.has(name) && !name.startsWith(':')) attributes[`http.request.header.${name}`] = ctx.strings.intern(h.value);
  }
  const error = entry._error ?? response?._error;
  if (typeof error === 'string' && error !== '') attributes['har.error'] = error;
  if (!response) attributes['har.no_response'] = true;
  if (status === 0 || attributes['har.error'] !== undefined) attributes['http.client_gave_up'] = true;
  if (isObject(entry.timings)) {
    for (const [k, v] of Object.entries(entry.timings)) if (typeof v === 'number' && v >= 0) attributes[`har.timings.${k}`] = v;
  }
  if (typeof entry.serverIPAddress === 'string') attributes['server.address'] = entry.serverIPAddress;
  if (response && typeof response.statusText === 'string' && response.statusText !== '') attributes['http.status_text'] = response.statusText;
  const exchange: HttpExchange = {
    source: 'har',
    method: typeof request.method === 'string' ? ctx.strings.intern(request.method.toUpperCase()) : '',
    url,
    path: urlPath(url),
    status,
    attributes,
    origin: { file: ctx.file, line },
  };
  const start = typeof entry.startedDateTime === 'string' ? Date.parse(entry.startedDateTime) : NaN;
  if (!Number.isNaN(start)) exchange.startMs = start;
  if (typeof entry.time === 'number' && entry.time >= 0) exchange.durationMs = entry.time;
  const userAgent = headers.get('user-agent');
  if (userAgent) exchange.userAgent = ctx.strings.intern(userAgent);
  const requestId = headers.get('x-request-id') ?? headers.get('x-correlation-id');
  if (requestId) exchange.requestId = requestId;
  const graphql = graphqlBody(request.postData);
  if (graphql) exchange.graphql = graphql;
  const traceparent = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/i.exec(headers.get('traceparent') ?? '');
  const traceId = traceparent ? normalizeId(traceparent[1]) : undefined;
  if (traceId) exchange.traceId = traceId;
  return exchange;
}

export function urlPath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    const noQuery = url.split(/[?#]/)[0] ?? '';
    return noQuery.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '') || '/';
  }
}

/** `{ "query": "…", "operationName": "…" }` posted as JSON: a GraphQL request (a batch of several is not read). */
function graphqlBody(postData: unknown): HttpExchange['graphql'] {
  if (!isObject(postData) || typeof postData.text !== 'string' || postData.text.length > MAX_GRAPHQL_BODY) return undefined;
  const text = postData.text.trimStart();
  if (!text.startsWith('{') || !text.includes('"query"')) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(body) || typeof body.query !== 'string' || body.query === '') return undefined;
  return typeof body.operationName === 'string' && body.operationName !== '' ? { document: body.query, operationName: body.operationName } : { document: body.query };
}
