// The incident summary as Markdown, for the incident channel, the ticket or the postmortem: the same
// content as the text summary, in tables. Values from the input are untrusted: identifiers go in code
// spans sized to their backticks, prose is backslash-escaped, so no value can open a link, an HTML
// tag, an image or a new table cell.
import type { AnalysisReport, Difference } from '../model';
import { clip, escapeTerminal } from './escape';

export interface MarkdownOptions {
  /** Flows, differences, suspects and requests listed (default 5 each). */
  top?: number;
}

const pct = (x: number): string => `${(x * 100).toFixed(x < 0.1 ? 1 : 0)}%`;

/** Inline code for an untrusted value; `inTable` also escapes the pipe GFM would split a cell on. */
export function markdownCode(value: string, max = 120, inTable = false): string {
  let text = escapeTerminal(clip(value, max));
  if (text === '') return '*(empty)*';
  if (inTable) text = text.replace(/\|/g, '\\|');
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  // A code span that starts or ends with a backtick (or is all spaces) needs a space inside the fence.
  const pad = /^[` ]|[` ]$/.test(text) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * Prose from the input (evidence details, explanations), never at the start of a line: the marks that
 * open emphasis, code, links, images, HTML, entities, strikethrough or a table cell are escaped; the
 * rest stays readable when the Markdown is pasted raw.
 */
export function markdownText(value: string, max = 240): string {
  return escapeTerminal(clip(value, max))
    .replace(/[\\`*_[\]<>|~&]/g, '\\$&')
    // Renderers that link bare URLs (GFM, Slack) would make data clickable: an escaped colon or dot stops them.
    .replace(/:\/\//g, '\\://')
    .replace(/\bwww\./gi, (w) => `${w.slice(0, -1)}\\.`);
}

const formatP = (p: number): string => (p === 0 ? '< 1e-300' : p < 0.001 ? p.toExponential(1) : p.toFixed(3));
const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

function differenceRow(d: Difference): string {
  const what = d.key === 'flow' ? 'flow' : markdownCode(d.key, 60, true);
  const explained = d.explainedBy ? ` (explained by ${markdownCode(d.explainedBy, 120, true)})` : '';
  return `| ${what} | ${markdownCode(d.value, 120, true)}${explained} | ${d.incompleteWith} of ${d.incompleteTotal} | ${d.healthyWith} of ${d.healthyTotal} | ${d.lift.toFixed(1)} | ${formatP(d.pValue)} |`;
}

export function renderMarkdown(report: AnalysisReport, options: MarkdownOptions = {}): string {
  const top = options.top ?? 5;
  const s = report.summary;
  const out: string[] = ['## Limbo incident summary', ''];
  const share = s.requests > 0 ? ` (${pct(s.incompleteRequests / s.requests)})` : '';
  out.push(
    s.incompleteRequests > 0
      ? `**${s.incompleteRequests} of ${s.requests} requests never finished${share}**; ${s.failedRequests} failed.`
      : `No request looks stuck among ${s.requests}; ${s.failedRequests} failed.`,
  );
  const starts = report.incomplete.map((r) => r.startMs).filter((t): t is number => typeof t === 'number' && Number.isFinite(t));
  if (starts.length > 0) out.push(`Stuck requests started between ${iso(Math.min(...starts))} and ${iso(Math.max(...starts))}.`);
  out.push(`Read ${s.spans} spans, ${s.traces} traces, ${s.logRecords} log records and ${s.httpExchanges} HTTP exchanges from ${report.inputs.length} file${report.inputs.length === 1 ? '' : 's'}.`);

  const hanging = report.flows.filter((f) => f.incomplete > 0).slice(0, top);
  if (hanging.length > 0) {
    out.push('', '### Flows that hang', '', '| flow | stuck | of requests | share |', '|---|---:|---:|---:|');
    for (const f of hanging) out.push(`| ${markdownCode(f.key, 120, true)} | ${f.incomplete} | ${f.requests} | ${pct(f.incompleteShare)} |`);
  }
  if (report.differences.length > 0) {
    out.push('', '### What is different about the stuck requests', '', '| attribute | value | stuck | healthy | lift | p |', '|---|---|---:|---:|---:|---:|');
    for (const d of report.differences.slice(0, top)) out.push(differenceRow(d));
  }
  if (report.suspects.length > 0) {
    out.push('', '### Suspect loops', '');
    for (const x of report.suspects.slice(0, top)) {
      out.push(`${x.rank}. ${markdownCode(`${x.location.file}:${x.location.startLine}`, 200)} ${markdownCode(x.rule, 60)} (score ${x.score.toFixed(2)})  `);
      out.push(`   ${markdownText(x.explanation, 800)}`);
    }
  }
  if (report.incomplete.length > 0) {
    out.push('', '### Strongest evidence', '');
    for (const r of report.incomplete.slice(0, Math.min(top, 3))) {
      out.push(`- ${markdownCode(r.id, 64)} ${markdownCode(r.flow)} (confidence ${r.confidence.toFixed(2)})`);
      for (const e of r.evidence.slice(0, 4)) {
        const where = e.at ? ` (${markdownCode(`${e.at.file}:${e.at.line}`, 200)})` : '';
        out.push(`  - ${markdownCode(e.kind, 60)}${e.weight < 0 ? ' (counter-evidence)' : ''}: ${markdownText(e.detail)}${where}`);
      }
    }
    if (report.incomplete.length > 3) out.push(`- … and ${report.incomplete.length - 3} more stuck request(s).`);
  }
  const errors = report.inputs.filter((f) => f.error);
  if (errors.length > 0) {
    out.push('', '### Inputs not read', '');
    for (const f of errors) out.push(`- ${markdownText(f.error!, 300)}`);
  }
  return `${out.join('\n')}\n`;
}
