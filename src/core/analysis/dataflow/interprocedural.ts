// Across functions: each function's data flow is computed once and memoized (its summary: which
// parameters reach its return value and each argument it passes on); a value derived from a
// parameter is traced back through the call graph to the request inputs of entry points, to the
// parameters of exported library functions, or to constants that differ between call sites.
import { codeIndex } from './code-index';
import { attachCodeIndex } from './validators/resolve';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { CodeLocation, DataStep } from '../../model/code';
import type { PositionShift } from '../project/shift';
import type { FunctionInfo, FunctionNode, ParsedFile, ProjectModel } from '../project/types';
import { enclosingFunction, isFunctionNode, locationOf, textOf, unwrap, type Node } from './ast';
import { FunctionFlow, joinKnown, originKey, withBounds, type CallNode, type CalleeOracle, type CalleeSummary, type Flow, type Taint } from './taint';
import { lengthOf, meet, type Bounds } from './bounds';
import { attachedFields, attachmentsOf, REQUEST_API, type FileAttachments } from './attached-request-fields';
export type { Taint };

export interface ResolvedSource {
  /** e.g. "req.body.code", "parameter `input` of parse()", "constant per call site: 'a' | 'b'". */
  source: string;
  /** A request input, an exported library function's parameter, or a per-call-site constant. */
  kind: 'request' | 'library' | 'constant';
  path: DataStep[];
  /** What was known about the value where it was last checked on the way (bounds.ts); undefined: nothing. */
  bounds?: Bounds;
  /** A per-call-site constant's call sites: whether different flows pass different values is judged once entry points are known (scan.ts). */
  sites?: ConstantSite[];
}

/** One call passing a constant: the function it is in (none at module level) and the value. */
export interface ConstantSite {
  caller?: string;
  value: string;
}

/** Member paths under a request parameter that are not request data (the app, the response). */
const NOT_REQUEST_DATA: Record<string, Set<string>> = {
  'express-req': new Set(['app', 'res', 'next', 'socket', 'connection', 'log', 'logger']),
  'koa-ctx': new Set(['app', 'res', 'response', 'body', 'status', 'set', 'throw', 'redirect', 'log', 'logger', 'req']),
  'fastify-request': new Set(['log', 'server', 'raw', 'routeOptions']),
  'web-request': new Set(['signal', 'json', 'text', 'header', 'var', 'get', 'set', 'env']),
};
/** Accessors that return request data even though they are calls: `req.get('x')`, `await request.json()`. */

const MAX_DEPTH = 8;
const MAX_SOURCES = 4;
const MAX_CALLERS = 24;

/**
 * What a computation read, as keys, so an incremental re-analysis can tell what an edit makes stale:
 * `f:<function id>` / `p:<file>` / `x:<file>:<offset>` the data flow of a function, of a file's
 * top-level code, or of a function the project does not list; `r:<file>` how the calls in a file
 * resolve; `t:<function id>` the calls into a function; `s:<file>` the code of a file itself (a rule
 * read a callee's body or a module's exports there).
 */
export type Dependencies = Set<string>;

interface FlowEntry {
  flow: FunctionFlow | null;
  node: Node;
  file: string;
  key: string;
  /** Direct dependencies only; the scanner follows them transitively when it invalidates. */
  deps: Dependencies;
  /** Tarjan's numbering while the entry is on the open-component stack (see flowOf); undefined once settled. */
  index?: number;
  low?: number;
  /** A computation met this entry while it was under way (a self-recursive function forms a cycle alone). */
  cyclic?: boolean;
}

/** Rounds over a call cycle's summaries before they are widened (see settleCycle). */
const MAX_CYCLE_ROUNDS = 8;
/** A summary with no flows: what a function of a cycle returns before the first round computed it. */
const BOTTOM = { returns: new Map() as Taint, returnProperties: new Map<string, Taint>() };

export class FlowAnalyzer implements CalleeOracle {
  private readonly flows = new Map<Node, FlowEntry>();
  /** The flows that read each key, and each file's flows: invalidation walks these, not every flow. */
  private readonly readers = new Map<string, Set<FlowEntry>>();
  private readonly flowsByFile = new Map<string, Set<FlowEntry>>();
  private readonly infoByNode = new Map<Node, FunctionInfo>();
  private readonly roles = new Map<string, string>();
  private readonly resolved = new Map<string, { sources: ResolvedSource[]; deps: Dependencies }>();
  private libraryMode = false;
  /** Request fields the project's middleware attaches (attached-request-fields.ts), per file and merged. */
  private readonly attachmentsByFile = new Map<string, FileAttachments>();
  private attached = new Set<string>();
  /** The files of the functions whose request parameter is known by its role. */
  private roleFiles = new Set<string>();
  /** `a:<field>` keys of the fields whose attachment changed at the last refresh, for the scanner. */
  private attachedChanged = new Set<string>();
  /** The computations under way, innermost last: each records what it reads. */
  private readonly recording: Dependencies[] = [];
  /**
   * Flow summaries are computed on demand, depth first; a function met again while its summary is
   * under way closes a cycle of the call graph (calls, enclosing functions, a class's field writes).
   * Tarjan's algorithm finds the cycle's strongly connected component as the walk goes; its summaries
   * are then computed together to a fixpoint (settleCycle), so none depends on which was asked first.
   */
  private readonly open: FlowEntry[] = [];
  private readonly computing: FlowEntry[] = [];
  private counter = 0;
  /** Components computed past MAX_CYCLE_ROUNDS: calls inside them are answered as unknown callees. */
  private readonly widened = new Set<FlowEntry>();

