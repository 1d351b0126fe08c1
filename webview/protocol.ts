// The messages between the extension host and the incident report page, and the view model the
// host sends. Both sides import this file, so a change here is checked on both ends by tsc.
import type { AnalysisReport } from '../src/core/model/report';

/** Request states as small numbers: the request columns hold up to 100,000 of them. */
export const STATE_COMPLETED = 0;
export const STATE_FAILED = 1;
export const STATE_INCOMPLETE = 2;

/** Requests as parallel columns (index i is one request): compact to post and fast to scan. */
export interface RequestColumns {
  id: string[];
  /** Index into `ViewModel.flows`. */
  flow: number[];
  /** Epoch ms. */
  start: number[];
  /** Epoch ms: the end, or for an open-ended (stuck) request the last evidence seen of it. */
  stop: number[];
  /** 1 when the request never ended (drawn open-ended up to `stop`). */
  open: number[];
  state: number[];
}

export interface ViewFlow {
  key: string;
  requests: number;
  incomplete: number;
  failed: number;
  incompleteShare: number;
}

export interface ViewDifference {
  key: string;
  value: string;
  incompleteWith: number;
  incompleteTotal: number;
  healthyWith: number;
  healthyTotal: number;
  lift: number;
  pValue: number;
  score: number;
  /** A higher-ranked value that explains this one (see Difference.explainedBy); shown after the others. */
  explainedBy?: string;
  /** Indexes (into the request columns) of the requests that carry this value; lets the page recount inside a brushed window. */
  members: number[];
}

export interface SourceLink {
  /** Relative to the report's source root (or absolute, as the evidence wrote it); the host checks it. */
  file: string;
  line: number;
  column?: number;
}

export interface ViewSuspect {
  rank: number;
  rule: string;
  location: SourceLink;
  endLine: number;
  functionName?: string;
  score: number;
  flows: string[];
  explanation: string;
  evidence: Array<{ kind: string; detail: string; weight: number }>;
  stuckRequests: number;
  confidence: number;
}

export interface ViewModel {
  title: string;
  generatedAt: string;
  sourceRoot?: string;
  summary: AnalysisReport['summary'];
  flows: ViewFlow[];
  requests: RequestColumns;
  /** Requests the report listed but without a start time (cannot be placed on the timeline). */
  untimedRequests: number;
  /** True when the report carried no full request list and the timeline shows only the incomplete ones. */
  onlyIncompleteRequests: boolean;
  differences: ViewDifference[];
  suspects: ViewSuspect[];
}

export interface DetailSpan {
  spanId: string;
  parentSpanId?: string;
  name: string;
  service?: string;
  startMs: number;
  endMs?: number;
  /** The source recorded no time for it (a Zipkin span without timestamp): drawn without a bar. */
  untimed?: boolean;
  status: string;
  location?: SourceLink;
}

export interface DetailLog {
  timeMs: number;
  level?: string;
  message: string;
  spanId?: string;
  location?: SourceLink;
}

export interface DetailLoop {
  operation: string;
  source: 'span' | 'log';
  count: number;
  periodMs: number;
}

/** What the waterfall shows for one request. */
export interface RequestDetail {
  requestId: string;
  flow: string;
  state: string;
  startMs?: number;
  lastSeenMs?: number;
  spans: DetailSpan[];
  logs: DetailLog[];
  loops: DetailLoop[];
}

export type ReportTab = 'flows' | 'differences' | 'suspects';

/** What the page remembers across hide/show and restarts: navigation only, never the data. */
export interface UiState {
  tab: ReportTab;
  /** Brushed time window, epoch ms. */
  window: [number, number] | null;
  selectedRequestId: string | null;
}

export const DEFAULT_UI_STATE: UiState = { tab: 'differences', window: null, selectedRequestId: null };

export type HostToPage =
  | { type: 'init'; model: ViewModel; uiState: UiState | null }
  | { type: 'requestDetail'; requestId: string; detail: RequestDetail | null; error?: string };

export type PageToHost =
  | { type: 'ready' }
  | { type: 'uiState'; state: UiState }
  | { type: 'selectRequest'; requestId: string }
  | { type: 'openLocation'; location: SourceLink };

export const REPORT_VIEW_TYPE = 'limbo.incidentReport';

/** Narrow an untrusted message from the page: the host acts only on well-formed ones. */
export function parsePageMessage(message: unknown): PageToHost | undefined {
  if (!message || typeof message !== 'object') return undefined;
  const m = message as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'uiState':
      return isUiState(m.state) ? { type: 'uiState', state: m.state } : undefined;
    case 'selectRequest':
      return typeof m.requestId === 'string' ? { type: 'selectRequest', requestId: m.requestId } : undefined;
    case 'openLocation': {
      const loc = m.location as Record<string, unknown> | undefined;
      if (!loc || typeof loc.file !== 'string' || !Number.isInteger(loc.line) || (loc.line as number) < 1) return undefined;
      const column = Number.isInteger(loc.column) && (loc.column as number) >= 1 ? (loc.column as number) : undefined;
      return { type: 'openLocation', location: { file: loc.file, line: loc.line as number, column } };
    }
    default:
      return undefined;
  }
}

export function isUiState(value: unknown): value is UiState {
  if (!value || typeof value !== 'object') return false;
  const s = value as Record<string, unknown>;
  const tabOk = s.tab === 'flows' || s.tab === 'differences' || s.tab === 'suspects';
  const w = s.window;
  const windowOk = w === null || (Array.isArray(w) && w.length === 2 && w.every((x) => typeof x === 'number' && Number.isFinite(x)));
  const selOk = s.selectedRequestId === null || typeof s.selectedRequestId === 'string';
  return tabOk && windowOk && selOk;
}
