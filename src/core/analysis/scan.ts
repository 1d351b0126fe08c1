// Orchestration: project model → loop rules → ScanResult. Also the incremental scanner, which keeps
// parses (the project's cache), function summaries and per-file findings, and after one file
// changes re-checks only that file and the files linked to it through the call graph.
import { performance } from 'node:perf_hooks';
import type { LoopFinding, ScanResult } from '../model/code';
import type { ProjectModel, ParseCache } from './project/types';
import { buildProject, createParseCache, updateFile } from './project/project';
import { FlowAnalyzer } from './dataflow/interprocedural';
import { checkFile } from './rules/run';
import type { Rule } from './rules/types';

export interface ScanOptions {
  /** Extra gitignore-style patterns to exclude, relative to the root. */
  exclude?: string[];
  cache?: ParseCache;
  rules?: Rule[];
  /** Skip filling `reachability` (it is the costly part for libraries with thousands of exported functions). */
  withoutReachability?: boolean;
}

const MAX_FLOWS_PER_FINDING = 20;
const MAX_LIBRARY_FLOWS_IN_REACHABILITY = 200;

export async function scanProject(root: string, options: ScanOptions = {}): Promise<{ result: ScanResult; project: ProjectModel }> {
  const scanner = createScanner(root, options);
  const result = await scanner.scan();
  return { result, project: scanner.project! };
}

export interface Scanner {
  readonly project: ProjectModel | undefined;
  /** Full scan (first call) — later calls return the current result. */
  scan(): Promise<ScanResult>;
  /** Re-analyzes after one file (relative to the root) changed, was added or was deleted. */
  rescanFile(path: string): Promise<{ result: ScanResult; milliseconds: number; filesRechecked: number; projectMilliseconds: number }>;
}

export function createScanner(root: string, options: ScanOptions = {}): Scanner {
  const cache = options.cache ?? createParseCache();
  let project: ProjectModel | undefined;
  let analyzer: FlowAnalyzer | undefined;
  const findingsByFile = new Map<string, LoopFinding[]>();
  /** Files with no loop and no recursion: an edit elsewhere cannot give them findings. */
  const loopless = new Set<string>();
  let result: ScanResult | undefined;

  const flowsOfFactory = (model: ProjectModel) => {
    const handlerFlows = new Map<string, string[]>();
    for (const ep of model.entryPoints) for (const id of ep.handlerFunctionIds) handlerFlows.set(id, [...(handlerFlows.get(id) ?? []), ep.flow]);
    const memo = new Map<string, string[]>();
    // Callers upward to the handlers: cheaper than forward reachability from every flow.
    return (functionId: string): string[] => {
      const cached = memo.get(functionId);
      if (cached) return cached;
      const flows = new Set<string>();
      const seen = new Set([functionId]);
      const queue = [functionId];
      while (queue.length && flows.size < MAX_FLOWS_PER_FINDING && seen.size < 5000) {
        const id = queue.shift()!;
        for (const f of handlerFlows.get(id) ?? []) flows.add(f);
        for (const edge of model.callsTo(id)) if (!seen.has(edge.caller)) (seen.add(edge.caller), queue.push(edge.caller));
      }
      const out = [...flows].sort();
      memo.set(functionId, out);
      return out;
    };
  };

  const checkFiles = (paths: Iterable<string>, changed?: string) => {
    const flowsOf = flowsOfFactory(project!);
    for (const path of paths) {
      const file = project!.files.get(path);
      if (!file) {
        findingsByFile.delete(path);
        continue;
      }
      if (path !== changed && loopless.has(path)) continue;
      try {
        const onChecked = (units: number) => void (units ? loopless.delete(path) : loopless.add(path));
        findingsByFile.set(path, checkFile(project!, analyzer!, file, { rules: options.rules, flowsOf, onChecked }));
      } catch (error) {
        // One file the analysis cannot handle (say, nesting deeper than the stack) must not stop the scan.
        findingsByFile.delete(path);
        project!.diagnostics.push({ file: path, line: 1, message: `${path}:1: loop analysis skipped: ${String((error as Error).message ?? error).split('\n')[0]}` });
      }
    }
  };

  const assemble = (): ScanResult => {
    const model = project!;
    const findings = [...findingsByFile.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).flatMap(([, f]) => f);
    const skipped = (model as ProjectModel & { skippedFiles?: unknown[] }).skippedFiles?.length ?? 0;
    const parseFailures = model.diagnostics.filter((d) => /does not parse/.test(d.message)).length;
    const functions = [...model.functions.values()].map((f) => ({ id: f.id, name: f.name, location: f.location }));
    const computeReachability = (): NonNullable<ScanResult['reachability']> => {
      const reachability: NonNullable<ScanResult['reachability']> = {};
      const routes = model.entryPoints.filter((e) => e.framework !== 'library');
      const flows = routes.length ? routes : model.entryPoints.slice(0, MAX_LIBRARY_FLOWS_IN_REACHABILITY);
      for (const ep of flows) {
        if (reachability[ep.flow]) continue;
        reachability[ep.flow] = [...model.reachableFrom(ep.flow)].map(([functionId, confidence]) => ({ functionId, confidence }));
      }
      return reachability;
    };
    const result: ScanResult = {
      root: model.root,
      filesAnalyzed: model.files.size,
      filesSkipped: skipped + parseFailures,
      lines: [...model.files.values()].reduce((n, f) => n + f.lines, 0),
      findings,
      entryPoints: model.entryPoints.map(({ handlerFunctionIds: _h, requestParams: _r, ...ep }) => ep),
      spanSites: model.spanSites,
      logSites: model.logSites,
      clientCalls: model.clientCalls,
      diagnostics: model.diagnostics,
      functions,
    };
    if (!options.withoutReachability) {
      // Computed on first read (then kept): a re-scan after an edit does not pay for it unless asked.
      let cached: ScanResult['reachability'];
      Object.defineProperty(result, 'reachability', {
        enumerable: true,
        configurable: true,
        get: () => (cached ??= computeReachability()),
        set: (value: ScanResult['reachability']) => void (cached = value),
      });
    }
    return result;
  };

  /** The changed file and the files one call-graph edge away (callers use its summaries; callees' sources go through it). */
  const neighbourhood = (path: string): Set<string> => {
    const out = new Set([path]);
    const model = project!;
    for (const fn of model.functions.values()) {
      if (fn.file !== path) continue;
      for (const e of model.callsTo(fn.id)) {
        const caller = model.functions.get(e.caller);
        if (caller) out.add(caller.file);
      }
      for (const e of model.callsFrom(fn.id)) {
        const callee = model.functions.get(e.callee);
        if (callee) out.add(callee.file);
      }
    }
    return out;
  };

  return {
    get project() {
      return project;
    },
    async scan() {
      if (result) return result;
      project = await buildProject(root, { exclude: options.exclude, cache });
      analyzer = new FlowAnalyzer(project);
      checkFiles(project.files.keys());
      return (result = assemble());
    },
    async rescanFile(path: string) {
      if (!project) await this.scan();
      const start = performance.now();
      const rel = path.split('\\').join('/');
      const before = neighbourhood(rel);
      const projectStart = performance.now();
      project = await updateFile(project!, rel);
      const projectMilliseconds = performance.now() - projectStart;
      const affected = new Set([...before, ...neighbourhood(rel)]);
      analyzer!.refresh(project, affected);
      checkFiles(affected, rel);
      result = assemble();
      return { result, milliseconds: performance.now() - start, filesRechecked: affected.size, projectMilliseconds };
    },
  };
}
