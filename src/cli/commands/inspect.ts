// `limbo inspect <file...> [--format text|json]`: what was read from each input file — the format
// detected, the counts of fixtures/SOURCES.md, and the warnings with their line numbers.
import type { FileSummary } from '../../core/model/telemetry';
import { ingestFile } from '../../core/ingest/index';
import type { CliIO } from '../io';
import { expandInputs } from '../../core/ingest/inputs';

const USAGE = `Usage: limbo inspect <files or directories...> [--format text|json]

Reads each file (OTLP JSON / JSON lines, Jaeger, Zipkin v2, JSON-lines and logfmt logs, access
logs, HAR; .gz accepted; a directory stands for the files under it) and prints the format detected, what it holds and any warnings.
Exit status: 0 when at least one file was usable, 1 when none was, 2 for a usage error.
`;

export async function run(args: string[], io: CliIO): Promise<number> {
  let format: 'text' | 'json' = 'text';
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--help' || a === '-h') {
      io.stdout(USAGE);
      return 0;
    }
    if (a === '--format' || a.startsWith('--format=')) {
      const value = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (value !== 'text' && value !== 'json') {
        io.stderr(`limbo inspect: --format must be text or json\n\n${USAGE}`);
        return 2;
      }
      format = value;
    } else if (a.startsWith('--')) {
      io.stderr(`limbo inspect: unknown option ${escapeTerminal(a)}\n\n${USAGE}`);
      return 2;
    } else files.push(a);
  }
  if (files.length === 0) {
    io.stderr(`limbo inspect: no input files\n\n${USAGE}`);
    return 2;
  }

  const expanded = expandInputs(files);
  for (const note of expanded.notes) io.stderr(`limbo inspect: ${escapeTerminal(note)}\n`);
  if (expanded.files.length === 0) {
    io.stderr('limbo inspect: no usable input: the directories given hold no files\n');
    return 1;
  }
  const summaries: FileSummary[] = [];
  for (const file of expanded.files) summaries.push((await ingestFile(file)).summary);
  if (format === 'json') io.stdout(`${JSON.stringify({ files: summaries }, null, 2)}\n`);
  else io.stdout(summaries.map(renderText).join('\n'));

  const usable = summaries.filter((s) => !s.error);
  if (usable.length === 0) {
    io.stderr(`limbo inspect: no usable input:\n${summaries.map((s) => `  ${escapeTerminal(s.error ?? s.file)}`).join('\n')}\n`);
    return 1;
  }
  return 0;
}

// Trace data is untrusted: control characters and bidi overrides become visible escapes.
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
export function escapeTerminal(text: string): string {
  return text.replace(UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

export function renderText(s: FileSummary): string {
  const lines = [`${escapeTerminal(s.file)}  (${s.format})`];
  const row = (label: string, value: string | number): void => {
    lines.push(`  ${label.padEnd(22)} ${value}`);
  };
  if (s.error) lines.push(`  error: ${escapeTerminal(s.error)}`);
  if (s.spans > 0) {
    row('spans', s.uniqueSpanIds !== s.spans ? `${s.spans} (${s.uniqueSpanIds} unique ids)` : s.spans);
    row('traces', s.traces);
    row('services', s.services.length === 0 ? '0' : `${s.services.length}: ${clip(escapeTerminal(s.services.join(', ')), 200)}`);
    row('root spans', s.rootSpans);
    row('missing parent', s.missingParentSpans);
    row('error spans', s.errorSpans);
    row('max depth', s.maxDepth);
  }
  if (s.logRecords > 0) {
    row('log records', s.logRecords);
    const levels = Object.entries(s.logLevels).map(([k, v]) => `${escapeTerminal(k)} ${v}`).join(', ');
    if (levels) row('levels', clip(levels, 200));
    if (s.logServices?.length) row('log services', clip(escapeTerminal(s.logServices.join(', ')), 200));
  }
  if (s.harEntries > 0) row('HAR entries', s.harEntries);
  if (s.format === 'access-log' || s.accessLinesParsed > 0) {
    row('access lines parsed', s.accessLinesParsed);
    if (s.accessLinesRecovered) row('recovered (lenient)', s.accessLinesRecovered);
    row('rejected', s.accessLinesRejected);
  }
  if (s.skippedLines > 0) row('skipped lines', s.skippedLines);
  if (s.ignoredRecords) row('ignored (metrics)', s.ignoredRecords);
  for (const w of s.warnings) lines.push(`  warning: ${w.line !== undefined ? `line ${w.line}: ` : ''}${clip(escapeTerminal(w.message), 300)}`);
  return `${lines.join('\n')}\n`;
}
