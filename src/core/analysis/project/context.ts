// What the entry-point finders and site indexers get to work with: the parsed files, their
// collected facts, and the cross-file linker.
import type { FunctionInfo, ParsedFile } from './types';
import type { FileFacts } from './collect';
import type { Linker } from './link';

export interface AnalysisContext {
  files: Map<string, ParsedFile>;
  facts: Map<string, FileFacts>;
  functions: Map<string, FunctionInfo>;
  linker: Linker;
  resolveModule(fromFile: string, specifier: string): string | undefined;
}
