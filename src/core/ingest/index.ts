// Public ingest API: read trace, log, HAR and access-log files into the model of model/telemetry.ts.
//   ingestFile(path, options)   one file → { summary, spans, logs, exchanges }
//   ingestFiles(paths, options) several files or directories → Dataset (a file that fails is reported in its summary)
//   ingestBuffer(name, data)    in-memory input (tests, the extension's open editors)
import type { Dataset, InputFormat } from '../model/telemetry';
import { ImportContext, locate } from './context';
import { detectFormat } from './detect-format';
import { expandInputs } from './inputs';
import { StringInterner } from './intern';
import { bufferChunks, fileChunks } from './source';
import { summarize } from './summarize';
import type { Importer, IngestOptions, IngestResult } from './types';
import { otlpJsonImporter } from './importers/otlp-json';
import { otlpJsonLinesImporter } from './importers/otlp-jsonl';
import { jsonLinesLogImporter } from './importers/jsonl-log';
import { logfmtLogImporter } from './importers/logfmt-log';
import { jaegerImporter } from './importers/jaeger';
import { zipkinImporter } from './importers/zipkin';
import { harImporter } from './importers/har';
import { accessLogImporter } from './importers/access-log';

export type { IngestOptions, IngestResult } from './types';
export { detectFormat } from './detect-format';
export { countSpans } from './summarize';

const SNIFF_BYTES = 64 * 1024;
const BOM = [0xef, 0xbb, 0xbf];

const IMPORTERS: Partial<Record<InputFormat, (ctx: ImportContext) => Importer>> = {
  'otlp-json': otlpJsonImporter,
  'otlp-logs': otlpJsonImporter,
  'otlp-jsonl': otlpJsonLinesImporter,
  'jsonl-log': jsonLinesLogImporter,
  logfmt: logfmtLogImporter,
  jaeger: jaegerImporter,
  zipkin: zipkinImporter,
  har: harImporter,
  'access-log': accessLogImporter,
};

export async function ingestFile(path: string, options: IngestOptions = {}, strings = new StringInterner()): Promise<IngestResult> {
  const ctx = new ImportContext(path, options, strings);
  try {
    const chunks = fileChunks(path, options.onProgress && ((read, total) => options.onProgress!(read, total, path)));
    return await ingestChunks(ctx, chunks, path);
  } catch (err) {
    if (isAbort(err)) throw err;
    ctx.fail(`cannot read the file: ${err instanceof Error ? err.message : String(err)}`);
    return finish(ctx, 'unknown');
  }
}

export async function ingestBuffer(name: string, data: Buffer | string, options: IngestOptions = {}): Promise<IngestResult> {
  const ctx = new ImportContext(name, options, new StringInterner());
  try {
    return await ingestChunks(ctx, bufferChunks(typeof data === 'string' ? Buffer.from(data, 'utf8') : data), name);
  } catch (err) {
    if (isAbort(err)) throw err;
    ctx.fail(`cannot read the input: ${err instanceof Error ? err.message : String(err)}`);
    return finish(ctx, 'unknown');
  }
}

/** Reads every file; one that cannot be read gets `error` in its summary and the others are still read. */
export async function ingestFiles(paths: readonly string[], options: IngestOptions = {}): Promise<Dataset> {
  const strings = new StringInterner();
  const dataset: Dataset = { spans: [], logs: [], exchanges: [], files: [] };
  // A directory (an incident folder, or one picked in the editor's Explorer) stands for its files.
  for (const path of expandInputs(paths).files) {
    const result = await ingestFile(path, options, strings);
    // push in a loop: spreading a million-element array into push() overflows the stack.
    for (const s of result.spans) dataset.spans.push(s);
    for (const l of result.logs) dataset.logs.push(l);
    for (const e of result.exchanges) dataset.exchanges.push(e);
    dataset.files.push(result.summary);
  }
  return dataset;
}

async function ingestChunks(ctx: ImportContext, chunks: AsyncIterable<Buffer>, name: string): Promise<IngestResult> {
  const signal = ctx.options.signal;
  signal?.throwIfAborted();
  const iterator = chunks[Symbol.asyncIterator]();
  // Collect enough of the start to recognize the format.
  const head: Buffer[] = [];
  let headBytes = 0;
  let done = false;
  while (headBytes < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    head.push(next.value);
    headBytes += next.value.length;
  }
  let start = Buffer.concat(head, headBytes);
  if (start[0] === BOM[0] && start[1] === BOM[1] && start[2] === BOM[2]) start = start.subarray(3);

  const detection = ctx.options.format ? { format: ctx.options.format as InputFormat } : detectFormat(start.subarray(0, SNIFF_BYTES).toString('utf8'), name);
  const factory = IMPORTERS[detection.format];
  if (!factory) {
    await iterator.return?.();
    ctx.fail(detection.format === 'unknown' ? `unrecognized input: ${detection.reason ?? 'unknown format'}` : `no importer for ${detection.format} yet`, 1);
    return finish(ctx, detection.format);
  }
  const importer = factory(ctx);
  importer.write(start);
  while (!done) {
    signal?.throwIfAborted();
    const next = await iterator.next();
    if (next.done) break;
    importer.write(next.value);
  }
  signal?.throwIfAborted();
  importer.end();
  return finish(ctx, detection.format);
}

function finish(ctx: ImportContext, format: InputFormat): IngestResult {
  if (ctx.ignoredRecords > 0) ctx.warn(`${ctx.ignoredRecords} resourceMetrics ${format === 'otlp-jsonl' ? 'lines' : 'entries'} skipped (metrics are not used)`);
  ctx.closeWarnings();
  const summary = summarize(ctx, format);
  const usable = ctx.spans.length + ctx.logs.length + ctx.exchanges.length;
  if (usable === 0) {
    summary.error = ctx.fatal ? locate(ctx.file, ctx.fatal.line, ctx.fatal.message) : locate(ctx.file, undefined, `no spans, log records or HTTP exchanges found (read as ${format})`);
  }
  return { summary, spans: ctx.spans, logs: ctx.logs, exchanges: ctx.exchanges };
}

function isAbort(err: unknown): boolean {
  return err instanceof Error && err.name === 'AbortError';
}
