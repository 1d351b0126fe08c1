// The engine end to end: ingest → requests and verdicts → flows → differences → report, plus the
// code step (static analysis → mapping → ranking) when a source root is given.
import { resolve } from 'node:path';
import type { AnalysisReport, Dataset, Difference, FlowReport, ImportWarning, IncompleteRequestReport, RequestRecord, RequestState, RequestTimeline, ScanDiagnostic } from './model';
import { ingestFiles } from './ingest/index';
import type { IngestOptions } from './ingest/index';
import { createFeatureWalker, defaultDetectOptions, type ComparedValue, detectRequests, rankDifferences, summarizeFlows, type DetectOptions, type DifferenceOptions } from './detect/index';
import { collectRequestDetails, DEFAULT_REQUEST_DETAIL_LIMITS, type RequestDetailLimits } from './report/request-details';

export const LIMBO_ENGINE_VERSION = '0.1.0';

export interface AnalyzeProgress {
  phase: 'read' | 'detect' | 'differences' | 'code' | 'report';
  message: string;
  /** 0..1 within the phase, when known. */
  fraction?: number;
  file?: string;
}

/** What the code step receives: everything the runtime side found, and the report to fill. */
export interface CodeStepInput {
  /** Absolute source root. */
  src: string;
  dataset: Dataset;
  requests: RequestRecord[];
  report: AnalysisReport;
  options: AnalyzeOptions;
  progress: (message: string, fraction?: number) => void;
  signal?: AbortSignal;
}

/** Fills report.scan, report.mappings, report.suspects (and summary.suspects) from the source tree. */
export type CodeStep = (input: CodeStepInput) => Promise<void>;

export interface AnalyzeOptions {
  /** Trace, log, HAR and access-log files. May be empty for a code-only analysis (then `src` is required). */
  inputs: string[];
  /** Source root for the code step. */
  src?: string;
  /** Extra log fields that hold a request id (dotted paths allowed). */
  requestIdFields?: string[];
  /** A timeout the clients are known to use, in ms, added to the common ones. 0 or absent: common ones only. */
  timeoutMs?: number;
  /** Runtime path prefix → source path, for the code step. */
  pathMappings?: Record<string, string>;
  /** Loop rule id → on/off, for the code step. */
  rules?: Record<string, boolean>;
  detect?: Partial<DetectOptions>;
  differences?: Partial<DifferenceOptions>;
  ingest?: Omit<IngestOptions, 'onProgress' | 'signal' | 'requestIdFields'>;
  /** Put every request in `report.requests`: always, never, or (default) when there are at most 20,000. */
  includeRequests?: boolean | 'auto';
  /** Spans and logs of the most certain stuck requests in `report.requestDetails` (for the report's waterfall); false: none. */
  requestDetails?: RequestDetailLimits | false;
  /** Replaces the default code step (tests, the extension's worker). */
  codeStep?: CodeStep;
  /** The inputs' records, already read (a re-check after a source edit): `inputs` are not read again. */
  dataset?: Dataset;
  onProgress?: (progress: AnalyzeProgress) => void;
  signal?: AbortSignal;
}

/** Thrown when not one input yielded a record: the message names every file and why. */
export class NoUsableInputError extends Error {
  constructor(readonly files: Dataset['files']) {
    super(`no usable input:\n${files.map((f) => `  ${f.error ?? `${f.file}: nothing read`}`).join('\n')}`);
    this.name = 'NoUsableInputError';
  }
}

const AUTO_REQUEST_LIMIT = 20000;
const FLOW_DIFFERENCES = 10;

