// `limbo fetch jaeger|tempo|loki URL --out FILE …`: pulls an incident's window from the tracing or
// logging backend the team already runs, into a file `limbo analyze` reads (optionally at once).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { escapeTerminal } from '../../core/report/escape';
import { fetchJaegerTraces } from '../../core/live/query/jaeger';
import { fetchTempoTraces } from '../../core/live/query/tempo';
import { fetchLokiLines } from '../../core/live/query/loki';
import { QueryError } from '../../core/live/query/http';
import { newCounts, type BackendQuery, type FetchCounts } from '../../core/live/query/types';
import type { CliIO } from '../io';
import { analyzeWritten } from './then-analyze';

const USAGE = `Usage: limbo fetch jaeger URL --service NAME [--operation OP] [--tag KEY=VALUE]... --out FILE [options]
       limbo fetch tempo  URL [--query TRACEQL] --out FILE [options]
       limbo fetch loki   URL --query LOGQL --out FILE [options]

Fetches the traces (Jaeger query API, Tempo search + trace by id) or log lines (Loki query_range)
of a time window into FILE, in a format \`limbo analyze\` reads.
Options:
  --since DURATION   window ending at --end: 30s, 15m, 2h, 1d (default 1h)
  --start TIME       window start instead of --since (ISO 8601, e.g. 2026-11-29T02:00:00Z)
  --end TIME         window end (default now)
  --limit N          at most N traces (default 2000) or log lines (default 50000)
  --header 'K: V'    an extra request header (Authorization, X-Scope-OrgID); repeatable
  --timeout SECONDS  per request (default 60)
  --analyze          run \`limbo analyze FILE\` afterwards (with --src DIR when given)
Exit status: 0 when something was fetched, 1 when the backend failed or nothing matched, 2 for a usage error.
`;

type Backend = 'jaeger' | 'tempo' | 'loki';

interface FetchOptions {
  backend: Backend;
  url: string;
  out: string;
  startMs: number;
  endMs: number;
  limit: number;
  headers: Record<string, string>;
  timeoutMs: number;
  service?: string;
  operation?: string;
  tags: Record<string, string>;
  query?: string;
  analyze: boolean;
  src?: string;
}

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseArgs(args, Date.now());
  if (parsed === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (typeof parsed === 'string') {
    io.stderr(`limbo fetch: ${parsed}\n\n${USAGE}`);
    return 2;
  }
  const o = parsed;
  const counts = newCounts();
  const base: BackendQuery = {
    url: o.url,
    startMs: o.startMs,
    endMs: o.endMs,
    limit: o.limit,
    headers: o.headers,
    timeoutMs: o.timeoutMs,
    onProgress: (message) => io.isTTY && io.stderr(`\rlimbo fetch: ${escapeTerminal(message)}\u001b[K`),
  };
  const chunks =
    o.backend === 'jaeger'
      ? fetchJaegerTraces({ ...base, service: o.service!, operation: o.operation, tags: o.tags }, counts)
      : o.backend === 'tempo'
        ? fetchTempoTraces({ ...base, traceql: o.query }, counts)
        : fetchLokiLines({ ...base, logql: o.query! }, counts);
  try {
    await writeAll(o.out, chunks);
  } catch (error) {
    if (io.isTTY) io.stderr('\n');
    const known = error instanceof QueryError || (error as NodeJS.ErrnoException).code !== undefined;
    io.stderr(`limbo fetch: ${escapeTerminal(known ? (error as Error).message : String(error))}\n`);
    return 1;
  }
  if (io.isTTY) io.stderr('\n');
  for (const w of counts.warnings) io.stderr(`limbo fetch: warning: ${escapeTerminal(w)}\n`);
  io.stderr(`limbo fetch: ${describe(o.backend, counts)} → ${escapeTerminal(o.out)}\n`);
  if (counts.capped) io.stderr(`limbo fetch: the limit (${o.limit}) was reached; there may be more in the window: raise --limit or narrow the window\n`);
  if (counts.traces + counts.lines === 0) {
    io.stderr(`limbo fetch: nothing matched between ${new Date(o.startMs).toISOString()} and ${new Date(o.endMs).toISOString()}\n`);
    return 1;
  }
  if (!o.analyze) return 0;
  return analyzeWritten(o.out, o.src, io);
}

