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
  suspects: Suspect[];
  mappings: CodeMapping[];
  scan?: Omit<ScanResult, 'functions' | 'reachability'>;
  warnings: Array<ImportWarning | ScanDiagnostic>;
  /** Source root the locations are relative to, when --src was given. */
  sourceRoot?: string;
  /** Spans and log records of selected requests (by request id), for the report's waterfall; optional. */
  requestDetails?: Record<string, { spans: Span[]; logs: LogRecord[] }>;
}
