// A saved report is a file in the workspace, so it is untrusted input like any trace: check its
// shape before anything reads it, and fill the optional lists so the views can rely on them.
import type { AnalysisReport } from '../../core/model';

export type ParsedReport = { ok: true; report: AnalysisReport } | { ok: false; error: string };

const LISTS = ['inputs', 'flows', 'differences', 'incomplete', 'suspects', 'mappings', 'warnings'] as const;

export function parseSavedReport(text: string): ParsedReport {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, error: 'not a Limbo report (expected a JSON object)' };
  const report = value as Record<string, unknown>;
  const summary = report.summary as Record<string, unknown> | undefined;
  if (!summary || typeof summary !== 'object' || typeof summary.requests !== 'number')
    return { ok: false, error: 'not a Limbo report (no summary.requests)' };
  for (const key of LISTS) {
    if (report[key] === undefined) report[key] = [];
    else if (!Array.isArray(report[key])) return { ok: false, error: `not a Limbo report (${key} is not a list)` };
  }
  const suspects = report.suspects as unknown[];
  for (const [i, s] of suspects.entries()) {
    const loc = (s as { location?: { file?: unknown; startLine?: unknown } })?.location;
    if (!loc || typeof loc.file !== 'string' || typeof loc.startLine !== 'number')
      return { ok: false, error: `suspect ${i + 1} has no location` };
  }
  return { ok: true, report: report as unknown as AnalysisReport };
}
