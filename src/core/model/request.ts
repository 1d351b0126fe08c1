// The request model: one shape over traces, logs, HAR and access logs.
import type { Attributes, InputRef } from './telemetry';

export type RequestState = 'completed' | 'failed' | 'incomplete';

export type EvidenceKind =
  /** Children arrived whose parent (the server span) never did. */
  | 'orphan-children'
  /** The server span ended (client gave up) but children kept starting after it. */
  | 'children-after-parent-end'
  /** A server span's duration sits at a known client or proxy timeout. */
  | 'duration-at-timeout'
  /** A start log ("incoming request") without a completion log. */
  | 'start-without-end'
  /** An "aborted"/"client closed" log line. */
  | 'aborted-log'
  /** 499/408/504 in an access log, a HAR entry without a response, a client span that timed out. */
  | 'client-gave-up'
  /** The same child operation repeated many times at a steady period. */
  | 'loop-signature'
  /** Log lines carry a span id that no exported span has. */
  | 'logs-of-unexported-span'
  /** Counter-evidence: a missing parent more likely explained by sampling or another service. */
  | 'likely-benign-orphan'
  /** Counter-evidence: an open request that started shortly before the capture ended (may just be in flight). */
  | 'in-flight-at-capture-end'
  /** Context, no weight: the request's flow was inferred from the flows its operations occur in. */
  | 'flow-inferred'
  | 'error-status'
  | 'completed-normally';

export interface Evidence {
  kind: EvidenceKind;
  /** How much this piece moves the verdict, 0..1 (negative for counter-evidence). */
  weight: number;
  /** One sentence a person can check against the data. */
  detail: string;
  at?: InputRef;
  spanId?: string;
}

/** The same operation repeated inside one request at a steady period: the runtime face of a loop. */
export interface LoopSignature {
  /** Span name with normalized attributes, or a log message template. */
  operation: string;
  source: 'span' | 'log';
  count: number;
  periodMs: number;
  /** Coefficient of variation of the gaps: small means steady. */
  periodJitter: number;
  firstMs: number;
  lastMs: number;
  exampleSpanId?: string;
  exampleAt?: InputRef;
}

export interface RequestRecord {
  /** Trace id, request id from logs, or a synthetic id for an access-log line. */
  id: string;
  traceId?: string;
  /** The request id the logs or the access log carry (x-request-id, reqId), when there is one. */
  requestId?: string;
  /** Method + route template, e.g. "POST /orders/:id/redeem". */
  flow: string;
  method?: string;
  route?: string;
  service?: string;
  startMs?: number;
  endMs?: number;
  /** The last moment anything was seen of it (for open-ended requests). */
  lastSeenMs?: number;
  httpStatus?: number;
  state: RequestState;
  /** 0..1: how sure the state is. */
  confidence: number;
  evidence: Evidence[];
  /** Attributes that describe the request (server span, its logs, headers recorded). */
  attributes: Attributes;
  spanIds: string[];
  logCount: number;
  loops: LoopSignature[];
  origin?: InputRef;
}

export interface FlowSummary {
  key: string;
  method?: string;
  route?: string;
  requests: number;
  incomplete: number;
  failed: number;
  /** incomplete / requests */
  incompleteShare: number;
}

/** An attribute value that separates stuck requests from healthy ones. */
export interface Difference {
  /** Attribute key, or "flow" for the flow itself. */
  key: string;
  value: string;
  incompleteWith: number;
  incompleteTotal: number;
  healthyWith: number;
  healthyTotal: number;
  /** P(value | incomplete) / P(value | healthy), smoothed. */
  lift: number;
  /** One-sided Fisher exact test. */
  pValue: number;
  score: number;
  /** Other key=value pairs carried by exactly the same requests (folded into this one). */
  alsoSeenAs?: string[];
  /**
   * key=value of a higher-ranked difference, carried only by stuck requests, that every stuck request
   * with this value also carries: this value adds nothing beyond it (listed after the unexplained ones).
   */
  explainedBy?: string;
}
