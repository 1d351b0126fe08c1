// What a loop rule may read of code outside the loop's function: the functions a call resolves to and
// other files of the project. Every read is recorded as a dependency of the check (the call
// resolution of the calling file, the text of the file read), so an incremental re-check re-runs the
// rule when that code changes.
import type { FunctionInfo, ParsedFile, ProjectModel } from '../project/types';
import type { CallNode } from './taint';
import type { FlowAnalyzer } from './interprocedural';

export interface CodeIndex {
  /** The functions a call may invoke, as the call graph resolves it (direct targets, not callbacks). */
  calleesOf(file: ParsedFile, call: CallNode): Array<{ info: FunctionInfo; file: ParsedFile }>;
  /** A project file by its relative path. */
  file(path: string): ParsedFile | undefined;
  /** The project file an import specifier names, from a file. */
  resolveModule(fromFile: string, specifier: string): string | undefined;
}

export function codeIndex(project: ProjectModel, analyzer: FlowAnalyzer): CodeIndex {
  const file = (path: string) => {
    analyzer.readText(path);
    return project.files.get(path);
  };
  return {
    calleesOf(from, call) {
      let targets: Array<{ functionId: string }> = [];
      try {
        targets = analyzer.resolveCall(from.path, call);
      } catch {
        return [];
      }
      const out: Array<{ info: FunctionInfo; file: ParsedFile }> = [];
      for (const t of targets) {
        const info = project.functions.get(t.functionId);
        const target = info && file(info.file);
        if (info && target) out.push({ info, file: target });
      }
      return out;
    },
    file,
    resolveModule(fromFile, specifier) {
      analyzer.readText(fromFile);
      return project.resolveModule(fromFile, specifier);
    },
  };
}
