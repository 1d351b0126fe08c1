// Turns an AnalysisReport into the compact view model the page draws. Runs in the extension host
// (pure: no vscode, no DOM), so the page never receives more than it shows.
import type { AnalysisReport } from '../../src/core/model/report';
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

function requestsOf(report: AnalysisReport): { list: TimelineRequest[]; onlyIncomplete: boolean } {
  if (report.requests && report.requests.length > 0) return { list: report.requests as RequestRecord[], onlyIncomplete: false };
  const list = report.incomplete.map((r) => ({
    id: r.id,
    flow: r.flow,
    state: r.state,
    startMs: r.startMs,
    lastSeenMs: r.lastSeenMs,
    attributes: {},
  }));
  return { list, onlyIncomplete: true };
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
  const { list, onlyIncomplete } = requestsOf(report);

  const columns: RequestColumns = { id: [], flow: [], start: [], stop: [], open: [], state: [] };
  const placed: TimelineRequest[] = [];
  let untimed = 0;
  for (const r of list) {
    if (typeof r.startMs !== 'number' || !Number.isFinite(r.startMs)) {
      untimed++;
      continue;
    }
    let fi = flowIndex.get(r.flow);
    if (fi === undefined) {
      // A request whose flow the report did not summarize still gets a row in the flows table.
      fi = flows.length;
      flowIndex.set(r.flow, fi);
      flows.push({ key: r.flow, requests: 0, incomplete: 0, failed: 0, incompleteShare: 0 });
    }
    const ended = typeof r.endMs === 'number' && Number.isFinite(r.endMs);
    const last = typeof r.lastSeenMs === 'number' && Number.isFinite(r.lastSeenMs) ? r.lastSeenMs : r.startMs;
    columns.id.push(r.id);
    columns.flow.push(fi);
    columns.start.push(r.startMs);
    columns.stop.push(Math.max(r.startMs, ended ? (r.endMs as number) : last));
    columns.open.push(ended ? 0 : 1);
    columns.state.push(STATE_CODES[r.state] ?? STATE_COMPLETED);
    placed.push(r);
  }
  if (onlyIncomplete) {
    // Without the full list, the flows table still shows the report's totals; nothing to add.
  } else {
    for (const f of flows) if (f.requests === 0) recountFlow(f, placed);
  }

  const differences: ViewDifference[] = report.differences.map((d) => ({
    key: d.key,
    value: d.value,
    incompleteWith: d.incompleteWith,
    incompleteTotal: d.incompleteTotal,
    healthyWith: d.healthyWith,
    healthyTotal: d.healthyTotal,
    lift: d.lift,
    pValue: d.pValue,
    score: d.score,
    members: membersOf(d.key, d.value, placed),
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

function recountFlow(flow: ViewFlow, requests: TimelineRequest[]): void {
  for (const r of requests) {
    if (r.flow !== flow.key) continue;
    flow.requests++;
    if (r.state === 'incomplete') flow.incomplete++;
    if (r.state === 'failed') flow.failed++;
  }
  flow.incompleteShare = flow.requests ? flow.incomplete / flow.requests : 0;
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
