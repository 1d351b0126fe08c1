// Turns an AnalysisReport into the compact view model the page draws. Runs in the extension host
// (pure: no vscode, no DOM), so the page never receives more than it shows.
import type { AnalysisReport, RequestTimeline } from '../../src/core/model/report';
import type { AttrValue } from '../../src/core/model/telemetry';
import type { RequestRecord, RequestState } from '../../src/core/model/request';
import {
  STATE_COMPLETED,
  STATE_FAILED,
  STATE_INCOMPLETE,
  type RequestColumns,
  type ViewDifference,
  type ViewFlow,
  type ViewModel,
  type ViewSuspect,
} from '../protocol';

const STATE_CODES: Record<RequestState, number> = { completed: STATE_COMPLETED, failed: STATE_FAILED, incomplete: STATE_INCOMPLETE };

/** How an attribute value is written when compared with a difference's `value` (a string). */
export function attributeText(value: AttrValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value === null) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

interface TimelineRequest {
  id: string;
  flow: string;
  state: RequestState;
  startMs?: number;
  endMs?: number;
  lastSeenMs?: number;
  attributes: Record<string, AttrValue>;
}

/** The requests as the page's columns, and per report difference the columns carrying it. */
interface Rows {
  columns: RequestColumns;
  untimed: number;
  onlyIncomplete: boolean;
  members: number[][];
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The flow row of a key, adding one for a flow the report did not summarize (it still gets a row in the flows table). */
function flowRowOf(key: string, flows: ViewFlow[], flowIndex: Map<string, number>): number {
  let fi = flowIndex.get(key);
  if (fi === undefined) {
    fi = flows.length;
    flowIndex.set(key, fi);
    flows.push({ key, requests: 0, incomplete: 0, failed: 0, incompleteShare: 0 });
  }
  return fi;
}

function pushRow(columns: RequestColumns, id: string, flow: number, state: number, startMs: number, endMs: unknown, lastSeenMs: unknown): void {
  const ended = finite(endMs);
  const last = finite(lastSeenMs) ? lastSeenMs : startMs;
  columns.id.push(id);
  columns.flow.push(flow);
  columns.start.push(startMs);
  columns.stop.push(Math.max(startMs, ended ? endMs : last));
  columns.open.push(ended ? 0 : 1);
  columns.state.push(state);
}

const emptyColumns = (): RequestColumns => ({ id: [], flow: [], start: [], stop: [], open: [], state: [] });

/** A timeline whose columns are all lists of one length; anything else (a damaged saved report) is not used. */
function usableTimeline(report: AnalysisReport): RequestTimeline | undefined {
  const t = report.timeline as Partial<RequestTimeline> | undefined;
  if (!t || typeof t !== 'object' || !Array.isArray(t.id)) return undefined;
  const n = t.id.length;
  for (const column of [t.flow, t.state, t.startMs, t.endMs, t.lastSeenMs]) if (!Array.isArray(column) || column.length !== n) return undefined;
  return t as RequestTimeline;
}

/** Timeline state codes (0 completed, 1 failed, 2 incomplete) → the page's codes. */
const TIMELINE_STATES = [STATE_COMPLETED, STATE_FAILED, STATE_INCOMPLETE];

function rowsFromTimeline(report: AnalysisReport, timeline: RequestTimeline, flows: ViewFlow[], flowIndex: Map<string, number>): Rows {
  const columns = emptyColumns();
  const n = timeline.id.length;
  // Timeline row → column, or -1 for a request without a start (counted, not placed).
  const columnOf = new Int32Array(n).fill(-1);
  let untimed = 0;
  for (let i = 0; i < n; i++) {
    const startMs = timeline.startMs[i];
    if (!finite(startMs)) {
      untimed++;
      continue;
    }
    const f = timeline.flow[i];
    // The page's flow rows start as the report's flows, in order, so a valid index is already a row.
    const fi = Number.isInteger(f) && f >= 0 && f < report.flows.length ? f : flowRowOf('(unknown flow)', flows, flowIndex);
    const id = timeline.id[i];
    columnOf[i] = columns.id.length;
    pushRow(columns, typeof id === 'string' ? id : String(id), fi, TIMELINE_STATES[timeline.state[i]] ?? STATE_COMPLETED, startMs, timeline.endMs[i], timeline.lastSeenMs[i]);
  }
  const lists = Array.isArray(timeline.differenceMembers) ? timeline.differenceMembers : [];
  const members = report.differences.map((_, d) => decodeMembers(lists[d], columnOf));
  return { columns, untimed, onlyIncomplete: false, members };
}

/** Gap-coded timeline rows (see `RequestTimeline.differenceMembers`) → column indexes; stops at the first malformed step. */
export function decodeMembers(steps: unknown, columnOf: Int32Array): number[] {
  const out: number[] = [];
  if (!Array.isArray(steps)) return out;
  let row = -1;
  for (let k = 0; k < steps.length; k++) {
    const step = steps[k];
    if (!Number.isInteger(step) || step < (k === 0 ? 0 : 1)) break;
    row = k === 0 ? step : row + step;
    if (row >= columnOf.length) break;
    if (columnOf[row] >= 0) out.push(columnOf[row]);
  }
  return out;
}

/** Reports without a timeline (older versions, hand-made): the full request list, else only the incomplete ones. */
function rowsFromRequests(report: AnalysisReport, flows: ViewFlow[], flowIndex: Map<string, number>): Rows {
  const full = !!report.requests && report.requests.length > 0;
  const list: TimelineRequest[] = full
    ? (report.requests as RequestRecord[])
    : report.incomplete.map((r) => ({ id: r.id, flow: r.flow, state: r.state, startMs: r.startMs, lastSeenMs: r.lastSeenMs, attributes: {} }));
  const columns = emptyColumns();
  const placed: TimelineRequest[] = [];
  let untimed = 0;
  for (const r of list) {
    if (!finite(r.startMs)) {
      untimed++;
      continue;
    }
    pushRow(columns, r.id, flowRowOf(r.flow, flows, flowIndex), STATE_CODES[r.state] ?? STATE_COMPLETED, r.startMs, r.endMs, r.lastSeenMs);
    placed.push(r);
  }
  const members = report.differences.map((d) => membersOf(d.key, d.value, placed));
  return { columns, untimed, onlyIncomplete: !full, members };
}

export function buildViewModel(report: AnalysisReport, title = 'Incident report'): ViewModel {
  const flows: ViewFlow[] = report.flows.map((f) => ({
    key: f.key,
    requests: f.requests,
    incomplete: f.incomplete,
    failed: f.failed,
    incompleteShare: f.incompleteShare,
  }));
  const flowIndex = new Map(flows.map((f, i) => [f.key, i]));
  // The timeline when there is one: the same rows as the full list, with differences matched exactly
  // as the engine counted them (nested and list attributes included), and no attributes to scan.
  const timeline = usableTimeline(report);
  const { columns, untimed, onlyIncomplete, members } = timeline ? rowsFromTimeline(report, timeline, flows, flowIndex) : rowsFromRequests(report, flows, flowIndex);
  // Without the full list, the flows table keeps the report's totals; with it, flows the report
  // did not summarize are counted from the rows.
  if (!onlyIncomplete) recountEmptyFlows(flows, columns);

  const differences: ViewDifference[] = report.differences.map((d, i) => ({
    key: d.key,
    value: d.value,
    incompleteWith: d.incompleteWith,
    incompleteTotal: d.incompleteTotal,
    healthyWith: d.healthyWith,
    healthyTotal: d.healthyTotal,
    lift: d.lift,
    pValue: d.pValue,
    score: d.score,
    ...(typeof d.explainedBy === 'string' ? { explainedBy: d.explainedBy } : {}),
    members: members[i],
  }));

  const suspects: ViewSuspect[] = report.suspects.map((s) => ({
    rank: s.rank,
    rule: s.rule,
    location: { file: s.location.file, line: s.location.startLine, column: s.location.startColumn },
    endLine: s.location.endLine,
    functionName: s.finding?.functionName,
    score: s.score,
    flows: s.flows,
    explanation: s.explanation,
    evidence: s.evidence.map((e) => ({ kind: e.kind, detail: e.detail, weight: e.weight })),
    stuckRequests: s.stuckRequests,
    confidence: s.finding?.confidence ?? 0,
  }));
  suspects.sort((a, b) => a.rank - b.rank);

  return {
    title,
    generatedAt: report.generatedAt,
    sourceRoot: report.sourceRoot,
    summary: report.summary,
    flows,
    requests: columns,
    untimedRequests: untimed,
    onlyIncompleteRequests: onlyIncomplete,
    differences,
    suspects,
  };
}

function recountEmptyFlows(flows: ViewFlow[], columns: RequestColumns): void {
  const empty = new Set(flows.flatMap((f, i) => (f.requests === 0 ? [i] : [])));
  if (empty.size === 0) return;
  for (let i = 0; i < columns.id.length; i++) {
    if (!empty.has(columns.flow[i])) continue;
    const f = flows[columns.flow[i]];
    f.requests++;
    if (columns.state[i] === STATE_INCOMPLETE) f.incomplete++;
    if (columns.state[i] === STATE_FAILED) f.failed++;
  }
  for (const i of empty) flows[i].incompleteShare = flows[i].requests ? flows[i].incomplete / flows[i].requests : 0;
}

/** The requests carrying `key = value`; "flow" is the request's own flow, not an attribute. */
export function membersOf(key: string, value: string, requests: ReadonlyArray<TimelineRequest>): number[] {
  const out: number[] = [];
  for (let i = 0; i < requests.length; i++) {
    const r = requests[i];
    const text = key === 'flow' ? r.flow : attributeText(r.attributes[key]);
    if (text === value) out.push(i);
  }
  return out;
}
