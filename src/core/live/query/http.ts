// GET a JSON document from a tracing or logging backend: a timeout, a size cap, and errors that name
// the endpoint (credentials in the URL left out) and quote the start of what came back.

export interface QueryHttpOptions {
  /** Extra request headers (an `Authorization`, a tenant header such as `X-Scope-OrgID`). */
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** Largest response accepted (default 256 MiB). */
  maxBytes?: number;
  signal?: AbortSignal;
}

export class QueryError extends Error {
  /** The HTTP status, when the backend answered with an error. */
  constructor(message: string, readonly status?: number, readonly body?: string) {
    super(message);
  }
}

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;

export async function getJson(url: URL, options: QueryHttpOptions = {}): Promise<unknown> {
  const where = redact(url);
  const timeout = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json', ...options.headers }, signal, redirect: 'follow' });
  } catch (error) {
    const reason = timeout.aborted ? `no answer in ${Math.round((options.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000)} s` : causeOf(error);
    throw new QueryError(`${where}: ${reason}`);
  }
  const text = await readCapped(response, options.maxBytes ?? DEFAULT_MAX_BYTES, where);
  if (!response.ok) throw new QueryError(`${where}: HTTP ${response.status}${text.trim() ? `: ${snippet(text)}` : ''}`, response.status, text);
  try {
    return JSON.parse(text);
  } catch {
    throw new QueryError(`${where}: the answer is not JSON: ${snippet(text)}`);
  }
}

async function readCapped(response: Response, maxBytes: number, where: string): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) throw new QueryError(`${where}: answer of ${declared} bytes is over the ${maxBytes}-byte limit; narrow the time range or lower --limit`);
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > maxBytes) throw new QueryError(`${where}: answer is over the ${maxBytes}-byte limit; narrow the time range or lower --limit`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The URL without user info and query string, for messages. */
export function redact(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

/** `base` + `path`, keeping a base path (a backend behind a prefix such as `/tempo`). */
export function endpoint(base: string, path: string, params: Record<string, string | number | undefined>): URL {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new QueryError(`not a URL: ${base}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new QueryError(`not an http(s) URL: ${base}`);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${path}`;
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, String(v));
  return url;
}
