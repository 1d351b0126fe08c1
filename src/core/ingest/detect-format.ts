// Decides an input's format from its first bytes; the file name is only a tie-breaker.
import type { InputFormat } from '../model/telemetry';
import { looksLogfmt, hasLoggingKey } from './logfmt';

export interface Detection {
  format: InputFormat;
  /** Why it is 'unknown', for the error message. */
  reason?: string;
}

const ACCESS_LINE = /^\S+(?:, ?\S+)* (?:\S+ )?\S+ \S+ \[[^\]]+\] "[^"]*" \d{3} /;

export function detectFormat(sample: string, fileName = ''): Detection {
  if (sample.length === 0) return { format: 'unknown', reason: 'the file is empty' };
  if (looksBinary(sample)) return { format: 'unknown', reason: 'the file looks binary (control bytes near the start), not text' };
  const text = sample.trimStart();
  if (text.length === 0) return { format: 'unknown', reason: 'the file holds only whitespace' };

  const lines = sample.split('\n').slice(0, 50).map((l) => l.replace(/\r$/, ''));
  const firstLine = lines.find((l) => l.trim() !== '') ?? '';
  if (text.startsWith('{') || text.startsWith('[')) {
    const first = tryParse(firstLine);
    const completeFirstLine = sample.includes('\n') || sample.length < 65536;
    if (first !== undefined && completeFirstLine && typeof first === 'object' && first !== null) {
      if (Array.isArray(first)) return { format: looksZipkin(firstLine) ? 'zipkin' : 'unknown', reason: 'a JSON array that is not Zipkin spans' };
      return { format: jsonObjectLineFormat(first as Record<string, unknown>, lines) };
    }
    const head = sample.slice(0, 65536);
    if (!newlineInsideFirstValue(sample)) {
      // A first line longer than the sample: JSON lines with big records (Collector batches).
      if (/^\s*\{\s*"(resourceSpans|resourceMetrics|batches)"\s*:/.test(head)) return { format: 'otlp-jsonl' };
      if (/^\s*\{\s*"resourceLogs"\s*:/.test(head)) return { format: 'otlp-logs' };
    }
    // One document, probably pretty-printed: judge by the keys near the start.
    if (/"(resourceSpans|batches)"\s*:/.test(head)) return { format: 'otlp-json' };
    if (/"resourceLogs"\s*:/.test(head)) return { format: 'otlp-logs' };
    if (/"log"\s*:\s*\{/.test(head) && /"(entries|creator|version)"\s*:/.test(head)) return { format: 'har' };
    if (/"traceID"\s*:/.test(head) || (/"data"\s*:\s*\[/.test(head) && /"spans"\s*:/.test(head))) return { format: 'jaeger' };
    if (looksZipkin(head)) return { format: 'zipkin' };
    if (/\.har$/i.test(fileName)) return { format: 'har' };
    if (text.startsWith('{') && /^\{\s*"[^"]*"\s*:/.test(text)) return { format: 'jsonl-log' };
    return { format: 'unknown', reason: 'JSON, but not OTLP, Jaeger, Zipkin or HAR' };
  }
  // Text: JSON-lines logs with other lines mixed in, an access log, or logfmt.
  const nonBlank = lines.filter((l) => l.trim() !== '');
  const jsonObjects = nonBlank.filter((l) => l.trimStart().startsWith('{') && typeof tryParse(l) === 'object').length;
  const access = nonBlank.filter((l) => ACCESS_LINE.test(l)).length;
  if (access > 0 && access >= jsonObjects) return { format: 'access-log' };
  // Access-log formats with key=value fields at the end (nginx `rt=0.5 uct=0.1`) were taken above.
  // logfmt: most lines are pairs, and some use a logging key (a syslog line with `USER=root ; PWD=/`
  // is not a log of this kind).
  const logfmt = nonBlank.filter((l) => !l.trimStart().startsWith('{') && looksLogfmt(l));
  if (logfmt.length > jsonObjects && logfmt.length * 2 >= nonBlank.length && logfmt.some(hasLoggingKey)) return { format: 'logfmt' };
  if (jsonObjects > 0) return { format: 'jsonl-log' };
  return { format: 'unknown', reason: `line 1 is neither JSON, an access-log line nor logfmt: ${JSON.stringify(firstLine.slice(0, 60))}` };
}

function jsonObjectLineFormat(first: Record<string, unknown>, lines: string[]): InputFormat {
  if ('resourceSpans' in first || 'resourceMetrics' in first || 'batches' in first) return 'otlp-jsonl';
  if ('resourceLogs' in first) {
    // A logs-only file stays 'otlp-logs'; a Collector file mixing signals is 'otlp-jsonl'.
    const others = lines.slice(1).some((l) => /^\{\s*"(resourceSpans|resourceMetrics)"/.test(l));
    return others ? 'otlp-jsonl' : 'otlp-logs';
  }
  if ('traceID' in first && 'spans' in first) return 'jaeger';
  if ('data' in first && Array.isArray(first.data)) return 'jaeger';
  if ('log' in first && typeof first.log === 'object' && first.log !== null && 'entries' in (first.log as object)) return 'har';
  if ('traceId' in first && 'id' in first && ('localEndpoint' in first || 'timestamp' in first)) return 'zipkin';
  return 'jsonl-log';
}

function looksZipkin(text: string): boolean {
  return /"traceId"\s*:/.test(text) && /"id"\s*:/.test(text) && /"(localEndpoint|remoteEndpoint|timestamp|duration)"\s*:/.test(text);
}

/** True when a line break occurs inside the first JSON value (a pretty-printed document, not JSON lines). */
function newlineInsideFirstValue(sample: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      if (--depth === 0) return false;
    } else if (c === 0x0a && depth > 0) return true;
  }
  return false;
}

function tryParse(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

function looksBinary(sample: string): boolean {
  const n = Math.min(sample.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x1b && c !== 0x0c) || c === 0xfffd) control++;
  }
  return control > Math.max(4, n * 0.02);
}
