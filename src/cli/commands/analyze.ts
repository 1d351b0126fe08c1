// `limbo analyze <files...> [--src DIR] [--format text|json|sarif|markdown] [--out FILE]`: the whole
// analysis, rendered for a person (text, or markdown to paste), for tools (json: the AnalysisReport)
// or for code scanning (sarif). Progress goes to stderr for large inputs.
import { statSync, writeFileSync } from 'node:fs';
import { analyze, NoUsableInputError, type AnalyzeProgress } from '../../core/pipeline';
import { escapeTerminal } from '../../core/report/escape';
import { renderJson } from '../../core/report/json';
import { renderSarif } from '../../core/report/sarif';
import { renderText } from '../../core/report/text';
import { renderMarkdown } from '../../core/report/markdown';
import type { CliIO } from '../io';
import { expandInputs } from '../../core/ingest/inputs';
import type { AnalysisReport } from '../../core/model';

const USAGE = `Usage: limbo analyze <files or directories...> [--src DIR] [--format text|json|sarif|markdown] [--out FILE]
                     [--timeout MS] [--request-id-field NAME]... [--progress|--no-progress]

Reads traces and logs (OTLP JSON / JSON lines, Jaeger, Zipkin v2, JSON-lines and logfmt logs,
access logs, HAR; .gz accepted; a directory stands for the files under it), finds the requests that never finished, says what is different about them
and, with --src, which loops in the code they point at.

  --src DIR               source root to analyze (TypeScript/JavaScript)
  --format FORMAT         text (default): an incident summary; json: the full report; sarif: SARIF 2.1.0;
                          markdown: the summary as Markdown, to paste into an incident channel or ticket
  --out FILE              write the report to FILE instead of stdout
  --timeout MS            a client timeout you know of, besides the common ones
  --request-id-field F    a log field that holds the request id (repeatable; dotted paths allowed)
  --path-map FROM=TO      runtime path prefix FROM (e.g. /app/) is folder TO under --src (repeatable;
                          the most specific prefix wins; without it paths are matched by suffix)
  --progress              always show progress on stderr (default: only for inputs over 32 MB)

Exit status: 0 when the analysis ran (whatever it found), 1 when no input was usable, 2 for a usage error.
`;

type Format = 'text' | 'json' | 'sarif' | 'markdown';

interface Parsed {
  files: string[];
  src?: string;
  format: Format;
  out?: string;
  timeoutMs?: number;
  requestIdFields: string[];
  pathMappings: Record<string, string>;
  progress?: boolean;
}

function parse(args: string[]): Parsed | string {
  const p: Parsed = { files: [], format: 'text', requestIdFields: [], pathMappings: {} };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    const value = (): string | undefined => (eq > 0 ? a.slice(eq + 1) : args[++i]);
    switch (name) {
      case '--src': {
        const v = value();
        if (!v) return '--src needs a directory';
        p.src = v;
        break;
      }
      case '--format': {
        const v = value();
        if (v !== 'text' && v !== 'json' && v !== 'sarif' && v !== 'markdown') return '--format must be text, json, sarif or markdown';
        p.format = v;
        break;
      }
      case '--out': {
        const v = value();
        if (!v) return '--out needs a file name';
        p.out = v;
        break;
      }
      case '--timeout': {
        const v = Number(value());
        if (!Number.isFinite(v) || v <= 0) return '--timeout needs a positive number of milliseconds';
        p.timeoutMs = v;
        break;
      }
      case '--request-id-field': {
        const v = value();
        if (!v) return '--request-id-field needs a field name';
        p.requestIdFields.push(v);
        break;
      }
      case '--path-map': {
        const v = a.startsWith('--path-map=') ? a.slice('--path-map='.length) : args[++i];
        const at = v?.indexOf('=') ?? -1;
        if (!v || at <= 0) return '--path-map needs FROM=TO (a runtime path prefix and a folder under --src)';
        p.pathMappings[v.slice(0, at)] = v.slice(at + 1);
        break;
      }
      case '--progress':
        p.progress = true;
        break;
      case '--no-progress':
        p.progress = false;
        break;
      default:
        if (a.startsWith('--')) return `unknown option ${a}`;
        p.files.push(a);
    }
  }
  return p;
}

const PROGRESS_THRESHOLD_BYTES = 32 * 1024 * 1024;

