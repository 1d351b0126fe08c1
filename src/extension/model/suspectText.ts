// The words Limbo shows for a suspect loop: code lens title, diagnostic message, hover and the
// explanation document. Pure functions over the report, so they are unit-tested without VS Code.
import type { AnalysisReport, Difference, ScanDiagnostic, Suspect } from '../../core/model';
import { unknownPathNote } from '../../core/analysis/entrypoints/unknown-path';
import { markdownCode, markdownText, plainText } from './text';

/** "req.body.code" → "body.code": the request object's own name adds nothing for a reader. */
export function shortDataName(source: string): string {
  return source.replace(/^(ctx\.request|ctx\.req|request|req|ctx|c\.req)\./, '');
}

export function primaryFlow(suspect: Suspect): string | undefined {
  return suspect.flows?.[0] ?? suspect.finding?.entryPoints?.[0];
}

export function exitDependsOn(suspect: Suspect): string | undefined {
  const sources = suspect.finding?.sources ?? [];
  return sources.length ? sources.map(shortDataName).join(', ') : undefined;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** What each loop rule means, in the words of a code lens, for findings without request data on their path. */
const RULE_PHRASES: Record<string, string> = {
  'exit-depends-on-flow-data': 'exit depends on request data',
  'no-progress': 'nothing in the loop moves it toward its exit',
  'no-progress-on-some-path': 'one way through the loop changes nothing it reads',
  'infinite-loop-guarded-by-flow-data': 'endless loop left only on request data',
  'unbounded-poll-or-retry': 'polls with no attempt cap or deadline',
  'regex-or-search-no-advance': 'search does not advance',
  'cursor-may-repeat': 'cursor may repeat',
  'for-step-or-bound-from-flow-data': 'step or bound comes from request data',
  'unbounded-recursion': 'recursion with no bound',
};

export function rulePhrase(rule: string): string {
  return RULE_PHRASES[rule] ?? plainText(rule, 60);
}

/** "Limbo: 24 stuck requests in POST /orders/redeem · exit depends on body.code" */
export function codeLensTitle(suspect: Suspect): string {
  const parts: string[] = [];
  const flow = primaryFlow(suspect);
  const stuck = suspect.stuckRequests ?? 0;
  parts.push(`Limbo: ${plural(stuck, 'stuck request')}${flow ? ` in ${plainText(flow, 80)}` : ''}`);
  const data = exitDependsOn(suspect);
  if (data) parts.push(`exit depends on ${plainText(data, 80)}`);
  else if (suspect.rule) parts.push(rulePhrase(suspect.rule));
  return parts.join(' · ');
}

export function diagnosticMessage(suspect: Suspect): string {
  const flow = primaryFlow(suspect);
  const head = `Suspect #${suspect.rank}: this ${suspect.finding?.loopKind ?? 'loop'} may never exit`;
  const where = flow ? ` for ${plainText(flow, 80)}` : '';
  const data = exitDependsOn(suspect);
  const why = data ? `; its exit depends on ${plainText(data, 80)}` : suspect.rule ? `; ${rulePhrase(suspect.rule)}` : '';
  const stuck = suspect.stuckRequests ? ` (${plural(suspect.stuckRequests, 'stuck request')})` : '';
  return `${head}${where}${why}${stuck}. ${plainText(suspect.explanation, 300)}`;
}

/**
 * The problem shown on a source file the analyzer skipped (it does not parse, or its analysis
 * failed): without it, a suspect in a half-edited file would just vanish, as if fixed.
 */
export function skippedFileMessage(diagnostic: ScanDiagnostic): string {
  const prefix = `${diagnostic.file}:${diagnostic.line}: `;
  const reason = diagnostic.message.startsWith(prefix) ? diagnostic.message.slice(prefix.length) : diagnostic.message;
  return `Limbo did not analyze this file (${plainText(reason, 300)}): its loops are not checked until it parses and is analyzed again.`;
}

/** Differences on this suspect's data path or flow: the attribute values that single out its stuck requests. */
export function relevantDifferences(report: AnalysisReport, suspect: Suspect, max = 5): Difference[] {
  const sources = (suspect.finding?.sources ?? []).map((s) => shortDataName(s).toLowerCase());
  const flows = new Set(suspect.flows ?? []);
  const matches = (d: Difference): boolean => {
    if (d.key === 'flow') return flows.has(d.value);
    const key = d.key.toLowerCase();
    return sources.some((s) => key.endsWith(s) || s.endsWith(key.replace(/^.*\./, '')));
  };
  const pool = [...(report.differences ?? []), ...(report.flows ?? []).flatMap((f) => (flows.has(f.key) ? f.differences ?? [] : []))];
  const seen = new Set<string>();
  const out: Difference[] = [];
  for (const d of pool) {
    const id = `${d.key}\u0000${d.value}`;
    if (seen.has(id) || !matches(d)) continue;
    seen.add(id);
    out.push(d);
    if (out.length >= max) break;
  }
  return out;
}

export function differenceLine(d: Difference): string {
  return `stuck ${d.incompleteWith}/${d.incompleteTotal} · healthy ${d.healthyWith}/${d.healthyTotal} · lift ${formatNumber(d.lift)}`;
}

function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return '∞';
  return n >= 100 ? n.toFixed(0) : n.toFixed(1);
}

