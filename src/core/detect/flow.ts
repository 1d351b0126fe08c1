// The flow of a request: method + route template. A route the instrumentation recorded wins;
// otherwise the URL is normalized so ids do not split one flow into thousands.
import type { Attributes } from '../model';
import { attrToString, normalizePath } from './normalize';

const METHOD_KEYS = ['http.request.method', 'http.method', 'method', 'req.method', 'request.method'];
const ROUTE_KEYS = ['http.route', 'route', 'req.route', 'routePath'];
const URL_KEYS = ['url.path', 'http.target', 'http.path', 'url', 'req.url', 'path', 'url.full', 'http.url', 'request.url'];

function firstString(attrs: Attributes, keys: string[]): string | undefined {
  for (const key of keys) {
    const v = readPath(attrs, key);
    const s = attrToString(v);
    if (s !== undefined && s !== '') return s;
  }
  return undefined;
}

/** Reads "a.b" as a flat key first (OTel style), then as a nested path (pino's `req.url`). */
export function readPath(attrs: Attributes, key: string): unknown {
  const direct = attrs[key];
  if (direct !== undefined) return direct;
  const split = splitKey(key);
  if (!split) return undefined;
  const head = attrs[split[0]];
  if (head && typeof head === 'object' && !Array.isArray(head)) return readPath(head as Attributes, split[1]);
  return undefined;
}

const splits = new Map<string, [string, string] | null>();
/** "a.b.c" → ["a", "b.c"], cached: the same few dozen keys are read for every record. */
function splitKey(key: string): [string, string] | null {
  let s = splits.get(key);
  if (s === undefined) {
    const dot = key.indexOf('.');
    s = dot < 0 ? null : [key.slice(0, dot), key.slice(dot + 1)];
    if (splits.size < 10000) splits.set(key, s);
  }
  return s;
}

const MAX_ROUTE = 512;

export interface FlowParts {
  key: string;
  method?: string;
  route?: string;
}

/** Builds the flow from HTTP attributes; undefined when the attributes say nothing about HTTP. */
export function flowFromAttributes(attrs: Attributes): FlowParts | undefined {
  const methodRaw = firstString(attrs, METHOD_KEYS);
  const method = methodRaw && /^[A-Za-z]{3,10}$/.test(methodRaw) ? methodRaw.toUpperCase() : undefined;
  const routeRaw = firstString(attrs, ROUTE_KEYS);
  // A route template is short; a long one is data, cut so it cannot bloat every flow key.
  const route = routeRaw && routeRaw.startsWith('/') ? routeRaw.slice(0, MAX_ROUTE) : undefined;
  if (route) return { key: method ? `${method} ${route}` : route, method, route };
  const url = firstString(attrs, URL_KEYS);
  if (url && (url.startsWith('/') || /^[a-z]+:\/\//i.test(url))) {
    const path = normalizePath(url);
    return { key: method ? `${method} ${path}` : path, method, route: path };
  }
  return undefined;
}

export function flowFromExchange(method: string, path: string): FlowParts {
  const m = method ? method.toUpperCase() : undefined;
  const route = normalizePath(path || '/');
  return { key: m ? `${m} ${route}` : route, method: m, route };
}

/** Span name as a last resort: "GET /users/:id" style names carry the flow; others get the service prefix. */
export function flowFromSpanName(name: string, service: string | undefined): FlowParts {
  const m = /^([A-Z]{3,10})\s+(\/\S*)$/.exec(name);
  if (m) {
    const route = normalizePath(m[2]!);
    return { key: `${m[1]} ${route}`, method: m[1], route };
  }
  return { key: service ? `${service}: ${name}` : name };
}