function totalBytes(files: string[]): number {
  let total = 0;
  for (const f of files) {
    try {
      total += statSync(f).size;
    } catch {
      // Missing files are reported by the analysis itself.
    }
  }
  return total;
}

/** A bar redrawn in place on a TTY; on a pipe, one plain line per phase and per 10% of reading. */
export function progressReporter(io: CliIO): { report: (p: AnalyzeProgress) => void; done: () => void } {
  let lastDraw = 0;
  let lastDecile = -1;
  let lastPhase = '';
  let drawn = false;
  return {
    report(p) {
      const message = escapeTerminal(p.message);
      if (io.isTTY) {
        const now = Date.now();
        if (now - lastDraw < 100 && p.phase === lastPhase) return;
        lastDraw = now;
        lastPhase = p.phase;
        const width = 24;
        const filled = p.fraction === undefined ? 0 : Math.round(Math.min(1, p.fraction) * width);
        const bar = p.fraction === undefined ? ' '.repeat(width) : `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`;
        const pctText = p.fraction === undefined ? '    ' : `${String(Math.round(p.fraction * 100)).padStart(3)}%`;
        io.stderr(`\r\x1b[2K[${bar}] ${pctText} ${p.phase}: ${message.slice(0, 60)}`);
        drawn = true;
        return;
      }
      const decile = p.fraction === undefined ? -1 : Math.floor(p.fraction * 10);
      if (p.phase !== lastPhase || (p.phase === 'read' && decile > lastDecile)) {
        io.stderr(`limbo: ${p.phase}${p.fraction !== undefined ? ` ${Math.round(p.fraction * 100)}%` : ''}: ${message}\n`);
      }
      lastPhase = p.phase;
      lastDecile = p.phase === 'read' ? decile : -1;
    },
    done() {
      if (drawn) io.stderr('\r\x1b[2K');
    },
  };
}

export async function run(args: string[], io: CliIO): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(USAGE);
    return 0;
  }
  const parsed = parse(args);
  if (typeof parsed === 'string') {
    io.stderr(`limbo analyze: ${escapeTerminal(parsed)}\n\n${USAGE}`);
    return 2;
  }
  if (parsed.files.length === 0 && !parsed.src) {
    io.stderr(`limbo analyze: no input files\n\n${USAGE}`);
    return 2;
  }
  if (parsed.src) {
    try {
      if (!statSync(parsed.src).isDirectory()) throw new Error('not a directory');
    } catch (err) {
      io.stderr(`limbo analyze: --src ${escapeTerminal(parsed.src)}: ${err instanceof Error ? err.message : String(err)}\n`);
      return 2;
    }
  }
  const expanded = expandInputs(parsed.files);
  for (const note of expanded.notes) io.stderr(`limbo analyze: ${escapeTerminal(note)}\n`);
  parsed.files = expanded.files;
  if (parsed.files.length === 0 && !parsed.src) {
    io.stderr('limbo analyze: no usable input: the directories given hold no files\n');
    return 1;
  }
  const showProgress = parsed.progress ?? totalBytes(parsed.files) >= PROGRESS_THRESHOLD_BYTES;
  const progress = showProgress ? progressReporter(io) : undefined;
  let report;
  try {
    report = await analyze({ inputs: parsed.files, src: parsed.src, timeoutMs: parsed.timeoutMs, requestIdFields: parsed.requestIdFields, pathMappings: parsed.pathMappings, onProgress: progress?.report });
  } catch (err) {
    progress?.done();
    if (err instanceof NoUsableInputError) {
      io.stderr(`limbo analyze: ${err.message.split('\n').map(escapeTerminal).join('\n')}\n`);
      return 1;
    }
    throw err;
  }
  progress?.done();
  const renderers: Record<Format, (r: AnalysisReport) => string> = { json: renderJson, sarif: renderSarif, markdown: renderMarkdown, text: renderText };
  const text = renderers[parsed.format](report);
  if (parsed.out) {
    writeFileSync(parsed.out, text);
    io.stderr(`limbo analyze: wrote ${escapeTerminal(parsed.out)} (${report.summary.incompleteRequests} stuck of ${report.summary.requests} requests)\n`);
  } else {
    io.stdout(text);
  }
  return 0;
}
