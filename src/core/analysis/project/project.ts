// Builds the project model: discovers and parses the source files (cached by content hash),
// collects each file's facts, then links them: module resolution, call graph, entry points, sites.
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ClientCallSite, LogSite, ScanDiagnostic, SpanSite } from '../../model/code';
import type { BuildProjectOptions, CallEdge, EntryPointInfo, FunctionInfo, ParseCache, ParsedFile, ProjectModel } from './types';
import { discoverSourceFiles, looksMinified } from './discover';
import { hashText, parseSource } from './parse';
import { collectFile, isFunctionNode, type CallNode, type FileFacts } from './collect';
import { ModuleResolver, readPathMapping, type PathMapping } from './resolve';
import { Linker } from './link';
import { CallGraph } from '../callgraph/callgraph';
import { findEntryPoints } from '../entrypoints';
import { indexSites, type FileSites } from '../sites';
import type { AnalysisContext } from './context';

const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

interface CachedFile {
  parsed: ParsedFile;
  facts: FileFacts;
  sites: FileSites;
}

export function createParseCache(): ParseCache {
  return { entries: new Map() };
}

export async function buildProject(root: string, options: BuildProjectOptions = {}): Promise<ProjectModel> {
  const absoluteRoot = resolve(root);
  const project = new Project(absoluteRoot, options);
  const paths = discoverSourceFiles(absoluteRoot, { exclude: options.exclude });
  await Promise.all(paths.map((p) => project.load(p)));
  project.link();
  return project;
}

/** Re-reads one file (relative path) after it changed, was added or deleted, and relinks. Unchanged content costs nothing. */
export async function updateFile(model: ProjectModel, relPath: string): Promise<ProjectModel> {
  if (!(model instanceof Project)) throw new Error('updateFile needs a model made by buildProject');
  const changed = await model.load(relPath.split('\\').join('/'));
  if (changed) model.link();
  return model;
}

class Project implements ProjectModel {
  readonly files = new Map<string, ParsedFile>();
  functions = new Map<string, FunctionInfo>();
  entryPoints: EntryPointInfo[] = [];
  spanSites: SpanSite[] = [];
  logSites: LogSite[] = [];
  clientCalls: ClientCallSite[] = [];
  diagnostics: ScanDiagnostic[] = [];
  skippedFiles: Array<{ file: string; reason: string }> = [];
  lines = 0;

  private readonly loaded = new Map<string, CachedFile>();
  private readonly fileProblems = new Map<string, { diagnostic?: ScanDiagnostic; skipped?: string }>();
  private readonly cache: ParseCache;
  private readonly mapping: PathMapping | undefined;
  private readonly configDiagnostics: ScanDiagnostic[] = [];
  private resolver!: ModuleResolver;
  private callGraph!: CallGraph;
  private reachability = new Map<string, Map<string, number>>();

  constructor(
    readonly root: string,
    private readonly options: BuildProjectOptions,
  ) {
    this.cache = options.cache ?? createParseCache();
    this.mapping = readPathMapping(root, this.configDiagnostics);
  }

  /** Loads (or reloads) one file; returns whether the model changed. */
  async load(path: string): Promise<boolean> {
    const absolutePath = join(this.root, path);
    const previous = this.loaded.get(path);
    const hadProblem = this.fileProblems.has(path);
    let text: string;
    try {
      const info = await stat(absolutePath);
      if (info.size > (this.options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES)) return this.setProblem(path, { skipped: 'too-large' });
      text = await readFile(absolutePath, 'utf8');
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      this.fileProblems.delete(path);
      if (missing) {
        this.loaded.delete(path);
        return previous !== undefined || hadProblem;
      }
      return this.setProblem(path, { skipped: 'unreadable' });
    }
    const hash = hashText(text);
    if (previous && previous.parsed.hash === hash) return false;
    if (looksMinified(text)) return this.setProblem(path, { skipped: 'minified' });
    const cacheKey = `${path}\0${hash}`;
    let entry = this.cache.entries.get(cacheKey) as CachedFile | undefined;
    if (!entry) {
      const outcome = parseSource(path, absolutePath, text, hash);
      if (!outcome.ok) return this.setProblem(path, { diagnostic: outcome.diagnostic });
      const facts = collectFile(outcome.file);
      entry = { parsed: outcome.file, facts, sites: indexSites(outcome.file, facts) };
      if (previous) this.cache.entries.delete(`${path}\0${previous.parsed.hash}`);
      this.cache.entries.set(cacheKey, entry);
    }
    this.fileProblems.delete(path);
    this.loaded.set(path, entry);
    return true;
  }

