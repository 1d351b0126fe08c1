// Options and results of the ingest API (the records themselves are in model/telemetry.ts).
import type { FileSummary, HttpExchange, InputFormat, LogRecord, Span } from '../model/telemetry';

export interface IngestOptions {
  /** Extra field names (dotted paths allowed) that hold a request id in JSON log lines. Tried before the conventional ones. */
  requestIdFields?: string[];
  /** Extra field names that hold a trace id in JSON log lines. */
  traceIdFields?: string[];
  /** Extra field names that hold a span id in JSON log lines. */
  spanIdFields?: string[];
  /** Called as input is read (compressed bytes for .gz files). */
  onProgress?: (bytesRead: number, totalBytes: number, file: string) => void;
  /** Stops reading; the call rejects with an AbortError. */
  signal?: AbortSignal;
  /** Skip format detection. */
  format?: Exclude<InputFormat, 'unknown'>;
  /** Longest line kept, in bytes (default 64 MiB); longer ones are skipped with a warning. */
  maxLineBytes?: number;
  /** Largest single JSON value kept from a JSON document, in characters (default 256 M). */
  maxValueChars?: number;
  /** Deepest JSON nesting accepted (default 256). */
  maxDepth?: number;
  /** Warnings kept per file (default 200); the rest are counted. */
  maxWarnings?: number;
}

export interface IngestResult {
  summary: FileSummary;
  spans: Span[];
  logs: LogRecord[];
  exchanges: HttpExchange[];
}

/** Receives a file's bytes (BOM and gzip already removed) in order. */
export interface Importer {
  write(chunk: Buffer): void;
  end(): void;
}
