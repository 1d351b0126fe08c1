// Builds the project model: discovers and parses the source files (cached by content hash),
// collects each file's facts, then links them: module resolution, call graph, entry points, sites.
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ClientCallSite, CodeLocation, LogSite, ScanDiagnostic, SpanSite } from '../../model/code';
import type { BuildProjectOptions, CallEdge, EntryPointInfo, FunctionInfo, ParseCache, ParsedFile, ProjectModel } from './types';
import { discoverSourceFiles, looksMinified } from './discover';
import { hashText, parseEdited, parseSource } from './parse';
import { collectFile, isFunctionNode, type CallNode, type FileFacts } from './collect';
import { ModuleResolver, readPathMapping, type PathMapping } from './resolve';
import { Linker } from './link';
import { exportSurface } from './surface';
import { positionShift, type PositionShift } from './shift';
import { CallGraph, CallResolver, methodsOf, type FileCalls } from '../callgraph/callgraph';
import type { Framework } from '../../model/code';
import { QUEUE_PACKAGES, collectFileRoutes, findEntryPoints, isNextRouteFile, isStrapiApiFile, type FileRoutes } from '../entrypoints';
import { indexSites, type FileSites } from '../sites';
import { linkedClientCalls } from '../sites/linked-clients';
import { moduleLevelCalls, ParamClients, paramReceiverCalls, type ModuleLevelCall, type ParamDependencies, type ParamReceiverCall } from '../sites/param-clients';
import type { AnalysisContext } from './context';

/**
 * Frameworks whose entry points come from route registrations, collected per file (FileRoutes) and
 * compared on each relink; every other kind (Nest, Next.js, sockets, GraphQL, queues, a library's
 * exports) is read across files, so the entry points are recomputed whenever a project has one.
 */
const ROUTE_REGISTRATION_FRAMEWORKS: ReadonlySet<Framework> = new Set<Framework>(['express', 'fastify', 'koa', 'hono', 'http']);

const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;
const MAX_REPLACED_VERSIONS = 16;

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
  else model.lastChanges = { files: new Set(), resolutionChanged: new Set(), calleesChanged: new Set(), entryPointsChanged: false, shifts: new Map() };
  return model;
}

/** What one link changed, for the incremental scanner to invalidate only what depends on it. */
export interface LinkChanges {
  /** Files re-read (changed, added or removed). */
  files: Set<string>;
  /** Files whose calls resolve differently now (the re-read ones always). */
  resolutionChanged: Set<string>;
  /** Functions whose incoming call edges changed. */
  calleesChanged: Set<string>;
  entryPointsChanged: boolean;
  /**
   * How the positions of each re-read file that existed before moved (./shift.ts). Changes are
   * compared through it: calls and entry points that only moved with the text are not changes.
   */
  shifts: Map<string, PositionShift>;
}

/** Position-keyed edges; the old edges of an edited file are keyed at their positions in the new text. */
const edgeKey = (e: CallEdge, shift?: PositionShift) =>
  `${e.caller}>${e.callee}@${shift ? shift.start(e.call.range[0]) : e.call.range[0]}-${shift ? shift.end(e.call.range[1]) : e.call.range[1]}#${e.confidence}${e.callback ? '#cb' : ''}`;

function compareCalls(path: string, before: FileCalls | undefined, after: FileCalls, changes: LinkChanges): void {
  if (!before || before.resolution !== after.resolution) changes.resolutionChanged.add(path);
  const old = new Map<string, string>();
  const shift = changes.shifts.get(path);
  for (const e of before?.edges ?? []) old.set(edgeKey(e, shift), e.callee);
  const now = new Set<string>();
  for (const e of after.edges) {
    const key = edgeKey(e);
    now.add(key);
    if (!old.has(key)) changes.calleesChanged.add(e.callee);
  }
  for (const [key, callee] of old) if (!now.has(key)) changes.calleesChanged.add(callee);
}

function routesKey(routes: FileRoutes): string {
  return JSON.stringify([routes.registrations, routes.mounts, routes.prefixes ?? [], routes.paramHandlers ?? [], routes.watchedDirectories ?? []]);
}

