// The AnalysisReport as JSON: the contract other tools read (see model/report.ts).
import type { AnalysisReport } from '../model';

export function renderJson(report: AnalysisReport): string {
  // Non-finite numbers have no JSON form; say so rather than let them become null silently.
  return `${JSON.stringify(report, (_key, value) => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : value), 2)}\n`;
}
