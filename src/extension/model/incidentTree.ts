// The Limbo view's tree as plain data: incident → flows (largest stuck share first) → stuck
// requests → their evidence and repeated operations → source locations, plus the suspect loops
// and a "What is different" section. The VS Code tree provider only turns these into TreeItems.
import type { AnalysisReport, CodeMapping, FlowReport, IncompleteRequestReport, InputRef } from '../../core/model';
import { codeLensTitle, differenceLine } from './suspectText';
import { plainText } from './text';

/** A place a node opens: a source file (relative to the source root) or an input file (as the engine read it). */
export interface NodeLocation {
  kind: 'source' | 'input';
  file: string;
  line: number;
  column?: number;
}

export interface IncidentNode {
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  icon?: string;
  expanded?: boolean;
  location?: NodeLocation;
  /** A suspect node shows the explanation when clicked. */
  suspectRank?: number;
  children?: IncidentNode[];
}

const MAX_REQUESTS_PER_FLOW = 100;

/** A line of an input file to open; compressed inputs have no line to show in an editor. */
function inputLocation(at: InputRef | undefined): NodeLocation | undefined {
  if (!at || /\.gz$/i.test(at.file)) return undefined;
  return { kind: 'input', file: at.file, line: at.line };
}

function pct(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

function mappingNode(id: string, m: CodeMapping): IncidentNode {
  return {
    id,
    label: `${plainText(m.location.file, 120)}:${m.location.startLine}`,
    description: `${plainText(m.via, 30)} · ${plainText(m.detail, 80)}`,
    tooltip: `Mapped by ${plainText(m.via)} (confidence ${Math.round(m.confidence * 100)}%): ${plainText(m.detail, 300)}`,
    icon: 'file-code',
    location: { kind: 'source', file: m.location.file, line: m.location.startLine, column: m.location.startColumn },
  };
}

function requestNode(flowIndex: number, index: number, r: IncompleteRequestReport, mappings: CodeMapping[]): IncidentNode {
  const id = `request:${flowIndex}:${index}`;
  const children: IncidentNode[] = [];
  r.loops?.forEach((loop, i) =>
    children.push({
      id: `${id}:loop:${i}`,
      label: `${plainText(loop.operation, 100)} ×${loop.count}`,
      description: `every ${Math.round(loop.periodMs)} ms (${loop.source})`,
      tooltip: `Repeated ${loop.count} times at a steady period of ${Math.round(loop.periodMs)} ms: the runtime face of a loop.`,
      icon: 'sync',
      location: inputLocation(loop.exampleAt),
    }),
  );
  r.evidence?.forEach((e, i) =>
    children.push({
      id: `${id}:evidence:${i}`,
      label: plainText(e.detail, 160),
      description: `${plainText(e.kind, 40)} · ${e.weight >= 0 ? '+' : ''}${e.weight.toFixed(2)}`,
      tooltip: plainText(e.detail, 500),
      icon: e.weight < 0 ? 'circle-slash' : e.spanId ? 'symbol-event' : 'output',
      location: inputLocation(e.at),
    }),
  );
  mappings.forEach((m, i) => children.push(mappingNode(`${id}:source:${i}`, m)));
  return {
    id,
    label: plainText(r.id, 60),
    description: `${r.state} · ${Math.round(r.confidence * 100)}%`,
    tooltip: `${plainText(r.flow)}: ${r.state} (confidence ${Math.round(r.confidence * 100)}%)`,
    icon: 'debug-pause',
    children,
  };
}

function flowNode(index: number, flow: FlowReport, report: AnalysisReport): IncidentNode {
  const stuck = (report.incomplete ?? []).filter((r) => r.flow === flow.key);
  // Places the stuck requests reached most come first (aggregated mappings carry stuckCount).
  const stuckCount = (m: CodeMapping): number => Number((m as { stuckCount?: unknown }).stuckCount) || 0;
  const mappings = (report.mappings ?? [])
    .filter((m) => m.flow === flow.key)
    .sort((a, b) => stuckCount(b) - stuckCount(a) || b.confidence - a.confidence)
    .slice(0, 20);
  const children = stuck.slice(0, MAX_REQUESTS_PER_FLOW).map((r, i) => requestNode(index, i, r, mappings));
  if (stuck.length > MAX_REQUESTS_PER_FLOW)
    children.push({ id: `flow:${index}:more`, label: `… ${stuck.length - MAX_REQUESTS_PER_FLOW} more stuck requests`, icon: 'ellipsis' });
  if (!stuck.length) mappings.forEach((m, i) => children.push(mappingNode(`flow:${index}:source:${i}`, m)));
  return {
    id: `flow:${index}`,
    label: plainText(flow.key, 120),
    description: `${flow.incomplete}/${flow.requests} stuck (${pct(flow.incompleteShare)})`,
    tooltip: `${flow.incomplete} of ${flow.requests} requests never finished, ${flow.failed} failed.`,
    icon: flow.incomplete > 0 ? 'warning' : 'pass',
    children: children.length ? children : undefined,
  };
}

export function buildIncidentTree(report: AnalysisReport): IncidentNode[] {
  const s = report.summary;
  const flows = [...(report.flows ?? [])].sort((a, b) => b.incompleteShare - a.incompleteShare || b.incomplete - a.incomplete);
  const inputs = (report.inputs ?? []).map((f) => plainText(f.file.split(/[\\/]/).pop(), 60)).join(', ');
  const incident: IncidentNode = {
    id: 'incident',
    label: `${s.incompleteRequests} of ${s.requests} requests never finished`,
    description: inputs,
    tooltip: `${s.spans} spans, ${s.logRecords} log records, ${s.traces} traces; ${s.failedRequests} failed requests; ${s.suspects} suspect loops.`,
    icon: 'pulse',
    expanded: true,
    children: flows.map((f, i) => flowNode(i, f, report)),
  };
  const suspects: IncidentNode = {
    id: 'suspects',
    label: 'Suspect loops',
    description: String(report.suspects?.length ?? 0),
    icon: 'debug-breakpoint-log',
    expanded: true,
    children: (report.suspects ?? []).map((sus, i) => ({
      id: `suspect:${i}`,
      label: `#${sus.rank} ${plainText(sus.location.file, 100)}:${sus.location.startLine}`,
      description: codeLensTitle(sus).replace(/^Limbo: /, ''),
      tooltip: plainText(sus.explanation, 500),
      icon: 'debug-stackframe',
      suspectRank: sus.rank,
      location: { kind: 'source', file: sus.location.file, line: sus.location.startLine, column: sus.location.startColumn },
      children: (sus.finding?.dataPath ?? []).map((step, j) => ({
        id: `suspect:${i}:step:${j}`,
        label: plainText(step.message, 120),
        description: `${plainText(step.location.file, 80)}:${step.location.startLine}`,
        icon: 'arrow-small-right',
        location: { kind: 'source', file: step.location.file, line: step.location.startLine, column: step.location.startColumn },
      })),
    })),
  };
  const different: IncidentNode = {
    id: 'different',
    label: 'What is different',
    description: String(report.differences?.length ?? 0),
    icon: 'diff',
    expanded: true,
    children: (report.differences ?? []).slice(0, 30).map((d, i) => ({
      id: `difference:${i}`,
      label: `${plainText(d.key, 60)} = ${plainText(d.value, 80)}`,
      description: d.explainedBy ? `${differenceLine(d)} · explained by ${plainText(d.explainedBy, 80)}` : differenceLine(d),
      tooltip: `p = ${d.pValue.toPrecision(3)}, score ${d.score.toFixed(2)}${d.explainedBy ? `; every stuck request with it also has ${plainText(d.explainedBy, 120)}, which only stuck requests have` : ''}`,
      icon: 'symbol-key',
    })),
  };
  return [incident, suspects, different];
}
