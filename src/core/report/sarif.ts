// SARIF 2.1.0: building blocks (rules, results, locations) and the rendering of a report —
// hung flows as results pointing at the evidence in the input files, suspect loops (when the code
// step ran) as results in the source tree. Other findings can be appended with addRule/addResult.
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result, Run } from 'sarif';
import type { AnalysisReport, FlowReport, InputRef, Suspect } from '../model';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SOURCE_ROOT_ID = 'SRCROOT';

export const HUNG_FLOW_RULE: ReportingDescriptor = {
  id: 'limbo/hung-flow',
  name: 'HungFlow',
  shortDescription: { text: 'Requests of this flow never finished' },
  fullDescription: { text: 'Runtime evidence (traces, logs, HAR, access logs) shows requests of this flow that started and never completed: orphaned children, children starting after their parent ended, start logs without end logs, clients that gave up, or an operation repeated at a steady period.' },
  defaultConfiguration: { level: 'error' },
  properties: { tags: ['runtime', 'hang'] },
};

export function createRun(version: string, sourceRoot?: string): Run {
  const run: Run = { tool: { driver: { name: 'limbo', version, informationUri: 'https://example.invalid/limbo', rules: [] } }, results: [] };
  if (sourceRoot) run.originalUriBaseIds = { [SOURCE_ROOT_ID]: { uri: `${pathToFileURL(resolve(sourceRoot)).href}/` } };
  return run;
}

/** Adds a rule once; returns its index for results. */
export function addRule(run: Run, rule: ReportingDescriptor): number {
  const rules = (run.tool.driver.rules ??= []);
  const existing = rules.findIndex((r) => r.id === rule.id);
  if (existing >= 0) return existing;
  rules.push(rule);
  return rules.length - 1;
}

export function addResult(run: Run, rule: ReportingDescriptor, result: Omit<Result, 'ruleId' | 'ruleIndex'>): void {
  const ruleIndex = addRule(run, rule);
  (run.results ??= []).push({ ruleId: rule.id, ruleIndex, ...result });
}

/** A location in an input file (absolute file URI: inputs live anywhere). */
export function inputLocation(ref: InputRef, message?: string): NonNullable<Result['locations']>[number] {
  const uri = pathToFileURL(isAbsolute(ref.file) ? ref.file : resolve(ref.file)).href;
  return { physicalLocation: { artifactLocation: { uri }, region: { startLine: Math.max(1, ref.line) } }, ...(message ? { message: { text: message } } : {}) };
}

/** A location in the source tree, relative to SRCROOT. */
export function sourceLocation(loc: { file: string; startLine: number; endLine?: number; startColumn?: number; endColumn?: number }): NonNullable<Result['locations']>[number] {
  const region: NonNullable<NonNullable<Result['locations']>[number]['physicalLocation']>['region'] = { startLine: Math.max(1, loc.startLine) };
  if (loc.startColumn) region.startColumn = loc.startColumn;
  if (loc.endLine) region.endLine = loc.endLine;
  if (loc.endColumn) region.endColumn = loc.endColumn;
  return { physicalLocation: { artifactLocation: { uri: loc.file.split('\\').join('/'), uriBaseId: SOURCE_ROOT_ID }, region } };
}

function hungFlowResult(report: AnalysisReport, flow: FlowReport): Omit<Result, 'ruleId' | 'ruleIndex'> {
  const stuck = report.incomplete.filter((r) => r.flow === flow.key);
  const strongest = stuck[0]?.evidence[0];
  const related = stuck
    .flatMap((r) => r.evidence.filter((e) => e.at && e.weight > 0).slice(0, 1).map((e) => ({ r, e })))
    .slice(0, 5)
    .map(({ r, e }, i) => ({ id: i, ...inputLocation(e.at!, `${r.id}: ${e.kind}`) }));
  const differences = flow.differences.slice(0, 3).map((d) => `${d.key}=${d.value}`);
  const primary = stuck.find((r) => r.evidence[0]?.at)?.evidence[0]?.at ?? stuck.find((r) => r.origin)?.origin;
  return {
    level: flow.incompleteShare >= 0.5 ? 'error' : 'warning',
    message: {
      text: `${flow.incomplete} of ${flow.requests} requests of flow ${flow.key} never finished (${Math.round(flow.incompleteShare * 100)}%).${strongest ? ` Strongest evidence: ${strongest.kind}: ${strongest.detail}` : ''}${differences.length ? ` Different inside the flow: ${differences.join(', ')}.` : ''}`,
    },
    locations: primary ? [inputLocation(primary)] : [],
    relatedLocations: related,
    partialFingerprints: { 'limboFlow/v1': flow.key },
    properties: { flow: flow.key, requests: flow.requests, incomplete: flow.incomplete, incompleteShare: flow.incompleteShare, requestIds: stuck.slice(0, 20).map((r) => r.id) },
  };
}

function suspectRule(s: Suspect): ReportingDescriptor {
  return { id: `limbo/${s.rule}`, name: s.rule, shortDescription: { text: `Loop rule ${s.rule}` }, defaultConfiguration: { level: 'warning' } };
}

function suspectResult(s: Suspect): Omit<Result, 'ruleId' | 'ruleIndex'> {
  return {
    level: s.rank <= 3 ? 'error' : 'warning',
    message: { text: `Suspect #${s.rank} (score ${s.score.toFixed(2)}): ${s.explanation}` },
    locations: [sourceLocation(s.location)],
    partialFingerprints: { 'limboFinding/v1': s.finding.id },
    properties: { rank: s.rank, score: s.score, flows: s.flows, stuckRequests: s.stuckRequests },
  };
}

export function buildSarif(report: AnalysisReport): Log {
  const run = createRun(report.tool.version, report.sourceRoot);
  for (const flow of report.flows) if (flow.incomplete > 0) addResult(run, HUNG_FLOW_RULE, hungFlowResult(report, flow));
  for (const s of report.suspects) addResult(run, suspectRule(s), suspectResult(s));
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
}

export function renderSarif(report: AnalysisReport): string {
  return `${JSON.stringify(buildSarif(report), null, 2)}\n`;
}
