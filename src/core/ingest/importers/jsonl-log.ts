// JSON-lines application logs (pino, bunyan, winston json, Elastic ECS). Every JSON object line is
// a record; other lines (comments, stack traces, logfmt) are counted and reported, never fatal.
import type { ImportContext } from '../context';
import { logRecordBuilder, type Json } from '../log-record';
import { lineImporter } from '../readers';
import type { Importer } from '../types';

const MAX_NON_JSON_WARNINGS = 20;

export function jsonLinesLogImporter(ctx: ImportContext): Importer {
  const toLogRecord = logRecordBuilder(ctx);
  let nonJson = 0;
  return lineImporter(
    ctx,
    (text, line) => {
      if (text.trim() === '') return;
      let parsed: unknown;
      const trimmed = text.trimStart();
      if (trimmed.startsWith('{')) {
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = undefined;
        }
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        ctx.skippedLines++;
        if (nonJson++ < MAX_NON_JSON_WARNINGS) ctx.warn('not a JSON object line; skipped', line);
        return;
      }
      if (nestedDeeperThan(parsed, ctx.options.maxDepth ?? 256)) {
        ctx.skippedLines++;
        ctx.warn(`JSON nested deeper than ${ctx.options.maxDepth ?? 256} levels; skipped`, line);
        return;
      }
      ctx.logs.push(toLogRecord(parsed as Json, line));
    },
    () => {
      if (nonJson > MAX_NON_JSON_WARNINGS) ctx.warn(`${nonJson} lines in all were not JSON objects`);
    },
  );
}

/** Iterative, so the check itself cannot overflow the stack. */
function nestedDeeperThan(root: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (depth > limit) return true;
    if (typeof value === 'object' && value !== null) for (const child of Object.values(value)) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
  return false;
}