  private setProblem(path: string, problem: { diagnostic?: ScanDiagnostic; skipped?: string }): boolean {
    this.loaded.delete(path);
    this.fileProblems.set(path, problem);
    return true;
  }

  /** Everything cross-file, recomputed from the per-file facts (cheap next to parsing). */
  link(): void {
    const paths = [...this.loaded.keys()].sort();
    this.files.clear();
    const facts = new Map<string, FileFacts>();
    this.functions = new Map();
    this.lines = 0;
    this.spanSites = [];
    this.logSites = [];
    this.clientCalls = [];
    for (const path of paths) {
      const entry = this.loaded.get(path)!;
      this.files.set(path, entry.parsed);
      facts.set(path, entry.facts);
      this.lines += entry.parsed.lines;
      for (const fn of entry.facts.functions) this.functions.set(fn.id, fn);
      this.spanSites.push(...entry.sites.spanSites);
      this.logSites.push(...entry.sites.logSites);
      this.clientCalls.push(...entry.sites.clientCalls);
    }
    this.diagnostics = [...this.configDiagnostics];
    this.skippedFiles = [];
    for (const [file, problem] of [...this.fileProblems].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (problem.diagnostic) this.diagnostics.push(problem.diagnostic);
      if (problem.skipped) this.skippedFiles.push({ file, reason: problem.skipped });
    }
    this.resolver = new ModuleResolver(this.files, this.mapping);
    const linker = new Linker({
      facts: (file) => facts.get(file),
      resolveModule: (from, spec) => this.resolver.resolve(from, spec),
      fileOfFunction: (id) => this.functions.get(id)?.file,
    });
    this.facts = facts;
    this.linker = linker;
    this.callGraph = new CallGraph({ files: facts, functions: this.functions, linker });
    const context: AnalysisContext = {
      files: this.files,
      facts,
      functions: this.functions,
      linker,
      resolveModule: (from, spec) => this.resolver.resolve(from, spec),
    };
    this.entryPoints = findEntryPoints(context);
    this.reachability = new Map();
  }

  /** Per-file facts and the linker, for analyses that need symbolic values (data flow, rules). */
  facts = new Map<string, FileFacts>();
  linker!: Linker;

  functionAt(file: string, node: TSESTree.Node): FunctionInfo | undefined {
    const facts = this.facts.get(file);
    if (!facts) return undefined;
    for (let n: TSESTree.Node | undefined = node; n; n = n.parent) {
      if (isFunctionNode(n)) {
        const info = facts.functionByNode.get(n);
        if (info) return info;
      }
    }
    return undefined;
  }

  callsFrom(functionId: string): CallEdge[] {
    return this.callGraph.from.get(functionId) ?? [];
  }

  callsTo(functionId: string): CallEdge[] {
    return this.callGraph.to.get(functionId) ?? [];
  }

  resolveCall(file: string, call: CallNode): Array<{ functionId: string; confidence: number }> {
    return this.callGraph.resolveCall(file, call);
  }

  resolveModule(fromFile: string, specifier: string): string | undefined {
    return this.resolver.resolve(fromFile, specifier);
  }

  reachableFrom(flow: string): Map<string, number> {
    const cached = this.reachability.get(flow);
    if (cached) return cached;
    const roots = this.entryPoints.filter((e) => e.flow === flow).flatMap((e) => e.handlerFunctionIds);
    const result = this.callGraph.reachable(roots);
    this.reachability.set(flow, result);
    return result;
  }

  reachableFromFunctions(functionIds: string[]): Map<string, number> {
    return this.callGraph.reachable(functionIds);
  }
}