/** Short evidence for the hover on the loop's condition. */
export function hoverMarkdown(report: AnalysisReport, suspect: Suspect): string {
  const lines: string[] = [];
  lines.push(`**Limbo — suspect #${suspect.rank}** (${markdownText(suspect.rule)}, score ${formatNumber(suspect.score)})`);
  lines.push('');
  lines.push(markdownText(codeLensTitle(suspect).replace(/^Limbo: /, '')));
  lines.push('');
  lines.push(markdownText(suspect.explanation, 600));
  const evidence = (suspect.evidence ?? []).slice(0, 5);
  if (evidence.length) {
    lines.push('');
    for (const e of evidence) lines.push(`- ${markdownText(e.detail, 300)}`);
  }
  const diffs = relevantDifferences(report, suspect, 3);
  if (diffs.length) {
    lines.push('');
    lines.push('What is different:');
    for (const d of diffs) lines.push(`- ${markdownCode(`${d.key} = ${d.value}`)} — ${markdownText(differenceLine(d))}`);
  }
  return lines.join('\n');
}

/** The full explanation a person reads after clicking the code lens. */
export function explanationMarkdown(report: AnalysisReport, suspect: Suspect): string {
  const out: string[] = [];
  const loc = suspect.location;
  out.push(`# Limbo: suspect #${suspect.rank} — ${markdownText(loc.file)}:${loc.startLine}`);
  out.push('');
  out.push(`**${markdownText(codeLensTitle(suspect).replace(/^Limbo: /, ''))}**`);
  out.push('');
  out.push(markdownText(suspect.explanation, 2000));
  out.push('');
  out.push(`- Rule: ${markdownCode(suspect.rule)} — ${markdownText(suspect.finding?.message ?? '', 400)}`);
  out.push(`- Score: ${formatNumber(suspect.score)}; static confidence ${formatNumber((suspect.finding?.confidence ?? 0) * 100)}%`);
  if (suspect.flows?.length) {
    const note = unknownPathNote(suspect.flows);
    out.push(`- Flows: ${suspect.flows.map((f) => markdownCode(f)).join(', ')}${note ? ` — ${markdownText(note)}` : ''}`);
  }
  if (suspect.finding?.functionName) out.push(`- Function: ${markdownCode(suspect.finding.functionName)}`);
  const evidence = suspect.evidence ?? [];
  if (evidence.length) {
    out.push('', '## Evidence', '');
    for (const e of evidence) out.push(`- ${markdownText(e.detail, 400)} (${markdownText(e.kind)}, weight ${formatNumber(e.weight)})`);
  }
  const path = suspect.finding?.dataPath ?? [];
  if (path.length) {
    out.push('', '## Data path to the exit condition', '');
    path.forEach((step, i) =>
      out.push(`${i + 1}. ${markdownText(step.location.file)}:${step.location.startLine} — ${markdownText(step.message, 300)}`),
    );
  }
  const diffs = relevantDifferences(report, suspect, 8);
  if (diffs.length) {
    out.push('', '## What is different about the stuck requests', '');
    for (const d of diffs) out.push(`- ${markdownCode(`${d.key} = ${d.value}`)}: ${markdownText(differenceLine(d))}`);
  }
  const stuck = (report.incomplete ?? []).filter((r) => suspect.flows?.includes(r.flow)).slice(0, 10);
  if (stuck.length) {
    out.push('', '## Stuck requests (first 10)', '');
    for (const r of stuck) {
      const loop = r.loops?.[0];
      const repeat = loop ? ` — repeats ${markdownCode(loop.operation)} ×${loop.count} every ${formatNumber(loop.periodMs)} ms` : '';
      out.push(`- ${markdownCode(r.id)} ${markdownText(r.flow)} (confidence ${formatNumber(r.confidence * 100)}%)${repeat}`);
    }
  }
  out.push('');
  return out.join('\n');
}

/** The suspects on each loop line of a file, best rank first: one code lens per loop, however many rules fired on it. */
export function suspectsByLine(suspects: Suspect[], file: string): Map<number, Suspect[]> {
  const byLine = new Map<number, Suspect[]>();
  for (const s of [...suspects].sort((a, b) => a.rank - b.rank)) {
    if (s.location.file !== file) continue;
    const list = byLine.get(s.location.startLine) ?? [];
    list.push(s);
    byLine.set(s.location.startLine, list);
  }
  return byLine;
}

/** The lens title for a loop line: the best suspect's title, and how many other rules also fired there. */
export function loopLensTitle(onLine: Suspect[]): string {
  const [best, ...others] = onLine;
  if (!best) return '';
  return others.length ? `${codeLensTitle(best)} · +${others.length} more ${others.length === 1 ? 'rule' : 'rules'}` : codeLensTitle(best);
}