export async function analyze(options: AnalyzeOptions): Promise<AnalysisReport> {
  if (options.inputs.length === 0 && !options.src) throw new Error('nothing to analyze: give trace/log files, a source root, or both');
  const progress = (p: AnalyzeProgress): void => options.onProgress?.(p);
  const dataset = options.dataset ?? await ingestFiles(options.inputs, {
    ...options.ingest,
    requestIdFields: options.requestIdFields,
    signal: options.signal,
    onProgress: (read, total, file) => progress({ phase: 'read', message: `reading ${file}`, fraction: total > 0 ? read / total : undefined, file }),
  });
  const usable = dataset.spans.length + dataset.logs.length + dataset.exchanges.length;
  if (options.inputs.length > 0 && usable === 0 && !options.src) throw new NoUsableInputError(dataset.files);
  options.signal?.throwIfAborted();

  const { report, requests } = analyzeDataset(dataset, options);
  options.signal?.throwIfAborted();

  // ── Code step ────────────────────────────────────────────────────────────────────────────
  // Static analysis (src/core/analysis) → evidence-to-code mapping (src/core/mapping) → ranking
  // (src/core/rank) plug in here: they fill report.scan, report.mappings, report.suspects.
  if (options.src) {
    const src = resolve(options.src);
    report.sourceRoot = src;
    // Loaded on demand: the analyzer brings the TypeScript parser, which a runtime-only run never needs.
    const step = options.codeStep ?? defaultCodeStep ?? (await import('./rank/default-code-step')).defaultCodeStep;
    if (step) {
      await step({ src, dataset, requests, report, options, signal: options.signal, progress: (message, fraction) => progress({ phase: 'code', message, fraction }) });
      report.summary.suspects = report.suspects.length;
    } else {
      report.warnings.push({ file: src, message: 'the static analysis of --src is not part of this build; only the runtime evidence was analyzed' });
    }
  }
  progress({ phase: 'report', message: 'report ready', fraction: 1 });
  return report;
}

/** Overrides the scan → mapping → ranking step for every later call (the default is loaded on demand). */
let defaultCodeStep: CodeStep | undefined;
export function setDefaultCodeStep(step: CodeStep | undefined): void {
  defaultCodeStep = step;
}

/** The runtime half of the analysis on an in-memory dataset (tests, the extension's worker). */
export function analyzeDataset(dataset: Dataset, options: Omit<AnalyzeOptions, 'inputs'> = {}): { report: AnalysisReport; requests: RequestRecord[] } {
  const progress = (p: AnalyzeProgress): void => options.onProgress?.(p);
  progress({ phase: 'detect', message: `judging requests in ${dataset.spans.length} spans, ${dataset.logs.length} log records, ${dataset.exchanges.length} HTTP exchanges` });
  const detectOptions: Partial<DetectOptions> = { ...options.detect };
  if (options.timeoutMs && options.timeoutMs > 0) detectOptions.knownTimeoutsMs = [...(detectOptions.knownTimeoutsMs ?? defaultDetectOptions.knownTimeoutsMs), options.timeoutMs];
  if (options.requestIdFields?.length) detectOptions.requestIdKeys = [...options.requestIdFields, ...(detectOptions.requestIdKeys ?? defaultDetectOptions.requestIdKeys)];
  const requests = detectRequests(dataset, detectOptions);

  progress({ phase: 'differences', message: `comparing ${requests.length} requests` });
  const differences = rankDifferences(requests, options.differences);
  const flows: FlowReport[] = summarizeFlows(requests).map((f) => ({ ...f, differences: [] }));
  const byFlow = new Map<string, RequestRecord[]>();
  for (const r of requests) {
    const f = byFlow.get(r.flow);
    if (f) f.push(r);
    else byFlow.set(r.flow, [r]);
  }
  for (const f of flows) {
    if (f.incomplete === 0 || f.incomplete === f.requests) continue;
    f.differences = rankDifferences(byFlow.get(f.key)!, { ...options.differences, limit: FLOW_DIFFERENCES }, new Set(['flow']));
  }

  const incomplete: IncompleteRequestReport[] = requests
    .filter((r) => r.state === 'incomplete')
    .sort((a, b) => b.confidence - a.confidence || (a.startMs ?? 0) - (b.startMs ?? 0))
    .map((r) => ({ id: r.id, flow: r.flow, state: r.state, confidence: r.confidence, evidence: r.evidence, startMs: r.startMs, lastSeenMs: r.lastSeenMs, loops: r.loops, traceId: r.traceId, requestId: r.requestId, service: r.service, origin: r.origin }));

  const warnings: Array<ImportWarning | ScanDiagnostic> = [];
  for (const f of dataset.files) {
    if (f.error) warnings.push({ file: f.file, message: f.error });
    for (const w of f.warnings) warnings.push(w);
  }
  const include = options.includeRequests ?? 'auto';
  const report: AnalysisReport = {
    tool: { name: 'limbo', version: LIMBO_ENGINE_VERSION },
    generatedAt: new Date().toISOString(),
    inputs: dataset.files,
    summary: {
      spans: dataset.spans.length,
      traces: countTraces(dataset),
      logRecords: dataset.logs.length,
      httpExchanges: dataset.exchanges.length,
      requests: requests.length,
      incompleteRequests: incomplete.length,
      failedRequests: requests.reduce((n, r) => n + (r.state === 'failed' ? 1 : 0), 0),
      suspects: 0,
    },
    flows,
    differences,
    incomplete,
    suspects: [],
    mappings: [],
    warnings,
    timeline: buildRequestTimeline(requests, flows, differences, options.differences),
  };
  if (include === true || (include === 'auto' && requests.length <= AUTO_REQUEST_LIMIT)) report.requests = requests;
  if (options.requestDetails !== false) report.requestDetails = collectRequestDetails(dataset, requests, options.requestDetails ?? DEFAULT_REQUEST_DETAIL_LIMITS);
  return { report, requests };
}