  constructor(public project: ProjectModel) {
    this.index();
  }

  private index(): void {
    this.attachFiles();
    this.infoByNode.clear();
    for (const info of this.project.functions.values()) this.infoByNode.set(info.node, info);
    this.indexEntryPoints();
    this.indexAttachments(this.project.files.keys());
    this.attached = attachedFields(this.attachmentsByFile.values());
  }

  private indexAttachments(paths: Iterable<string>): void {
    const isRequestParam = (fn: FunctionInfo, index: number) => {
      const role = this.roles.get(`${fn.id}#${index}`);
      return role === 'express-req' || role === 'fastify-request';
    };
    for (const path of paths) {
      const file = this.project.files.get(path);
      if (file) this.attachmentsByFile.set(path, attachmentsOf(file, this.project.functionsOf(path), isRequestParam));
      else this.attachmentsByFile.delete(path);
    }
  }

  /** The `a:<field>` keys the last refresh changed (and forgets them). */
  takeAttachedChanges(): Set<string> {
    const out = this.attachedChanged;
    this.attachedChanged = new Set();
    return out;
  }

  private indexEntryPoints(): void {
    this.roles.clear();
    this.roleFiles = new Set();
    for (const ep of this.project.entryPoints) {
      for (const rp of ep.requestParams) {
        this.roles.set(`${rp.functionId}#${rp.paramIndex}`, rp.role);
        const file = this.project.functions.get(rp.functionId)?.file;
        if (file && (rp.role === 'express-req' || rp.role === 'fastify-request')) this.roleFiles.add(file);
      }
    }
    this.libraryMode = this.project.entryPoints.every((ep) => ep.framework === 'library');
  }

  /**
   * Validators follow a schema imported from another module (validators/resolve.ts) through this
   * index, so the read is recorded as a dependency of whatever computation is under way.
   */
  private attachFiles(): void {
    attachCodeIndex(this.project.files.values(), codeIndex(this.project, this));
  }

  /** Direct dependencies only: into the innermost computation. */
  private track(key: string): void {
    this.recording[this.recording.length - 1]?.add(key);
  }

  /** Runs `fn`, recording into `deps` every key it reads (see Dependencies). */
  recordInto<T>(deps: Dependencies, fn: () => T): T {
    this.recording.push(deps);
    try {
      return fn();
    } finally {
      this.recording.pop();
    }
  }

  /** The project's calls into a function, recorded as a dependency. */
  callsTo(functionId: string): ReturnType<ProjectModel['callsTo']> {
    this.track(`t:${functionId}`);
    return this.project.callsTo(functionId);
  }

  /** The project's call resolution, recorded as a dependency on the file's resolution. */
  resolveCall(file: string, call: CallNode): ReturnType<ProjectModel['resolveCall']> {
    this.track(`r:${file}`);
    return this.project.resolveCall(file, call);
  }

  /** A rule read a file's code itself (a callee's body, a module's exports): re-checked when that file changes. */
  readText(file: string): void {
    this.track(`s:${file}`);
  }

  /**
   * After one file was re-parsed and the project relinked: index its new functions; the old nodes of
   * functions that kept their id still map to them (other files' cached flows hold origins with
   * those nodes). The scanner then drops the stale flows (`invalidate`).
   */
  refresh(project: ProjectModel, changedFiles: Set<string>, previousFunctions: Iterable<FunctionInfo>, entryPointsChanged: boolean): void {
    this.project = project;
    this.attachFiles();
    for (const info of previousFunctions) {
      if (!changedFiles.has(info.file)) continue;
      const current = project.functions.get(info.id);
      if (current && current.file === info.file) this.infoByNode.set(info.node, current);
      else this.infoByNode.delete(info.node);
    }
    for (const file of changedFiles) for (const info of project.functionsOf(file)) this.infoByNode.set(info.node, info);
    // Which request fields middleware attaches: the edited files' share, and when the roles changed, that
    // of the files with a handler (a parameter not named `req` counts only through its role).
    const rolesBefore = this.roleFiles;
    if (entryPointsChanged) this.indexEntryPoints();
    this.indexAttachments(entryPointsChanged ? new Set([...changedFiles, ...rolesBefore, ...this.roleFiles]) : changedFiles);
    const before = this.attached;
    this.attached = attachedFields(this.attachmentsByFile.values());
    for (const field of new Set([...before, ...this.attached])) if (before.has(field) !== this.attached.has(field)) this.attachedChanged.add(`a:${field}`);
    this.resolved.clear();
  }

