// What a loop rule may read of code outside the loop's function: the functions a call resolves to and
// other files of the project. Every read is recorded as a dependency of the check (the call
// resolution of the calling file, the text of the file read), so an incremental re-check re-runs the
// rule when that code changes.
import type { FunctionInfo, ParsedFile, ProjectModel } from '../project/types';
import type { CallNode } from './taint';
import type { FlowAnalyzer } from './interprocedural';
import type { FunctionNode } from '../project/types';

/** The functions a call may run (empty: not known). */
export type ResolveCallees = (file: ParsedFile, call: CallNode) => Array<{ node: FunctionNode; file: ParsedFile }>;

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

/**
 * One summary object per code index, made on first use: its memos then live as long as one check of
 * the project, and every callee it reads goes through the index (which records it as a dependency).
 */
export function perCodeIndex<T>(make: (code: CodeIndex, resolve: ResolveCallees) => T): (code: CodeIndex) => T {
  const made = new WeakMap<CodeIndex, T>();
  return (code) => {
    let value = made.get(code);
    if (value === undefined) {
      value = make(code, (file, call) => code.calleesOf(file, call).map((c) => ({ node: c.info.node, file: c.file })));
      made.set(code, value);
    }
    return value;
  };
}