async function writeAll(path: string, chunks: AsyncIterable<string>): Promise<void> {
  const file = createWriteStream(path);
  await once(file, 'open');
  try {
    for await (const chunk of chunks) if (!file.write(chunk)) await once(file, 'drain');
  } finally {
    await new Promise<void>((resolve, reject) => file.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
}

function describe(backend: Backend, counts: FetchCounts): string {
  return backend === 'loki' ? `${counts.lines} log line(s)` : `${counts.traces} trace(s)`;
}

const DURATION = /^(\d+(?:\.\d+)?)(s|m|h|d)$/;
const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

export function parseArgs(args: string[], nowMs: number): FetchOptions | string {
  const [backend, url, ...rest] = args;
  if (backend === '--help' || backend === '-h' || rest.includes('--help') || rest.includes('-h')) return 'help';
  if (backend !== 'jaeger' && backend !== 'tempo' && backend !== 'loki') return `the first argument is the backend: jaeger, tempo or loki${backend ? `, not ${escapeTerminal(backend)}` : ''}`;
  if (!url || url.startsWith('--')) return `the backend's URL is required (e.g. http://${backend}:${{ jaeger: 16686, tempo: 3200, loki: 3100 }[backend]})`;
  const o: FetchOptions = { backend, url, out: '', startMs: 0, endMs: nowMs, limit: backend === 'loki' ? 50_000 : 2000, headers: {}, timeoutMs: 60_000, tags: {}, analyze: false };
  let since = '1h';
  let start: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    const name = a.includes('=') && a.startsWith('--') ? a.slice(0, a.indexOf('=')) : a;
    const value = (): string => {
      const v = a.includes('=') && a.startsWith('--') ? a.slice(a.indexOf('=') + 1) : rest[++i];
      if (v === undefined) throw new Error(`${name} needs a value`);
      return v;
    };
    try {
      if (name === '--out') o.out = value();
      else if (name === '--since') since = value();
      else if (name === '--start') start = value();
      else if (name === '--end') o.endMs = parseTime(value(), '--end');
      else if (name === '--limit') o.limit = positiveInt(value(), '--limit');
      else if (name === '--timeout') o.timeoutMs = positiveInt(value(), '--timeout') * 1000;
      else if (name === '--service') o.service = value();
      else if (name === '--operation') o.operation = value();
      else if (name === '--query') o.query = value();
      else if (name === '--src') o.src = value();
      else if (name === '--analyze') o.analyze = true;
      else if (name === '--tag') {
        const v = value();
        const eq = v.indexOf('=');
        if (eq <= 0) return `--tag takes KEY=VALUE, not ${escapeTerminal(v)}`;
        o.tags[v.slice(0, eq)] = v.slice(eq + 1);
      } else if (name === '--header') {
        const v = value();
        const colon = v.indexOf(':');
        if (colon <= 0 || /[\r\n]/.test(v)) return `--header takes 'Name: value' on one line`;
        o.headers[v.slice(0, colon).trim()] = v.slice(colon + 1).trim();
      } else return `unknown argument ${escapeTerminal(a)}`;
    } catch (error) {
      return (error as Error).message;
    }
  }
  if (!o.out) return '--out FILE is required';
  if (backend === 'jaeger' && !o.service) return 'Jaeger needs --service NAME (its query API searches one service)';
  if (backend === 'loki' && !o.query) return 'Loki needs --query LOGQL, e.g. --query \'{app="shop"}\'';
  if ((o.operation || Object.keys(o.tags).length) && backend !== 'jaeger') return '--operation and --tag are Jaeger options; use --query for Tempo and Loki';
  if (o.src && !o.analyze) return '--src is used with --analyze';
  try {
    o.startMs = start !== undefined ? parseTime(start, '--start') : o.endMs - duration(since);
  } catch (error) {
    return (error as Error).message;
  }
  if (o.startMs >= o.endMs) return 'the window is empty: --start must be before --end';
  return o;
}

function duration(text: string): number {
  const m = DURATION.exec(text.trim());
  if (!m || Number(m[1]) <= 0) throw new Error(`--since takes a duration such as 30s, 15m, 2h or 1d, not ${escapeTerminal(text)}`);
  return Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
}

function parseTime(text: string, option: string): number {
  if (text === 'now') return Date.now();
  const ms = /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : NaN;
  if (!Number.isFinite(ms)) throw new Error(`${option} takes an ISO 8601 time such as 2026-11-29T02:00:00Z, not ${escapeTerminal(text)}`);
  return ms;
}

function positiveInt(text: string, option: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${option} must be a positive whole number`);
  return n;
}