  /** The flows of a file (function id or `p:<file>` → flow), as computed so far. */
  flowsOfFile(file: string): Map<string, FunctionFlow> {
    const out = new Map<string, FunctionFlow>();
    for (const entry of this.flowsByFile.get(file) ?? []) if (entry.flow) out.set(entry.key, entry.flow);
    return out;
  }

  /** Whether a flow of another file than `file` read this key. */
  readOutside(key: string, file: string): boolean {
    for (const entry of this.readers.get(key) ?? []) if (entry.file !== file) return true;
    return false;
  }

  private remove(entry: FlowEntry): void {
    if (this.flows.get(entry.node) === entry) this.flows.delete(entry.node);
    for (const dep of entry.deps) this.readers.get(dep)?.delete(entry);
    this.flowsByFile.get(entry.file)?.delete(entry);
  }

  /**
   * Drops every flow that read a changed key, transitively (a flow built on a dropped one is dropped
   * too). Returns the changed keys with the keys of all flows dropped that way. Flows of `fresh`
   * parses were computed after the change: a changed key itself does not make them stale, only a
   * stale flow they were built on.
   */
  invalidate(changedKeys: Set<string>, fresh: Set<ParsedFile> = new Set()): Set<string> {
    const changed = new Set(changedKeys);
    const queue = [...changedKeys];
    while (queue.length) {
      const key = queue.pop()!;
      const seed = changedKeys.has(key);
      for (const entry of [...(this.readers.get(key) ?? [])]) {
        if (seed && entry.flow && fresh.has(entry.flow.file)) continue;
        this.remove(entry);
        if (!changed.has(entry.key)) (changed.add(entry.key), queue.push(entry.key));
      }
      for (const ghost of this.ghostsOf(key)) if (!changed.has(ghost)) (changed.add(ghost), queue.push(ghost));
    }
    return changed;
  }

  /**
   * Keys of forgotten flows (see forget) that read `key` and whose data other flows still hold: the
   * link from `key` to those holders, which the forgotten flow carried. Pruned once nothing holds them.
   */
  private ghostsOf(key: string): string[] {
    const ghosts = this.ghostReaders.get(key);
    if (!ghosts) return [];
    for (const ghost of ghosts) if (!this.readers.get(ghost)?.size && !this.ghostReaders.get(ghost)?.size) ghosts.delete(ghost);
    if (!ghosts.size) this.ghostReaders.delete(key);
    return [...ghosts];
  }

  private readonly ghostReaders = new Map<string, Set<string>>();

  /** Forgets the flows of a file's previous parse (keyed by its old nodes) without invalidating anything. */
  dropReplaced(path: string, current: ParsedFile | undefined): void {
    for (const entry of [...(this.flowsByFile.get(path) ?? [])]) if (!entry.flow || entry.flow.file !== current) this.remove(entry);
  }

  /**
   * After an edit that moved positions in `shift.file`: the kept flows of other files built on that
   * file's flows (readers of `seeds`, transitively) hold its old positions; they are moved to the new
   * text in place, each location object once. Must run before any flow is computed on the new text.
   * Returns the keys of flows holding a position inside the edit (no counterpart): the caller
   * treats them as changed.
   */
  carryOver(shift: PositionShift, seeds: Iterable<string>): Set<string> {
    const unmapped = new Set<string>();
    const moved = new WeakSet<CodeLocation>();
    const seen = new Set<FlowEntry>();
    const queue = [...seeds];
    const seenKeys = new Set(queue);
    const move = (loc: CodeLocation): boolean => {
      if (loc.file !== shift.file || moved.has(loc)) return true;
      const to = shift.location(loc);
      if (!to) return false;
      Object.assign(loc, to);
      moved.add(loc);
      return true;
    };
    while (queue.length) {
      const key = queue.pop()!;
      for (const ghost of this.ghostsOf(key)) if (!seenKeys.has(ghost)) (seenKeys.add(ghost), queue.push(ghost));
      for (const entry of this.readers.get(key) ?? []) {
        if (seen.has(entry) || entry.file === shift.file) continue;
        seen.add(entry);
        if (!seenKeys.has(entry.key)) (seenKeys.add(entry.key), queue.push(entry.key));
        let ok = true;
        for (const taint of entry.flow?.taints() ?? []) {
          for (const flow of taint.values()) {
            if (!move(flow.origin.location)) ok = false;
            for (const step of flow.path) if (!move(step.location)) ok = false;
          }
        }
        if (!ok) unmapped.add(entry.key);
      }
    }
    return unmapped;
  }

