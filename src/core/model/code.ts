// Shapes shared by the static analyzer, the evidence-to-code mapping and the ranking.

/** A range in a source file. `file` is relative to the source root, with forward slashes. Lines and columns are 1-based. */
export interface CodeLocation {
  file: string;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export type Severity = 'error' | 'warning' | 'note';

/** One step of a data path from a source (request input) to a loop's exit condition. */
export interface DataStep {
  location: CodeLocation;
  /** e.g. "req.body.code flows into `code`", "`code` passed to redeem(code)", "read by the loop condition". */
  message: string;
}

export type LoopRuleId =
  | 'exit-depends-on-flow-data'
  | 'no-progress'
  | 'no-progress-on-some-path'
  | 'infinite-loop-guarded-by-flow-data'
  | 'unbounded-poll-or-retry'
  | 'regex-or-search-no-advance'
  | 'cursor-may-repeat'
  | 'for-step-or-bound-from-flow-data'
  | string;

export interface LoopFinding {
  /** Stable id: rule + file + loop start, so results can be compared across runs. */
  id: string;
  ruleId: LoopRuleId;
  severity: Severity;
  message: string;
  /** The loop statement (or the recursive function). */
  loop: CodeLocation;
  /** Its exit condition (the test expression, or the guard of the exits). */
  condition: CodeLocation;
  loopKind: 'while' | 'do-while' | 'for' | 'for-in' | 'for-of' | 'for-await' | 'recursion';
  /** Enclosing function's name, if any. */
  functionName?: string;
  /** From the source to the condition, in order. Empty when the rule is not about data. */
  dataPath: DataStep[];
  /** Request inputs that reach the condition, e.g. "req.body.code". */
  sources: string[];
  /** Flow keys (entry points) from which this loop is reachable. */
  entryPoints: string[];
  /** 0..1 */
  confidence: number;
}

export type Framework = 'express' | 'fastify' | 'koa' | 'nestjs' | 'nextjs' | 'strapi' | 'hono' | 'socket.io' | 'ws' | 'graphql' | 'bullmq' | 'bull' | 'kafkajs' | 'amqplib' | 'http' | 'library';

/** A route registration and its handler: where a flow enters the code. */
export interface EntryPoint {
  /** "METHOD /full/route/template"; METHOD is "*" for all/use. */
  flow: string;
  method: string;
  route: string;
  framework: Framework;
  /** The registration call. */
  registration: CodeLocation;
  /** The handler function(s), in order (middleware first). */
  handlers: CodeLocation[];
  handlerNames: string[];
  /**
   * The registration's path could not be computed (`app.get(pathVariable, h)`): `route` holds the
   * known prefix and `(unknown)` where the path goes. Such an entry point matches no runtime flow.
   */
  pathUnknown?: true;
}

/** A call that creates a span: tracer.startSpan('name') / startActiveSpan('name', ...). */
export interface SpanSite {
  /** Literal name, or a template with `{}` for interpolations. */
  name: string;
  location: CodeLocation;
  functionName?: string;
}

/** A logger call: logger.info('message %s', x) / log.error({..}, `tpl ${x}`). */
export interface LogSite {
  template: string;
  level?: string;
  location: CodeLocation;
  functionName?: string;
}

/** An outgoing call: fetch/axios/http.request/db query, to match client spans. */
export interface ClientCallSite {
  kind: 'http' | 'db' | 'other';
  /** Method + URL template, or the statement text. */
  target: string;
  location: CodeLocation;
  functionName?: string;
  /** The literal base URL (axios `baseURL`, got/ky `prefixUrl`) of the client instance, already in `target`. */
  baseUrl?: string;
  /** Below 1 when the call is only probably a client call (a parameter some of whose callers pass something unknown, a receiver known by its declared type); absent: 1. */
  confidence?: number;
}

export interface ScanDiagnostic {
  file: string;
  line: number;
  column?: number;
  message: string;
}

export interface ScanResult {
  root: string;
  filesAnalyzed: number;
  filesSkipped: number;
  lines: number;
  findings: LoopFinding[];
  entryPoints: EntryPoint[];
  spanSites: SpanSite[];
  logSites: LogSite[];
  clientCalls: ClientCallSite[];
  diagnostics: ScanDiagnostic[];
  /** Function id → location, for mapping and for "which loops does this flow reach". */
  functions?: Array<{ id: string; name: string; location: CodeLocation }>;
  /** For each flow key, the ids of the functions reachable from its handlers (with call-graph confidence). */
  reachability?: Record<string, Array<{ functionId: string; confidence: number }>>;
}
