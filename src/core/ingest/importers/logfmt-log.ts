// logfmt application logs (Go's slog TextHandler, logrus' text formatter, go-kit, Heroku, many Loki
// streams): each line of at least two key=value pairs is a record, read by the same conventions as
// JSON logs (time, level, msg, request/trace/span ids). Where the time, level or message are written
// as plain words before the pairs, they are taken from there. Other lines are counted and reported.
import type { ImportContext } from '../context';
import { parseTime } from '../log-fields';
import { isLevelWord } from '../log-levels';
import { logRecordBuilder, type Json } from '../log-record';
import { parseLogfmt } from '../logfmt';
import { lineImporter } from '../readers';
import type { Importer } from '../types';

const MAX_SKIPPED_WARNINGS = 20;
const TIME_KEYS = ['time', 'timestamp', 'ts', 't', '@timestamp', 'date', 'datetime'];
const LEVEL_KEYS = ['level', 'lvl', 'severity', 'loglevel', 'log_level', 'levelname'];
const MESSAGE_KEYS = ['msg', 'message', 'event', 'text'];

export function logfmtLogImporter(ctx: ImportContext): Importer {
  const toLogRecord = logRecordBuilder(ctx);
  let skipped = 0;
  return lineImporter(
    ctx,
    (text, line) => {
      if (text.trim() === '') return;
      const { pairs, words } = parseLogfmt(text);
      if (pairs.length < 2) {
        ctx.skippedLines++;
        if (skipped++ < MAX_SKIPPED_WARNINGS) ctx.warn('not a logfmt line (fewer than two key=value pairs); skipped', line);
        return;
      }
      const rec: Json = {};
      // A key written twice keeps its last value, as logfmt decoders into maps do.
      for (const [key, value] of pairs) rec[key] = value;
      if (words.length > 0) placeWords(rec, words);
      ctx.logs.push(toLogRecord(rec, line));
    },
    () => {
      if (skipped > MAX_SKIPPED_WARNINGS) ctx.warn(`${skipped} lines in all were not logfmt`);
    },
  );
}

/** `2024-01-02T03:04:05Z INFO incoming request k=v`: leading time and level words, the rest the message. */
function placeWords(rec: Json, words: string[]): void {
  let i = 0;
  if (!TIME_KEYS.some((k) => k in rec) && i < words.length && /\d/.test(words[i]!) && parseTime(words[i]) !== undefined) rec.time = words[i++];
  const level = i < words.length ? words[i]!.replace(/^\[|\]:?$|:$/g, '') : '';
  if (!LEVEL_KEYS.some((k) => k in rec) && isLevelWord(level)) {
    rec.level = level;
    i++;
  }
  if (!MESSAGE_KEYS.some((k) => k in rec) && i < words.length) rec.msg = words.slice(i).join(' ');
}
