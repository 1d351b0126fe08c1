// Tunables of detection. Most thresholds are derived from the data (the flow's healthy
// durations, the operation counts of healthy requests); these are the few that cannot be.

export interface DetectOptions {
  /** Score (noisy-OR of the evidence weights) at which a request is called incomplete. */
  incompleteThreshold: number;
  /** Timeouts clients and proxies commonly use, in ms; a duration within tolerance of one "sits at a timeout". */
  knownTimeoutsMs: number[];
  /** Relative tolerance around a timeout (absolute floor: timeoutToleranceMinMs). */
  timeoutTolerance: number;
  timeoutToleranceMinMs: number;
  /** A child counts as starting after its parent ended when it starts this much later (clock skew, rounding). */
  afterEndSlackMs: number;
  /** Repetitions of one operation before it can be a loop signature. */
  loopMinRepeats: number;
  /** Largest coefficient of variation of the gaps for a steady period. */
  loopMaxJitter: number;
  /** Log messages that open a request / close it / say it was aborted (matched case-insensitively). */
  startLogPattern: RegExp;
  endLogPattern: RegExp;
  abortLogPattern: RegExp;
  /** Keys that hold the request id in log records' attributes, beyond LogRecord.requestId. */
  requestIdKeys: string[];
}

export const defaultDetectOptions: DetectOptions = {
  incompleteThreshold: 0.5,
  knownTimeoutsMs: [1000, 2000, 3000, 5000, 10000, 15000, 20000, 25000, 30000, 45000, 60000, 90000, 100000, 120000, 300000],
  timeoutTolerance: 0.03,
  timeoutToleranceMinMs: 50,
  afterEndSlackMs: 1,
  loopMinRepeats: 5,
  loopMaxJitter: 0.6,
  startLogPattern: /^(incoming request|request (received|started|start)|started [A-Z]+ |receiving request)/i,
  endLogPattern: /^(request (completed|finished|done|errored|failed|end)|completed \d{3}|handled:|response sent|finished [A-Z]+ )/i,
  abortLogPattern: /\b(request aborted|aborted|client closed|premature close|client disconnected|ECONNRESET)\b/i,
  requestIdKeys: ['reqId', 'req.id', 'requestId', 'request_id', 'x-request-id', 'req_id'],
};

export function resolveDetectOptions(partial?: Partial<DetectOptions>): DetectOptions {
  return { ...defaultDetectOptions, ...(partial ?? {}) };
}
