// The incident summary for a person: counts, the flows that hang, what is different, the strongest
// evidence. Every value that came from the input is escaped for the terminal.
import type { AnalysisReport, Difference, InputRef } from '../model';
import { clip, escapeTerminal } from './escape';

export interface TextOptions {
  /** Flows, differences and requests listed (default 5 each). */
  top?: number;
}

const pct = (x: number): string => `${(x * 100).toFixed(x < 0.1 ? 1 : 0)}%`;
const safe = (s: string, max = 120): string => escapeTerminal(clip(s, max));
const at = (ref?: InputRef): string => (ref ? ` (${safe(ref.file, 200)}:${ref.line})` : '');

const isoTime = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

function formatP(p: number): string {
  if (p === 0) return 'p < 1e-300';
  if (p < 0.001) return `p = ${p.toExponential(1)}`;
  return `p = ${p.toFixed(3)}`;
}

function difference(d: Difference): string {
  const what = d.key === 'flow' ? `flow ${safe(d.value)}` : `${safe(d.key, 60)} = ${safe(d.value)}`;
  const explained = d.explainedBy ? `; explained by ${safe(d.explainedBy, 120)}` : '';
  return `${what}: ${d.incompleteWith} of ${d.incompleteTotal} stuck vs ${d.healthyWith} of ${d.healthyTotal} healthy (lift ${d.lift.toFixed(1)}, ${formatP(d.pValue)}${explained})`;
}

export function renderText(report: AnalysisReport, options: TextOptions = {}): string {
  const top = options.top ?? 5;
  const s = report.summary;
  const lines: string[] = [];
  const read = [`${s.spans} spans`, `${s.traces} traces`, `${s.logRecords} log records`, `${s.httpExchanges} HTTP exchanges`].join(', ');
  lines.push(`Limbo: ${s.requests} requests from ${read} in ${report.inputs.length} file${report.inputs.length === 1 ? '' : 's'}.`);
  const share = s.requests > 0 ? ` (${pct(s.incompleteRequests / s.requests)})` : '';
  lines.push(s.incompleteRequests > 0 ? `${s.incompleteRequests} request${s.incompleteRequests === 1 ? '' : 's'} never finished${share}; ${s.failedRequests} failed.` : `No request looks stuck; ${s.failedRequests} failed.`);
  const starts = report.incomplete.map((r) => r.startMs).filter((t): t is number => typeof t === 'number' && Number.isFinite(t));
  // When it began is the first thing the incident channel asks.
  if (starts.length > 0) lines.push(`The stuck requests started between ${isoTime(Math.min(...starts))} and ${isoTime(Math.max(...starts))}.`);

  const hanging = report.flows.filter((f) => f.incomplete > 0).slice(0, top);
  if (hanging.length > 0) {
    lines.push('', 'Flows that hang:');
    for (const f of hanging) lines.push(`  ${safe(f.key)}: ${f.incomplete} of ${f.requests} stuck (${pct(f.incompleteShare)})`);
  }
  if (report.differences.length > 0) {
    lines.push('', 'What is different about the stuck requests:');
    for (const d of report.differences.slice(0, top)) lines.push(`  ${difference(d)}`);
  }
  if (report.incomplete.length > 0) {
    lines.push('', 'Strongest evidence:');
    for (const r of report.incomplete.slice(0, Math.min(top, 3))) {
      lines.push(`  ${safe(r.id, 64)} ${safe(r.flow)} (confidence ${r.confidence.toFixed(2)})`);
      for (const e of r.evidence.slice(0, 4)) lines.push(`    ${e.weight < 0 ? '−' : e.weight === 0 ? '·' : '+'} ${e.kind}: ${safe(e.detail, 240)}${at(e.at)}`);
    }
    if (report.incomplete.length > 3) lines.push(`  … and ${report.incomplete.length - 3} more stuck request(s) (--format json lists them all).`);
  }
  if (report.suspects.length > 0) {
    lines.push('', 'Suspect loops:');
    for (const x of report.suspects.slice(0, top)) {
      lines.push(`  ${x.rank}. ${safe(x.location.file, 200)}:${x.location.startLine} ${safe(x.rule, 60)} (score ${x.score.toFixed(2)})`);
      // The explanation is the answer a person checks: shown whole (bounded), on its own line.
      lines.push(`     ${safe(x.explanation, 800)}`);
    }
  }
  const errors = report.inputs.filter((f) => f.error);
  if (errors.length > 0) {
    lines.push('', 'Inputs not read:');
    for (const f of errors) lines.push(`  ${safe(f.error!, 300)}`);
  }
  const warnings = report.warnings.length - errors.length;
  if (warnings > 0) lines.push('', `${warnings} warning${warnings === 1 ? '' : 's'} while reading (--format json lists them).`);
  return `${lines.join('\n')}\n`;
}
