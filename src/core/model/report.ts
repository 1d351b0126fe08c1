// The analysis report: what `limbo analyze --format json` writes and what the extension and the
// webview read. Field names here are a contract; add fields freely, rename none.
import type { CodeLocation, LoopFinding, ScanDiagnostic, ScanResult } from './code';
import type { Difference, Evidence, FlowSummary, LoopSignature, RequestRecord, RequestState } from './request';
import type { FileSummary, ImportWarning, InputRef, LogRecord, Span } from './telemetry';

/** How a piece of runtime evidence was tied to a place in the code. */
export interface CodeMapping {
  location: CodeLocation;
  /** e.g. 'code-attributes', 'stack-trace', 'source-map', 'route', 'span-name', 'log-template', 'client-call', 'framework-span'. */
  via: string;
  /** 0..1 */
  confidence: number;
  /** What was matched, e.g. the span name or the route. */
  detail: string;
  flow?: string;
  at?: InputRef;
}

export interface SuspectEvidence {
  kind: string;
  detail: string;
  weight: number;
}

export interface Suspect {
  rank: number;
  rule: string;
  /** `file` relative to the source root. */
  location: { file: string; startLine: number; endLine: number; startColumn?: number; endColumn?: number };
  score: number;
  flows: string[];
  explanation: string;
  evidence: SuspectEvidence[];
  finding: LoopFinding;
  /** Requests (ids) judged stuck in a flow that reaches this loop. */
  stuckRequests: number;
}

export interface IncompleteRequestReport {
  id: string;
  flow: string;
  state: RequestState;
  confidence: number;
  evidence: Evidence[];
  startMs?: number;
  lastSeenMs?: number;
  loops: LoopSignature[];
  traceId?: string;
  requestId?: string;
  service?: string;
  /** Where the request's first record is in the input. */
  origin?: InputRef;
}

export interface FlowReport extends FlowSummary {
  /** The differences found inside this flow's requests (other attributes), in rank order. */
  differences: Difference[];
}

/**
 * Every request of the analysis, compact and columnar, so the report's timeline (and its brushed
 * recounts of flows and differences) works even when `requests` is omitted for size. Row i of every
 * column is one request, in the order the engine judged them. No per-request objects and no repeated
 * strings: flows and differences are referred to by their index in the report's own lists.
 */
export interface RequestTimeline {
  /** Request ids (`RequestRecord.id`). */
  id: string[];
  /** Index into `AnalysisReport.flows` (every request's flow is listed there). */
  flow: number[];
  /** 0 completed, 1 failed, 2 incomplete. */
  state: number[];
  /** Epoch ms (fractions kept as the engine has them); null when unknown. */
  startMs: Array<number | null>;
  /** Epoch ms; null when the request never ended (or its end is unknown). */
  endMs: Array<number | null>;
  /** Epoch ms of the last evidence seen of the request; null when unknown. */
  lastSeenMs: Array<number | null>;
  /**
   * For each entry of `AnalysisReport.differences` (same order), the rows carrying its key=value
   * ("flow": the request's flow), counted exactly as the difference was (nested attributes flattened
   * as "a.b", short lists joined by ","), so a window's recount needs no attributes. Ascending and
   * gap-coded to stay small: the first number is a row, each next one the distance (≥ 1) from the
   * previous row. [3, 1, 5] means rows 3, 4 and 9.
   */
  differenceMembers: number[][];
}

export interface AnalysisReport {
  tool: { name: 'limbo'; version: string };
  generatedAt: string;
  inputs: FileSummary[];
  summary: {
    spans: number;
    traces: number;
    logRecords: number;
    httpExchanges: number;
    requests: number;
    incompleteRequests: number;
    failedRequests: number;
    suspects: number;
  };
  /** Flows, those with the largest stuck share first. */
  flows: FlowReport[];
  /** Attribute values (and flows) separating stuck from healthy requests, in rank order. */
  differences: Difference[];
  incomplete: IncompleteRequestReport[];
  /** All requests, for the views (may be omitted for very large inputs). */
  requests?: RequestRecord[];
  /** All requests in compact columns, whatever their number (absent from reports of older versions). */
  timeline?: RequestTimeline;
  suspects: Suspect[];
  mappings: CodeMapping[];
  scan?: Omit<ScanResult, 'functions' | 'reachability'>;
  warnings: Array<ImportWarning | ScanDiagnostic>;
  /** Source root the locations are relative to, when --src was given. */
  sourceRoot?: string;
  /** Spans and log records of selected requests (by request id), for the report's waterfall; optional. */
  requestDetails?: Record<string, { spans: Span[]; logs: LogRecord[] }>;
}
