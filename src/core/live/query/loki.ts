// Grafana Loki: the log lines of a LogQL stream selector in a window (`GET /loki/api/v1/query_range`,
// oldest first, paged), written one per line, as the JSON-lines and access-log importers read them.
// A JSON line gets its stream's labels (pod, container, namespace…) as a `loki` object, so they are
// compared between stuck and healthy requests like any other field.
import { QueryError, endpoint, getJson } from './http';
import type { BackendQuery, FetchCounts } from './types';
import { hasLoggingKey, looksLogfmt, parseLogfmt } from '../../ingest/logfmt';

export interface LokiQuery extends BackendQuery {
  /** A LogQL log query, e.g. `{app="shop"}` or `{app="shop"} |= "coupon"`. */
  logql: string;
  /** Lines per request (Loki's default server cap is 5000). */
  pageSize?: number;
}

type Entry = [ns: bigint, line: string, labels: string];

export async function* fetchLokiLines(query: LokiQuery, counts: FetchCounts): AsyncGenerator<string> {
  let pageSize = Math.max(1, Math.min(query.pageSize ?? 5000, query.limit));
  const endNs = BigInt(Math.ceil(query.endMs)) * 1_000_000n;
  let startNs = BigInt(Math.floor(query.startMs)) * 1_000_000n;
  // Lines at the page's last instant: the next page starts at that instant again and skips them.
  let atBoundary = new Set<string>();
  while (counts.lines < query.limit) {
    const url = endpoint(query.url, '/loki/api/v1/query_range', { query: query.logql, start: String(startNs), end: String(endNs), limit: pageSize, direction: 'forward' });
    query.onProgress?.(`reading Loki (${counts.lines} lines so far)`);
    let answer: unknown;
    try {
      answer = await getJson(url, query);
    } catch (error) {
      const serverCap = maxEntriesLimit(error);
      if (serverCap === undefined || serverCap >= pageSize) throw error;
      // This Loki allows fewer lines per query than asked: ask again with its limit.
      pageSize = serverCap;
      continue;
    }
    const page = entries(answer, url.host);
    const fresh = page.filter(([ns, line]) => !(ns === startNs && atBoundary.has(line)));
    for (const [, line, labels] of fresh) {
      if (counts.lines >= query.limit) break;
      // Raw line breaks would split one record into two lines of the output.
      yield `${withLabels(line.replace(/\r?\n/g, ' '), labels)}\n`;
      counts.lines++;
    }
    if (page.length < pageSize) return;
    const lastNs = page[page.length - 1]![0];
    if (fresh.length === 0) {
      // A whole page at one instant, all seen: step past it rather than ask again forever.
      counts.warnings.push(`Loki: more than ${pageSize} lines at ${lastNs} ns; some of them were skipped`);
      startNs = lastNs + 1n;
      atBoundary = new Set();
      continue;
    }
    const boundary = lastNs === startNs ? atBoundary : new Set<string>();
    for (const [ns, line] of page) if (ns === lastNs) boundary.add(line);
    startNs = lastNs;
    atBoundary = boundary;
  }
  counts.capped = true;
}

/** Loki's "max entries limit per query exceeded, limit > max_entries_limit_per_query (5000 > 1000)" → 1000. */
function maxEntriesLimit(error: unknown): number | undefined {
  if (!(error instanceof QueryError) || error.status !== 400) return undefined;
  const m = /max_entries_limit\w*\s*\((\d+)\s*>\s*(\d+)\)/.exec(error.body ?? '');
  const cap = m ? Number(m[2]) : NaN;
  return cap > 0 ? cap : undefined;
}

/** A query_range answer's entries across its streams, oldest first. */
function entries(answer: unknown, host: string): Entry[] {
  const data = (answer as { data?: { resultType?: string; result?: unknown } } | null)?.data;
  if (!data || !Array.isArray(data.result)) throw new QueryError(`${host}: not a Loki query_range answer (no data.result)`);
  if (data.resultType !== 'streams') throw new QueryError(`${host}: the query returned ${String(data.resultType)}, not log lines; use a log query such as {app="shop"}`);
  const out: Entry[] = [];
  for (const stream of data.result as Array<{ values?: unknown; stream?: unknown }>) {
    if (!Array.isArray(stream?.values)) continue;
    const labels = stream.stream && typeof stream.stream === 'object' && Object.keys(stream.stream).length ? JSON.stringify(stream.stream) : '';
    for (const value of stream.values as unknown[]) {
      if (!Array.isArray(value) || typeof value[1] !== 'string' || !/^\d{1,20}$/.test(String(value[0]))) continue;
      out.push([BigInt(value[0] as string), value[1], labels]);
    }
  }
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** A logfmt log line gets the labels as `loki.<label>=<value>` pairs at its end, except a pair it already has. */
function withLogfmtLabels(line: string, labels: string): string {
  const own = new Set(parseLogfmt(line).pairs.map(([key]) => key));
  const pairs = Object.entries(JSON.parse(labels) as Record<string, unknown>)
    .filter(([key]) => !own.has(`loki.${key}`) && /^[^\s="]+$/.test(key))
    .map(([key, value]) => `loki.${key}=${logfmtValue(String(value))}`);
  return pairs.length ? `${line.trimEnd()} ${pairs.join(' ')}` : line;
}

const isLogfmtLog = (line: string): boolean => looksLogfmt(line) && hasLoggingKey(line);

function logfmtValue(value: string): string {
  return value !== '' && /^[^\s="\\]+$/.test(value) ? value : `"${value.replace(/[\\"]/g, '\\$&').replace(/\n/g, '\\n').replace(/\t/g, '\\t')}"`;
}

/**
 * `{"loki":{labels},` spliced in front of a JSON object line's own fields (the line's own `loki`
 * field, if any, comes later and wins). Spliced as text, not re-serialized, so numbers the line
 * holds beyond 2^53 keep every digit. logfmt log lines get `loki.<label>=` pairs; other lines (access
 * logs, plain text) are left as they are.
 */
export function withLabels(line: string, labels: string): string {
  if (!labels) return line;
  const start = line.indexOf('{');
  if (start === -1 || line.slice(0, start).trim() !== '' || !line.trimEnd().endsWith('}')) return isLogfmtLog(line) ? withLogfmtLabels(line, labels) : line;
  const rest = line.slice(start + 1);
  return `{"loki":${labels}${rest.trim() === '}' ? '' : ','}${rest}`;
}
