// Whether saving a file should re-run the last analysis, and on which inputs. After a fix the
// person wants to see the suspect go (or stay) without picking the trace files again.
import * as path from 'node:path';
import type { AnalysisReport } from '../../core/model';
import { resolveInsideRoot } from './paths';

/** The extensions the analyzer parses (src/core/analysis/project/discover.ts). */
const ANALYZED_EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']);

export interface RecheckPlan {
  /** The input files of the last analysis that were read (absolute paths); none for a code-only analysis. */
  inputs: string[];
}

/**
 * The re-check a save calls for, or undefined. Only a report whose code step ran (it names a source
 * root) is re-checked, only for a saved analyzed source file inside the current source root (a
 * report's source root that is not the current one means the settings changed: no silent re-run),
 * and only on input files that were read without error last time. Relative input paths (a report
 * the CLI wrote, run in the workspace folder as the demo does) are resolved inside the workspace
 * folder only.
 */
export function planRecheck(report: AnalysisReport | undefined, savedFile: string, sourceRoot: string | undefined, workspaceFolder: string | undefined): RecheckPlan | undefined {
  if (!report?.sourceRoot || !sourceRoot) return undefined;
  const reportRoot = absoluteIn(workspaceFolder, report.sourceRoot, true);
  if (!reportRoot || reportRoot !== path.resolve(sourceRoot)) return undefined;
  if (!ANALYZED_EXTENSIONS.has(path.extname(savedFile).toLowerCase()) || savedFile.endsWith('.d.ts')) return undefined;
  if (!resolveInsideRoot(sourceRoot, path.relative(sourceRoot, savedFile))) return undefined;
  if (savedFile.split(/[\\/]/).includes('node_modules')) return undefined;
  const inputs: string[] = [];
  for (const input of report.inputs) {
    if (input.error) continue;
    const absolute = absoluteIn(workspaceFolder, input.file, false);
    if (absolute && !inputs.includes(absolute)) inputs.push(absolute);
  }
  // Every input failed or none can be found again: re-running would only repeat the error.
  if (report.inputs.length && !inputs.length) return undefined;
  return { inputs };
}

/** An absolute path as is; a relative one inside the workspace folder (the folder itself when allowed). */
function absoluteIn(workspaceFolder: string | undefined, file: string, folderItself: boolean): string | undefined {
  if (path.isAbsolute(file)) return path.resolve(file);
  if (!workspaceFolder) return undefined;
  if (folderItself && path.resolve(workspaceFolder, file) === path.resolve(workspaceFolder)) return path.resolve(workspaceFolder);
  return resolveInsideRoot(workspaceFolder, file);
}
