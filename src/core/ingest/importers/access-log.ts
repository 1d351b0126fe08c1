// NCSA common/combined access logs and nginx variants. "Parsed" means the strict pattern
// `host ident user [time] "request" status bytes ["referer" "agent"]` (anything may follow);
// lines with an X-Forwarded-For chain or a vhost before the host are still read ("recovered").
// 499 (client closed), 408 (request timeout) and 504 (gateway timeout) mean someone gave up.
import type { Attributes, HttpExchange } from '../../model/telemetry';
import type { ImportContext } from '../context';
import { lineImporter } from '../readers';
import type { Importer } from '../types';
import { urlPath } from './har';

const QUOTED = '"((?:[^"\\\\]|\\\\.)*)"';
const TAIL = ` \\[([^\\]]+)\\] ${QUOTED} (\\d{3}) (\\d+|-)(?: ${QUOTED} ${QUOTED})?(.*)$`;
const STRICT = new RegExp(`^(\\S+) (\\S+) (\\S+)${TAIL}`);
const LENIENT = new RegExp(`^(.+?) (\\S+) (\\S+)${TAIL}`);
const GAVE_UP: Record<number, string> = { 499: 'client', 408: 'client', 504: 'proxy' };
const MONTHS: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };
const MAX_REJECT_WARNINGS = 20;

export function accessLogImporter(ctx: ImportContext): Importer {
  return lineImporter(ctx, (text, line) => {
    if (text.trim() === '') return;
    let m = STRICT.exec(text);
    let hosts: string[];
    if (m) {
      ctx.accessLinesParsed++;
      hosts = [m[1]!];
    } else {
      m = LENIENT.exec(text);
      if (!m) {
        ctx.accessLinesRejected++;
        if (ctx.accessLinesRejected <= MAX_REJECT_WARNINGS) ctx.warn('not an access-log line (expected: host ident user [time] "request" status bytes)', line);
        return;
      }
      ctx.accessLinesRecovered++;
      hosts = m[1]!.replace(/"/g, '').split(/,\s*|\s+/).filter(Boolean);
    }
    ctx.exchanges.push(toExchange(ctx, m, hosts, line));
  });
}

function toExchange(ctx: ImportContext, m: RegExpExecArray, hosts: string[], line: number): HttpExchange {
  const [, , ident, user, time, request, statusText, bytes, referer, agent, rest] = m;
  const status = Number(statusText);
  const [method = '', target = '', protocol] = request!.split(' ');
  const attributes: Attributes = {};
  if (hosts.length > 1) attributes['http.forwarded_for'] = hosts.join(', ');
  if (ident !== '-') attributes['access.ident'] = ident!;
  if (user !== '-') attributes['user.name'] = user!;
  if (protocol) attributes['network.protocol'] = ctx.strings.intern(protocol);
  if (bytes !== '-') attributes['http.response.body.size'] = Number(bytes);
  if (referer && referer !== '-') attributes['http.request.header.referer'] = ctx.strings.intern(referer);
  const gaveUp = GAVE_UP[status];
  if (gaveUp) {
    attributes['http.client_gave_up'] = true;
    attributes['http.gave_up_by'] = gaveUp;
  }
  const exchange: HttpExchange = {
    source: 'access-log',
    method: method === '-' ? '' : ctx.strings.intern(method),
    url: target,
    path: target ? urlPath(target) : '',
    status,
    client: hosts[0],
    attributes,
    origin: { file: ctx.file, line },
  };
  const startMs = parseClfTime(time!);
  if (startMs !== undefined) exchange.startMs = startMs;
  if (agent && agent !== '-') exchange.userAgent = ctx.strings.intern(agent);
  readTrailingFields(rest ?? '', exchange);
  return exchange;
}

/** nginx extras after the agent: `rt=0.123`, `request_time=…`, `request_id=…`, quoted fields, or a bare trailing seconds value. */
function readTrailingFields(rest: string, exchange: HttpExchange): void {
  const text = rest.trim();
  if (text === '') return;
  exchange.attributes['access.extra'] = text.length > 512 ? text.slice(0, 512) : text;
  for (const kv of text.matchAll(/(\w+)=("[^"]*"|\S+)/g)) {
    const key = kv[1]!;
    const value = kv[2]!.replace(/^"|"$/g, '');
    if ((key === 'rt' || key === 'request_time') && /^\d+(\.\d+)?$/.test(value)) exchange.durationMs = Number(value) * 1000;
    else if ((key === 'request_id' || key === 'rid' || key === 'req_id') && value !== '-') exchange.requestId = value;
    else if (key === 'trace_id' && /^[0-9a-f]{32}$/i.test(value)) exchange.traceId = value.toLowerCase();
  }
  const trailingSeconds = /(?:^|\s)(\d+\.\d+)$/.exec(text);
  if (exchange.durationMs === undefined && trailingSeconds) exchange.durationMs = Number(trailingSeconds[1]) * 1000;
  if (exchange.durationMs !== undefined) exchange.attributes['http.server.duration_ms'] = exchange.durationMs;
}

/** `10/Oct/2000:13:55:36 -0700` to epoch ms. */
export function parseClfTime(text: string): number | undefined {
  const m = /^(\d{2})\/(\w{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))? ([+-])(\d{2})(\d{2})$/.exec(text);
  if (!m || MONTHS[m[2]!] === undefined) return undefined;
  const utc = Date.UTC(Number(m[3]), MONTHS[m[2]!]!, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]), m[7] ? Number(`0.${m[7]}`) * 1000 : 0);
  const offset = (Number(m[9]) * 60 + Number(m[10])) * 60_000 * (m[8] === '-' ? -1 : 1);
  return utc - offset;
}