  /**
   * Forgets the flows of these files without invalidating their dependents (they would be recomputed
   * alike); a later change of what a forgotten flow read still reaches them (ghostsOf).
   */
  forget(files: Set<string>): void {
    for (const file of files) {
      for (const entry of [...(this.flowsByFile.get(file) ?? [])]) {
        this.remove(entry);
        // Flows built on it stay: what it read still reaches them (invalidation, positions carried over).
        if (this.readers.get(entry.key)?.size) {
          for (const dep of entry.deps) {
            const ghosts = this.ghostReaders.get(dep);
            if (ghosts) ghosts.add(entry.key);
            else this.ghostReaders.set(dep, new Set([entry.key]));
          }
        }
      }
    }
  }

  functionInfo(node: Node): FunctionInfo | undefined {
    return this.infoByNode.get(node);
  }

  private keyOf(file: ParsedFile, node: FunctionNode | TSESTree.Program): string {
    if (node.type === 'Program') return `p:${file.path}`;
    const info = this.infoByNode.get(node);
    return info ? `f:${info.id}` : `x:${file.path}:${node.range[0]}`;
  }

  /** The data flow of a function (or of a file's top-level code when `node` is the Program). */
  flowOf(file: ParsedFile, node: FunctionNode | TSESTree.Program): FunctionFlow | undefined {
    const cached = this.flows.get(node);
    if (cached !== undefined) {
      this.track(cached.key);
      if (cached.index !== undefined) {
        // On the open stack: a cycle. The caller belongs to its component and gets the current round's summary.
        cached.cyclic = true;
        const caller = this.computing[this.computing.length - 1];
        if (caller && caller.low !== undefined) caller.low = Math.min(caller.low, cached.index);
      }
      return cached.flow ?? undefined;
    }
    const entry: FlowEntry = { flow: null, node, file: file.path, key: this.keyOf(file, node), deps: new Set(), index: this.counter, low: this.counter++ };
    this.flows.set(node, entry);
    const at = this.open.length;
    this.open.push(entry);
    try {
      this.compute(entry, file);
      const caller = this.computing[this.computing.length - 1];
      if (entry.low === entry.index) this.settle(this.open.splice(at), file);
      else if (caller && caller.low !== undefined) caller.low = Math.min(caller.low, entry.low!);
    } catch (error) {
      // The analysis threw: this entry and any open above it stay as they are (null or last round), settled.
      for (const e of this.open.splice(at)) this.close(e);
      throw error;
    }
    this.track(entry.key);
    return entry.flow ?? undefined;
  }

  /** One computation of an entry's flow, with what it reads recorded into its dependencies. */
  private compute(entry: FlowEntry, file: ParsedFile): void {
    this.computing.push(entry);
    try {
      this.recordInto(entry.deps, () => {
        const node = entry.node as FunctionNode | TSESTree.Program;
        const outerNode = enclosingFunction(node);
        const outer = outerNode ? this.flowOf(file, outerNode) : node.type === 'Program' ? undefined : this.flowOf(file, file.ast);
        entry.flow = new FunctionFlow(file, node, outer, this);
      });
    } finally {
      this.computing.pop();
    }
  }

  /** A component is complete: a cycle is computed to its fixpoint; then its entries are settled. */
  private settle(members: FlowEntry[], file: ParsedFile): void {
    try {
      if (members.length > 1 || members[0]?.cyclic) this.settleCycle(members, file);
    } finally {
      for (const e of members) this.close(e);
    }
  }