function countTraces(dataset: Dataset): number {
  // One file with spans (the usual case): its summary has counted them already. Files may share traces, so several are counted together.
  const withSpans = dataset.files.filter((f) => f.spans > 0);
  if (withSpans.length === 1 && withSpans[0]!.spans === dataset.spans.length) return withSpans[0]!.traces;
  const ids = new Set<string>();
  let previous: string | undefined;
  // Spans of a trace mostly come one after another: a set lookup only when the trace changes.
  for (const s of dataset.spans) if (s.traceId !== previous) ids.add((previous = s.traceId));
  return ids.size;
}

const TIMELINE_STATE: Record<RequestState, number> = { completed: 0, failed: 1, incomplete: 2 };

/**
 * The requests as the report's compact `timeline` columns (see `RequestTimeline`). `flows` must list
 * every request's flow; `differences` are matched through the same feature walk that counted them.
 */
export function buildRequestTimeline(
  requests: readonly RequestRecord[],
  flows: ReadonlyArray<{ key: string }>,
  differences: ReadonlyArray<Pick<Difference, 'key' | 'value'>>,
  differenceOptions?: Partial<DifferenceOptions>,
): RequestTimeline {
  const flowIndex = new Map(flows.map((f, i) => [f.key, i]));
  // Per key of a difference: its compared values → difference index.
  const wanted = new Map<string, Map<string, number>>();
  differences.forEach((d, i) => {
    let values = wanted.get(d.key);
    if (!values) wanted.set(d.key, (values = new Map()));
    if (!values.has(d.value)) values.set(d.value, i);
  });
  const members: number[][] = differences.map(() => []);
  const previous = differences.map(() => -1);
  const timeline: RequestTimeline = { id: [], flow: [], state: [], startMs: [], endMs: [], lastSeenMs: [], differenceMembers: members };
  const time = (ms: number | undefined): number | null => (typeof ms === 'number' && Number.isFinite(ms) ? ms : null);
  const walk = createFeatureWalker(differenceOptions);
  let row = 0;
  const feature = (key: string, raw: string, compared: ComparedValue): void => {
    const values = wanted.get(key);
    if (values === undefined) return;
    const d = values.get(compared(key, raw));
    if (d === undefined) return;
    members[d]!.push(previous[d]! < 0 ? row : row - previous[d]!);
    previous[d] = row;
  };
  for (const r of requests) {
    const flow = flowIndex.get(r.flow);
    if (flow === undefined) throw new Error(`request ${r.id}: flow ${JSON.stringify(r.flow)} is not in the flows list`);
    timeline.id.push(r.id);
    timeline.flow.push(flow);
    timeline.state.push(TIMELINE_STATE[r.state]);
    timeline.startMs.push(time(r.startMs));
    timeline.endMs.push(time(r.endMs));
    timeline.lastSeenMs.push(time(r.lastSeenMs));
    if (wanted.size > 0) walk(r, feature);
    row++;
  }
  return timeline;
}
