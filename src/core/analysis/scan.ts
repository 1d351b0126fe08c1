// Orchestration: project model → loop rules → ScanResult. Also the incremental scanner, which keeps
// parses (the project's cache), function summaries (data flows) and per-file findings, each with
// what it read; after one file changes it re-parses that file, relinks, and re-checks only the
// files whose findings read something that changed (see rescanFile).
import { performance } from 'node:perf_hooks';
import type { CodeLocation, DataStep, LoopFinding, ScanDiagnostic, ScanResult } from '../model/code';
import type { PositionShift } from './project/shift';
import type { ProjectModel, ParseCache } from './project/types';
import { buildProject, createParseCache, updateFile, type LinkChanges } from './project/project';
import { FlowAnalyzer, flowSignature, holdsMovedPositions, type ConstantSite, type Dependencies } from './dataflow/interprocedural';
import { differsBetweenFlows } from './constants-differ-between-flows';
import { checkFile } from './rules/run';
import { UNKNOWN_PATH } from './entrypoints/unknown-path';
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

function sameLocation(a: CodeLocation | undefined, b: CodeLocation): boolean {
  return !!a && a.startLine === b.startLine && a.startColumn === b.startColumn && a.endLine === b.endLine && a.endColumn === b.endColumn && a.file === b.file;
}

/**
 * A file's findings with the shifted file's positions moved to its new text: the same array when none
 * is in that file, new finding objects otherwise (results already handed out keep theirs), undefined
 * when one is inside the edit.
 */