  /**
   * The first walk's summaries depend on where it entered the cycle (members met in progress were
   * empty). So they are dropped and recomputed from empty summaries in a fixed order (by key) until no
   * summary changes. After MAX_CYCLE_ROUNDS rounds the result is widened: calls between the members are
   * answered as unknown callees (the result derives from every argument and the receiver, unchecked,
   * as for a library call), which over-approximates the callee's returned flows; each member is
   * computed once more that way.
   */
  private settleCycle(members: FlowEntry[], file: ParsedFile): void {
    const fileOfEntry = (e: FlowEntry) => (e.file === file.path ? file : this.project.files.get(e.file)) ?? file;
    const order = () => [...members].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.node.range[0] - b.node.range[0]));
    let sorted = order();
    for (const e of sorted) e.flow = null;
    let before = sorted.map((e) => flowState(e.flow));
    for (let round = 1; ; round++) {
      const widen = round > MAX_CYCLE_ROUNDS;
      if (widen) for (const e of sorted) this.widened.add(e);
      const size = this.open.length;
      for (const e of sorted) this.compute(e, fileOfEntry(e));
      // A round reached functions the first walk did not (never expected; kept sound): they join the cycle, which restarts.
      if (this.open.length > size) {
        const joined = this.open.splice(size);
        members.push(...joined);
        for (const e of joined) e.cyclic = true;
        sorted = order();
        for (const e of sorted) e.flow = null;
        before = sorted.map((e) => flowState(e.flow));
        if (widen) for (const e of sorted) this.widened.delete(e);
        continue;
      }
      if (widen) {
        for (const e of sorted) this.widened.delete(e);
        return;
      }
      const after = sorted.map((e) => flowState(e.flow));
      if (after.every((state, i) => state === before[i])) return;
      before = after;
    }
  }

  /** Settles an entry: off the open stack, indexed by what it read and by its file. */
  private close(entry: FlowEntry): void {
    entry.index = entry.low = undefined;
    for (const dep of entry.deps) {
      const set = this.readers.get(dep);
      if (set) set.add(entry);
      else this.readers.set(dep, new Set([entry]));
    }
    const own = this.flowsByFile.get(entry.file);
    if (own) own.add(entry);
    else this.flowsByFile.set(entry.file, new Set([entry]));
  }

  fieldTaint(file: ParsedFile, classBody: Node, field: string): Taint {
    const out: Taint = new Map();
    if (classBody.type !== 'ClassBody') return out;
    for (const member of classBody.body) {
      const fn = (member.type === 'MethodDefinition' || member.type === 'PropertyDefinition') && member.value && isFunctionNode(member.value) ? member.value : undefined;
      if (!fn) continue;
      const flow = this.flowOf(file, fn);
      const t = flow?.fieldWrites.get(field);
      if (t) for (const [k, v] of t) if (!out.has(k)) out.set(k, v);
    }
    return out;
  }

  calleesOf(file: ParsedFile, call: CallNode): Array<{ analysis: CalleeSummary | undefined; node: FunctionNode; name: string; file: string }> {
    const out: Array<{ analysis: CalleeSummary | undefined; node: FunctionNode; name: string; file: string }> = [];
    let targets: Array<{ functionId: string; confidence: number }> = [];
    try {
      targets = this.resolveCall(file.path, call);
    } catch {
      return out;
    }
    for (const t of targets.slice(0, 4)) {
      const info = this.project.functions.get(t.functionId);
      const target = info && this.project.files.get(info.file);
      if (!info || !target) continue;
      const analysis = this.flowOf(target, info.node);
      const entry = this.flows.get(info.node);
      // A member of an open cycle: its summary of this round, empty before the first (the fixpoint's start).
      const open = entry?.index !== undefined;
      out.push({ analysis: entry && this.widened.has(entry) ? undefined : (analysis ?? (open ? BOTTOM : undefined)), node: info.node, name: info.name, file: info.file });
    }
    return out;
  }

  /** The request inputs (or other flow data) a taint comes from, each with its full data path. */
  sourcesOf(taint: Taint): ResolvedSource[] {
    // Resolved sources walk callers across files: memoized for this pass, with what they read.
    const out: ResolvedSource[] = [];
    const seen = new Map<string, ResolvedSource>();
    for (const flow of taint.values()) {
      for (const s of this.resolveFlow(flow, 0, new Set())) {
        const had = seen.get(s.source);
        // One source reaching along two ways is as checked as the less checked way.
        if (had) had.bounds = had.bounds && s.bounds ? meet(had.bounds, s.bounds) : undefined;
        if (had?.sites && s.sites) had.sites = [...had.sites, ...s.sites];
        if (had || out.length >= MAX_SOURCES) continue;
        const copy = { ...s };
        seen.set(s.source, copy);
        out.push(copy);
      }
    }
    return out;
  }

  private resolveFlow(flow: Flow, depth: number, visiting: Set<string>): ResolvedSource[] {
    const { origin } = flow;
    const info = this.infoByNode.get(origin.functionNode);
    if (!info) return [];
    const key = `${info.id}#${origin.index}#${origin.access}`;
    // Memoized per origin whatever the depth: each origin is resolved once (a cycle met on the way
    // contributes nothing), so the walk up the call graph stays linear in its size.
    let prefix: ResolvedSource[];
    const memo = this.resolved.get(key);
    if (memo) {
      prefix = memo.sources;
      for (const dep of memo.deps) this.track(dep);
    } else {
      if (visiting.has(key)) return [];
      const deps: Dependencies = new Set();
      prefix = this.recordInto(deps, () => this.resolveOrigin(info, flow, depth, visiting, key));
      this.resolved.set(key, { sources: prefix, deps });
      for (const dep of deps) this.track(dep);
    }
    // The memo holds paths up to the origin's first read; append this flow's own steps. What this
    // function knows of the value, with what the callers' arguments had unless it was lost here.
    return prefix.map((p) => {
      const bounds = flow.unchecked ? flow.bounds : joinKnown(flow.bounds, p.bounds);
      return withSites(bounds ? { source: p.source, kind: p.kind, path: [...p.path, ...flow.path.slice(1)], bounds } : { source: p.source, kind: p.kind, path: [...p.path, ...flow.path.slice(1)] }, p.sites);
    });
  }

  /** Paths ending with the read of the origin (flow.path[0]). */
  private resolveOrigin(info: FunctionInfo, flow: Flow, depth: number, visiting: Set<string>, key: string): ResolvedSource[] {
    const { origin } = flow;
    const first = flow.path[0];
    // The function's name and exported flag go into the messages.
    this.track(`f:${info.id}`);
    const role = this.roles.get(`${info.id}#${origin.index}`);
    if (role && role !== 'library-param') {
      if (!isRequestData(role, origin.access)) return [];
      // A field the project's middleware attaches holds what the server computed (`req.schema`).
      const field = origin.access.split('.')[1];
      if ((role === 'express-req' || role === 'fastify-request') && field && !REQUEST_API.has(field)) {
        this.track(`a:${field}`);
        if (this.attached.has(field)) return [];
      }
      return [{ source: origin.access, kind: 'request', path: [{ location: first.location, message: `${origin.access}: request input of ${info.name || 'the handler'}` }] }];
    }
    const results: ResolvedSource[] = [];
    if (role === 'library-param' || (this.libraryMode && info.exported)) {
      results.push({ source: `${origin.access} (parameter of exported ${info.name || 'function'}())`, kind: 'library', path: [first] });
    }
    if (depth >= MAX_DEPTH || visiting.has(key)) return results;
    visiting.add(key);
    const constants: Array<{ value: string; step: DataStep; caller?: string }> = [];
    let callSites = 0;
    for (const edge of safe(() => this.callsTo(info.id), []).slice(0, MAX_CALLERS)) {
      if (edge.confidence < 0.3) continue;
      const callerInfo = this.project.functions.get(edge.caller);
      const callerFile = callerInfo ? this.project.files.get(callerInfo.file) : this.fileOf(edge.call);
      if (!callerFile) continue;
      const callerFlow = this.flowOf(callerFile, callerInfo ? callerInfo.node : callerFile.ast);
      if (!callerFlow) continue;
      // A callback edge: the function is handed to the call (`items.forEach(visit)`, `p.then(done)`),
      // which invokes it with what its receiver holds, not with the call's own arguments.
      if (edge.callback) {
        const from = callbackSource(edge.call, info.node, origin.index, callerFlow);
        if (!from) continue;
        const step: DataStep = { location: locationOf(callerFile.path, from.node), message: `${from.how} ${textOf(callerFile.text, from.node, 30)} passed to ${info.name || 'a function'}()` };
        for (const argFlow of from.taint.values()) {
          const extended: Flow = origin.access.includes('.') && !argFlow.origin.access.includes('.') && argFlow.path.length === 1 && !from.unchecked
            ? { origin: { ...argFlow.origin, access: argFlow.origin.access + origin.access.slice(origin.access.indexOf('.')) }, path: argFlow.path }
            : argFlow;
          const read = from.unchecked || (origin.access.includes('.') && extended === argFlow) ? withBounds(extended, undefined, true) : extended;
          for (const r of this.resolveFlow(read, depth + 1, visiting)) {
            if (results.length >= MAX_SOURCES) break;
            results.push(continued(r, step, first));
          }
        }
        continue;
      }
      const argNode = edge.call.arguments[origin.index];
      if (!argNode) continue;
      callSites++;
      const literal = literalValue(argNode);
      const callStep: DataStep = { location: locationOf(callerFile.path, argNode), message: `\`${textOf(callerFile.text, argNode, 30)}\` passed to ${info.name || 'a function'}()` };
      if (literal !== undefined) constants.push({ value: literal, step: callStep, caller: callerInfo?.id });
      const wholeArgTaint = callerFlow.argTaints.get(edge.call)?.[origin.index];
      if (!wholeArgTaint) continue;
      // `f({ ids, name: req.body.name })` read as `ids` (or `opts.ids`) inside: only that property's value.
      const property = propertyArgument(info.node, origin.index, origin.access, argNode);
      if (property === 'absent') continue;
      const argTaint = property ? callerFlow.taintOf(property.value) : wholeArgTaint;
      const suffix = property ? property.suffix : origin.access.includes('.') ? origin.access.slice(origin.access.indexOf('.')) : '';
      for (const argFlow of argTaint.values()) {
        // `helper(req)` then `r.body.code` inside: the source is req.body.code.
        const extended: Flow =
          suffix && !argFlow.origin.access.includes('.') && (argFlow.path.length === 1 || !argFlow.unchecked)
            ? { origin: { ...argFlow.origin, access: argFlow.origin.access + suffix }, path: argFlow.path }
            : argFlow;
        // Read as a member here: only `.length` of a list cut to size keeps a bound. When the member is
        // read from the caller's own parameter (the suffix went up with it), the callers above resolve
        // that member and their facts are about it: they stay, with what is known here of its length.
        const pushedUp = extended !== argFlow;
        const lengthHere = suffix === '.length' && argFlow.bounds ? lengthOf(argFlow.bounds) : undefined;
        const read = !suffix ? extended : withBounds(extended, lengthHere, !pushedUp);
        for (const r of this.resolveFlow(read, depth + 1, visiting)) {
          if (results.length >= MAX_SOURCES) break;
          results.push(continued(r, callStep, first));
        }
      }
    }
    const distinct = new Set(constants.map((c) => c.value));
    if (distinct.size >= 2 && constants.length === callSites) {
      results.push({
        source: `constant per call site: ${[...distinct].slice(0, 3).join(' | ')}`,
        kind: 'constant',
        path: [...constants.slice(0, 3).map((c) => ({ ...c.step, message: `${c.step.message} (constant ${c.value} for this flow)` })), first],
        sites: constants.map((c) => (c.caller ? { caller: c.caller, value: c.value } : { value: c.value })),
      });
    }
    visiting.delete(key);
    return results;
  }

  private fileOf(node: Node): ParsedFile | undefined {
    let n: Node | undefined = node;
    while (n && n.type !== 'Program') n = n.parent;
    if (!n) return undefined;
    for (const f of this.project.files.values()) if (f.ast === n) return f;
    return undefined;
  }
}

