// The two ways an importer consumes bytes: line by line (JSON lines, access logs) or as one
// streamed JSON document split into parts (OTLP/JSON, Jaeger, Zipkin, HAR).
import { StringDecoder } from 'node:string_decoder';
import type { ImportContext } from './context';
import { JsonSplitter, type JsonPath } from './json-splitter';
import { LineSplitter } from './line-splitter';
import type { Importer } from './types';

export const DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024;
const DECODE_PIECE_BYTES = 64 * 1024;

export function lineImporter(ctx: ImportContext, onLine: (text: string, line: number) => void, onEnd?: () => void): Importer {
  let invalidUtf8Lines = 0;
  const splitter = new LineSplitter({
    maxLineBytes: ctx.options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES,
    onLine,
    onOversizedLine: (line, bytes) => {
      ctx.skippedLines++;
      ctx.warn(`line is ${(bytes / 1048576).toFixed(1)} MiB, longer than the ${((ctx.options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES) / 1048576).toFixed(1)} MiB limit; skipped`, line);
    },
    onInvalidUtf8: (line) => {
      if (invalidUtf8Lines++ < 5) ctx.warn('invalid UTF-8 bytes (read as U+FFFD)', line);
    },
  });
  return {
    write: (chunk) => splitter.write(chunk),
    end: () => {
      splitter.end();
      onEnd?.();
    },
  };
}

/** Parses one JSON part; on a syntax error warns with the line the error is on and returns undefined. */
export function parsePart(ctx: ImportContext, text: string, line: number, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const at = /position (\d+)/.exec(message);
    const offsetLines = at ? countNewlines(text, Number(at[1])) : 0;
    ctx.warn(`invalid JSON in ${what}: ${message}`, line + offsetLines);
    return undefined;
  }
}

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

export function documentImporter(
  ctx: ImportContext,
  spec: { descend: (path: JsonPath) => boolean; onValue: (path: JsonPath, text: string, line: number) => void; onClose?: (path: JsonPath) => void; onEnd?: () => void; rootKinds?: string },
): Importer {
  const decoder = new StringDecoder('utf8');
  const splitter = new JsonSplitter({
    descend: spec.descend,
    onValue: spec.onValue,
    onClose: spec.onClose,
    onFatal: (message, line) => ctx.fail(message, line),
    onSkipped: (message, line) => ctx.warn(message, line),
    maxDepth: ctx.options.maxDepth ?? 256,
    maxValueChars: ctx.options.maxValueChars ?? 256 * 1024 * 1024,
    rootKinds: spec.rootKinds,
  });
  return {
    write: (chunk) => {
      // Node turns decoded text above ~1 MB into external strings, which are several times slower
      // to scan character by character; smaller pieces stay ordinary heap strings.
      for (let i = 0; i < chunk.length; i += DECODE_PIECE_BYTES) splitter.write(decoder.write(chunk.subarray(i, i + DECODE_PIECE_BYTES)));
    },
    end: () => {
      splitter.write(decoder.end());
      splitter.end();
      spec.onEnd?.();
    },
  };
}
