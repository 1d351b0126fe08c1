// Which source lines the stuck requests passed through: code locations mapped from their flows'
// evidence (handlers, span and log call sites) plus each suspect's data path and loop.
import type { AnalysisReport } from '../../core/model';

export interface LineRange {
  startLine: number;
  endLine: number;
}

/** file (relative to the source root) → merged, sorted line ranges. */
export function stuckPathLines(report: AnalysisReport, maxRangesPerFile = 500): Map<string, LineRange[]> {
  const stuckFlows = new Set((report.incomplete ?? []).map((r) => r.flow));
  const byFile = new Map<string, LineRange[]>();
  const add = (file: string, startLine: number, endLine: number): void => {
    if (!file || !(startLine >= 1)) return;
    const list = byFile.get(file) ?? [];
    list.push({ startLine, endLine: Math.max(startLine, endLine || startLine) });
    byFile.set(file, list);
  };
  for (const m of report.mappings ?? []) {
    // The engine's aggregated mappings say how many stuck requests reached them; older reports only name the flow.
    const stuckCount = (m as { stuckCount?: unknown }).stuckCount;
    const reachedByStuck = typeof stuckCount === 'number' ? stuckCount > 0 : m.flow !== undefined && stuckFlows.has(m.flow);
    if (reachedByStuck) add(m.location.file, m.location.startLine, m.location.startLine);
  }
  for (const s of report.suspects ?? []) {
    if (!s.stuckRequests) continue;
    for (const step of s.finding?.dataPath ?? []) add(step.location.file, step.location.startLine, step.location.endLine);
  }
  for (const [file, ranges] of byFile) byFile.set(file, mergeRanges(ranges).slice(0, maxRangesPerFile));
  return byFile;
}

export function mergeRanges(ranges: LineRange[]): LineRange[] {
  const sorted = [...ranges].sort((a, b) => a.startLine - b.startLine || a.endLine - b.endLine);
  const out: LineRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.startLine <= last.endLine + 1) last.endLine = Math.max(last.endLine, r.endLine);
    else out.push({ ...r });
  }
  return out;
}