/**
 * The facts other flows can read of a flow while a cycle is computed (which flows reach its returns,
 * field writes, environment, callbacks and arguments, with their bounds), to tell when a round
 * changed nothing. Data paths are left out: through a recursion each round unrolls it once more, so
 * they would only stop growing at the path cap; they are those of the last round.
 */
function flowState(flow: FunctionFlow | null): string {
  if (!flow) return '';
  const taint = (t: Taint) => [...t].map(([key, f]) => [key, f.path.length > 1, f.bounds ?? null, !!f.unchecked]);
  return JSON.stringify([
    taint(flow.returns),
    flow.returnProperties ? [...flow.returnProperties].map(([key, t]) => [key, taint(t)]) : null,
    [...flow.fieldWrites].map(([field, t]) => [field, taint(t)]),
    [...flow.env].map(([variable, t]) => [variable.name, variable.defs[0]?.name.range[0] ?? -1, taint(t)]),
    [...flow.callbackBindings].map(([node, t]) => [node.range, taint(t)]),
    [...flow.argTaints].map(([call, args]) => [call.range, args.map(taint)]),
  ]);
}

/**
 * Whether what other flows copy of this flow (the flows reaching its return value, and field writes)
 * holds a position of `shift.file` the edit moves: only then do the flows built on it need carrying over.
 */