function moveFindings(findings: LoopFinding[], shift: PositionShift, functionIds: Map<LoopFinding, string>, constantSites: Map<LoopFinding, ConstantSite[][]>): LoopFinding[] | undefined {
  const touches = (f: LoopFinding) => f.loop.file === shift.file || f.condition.file === shift.file || f.dataPath.some((step) => step.location.file === shift.file);
  if (!findings.some(touches)) return findings;
  const move = (loc: CodeLocation): CodeLocation | undefined => (loc.file === shift.file ? shift.location(loc) : loc);
  const out: LoopFinding[] = [];
  for (const f of findings) {
    if (!touches(f)) {
      out.push(f);
      continue;
    }
    const loop = move(f.loop);
    const condition = move(f.condition);
    const dataPath: DataStep[] = [];
    for (const step of f.dataPath) {
      const location = move(step.location);
      if (!location) return undefined;
      dataPath.push({ ...step, location });
    }
    if (!loop || !condition) return undefined;
    const moved = { ...f, loop, condition, dataPath };
    const id = functionIds.get(f);
    if (id !== undefined) functionIds.set(moved, id);
    const sites = constantSites.get(f);
    if (sites) constantSites.set(moved, sites);
    out.push(moved);
  }
  for (const f of findings) if (!out.includes(f)) (functionIds.delete(f), constantSites.delete(f));
  return out;
}
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
  /** What each file's check read (data flows, call resolution, callers): it is re-checked when one of them changes. */
  const depsByFile = new Map<string, Dependencies>();
  /** The other way round: for each key, the files whose check read it. */
  const fileReaders = new Map<string, Set<string>>();
  const setDeps = (path: string, deps: Dependencies | undefined) => {
    for (const key of depsByFile.get(path) ?? []) fileReaders.get(key)?.delete(path);
    if (!deps) return void depsByFile.delete(path);
    depsByFile.set(path, deps);
    for (const key of deps) {
      const set = fileReaders.get(key);
      if (set) set.add(path);
      else fileReaders.set(key, new Set([path]));
    }
  };
  /** Rule failures of each file's last check (the project's own diagnostics are rebuilt by each link). */
  const checkDiagnostics = new Map<string, ScanDiagnostic[]>();
  const functionIds = new Map<LoopFinding, string>();
  /** The call sites of findings fed only by per-call-site constants: kept or dropped by the flows reaching them, in assemble. */
  const constantSites = new Map<LoopFinding, ConstantSite[][]>();
  let result: ScanResult | undefined;
  /** The flows reaching each function, kept across re-analyses until call edges or entry points change. */
  let flowsOf: ((functionId: string) => string[]) | undefined;
  let functionsChanged = true;
  let lastFunctions: ScanResult['functions'];
  /** Each file's entries of that list, rebuilt for the re-read files only (the list has an entry per function of the project). */
  const functionEntries = new Map<string, ScanResult['functions']>();

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
      // A flow whose path is unknown last: the first one listed is the one a code lens names.
      const out = [...flows].sort((a, b) => Number(a.includes(UNKNOWN_PATH)) - Number(b.includes(UNKNOWN_PATH)) || (a < b ? -1 : a > b ? 1 : 0));
      memo.set(functionId, out);
      return out;
    };
  };

  const checkFiles = (paths: Iterable<string>) => {
    const model = project!;
    for (const path of paths) {
      for (const f of findingsByFile.get(path) ?? []) (functionIds.delete(f), constantSites.delete(f));
      findingsByFile.delete(path);
      setDeps(path, undefined);
      checkDiagnostics.delete(path);
      const file = model.files.get(path);
      if (!file) continue;
      const deps: Dependencies = new Set();
      const diagnosticsBefore = model.diagnostics.length;
      try {
        // Entry points are filled in by assemble: they depend on callers anywhere, and only findings need them.
        const findings = analyzer!.recordInto(deps, () => checkFile(model, analyzer!, file, { rules: options.rules, functionIds, constantSites }));
        if (findings.length) findingsByFile.set(path, findings);
      } catch (error) {
        // One file the analysis cannot handle (say, nesting deeper than the stack) must not stop the scan.
        model.diagnostics.push({ file: path, line: 1, message: `${path}:1: loop analysis skipped: ${String((error as Error).message ?? error).split('\n')[0]}` });
      }
      setDeps(path, deps);
      if (model.diagnostics.length > diagnosticsBefore) checkDiagnostics.set(path, model.diagnostics.splice(diagnosticsBefore));
    }
  };

  const assemble = (): ScanResult => {
    const model = project!;
    const reaching = (flowsOf ??= flowsOfFactory(model));
    const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const findings = [...findingsByFile.keys()].sort(byPath).flatMap((path) =>
      findingsByFile.get(path)!.flatMap((f) => {
        // Constants per call site are flow data only where different flows pass different ones.
        const sites = constantSites.get(f);
        if (sites && !sites.some((s) => differsBetweenFlows(s, reaching))) return [];
        const id = functionIds.get(f);
        return [{ ...f, entryPoints: id ? reaching(id) : [] }];
      }),
    );
    const skipped = (model as ProjectModel & { skippedFiles?: unknown[] }).skippedFiles?.length ?? 0;
    const parseFailures = model.diagnostics.filter((d) => /does not parse/.test(d.message)).length;
    // The same list as last time unless a function came, went, or changed name or place.
    if (!lastFunctions || functionsChanged) {
      // model.functions lists each file's functions together, in the files' order.
      lastFunctions = [];
      for (const path of model.files.keys()) {
        let entries = functionEntries.get(path);
        if (!entries) functionEntries.set(path, (entries = model.functionsOf(path).map((f) => ({ id: f.id, name: f.name, location: f.location }))));
        for (const entry of entries) lastFunctions.push(entry);
      }
    }
    functionsChanged = false;
    const functions = lastFunctions;
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
      lines: model.lines,
      findings,
      entryPoints: model.entryPoints.map(({ handlerFunctionIds: _h, requestParams: _r, ...ep }) => ep),
      spanSites: model.spanSites,
      logSites: model.logSites,
      clientCalls: model.clientCalls,
      diagnostics: [...model.diagnostics, ...[...checkDiagnostics.keys()].sort(byPath).flatMap((path) => checkDiagnostics.get(path)!)],
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

  /**
   * After the link: which flows and files an edit made stale. The edited file's flows are recomputed
   * and compared with the old ones (flowSignature); only when what other files can see of a function
   * changed do the flows and files that read it go stale, transitively through the flows built on them.
   */
  const invalidate = (changes: LinkChanges, oldFlows: Map<string, Map<string, ReturnType<FlowAnalyzer['flowOf']>>>, oldInfos: Map<string, ProjectModel['functions']>): Set<string> => {
    const model = project!;
    const an = analyzer!;
    const changedKeys = new Set<string>();
    /** Old signatures of the flows another file read, rendered before positions are carried over (that moves locations they share). */
    const oldSignatures = new Map<string, string>();
    for (const file of changes.resolutionChanged) changedKeys.add(`r:${file}`);
    for (const id of changes.calleesChanged) changedKeys.add(`t:${id}`);
    for (const path of changes.files) changedKeys.add(`s:${path}`);
    for (const key of an.takeAttachedChanges()) changedKeys.add(key);
    for (const path of changes.files) {
      an.dropReplaced(path, model.files.get(path));
      const shift = changes.shifts.get(path);
      // Functions that came, went, or changed name, export or place (other than moving with the text).
      const before = oldInfos.get(path)!;
      const after = new Map(model.functionsOf(path).map((f) => [f.id, f]));
      for (const [id, info] of before) {
        const now = after.get(id);
        if (!now || now.name !== info.name || now.exported !== info.exported || !sameLocation(shift ? shift.location(info.location) : info.location, now.location)) changedKeys.add(`f:${id}`);
      }
      for (const id of after.keys()) if (!before.has(id)) changedKeys.add(`f:${id}`);
      const beforeIds = [...before.keys()];
      const afterIds = [...after.keys()];
      if (beforeIds.length !== afterIds.length || beforeIds.some((id, i) => afterIds[i] !== id || changedKeys.has(`f:${id}`) || !sameLocation(before.get(id)!.location, after.get(id)!.location))) functionsChanged = true;
      for (const key of oldFlows.get(path)!.keys()) if (!key.startsWith('f:') && !key.startsWith('p:')) changedKeys.add(key);
      for (const [key, oldFlow] of oldFlows.get(path)!) {
        // Only what another file read needs comparing: the file itself is re-checked anyway.
        if (!oldFlow || !(an.readOutside(key, path) || [...(fileReaders.get(key) ?? [])].some((f) => f !== path))) continue;
        const oldInfo = key.startsWith('f:') ? before.get(key.slice(2)) : undefined;
        oldSignatures.set(key, flowSignature(oldFlow, oldInfo, shift));
      }
      // Kept flows of other files built on this file's flows hold its old positions: moved to the new text
      // now, before any flow is computed on it; those holding a position inside the edit count as changed.
      // A flow no longer cached (forgotten when this file was re-checked) may still have readers: seeded unseen.
      if (shift) {
        const flows = oldFlows.get(path)!;
        const seeds = [...flows].filter(([, flow]) => flow && holdsMovedPositions(flow, shift)).map(([key]) => key);
        for (const key of [...before.keys()].map((id) => `f:${id}`).concat(`p:${path}`)) if (!flows.has(key) && an.readOutside(key, path)) seeds.push(key);
        if (seeds.length) for (const key of an.carryOver(shift, seeds)) changedKeys.add(key);
      }
    }
    const stale = an.invalidate(changedKeys);
    const signatureChanged = new Set<string>();
    for (const path of changes.files) {
      const file = model.files.get(path);
      for (const key of oldFlows.get(path)!.keys()) {
        const oldSignature = oldSignatures.get(key);
        if (stale.has(key) || oldSignature === undefined) continue;
        const info = key.startsWith('f:') ? model.functions.get(key.slice(2)) : undefined;
        const node = key.startsWith('p:') ? file?.ast : info?.node;
        const newFlow = file && node ? an.flowOf(file, node) : undefined;
        if (!newFlow || flowSignature(newFlow, info) !== oldSignature) signatureChanged.add(key);
      }
    }

    const fresh = new Set([...changes.files].flatMap((path) => model.files.get(path) ?? []));
    for (const key of an.invalidate(signatureChanged, fresh)) stale.add(key);
    return stale;
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
      const model = project!;
      const oldFlows = new Map([[rel, analyzer!.flowsOfFile(rel)]]);
      const oldInfos = new Map([[rel, new Map(model.functionsOf(rel).map((f) => [f.id, f]))]]);
      const projectStart = performance.now();
      project = await updateFile(model, rel);
      const projectMilliseconds = performance.now() - projectStart;
      const changes = (project as ProjectModel & { lastChanges: LinkChanges }).lastChanges;
      if (!changes.files.size) return { result: result!, milliseconds: performance.now() - start, filesRechecked: 0, projectMilliseconds };
      for (const file of changes.files) functionEntries.delete(file);
      // The walk up to the handlers reads only the callers of each function and the entry points.
      if (changes.calleesChanged.size || changes.entryPointsChanged) flowsOf = undefined;
      for (const file of changes.files) {
        if (!oldFlows.has(file)) oldFlows.set(file, analyzer!.flowsOfFile(file));
        if (!oldInfos.has(file)) oldInfos.set(file, new Map());
      }
      analyzer!.refresh(project, changes.files, [...oldInfos.values()].flatMap((infos) => [...infos.values()]), changes.entryPointsChanged);
      const stale = invalidate(changes, oldFlows, oldInfos);
      const readStale = new Set<string>();
      for (const key of stale) for (const file of fileReaders.get(key) ?? []) if (!changes.files.has(file)) readStale.add(file);
      // Findings of the files not re-checked may show positions of the edited file: moved to the new
      // text; a file with one inside the edit is re-checked instead.
      for (const shift of changes.shifts.values()) {
        for (const [file, findings] of findingsByFile) {
          if (changes.files.has(file) || readStale.has(file)) continue;
          const moved = moveFindings(findings, shift, functionIds, constantSites);
          if (moved) findingsByFile.set(file, moved);
          else readStale.add(file);
        }
      }
      // Their flows may hold results computed on demand during their last check from what changed.
      analyzer!.forget(readStale);
      const recheck = new Set([...changes.files, ...readStale]);
      // Entry points feed the request sources of every finding (flows do not depend on them).
      if (changes.entryPointsChanged) for (const file of project.files.keys()) recheck.add(file);
      checkFiles([...recheck].sort());
      result = assemble();
      return { result, milliseconds: performance.now() - start, filesRechecked: recheck.size, projectMilliseconds };
    },
  };
}
