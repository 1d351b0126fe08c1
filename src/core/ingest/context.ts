// What one file's importer writes into while it reads: records, counters and warnings.
import type { HttpExchange, ImportWarning, LogRecord, Span } from '../model/telemetry';
import { StringInterner } from './intern';
import { AttributeLayouts } from './attribute-layouts';
import { SharedAttributes } from './shared-attributes';
import type { IngestOptions } from './types';

export class ImportContext {
  readonly spans: Span[] = [];
  readonly logs: LogRecord[] = [];
  readonly exchanges: HttpExchange[] = [];
  readonly warnings: ImportWarning[] = [];
  /** Level counts as SOURCES.md counts them (numbers mapped, words lower-cased, "(none)" when absent). */
  readonly logLevels: Record<string, number> = {};
  skippedLines = 0;
  harEntries = 0;
  accessLinesParsed = 0;
  /** Access-log lines outside the strict NCSA pattern that a lenient rule still read (X-Forwarded-For chains, vhost prefix). */
  accessLinesRecovered = 0;
  accessLinesRejected = 0;
  /** Records of a kind Limbo does not use (e.g. OTLP metrics), skipped on purpose. */
  ignoredRecords = 0;
  /** The last span's trace and parent ids, raw and normalized (see addSpan in otlp-convert.ts). */
  readonly recentIds: { rawTraceId: unknown; traceId: string; rawParentSpanId: unknown; parentSpanId: string } = { rawTraceId: undefined, traceId: '', rawParentSpanId: undefined, parentSpanId: '' };
  /** Attribute objects shared by spans with identical attribute lists (see shared-attributes.ts). */
  readonly spanAttributes = new SharedAttributes();
  /** The last attribute keys of each span name, to build the next object of that name in one copy (see attribute-layouts.ts). */
  readonly attributeLayouts = new AttributeLayouts();
  /** The problem that stopped reading, if any. */
  fatal?: { message: string; line?: number };
  private droppedWarnings = 0;

  constructor(
    readonly file: string,
    readonly options: IngestOptions,
    readonly strings: StringInterner,
  ) {}

  /** False once reading had to stop. */
  get ok(): boolean {
    return this.fatal === undefined;
  }

  warn(message: string, line?: number): void {
    if (this.warnings.length < (this.options.maxWarnings ?? 200)) this.warnings.push(line === undefined ? { file: this.file, message } : { file: this.file, line, message });
    else this.droppedWarnings++;
  }

  fail(message: string, line?: number): void {
    this.fatal ??= { message, line };
    this.warn(message, line);
  }

  countLevel(key: string): void {
    this.logLevels[key] = (this.logLevels[key] ?? 0) + 1;
  }

  /** Call once at the end: turns the count of warnings that did not fit into one last warning. */
  closeWarnings(): void {
    if (this.droppedWarnings > 0) this.warnings.push({ file: this.file, message: `${this.droppedWarnings} more warnings not shown` });
    this.droppedWarnings = 0;
  }
}

/** "file: line N: message", the form every error Limbo prints about an input takes. */
export function locate(file: string, line: number | undefined, message: string): string {
  return line === undefined ? `${file}: ${message}` : `${file}: line ${line}: ${message}`;
}