/** With shifts, the locations in shifted files are rendered at their positions in the new text. */
function entryPointsKey(entryPoints: EntryPointInfo[], shifts?: Map<string, PositionShift>): string {
  if (!shifts?.size) return JSON.stringify(entryPoints);
  return JSON.stringify(entryPoints, (_key, value: unknown) => {
    const loc = value as CodeLocation | null;
    const shift = loc && typeof loc === 'object' && typeof loc.startLine === 'number' ? shifts.get(loc.file) : undefined;
    return shift ? (shift.location(loc!) ?? 'moved into the edit') : value;
  });
}

/** One file's link results, with the other files whose facts they were computed from. */
interface FileLink {
  calls: FileCalls;
  routes: FileRoutes;
  clientCalls: ClientCallSite[];
  paramReceivers: ParamReceiverCall[];
  moduleCalls: ModuleLevelCall[];
  dependsOn: Set<string>;
  specifiers: Set<string>;
}

class Project implements ProjectModel {
  readonly files = new Map<string, ParsedFile>();
  readonly functions = new Map<string, FunctionInfo>();
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
  private linkedOnce = false;
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
        if (this.loaded.delete(path)) this.noteChange(path, true);
        return previous !== undefined || hadProblem;
      }
      return this.setProblem(path, { skipped: 'unreadable' });
    }
    const hash = hashText(text);
    if (previous && previous.parsed.hash === hash) return false;
    if (looksMinified(text, absolutePath)) return this.setProblem(path, { skipped: 'minified' });
    const cacheKey = `${path}\0${hash}`;
    let entry = this.cache.entries.get(cacheKey) as CachedFile | undefined;
    if (!entry) {
      try {
        // An edit re-parses the top-level statements it touched when that is sure to read as a whole parse.
        const edited = previous ? parseEdited(previous.parsed, text, hash) : undefined;
        const outcome = edited ? ({ ok: true, file: edited } as const) : parseSource(path, absolutePath, text, hash);
        if (!outcome.ok) return this.setProblem(path, { diagnostic: outcome.diagnostic });
        const facts = collectFile(outcome.file);
        entry = { parsed: outcome.file, facts, sites: indexSites(outcome.file, facts) };
      } catch (error) {
        // Pathological input (nesting deep enough to exhaust the stack in the scope analysis): skip the file, keep the rest.
        const message = `${path}:1: could not be analyzed, skipped: ${String((error as Error)?.message ?? error).split('\n')[0]}`;
        return this.setProblem(path, { diagnostic: { file: path, line: 1, message } });
      }
      this.cache.entries.set(cacheKey, entry);
      if (previous) this.keepReplaced(`${path}\0${previous.parsed.hash}`);
    }
    this.fileProblems.delete(path);
    this.loaded.set(path, entry);
    if (previous) this.shifts.set(path, positionShift(path, previous.parsed.text, text));
    this.noteChange(path, !previous);
    return true;
  }

  /**
   * A replaced version stays in the cache for a while: an undo, or a save of the original text back,
   * then costs no parse. At most MAX_REPLACED_VERSIONS of them, the oldest dropped first.
   */
  private keepReplaced(key: string): void {
    this.replaced.push(key);
    while (this.replaced.length > MAX_REPLACED_VERSIONS) {
      const oldest = this.replaced.shift()!;
      const entry = this.cache.entries.get(oldest) as CachedFile | undefined;
      if (entry && this.loaded.get(entry.parsed.path) !== entry) this.cache.entries.delete(oldest);
    }
  }

  private readonly replaced: string[] = [];
  /** Position shifts of the files re-read since the last link (see LinkChanges.shifts). */
  private readonly shifts = new Map<string, PositionShift>();

  private setProblem(path: string, problem: { diagnostic?: ScanDiagnostic; skipped?: string }): boolean {
    if (this.loaded.delete(path)) this.noteChange(path, true);
    this.fileProblems.set(path, problem);
    return true;
  }

  private noteChange(path: string, fileSetChanged: boolean): void {
    this.changed.add(path);
    if (fileSetChanged) this.fileSetChanged = true;
  }

  /**
   * Everything cross-file. Per-file link results (call edges, route registrations) are kept and only
   * recomputed for the files a change can affect: the changed files, the files that import them
   * (transitively) unless the changed file's export surface is the same, and files whose by-name
   * method matches changed.
   */
  link(): void {
    const full = !this.linkedOnce;
    const setChanged = full || this.fileSetChanged;
    if (setChanged) {
      this.paths = [...this.loaded.keys()].sort();
      this.rank = new Map(this.paths.map((path, i) => [path, i]));
    }
    const paths = this.paths;
    const previousMethodNames = new Map(this.methodNamesByFile);
    const facts = this.facts;
    const previousFacts = new Map([...this.changed].map((path) => [path, facts.get(path)]));
    // Map.set on an existing key keeps its place: path order stays as a full build has it unless
    // files come or go, or a changed file's functions are not the same list of ids.
    let rebuildFunctions = setChanged;
    for (const path of this.changed) {
      const before = previousFacts.get(path)?.functions ?? [];
      const after = this.loaded.get(path)?.facts.functions ?? [];
      if (before.length !== after.length || before.some((fn, i) => fn.id !== after[i].id)) rebuildFunctions = true;
    }
    if (setChanged) {
      this.files.clear();
      facts.clear();
      for (const path of paths) {
        const entry = this.loaded.get(path)!;
        this.files.set(path, entry.parsed);
        facts.set(path, entry.facts);
      }
    } else {
      for (const path of this.changed) {
        const entry = this.loaded.get(path)!;
        this.files.set(path, entry.parsed);
        facts.set(path, entry.facts);
      }
    }
    if (rebuildFunctions) {
      this.functions.clear();
      for (const path of paths) for (const fn of facts.get(path)!.functions) this.functions.set(fn.id, fn);
    } else for (const path of this.changed) for (const fn of facts.get(path)!.functions) this.functions.set(fn.id, fn);
    for (const path of [...this.methodNamesByFile.keys()]) if (!this.loaded.has(path)) this.methodNamesByFile.delete(path);
    for (const path of this.changed) {
      const f = facts.get(path);
      if (f) this.methodNamesByFile.set(path, new Set(methodsOf(f).map(([name]) => name)));
    }
    if (full) for (const path of paths) this.methodNamesByFile.set(path, new Set(methodsOf(facts.get(path)!).map(([name]) => name)));
    this.lines = 0;
    for (const path of paths) this.lines += this.loaded.get(path)!.parsed.lines;
    const hasSites = (sites: FileSites | undefined) => !!sites && (sites.spanSites.length > 0 || sites.logSites.length > 0 || sites.clientCalls.length > 0);
    // Sites are gathered after the per-file link results below (client calls on imported instances are among them).
    let sitesChanged = setChanged || [...this.changed].some((path) => this.sitesByFile.has(path) || hasSites(this.loaded.get(path)?.sites));
    /** Files whose sites (own, linked or on parameters) may differ from their kept lists. */
    const sitesTouched = new Set(this.changed);
    this.diagnostics = [...this.configDiagnostics];
    this.skippedFiles = [];
    for (const [file, problem] of [...this.fileProblems].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (problem.diagnostic) this.diagnostics.push(problem.diagnostic);
      if (problem.skipped) this.skippedFiles.push({ file, reason: problem.skipped });
    }
    this.linkedOnce = true;
    if (setChanged) this.resolver = new ModuleResolver(this.files, this.mapping);
    // The linker's memo and the resolver's method index are kept across links: only what read a
    // changed file is dropped. Files coming or going can change module resolution: start afresh;
    // also now and then, so memo entries keyed by replaced parses do not pile up.
    if (setChanged || ++this.linksSinceReset > 200) {
      this.linksSinceReset = 0;
      this.linker = new Linker({
        facts: (file) => facts.get(file),
        resolveModule: (from, spec) => this.resolver.resolve(from, spec),
        fileOfFunction: (id) => this.functions.get(id)?.file,
      });
      this.callResolver = new CallResolver({ files: facts, functions: this.functions, linker: this.linker });
    } else {
      this.linker.invalidate(this.changed);
      this.callResolver.replaceMethods(
        [...this.changed].flatMap((path) => (previousFacts.get(path) ? [previousFacts.get(path)!] : [])),
        [...this.changed].flatMap((path) => (facts.get(path) ? [facts.get(path)!] : [])),
        (id) => this.rank.get(this.functions.get(id)?.file ?? '') ?? -1,
      );
    }
    const linker = this.linker;
    const context: AnalysisContext = {
      files: this.files,
      facts,
      functions: this.functions,
      linker,
      resolveModule: (from, spec) => this.resolver.resolve(from, spec),
    };
    const dirty = full ? new Set(paths) : this.dirtyFiles(previousMethodNames, setChanged ? undefined : previousFacts);
    const shifts = new Map([...this.shifts].filter(([path]) => this.changed.has(path) && this.loaded.has(path)));
    this.shifts.clear();
    const changes: LinkChanges = { files: new Set(this.changed), resolutionChanged: new Set(this.changed), calleesChanged: new Set(), entryPointsChanged: full, shifts };
    let routesChanged = false;
    const removedCalls: FileCalls[] = [];
    const addedCalls: FileCalls[] = [];
    /** Functions whose module-level callers changed (the call graph's edges are calls inside functions). */
    const callersChanged = new Set<string>();
    for (const path of [...this.perFile.keys()]) {
      if (this.loaded.has(path)) continue;
      noteModuleCallsChanged(this.perFile.get(path)!.moduleCalls, [], callersChanged);
      const calls = this.perFile.get(path)!.calls;
      for (const edge of calls.edges) changes.calleesChanged.add(edge.callee);
      removedCalls.push(calls);
      this.unindexReaders(path, this.perFile.get(path)!);
      this.perFile.delete(path);
      this.moduleCallersIndex = undefined;
    }
    for (const path of dirty) {
      const f = facts.get(path);
      if (!f) continue;
      const { value, files } = linker.withDependencies(() => ({
        calls: this.callResolver.fileCalls(path),
        routes: collectFileRoutes(context, path),
        clientCalls: linkedClientCalls(path, f, linker),
        paramReceivers: paramReceiverCalls(path, f, linker),
        moduleCalls: moduleLevelCalls(path, f, (file, call) => this.callResolver.resolveCall(file, call)),
      }));
      files.delete(path);
      const before = this.perFile.get(path);
      if (before?.moduleCalls.length || value.moduleCalls.length) this.moduleCallersIndex = undefined;
      noteModuleCallsChanged(before?.moduleCalls, value.moduleCalls, callersChanged);
      if (JSON.stringify(before?.clientCalls ?? []) !== JSON.stringify(value.clientCalls)) (sitesChanged = true), sitesTouched.add(path);
      if (!full) compareCalls(path, before?.calls, value.calls, changes);
      if (!full && (!before || routesKey(before.routes) !== routesKey(value.routes))) routesChanged = true;
      if (before) removedCalls.push(before.calls);
      addedCalls.push(value.calls);
      if (before) this.unindexReaders(path, before);
      const link = { ...value, dependsOn: files, specifiers: f.specifiers };
      this.perFile.set(path, link);
      this.indexReaders(path, link);
    }
    // Path order, as a full build has it (entry points and call lists come out in that order).
    if (this.fileSetChanged) {
      this.perFile = new Map([...this.perFile].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      this.moduleCallersIndex = undefined;
    }
    this.lastDirtyCount = dirty.size;
    this.changed.clear();
    this.fileSetChanged = false;
    const perFile = [...this.perFile.values()];
    if (full) this.callGraph = new CallGraph(perFile.map((p) => p.calls));
    else {
      this.callGraph.update(removedCalls, addedCalls, (callerId) => this.rank.get(this.functions.get(callerId)?.file ?? '') ?? -1);
    }
    for (const fn of changes.calleesChanged) callersChanged.add(fn);
    // Client calls on parameters are judged over the call graph, so after it.
    if (this.linkParamClients(setChanged, dirty, changes.files, callersChanged, sitesTouched)) sitesChanged = true;
    if (sitesChanged) this.gatherSites(paths, hasSites, setChanged ? undefined : sitesTouched);
    if (full || setChanged || routesChanged || !this.entryPointsUnaffected(previousFacts)) {
      const previousEntryPoints = full ? '' : entryPointsKey(this.entryPoints, shifts);
      this.entryPoints = findEntryPoints(context, perFile.map((p) => p.routes));
      if (!full) changes.entryPointsChanged = entryPointsKey(this.entryPoints) !== previousEntryPoints;
      this.handlerFiles = new Set(this.entryPoints.flatMap((e) => e.handlerFunctionIds.map((id) => this.functions.get(id)?.file ?? '')));
    }
    this.lastChanges = changes;
    this.reachability = new Map();
  }

  /**
   * Every file's sites in path order; a file's client calls are its own and the linked ones
   * (imported instances) in source order, so a full build and an incremental one list them alike.
   * Each file's lists are kept: only the touched files' are recomputed (all when `touched` is undefined).
   */
  private gatherSites(paths: string[], hasSites: (sites: FileSites | undefined) => boolean, touched: Set<string> | undefined): void {
    if (!touched) this.sitesByFile.clear();
    for (const path of touched ?? paths) {
      const sites = this.loaded.get(path)?.sites;
      const fromLinks = this.perFile.get(path)?.clientCalls ?? [];
      const onParams = this.paramSites.get(path)?.sites ?? [];
      const linked = onParams.length ? [...fromLinks, ...onParams] : fromLinks;
      if (!sites || (!hasSites(sites) && !linked.length)) {
        this.sitesByFile.delete(path);
        continue;
      }
      const clientCalls = linked.length ? [...sites.clientCalls, ...linked].sort(bySourcePosition) : sites.clientCalls;
      this.sitesByFile.set(path, { spanSites: sites.spanSites, logSites: sites.logSites, clientCalls });
    }
    // New arrays: results handed out before keep theirs.
    this.spanSites = [];
    this.logSites = [];
    this.clientCalls = [];
    for (const path of [...this.sitesByFile.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
      const sites = this.sitesByFile.get(path)!;
      for (const site of sites.spanSites) this.spanSites.push(site);
      for (const site of sites.logSites) this.logSites.push(site);
      for (const site of sites.clientCalls) this.clientCalls.push(site);
    }
  }

  /**
   * Client calls on parameters (../sites/param-clients.ts), re-judged for the files whose receivers
   * were relinked, or whose verdicts read a changed or relinked file (an argument may resolve
   * differently) or a function whose callers changed; all of them when files came or went.
   * Returns whether any file's sites changed, and adds those files to `touched`.
   */
  private linkParamClients(all: boolean, dirty: Set<string>, changedFiles: Set<string>, callersChanged: Set<string>, touched: Set<string>): boolean {
    let changed = false;
    for (const path of [...this.paramSites.keys()]) {
      if (this.perFile.get(path)?.paramReceivers.length) continue;
      if (this.paramSites.get(path)!.sites.length) (changed = true), touched.add(path);
      this.paramSites.delete(path);
    }
    // The changed sets are small and a verdict's dependencies may be large: look the former up in the latter.
    const touchedFiles = [...new Set([...changedFiles, ...dirty])];
    const changedCallers = [...callersChanged];
    // A loop, not a filter of the entries spread into an array: most of the project's files have no receivers.
    const stale: Array<[string, FileLink]> = [];
    for (const [path, link] of this.perFile) {
      if (!link.paramReceivers.length) continue;
      const deps = all || dirty.has(path) ? undefined : this.paramSites.get(path)?.deps;
      if (!deps || touchedFiles.some((f) => deps.files.has(f)) || changedCallers.some((fn) => deps.functions.has(fn))) stale.push([path, link]);
    }
    if (!stale.length) return changed;
    const moduleCallers = this.moduleCallers();
    const judge = new ParamClients({
      facts: (file) => this.facts.get(file),
      functionInfo: (id) => this.functions.get(id),
      callSitesOf: (fnId) => [
        ...(this.callGraph.to.get(fnId) ?? []).map((e) => ({ file: this.functions.get(e.caller)?.file ?? '', call: e.call, confidence: e.confidence })),
        ...(moduleCallers.get(fnId) ?? []),
      ],
      resolveCall: (file, call) => this.callResolver.resolveCall(file, call),
      linker: this.linker,
    });
    for (const [path, link] of stale) {
      const { sites, deps } = judge.sitesOf(path, this.facts.get(path)!, link.paramReceivers);
      if (JSON.stringify(this.paramSites.get(path)?.sites ?? []) !== JSON.stringify(sites)) (changed = true), touched.add(path);
      this.paramSites.set(path, { sites, deps });
    }
    return changed;
  }

  private readonly paramSites = new Map<string, { sites: ClientCallSite[]; deps: ParamDependencies }>();

  /**
   * Module-level calls by callee, in path order; kept across links until a relinked file had or has
   * such calls (its call nodes are new then), or files came or went.
   */
  private moduleCallersIndex: Map<string, Array<{ file: string; call: CallNode; confidence: number }>> | undefined;

  private moduleCallers(): Map<string, Array<{ file: string; call: CallNode; confidence: number }>> {
    if (this.moduleCallersIndex) return this.moduleCallersIndex;
    const index = new Map<string, Array<{ file: string; call: CallNode; confidence: number }>>();
    for (const [file, link] of this.perFile) for (const c of link.moduleCalls) pushTo(index, c.callee, { file, call: c.call, confidence: c.confidence });
    return (this.moduleCallersIndex = index);
  }

  /** What the last link changed (for the incremental scanner). */
  lastChanges: LinkChanges = { files: new Set(), resolutionChanged: new Set(), calleesChanged: new Set(), entryPointsChanged: false, shifts: new Map() };

  /**
   * Whether the entry points cannot have changed although files did: every relinked file registers
   * the same routes (checked by the caller), the changed files hold no handler (its location and
   * parameters go into the entry point), and neither their old nor new version can declare Nest,
   * Next.js or Strapi entry points; with no routes at all (library mode) they are always recomputed.
   */
  private entryPointsUnaffected(previousFacts: Map<string, FileFacts | undefined>): boolean {
    if (!this.entryPoints.length || this.entryPoints.some((e) => !ROUTE_REGISTRATION_FRAMEWORKS.has(e.framework))) return false;
    for (const [path, before] of previousFacts) {
      if (this.handlerFiles.has(path) || isNextRouteFile(path) || isStrapiApiFile(path)) return false;
      const after = this.facts.get(path);
      const text = this.files.get(path)?.text ?? '';
      // Decorators in the source, or as tsc compiles them (`__decorate([Controller()], C)`).
      // socket.io and ws connection callbacks (entrypoints/socketio.ts, ws.ts) and GraphQL resolver maps
      // (entrypoints/graphql.ts) are found by reading every file.
      if (/setGlobalPrefix|__decorate|socket\.io|\.on\(\s*['"`]connect|\b(Query|Mutation|Subscription)\b['"]?\s*:|GraphQLObjectType|\.(on|once|addEventListener)\(\s*['"`]message|\.onmessage\s*=|['"`](bullmq|bull|kafkajs|amqplib)['"`/]/.test(text) || [before, after].some((f) => f?.classes.some((c) => c.node.decorators?.length))) return false;
      // A queue's handler set in a file that does not import the queue package (entrypoints/queues.ts).
      if (/\.(process|run|consume)\(/.test(text) && this.importsQueuePackage()) return false;
    }
    return true;
  }

  /** Whether some file imports a queue package whose handlers are entry points (entrypoints/queues.ts). */
  private importsQueuePackage(): boolean {
    for (const f of this.facts.values()) for (const s of f.specifiers) if (QUEUE_PACKAGES.has(s)) return true;
    return false;
  }

  /**
   * Files whose link results a change may have made stale. With the previous facts of the changed
   * files (same file set), a file whose export surface is the same before and after (./surface.ts)
   * does not make its readers stale, nor does one with the same methods (names and ids) make stale
   * the files that look those names up: the edit changed nothing their link results read.
   */
  private dirtyFiles(previousMethodNames: Map<string, Set<string>>, previousFacts?: Map<string, FileFacts | undefined>): Set<string> {
    const sameSurface = new Set<string>();
    const sameMethods = new Set<string>();
    for (const [path, before] of previousFacts ?? []) {
      const after = this.facts.get(path);
      if (!before || !after) continue;
      const surface = exportSurface(before);
      if (surface !== undefined && surface === exportSurface(after)) sameSurface.add(path);
      if (sameMethodList(methodsOf(before), methodsOf(after))) sameMethods.add(path);
    }
    const dirty = new Set<string>();
    const queue = [...this.changed];
    // Added files may satisfy imports that did not resolve before.
    if (this.fileSetChanged) {
      const added = [...this.changed].filter((p) => this.loaded.has(p) && !this.perFile.has(p));
      const stems = new Set(added.flatMap((p) => [p.replace(/\.[^./]+$/, '').split('/').pop()!, p.split('/').slice(-2, -1)[0] ?? '']));
      for (const [path, link] of this.perFile) {
        for (const spec of link.specifiers) {
          const stem = spec.replace(/\.[^./]+$/, '').split('/').pop()!;
          if (stems.has(stem) && added.includes(this.resolver.resolve(path, spec) ?? '')) queue.push(path);
        }
      }
    }
    // Dependencies are transitive already (recorded through every resolution step), so one level suffices.
    for (const path of queue) dirty.add(path);
    // Readers come from the reverse indices; they are added in path order, as a scan of every file would.
    const readers = new Set<string>();
    for (const target of queue) if (!sameSurface.has(target)) for (const path of this.readersOfFile.get(target) ?? []) readers.add(path);
    // Calls matched by method name only go stale when a changed file defines or drops that name.
    const names = new Set<string>();
    for (const path of this.changed) {
      if (sameMethods.has(path)) continue;
      for (const n of previousMethodNames.get(path) ?? []) names.add(n);
      for (const n of this.methodNamesByFile.get(path) ?? []) names.add(n);
    }
    for (const n of names) for (const path of this.readersOfName.get(n) ?? []) readers.add(path);
    // Registrations that list a directory (@fastify/autoload) read every file under it, and which files there are.
    for (const path of this.changed) {
      for (const [dir, watchers] of this.readersOfDirectory) if (dir === '' || path.startsWith(`${dir}/`)) for (const w of watchers) readers.add(w);
    }
    if (readers.size) for (const path of this.perFile.keys()) if (readers.has(path)) dirty.add(path);
    return dirty;
  }

  /** Reverse indices of the per-file link results: which files read a file, which look a method name up. */
  private readonly readersOfFile = new Map<string, Set<string>>();
  private readonly readersOfName = new Map<string, Set<string>>();

  private readonly readersOfDirectory = new Map<string, Set<string>>();

  private indexReaders(path: string, link: { calls: FileCalls; routes: FileRoutes; dependsOn: Set<string> }): void {
    for (const target of link.dependsOn) addTo(this.readersOfFile, target, path);
    for (const n of link.calls.namesLookedUp) addTo(this.readersOfName, n, path);
    for (const dir of link.routes.watchedDirectories ?? []) addTo(this.readersOfDirectory, dir, path);
  }

  private unindexReaders(path: string, link: { calls: FileCalls; routes: FileRoutes; dependsOn: Set<string> }): void {
    for (const target of link.dependsOn) removeFrom(this.readersOfFile, target, path);
    for (const n of link.calls.namesLookedUp) removeFrom(this.readersOfName, n, path);
    for (const dir of link.routes.watchedDirectories ?? []) removeFrom(this.readersOfDirectory, dir, path);
  }

  /** How many files the last link recomputed (for benchmarks and tests of the incremental path). */
  lastDirtyCount = 0;
  /** Per-file link results, with the other files whose facts they were computed from. */
  private perFile = new Map<string, FileLink>();
  private methodNamesByFile = new Map<string, Set<string>>();
  /** Loaded paths in order, and each one's place in it. */
  private paths: string[] = [];
  private rank = new Map<string, number>();
  /** Each file's sites as gatherSites lists them, for the files that have any. */
  private readonly sitesByFile = new Map<string, { spanSites: SpanSite[]; logSites: LogSite[]; clientCalls: ClientCallSite[] }>();
  private linksSinceReset = 0;
  /** Files holding a handler of some entry point. */
  private handlerFiles = new Set<string>();
  private changed = new Set<string>();
  private fileSetChanged = false;
  private callResolver!: CallResolver;

  /** Per-file facts and the linker, for analyses that need symbolic values (data flow, rules). */
  facts = new Map<string, FileFacts>();
  linker!: Linker;

  functionsOf(file: string): FunctionInfo[] {
    return this.facts.get(file)?.functions ?? [];
  }

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
    return this.callResolver.resolveCall(file, call);
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

function bySourcePosition(a: ClientCallSite, b: ClientCallSite): number {
  return a.location.startLine - b.location.startLine || a.location.startColumn - b.location.startColumn;
}

function sameMethodList(a: Array<[string, string]>, b: Array<[string, string]>): boolean {
  return a.length === b.length && a.every(([name, id], i) => b[i][0] === name && b[i][1] === id);
}

/** The callees of a file's module-level calls, when those calls changed (positions included). */
function noteModuleCallsChanged(before: ModuleLevelCall[] | undefined, after: ModuleLevelCall[], into: Set<string>): void {
  const key = (calls: ModuleLevelCall[]) => calls.map((c) => `${c.callee}@${c.call.range[0]}-${c.call.range[1]}#${c.confidence}`).join(';');
  if (before && key(before) === key(after)) return;
  for (const c of before ?? []) into.add(c.callee);
  for (const c of after) into.add(c.callee);
}

function pushTo<T>(index: Map<string, T[]>, key: string, value: T): void {
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}

function addTo(index: Map<string, Set<string>>, key: string, path: string): void {
  const set = index.get(key);
  if (set) set.add(path);
  else index.set(key, new Set([path]));
}

function removeFrom(index: Map<string, Set<string>>, key: string, path: string): void {
  const set = index.get(key);
  if (!set) return;
  set.delete(path);
  if (!set.size) index.delete(key);
}