export function holdsMovedPositions(flow: FunctionFlow, shift: PositionShift): boolean {
  const moves = (loc: CodeLocation) => loc.file === shift.file && !shift.stays(loc);
  for (const taint of [flow.returns, ...(flow.returnProperties?.values() ?? []), ...flow.fieldWrites.values()]) {
    for (const f of taint.values()) if (moves(f.origin.location) || f.path.some((step) => moves(step.location))) return true;
  }
  return false;
}

/**
 * What other files can see of a function's flow: its name, what reaches its return value, and what it
 * passes to each call (with the argument's text and constant value, which callers' data paths
 * quote). Equal signatures before and after an edit mean the edit cannot change another file's result.
 */
export function flowSignature(flow: FunctionFlow, info: FunctionInfo | undefined, shift?: PositionShift): string {
  // An old flow of an edited file is rendered at its positions in the new text (`?` inside the edit).
  const loc = (l: CodeLocation) => (shift && l.file === shift.file ? (shift.location(l) ?? '?') : l);
  const range = (r: [number, number]) => (shift ? [shift.start(r[0]) ?? '?', shift.end(r[1]) ?? '?'] : r);
  const taint = (t: Taint | undefined) =>
    t ? [...t].map(([key, f]) => [key, f.origin.index, f.origin.access, loc(f.origin.location), f.path.map((step) => [loc(step.location), step.message]), f.bounds ? [f.bounds.lo, f.bounds.hi, f.bounds.int, f.bounds.lenHi, !!f.bounds.sized, !!f.bounds.real].map(String) : null, !!f.unchecked]) : [];
  const calls = [...flow.argTaints].map(([call, args]) => [
    range(call.range),
    call.arguments.map((a, i) => [range(a.range), textOf(flow.file.text, a, 30), literalValue(a) ?? null, taint(args[i]), propertyTaints(flow, a).map(taint)]),
  ]);
  const properties = flow.returnProperties ? [...flow.returnProperties].map(([key, t]) => [key, taint(t)]) : null;
  return JSON.stringify([info ? [info.id, info.name, info.exported, loc(info.location)] : null, range(flow.node.range), taint(flow.returns), properties, calls]);
}

