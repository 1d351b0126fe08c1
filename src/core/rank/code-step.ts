// The code step of `analyze`: static analysis of the source root → evidence-to-code mapping →
// ranking, filling report.scan, report.mappings and report.suspects.
import type { ProjectModel } from '../analysis/project/types';
import type { ScanResult } from '../model/code';
import type { CodeStep } from '../pipeline';
import { createMappingContext, mapEvidence } from '../mapping/index';
import { callLookupFromProject } from './project-calls';
import { rankSuspects } from './index';

/** The analyzer's entry point, injected so this module does not fix how the scan is configured. */
export type ScanFunction = (root: string, options: { rules?: Record<string, boolean>; signal?: AbortSignal }) => Promise<{ result: ScanResult; project?: Pick<ProjectModel, 'functions' | 'callsFrom'> }>;

export function createCodeStep(scan: ScanFunction): CodeStep {
  return async ({ src, dataset, requests, report, options, progress, signal }) => {
    progress('analyzing the source tree', 0);
    let scanned: Awaited<ReturnType<ScanFunction>>;
    try {
      scanned = await scan(src, { rules: options.rules, signal });
    } catch (err) {
      if (signal?.aborted) throw err;
      // The runtime half of the report stands on its own: say why the code half is missing.
      report.warnings.push({ file: src, message: `static analysis of the source root failed, no suspects ranked: ${err instanceof Error ? err.message : String(err)}` });
      return;
    }
    const { result, project } = scanned;
    signal?.throwIfAborted();

    progress('mapping evidence to code', 0.6);
    const pathMappings = Object.entries(options.pathMappings ?? {}).map(([from, to]) => ({ from, to }));
    const ctx = createMappingContext(src, result, { pathMappings });
    const mapped = mapEvidence(ctx, dataset, requests);
    signal?.throwIfAborted();

    progress('ranking suspect loops', 0.9);
    const differences = [...report.differences, ...report.flows.flatMap((f) => f.differences)];
    report.suspects = rankSuspects({
      scan: result,
      requests,
      differences,
      mappings: mapped.mappings,
      loopSignatures: mapped.loopSignatures,
      calls: project ? callLookupFromProject(project) : undefined,
    });
    report.mappings = mapped.mappings;
    const { functions: _functions, reachability: _reachability, ...scanSummary } = result;
    report.scan = scanSummary;
    for (const d of result.diagnostics) report.warnings.push(d);
    progress('code step done', 1);
  };
}
