// logfmt, as Go's go-logfmt, logrus' text formatter and slog's TextHandler write it:
// `time=2024-01-02T03:04:05Z level=info msg="incoming request" req_id=abc`. Keys run to a space or
// '='; a value is bare (to the next space) or a double-quoted string with Go escapes. Words that are
// not pairs are kept apart (some formats put the time, the level and the message first, as plain words).

export interface LogfmtLine {
  pairs: Array<[string, string]>;
  /** Words that are not key=value pairs, in order. */
  words: string[];
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const EQUALS = 0x3d;

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09;

export function parseLogfmt(line: string): LogfmtLine {
  const pairs: Array<[string, string]> = [];
  const words: string[] = [];
  let i = 0;
  const n = line.length;
  while (i < n) {
    while (i < n && isSpace(line.charCodeAt(i))) i++;
    if (i >= n) break;
    if (line.charCodeAt(i) === QUOTE) {
      // A quoted word outside a pair (a message written first).
      const [text, end] = readQuoted(line, i);
      words.push(text);
      i = end;
      continue;
    }
    const start = i;
    while (i < n && !isSpace(line.charCodeAt(i)) && line.charCodeAt(i) !== EQUALS && line.charCodeAt(i) !== QUOTE) i++;
    const key = line.slice(start, i);
    if (i < n && line.charCodeAt(i) === EQUALS && key !== '') {
      i++;
      if (i < n && line.charCodeAt(i) === QUOTE) {
        const [text, end] = readQuoted(line, i);
        pairs.push([key, text]);
        i = end;
      } else {
        const valueStart = i;
        while (i < n && !isSpace(line.charCodeAt(i))) i++;
        pairs.push([key, line.slice(valueStart, i)]);
      }
      continue;
    }
    // Not a pair: the rest of this word (up to a space) is a plain word.
    while (i < n && !isSpace(line.charCodeAt(i))) i++;
    words.push(line.slice(start, i));
  }
  return { pairs, words };
}

/** A double-quoted string from `start` (the quote): its text and the index after the closing quote. */
function readQuoted(line: string, start: number): [string, number] {
  let out = '';
  let i = start + 1;
  let run = i;
  while (i < line.length) {
    const c = line.charCodeAt(i);
    if (c === QUOTE) return [out + line.slice(run, i), i + 1];
    if (c === BACKSLASH && i + 1 < line.length) {
      out += line.slice(run, i);
      const e = line[i + 1]!;
      if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(line.slice(i + 2, i + 6))) {
        out += String.fromCharCode(parseInt(line.slice(i + 2, i + 6), 16));
        i += 6;
      } else {
        out += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
        i += 2;
      }
      run = i;
      continue;
    }
    i++;
  }
  // No closing quote: the rest of the line is the value.
  return [out + line.slice(run), line.length];
}

/** Whether a line reads as logfmt: at least two key=value pairs. */
export function looksLogfmt(line: string): boolean {
  return parseLogfmt(line).pairs.length >= 2;
}

const LOGGING_KEYS = new Set(['time', 'ts', 'timestamp', 't', 'level', 'lvl', 'severity', 'msg', 'message']);

/** Whether a line has a key that loggers write (time, level, message), not just any key=value text. */
export function hasLoggingKey(line: string): boolean {
  return parseLogfmt(line).pairs.some(([key]) => LOGGING_KEYS.has(key.toLowerCase()));
}