/**
 * What a callback handed to a call by reference gets as its first parameter: the receiver's value for
 * `p.then(f)` (as `await p`), an element of it for the array methods and the like (`xs.forEach(f)`).
 * Undefined for an inline callback (the caller's flow binds its parameters itself: taint.ts
 * callbackBindings), for other parameters, and for a callee that is no method of a receiver.
 */
function callbackSource(call: CallNode, fn: FunctionNode, index: number, callerFlow: FunctionFlow): { node: Node; taint: Taint; how: string; unchecked: boolean } | undefined {
  if (index !== 0 || call.arguments.some((a) => unwrap(a as Node) === fn)) return undefined;
  const callee = unwrap(call.callee);
  if (callee.type !== 'MemberExpression') return undefined;
  const then = !callee.computed && callee.property.type === 'Identifier' && callee.property.name === 'then';
  // `p.then(onValue, onError)`: which of the two this is is not known here, and the second gets the error.
  if (then && call.arguments.length > 1) return undefined;
  return { node: callee.object, taint: callerFlow.taintOf(callee.object), how: then ? 'resolved value of' : 'each item of', unchecked: !then };
}

/**
 * The value a parameter's read takes from an object literal argument: `f({ ids: list })` read inside
 * as `ids` (a destructured parameter `{ ids }`) or as `opts.ids…`, with what is read of it after that
 * property. Undefined when the argument is no plain object literal (a spread, a computed key, an
 * accessor: its properties are not known from the text) or the read names no one property.
 */
export function propertyArgument(fn: FunctionNode, index: number, access: string, arg: Node): { value: Node; suffix: string } | 'absent' | undefined {
  const object = unwrap(arg);
  if (object.type !== 'ObjectExpression') return undefined;
  let param: Node | undefined = fn.params[index];
  if (param?.type === 'AssignmentPattern') param = param.left;
  const [root, ...rest] = access.split('.');
  let key: string | undefined;
  let suffix: string;
  if (param?.type === 'Identifier' && param.name === root && rest.length > 0) {
    key = rest[0];
    suffix = rest.slice(1).map((p) => `.${p}`).join('');
  } else if (param?.type === 'ObjectPattern') {
    for (const p of param.properties) {
      if (p.type !== 'Property' || p.computed || p.key.type !== 'Identifier') continue;
      const local = p.value.type === 'AssignmentPattern' ? p.value.left : p.value;
      if (local.type === 'Identifier' && local.name === root) key = p.key.name;
    }
    suffix = rest.map((p) => `.${p}`).join('');
  } else return undefined;
  if (!key) return undefined;
  let value: Node | undefined;
  for (const p of object.properties) {
    if (p.type !== 'Property' || p.computed || p.kind !== 'init' || p.method) return undefined;
    const name = p.key.type === 'Identifier' ? p.key.name : p.key.type === 'Literal' ? String(p.key.value) : undefined;
    if (name === undefined) return undefined;
    if (name === key) value = p.value;
  }
  // Every property is known and none is the one read: it is undefined, whatever the others carry.
  if (!value) return 'absent';
  return isFunctionNode(value) ? undefined : { value, suffix };
}

/** What each property of an object literal argument carries (callees read them one by one: propertyArgument). */
function propertyTaints(flow: FunctionFlow, arg: Node): Taint[] {
  const object = unwrap(arg);
  if (object.type !== 'ObjectExpression') return [];
  return object.properties.flatMap((p) => (p.type === 'Property' && !isFunctionNode(p.value) ? [flow.taintOf(p.value)] : []));
}

/** A source resolved in a caller, its path continued into the callee by the call and the callee's first read. */
function continued(r: ResolvedSource, call: DataStep, first: DataStep): ResolvedSource {
  const path = [...r.path, call, first];
  return withSites(r.bounds ? { source: r.source, kind: r.kind, path, bounds: r.bounds } : { source: r.source, kind: r.kind, path }, r.sites);
}

function withSites(source: ResolvedSource, sites: ConstantSite[] | undefined): ResolvedSource {
  return sites ? { ...source, sites } : source;
}

function isRequestData(role: string, access: string): boolean {
  const parts = access.split('.');
  if (role === 'nest-param' || role === 'request-value') return true;
  if (parts.length < 2) return true;
  const deny = NOT_REQUEST_DATA[role];
  return !deny || !deny.has(parts[1]);
}

function literalValue(node: Node): string | undefined {
  const n = unwrap(node);
  if (n.type === 'Literal' && (typeof n.value === 'string' || typeof n.value === 'number' || typeof n.value === 'boolean')) return JSON.stringify(n.value);
  if (n.type === 'TemplateLiteral' && n.expressions.length === 0) return JSON.stringify(n.quasis[0]?.value.cooked ?? '');
  return undefined;
}

export { enclosingFunction };

function safe<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

export { originKey };
