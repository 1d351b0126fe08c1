// Across functions: each function's data flow is computed once and memoized (its summary: which
// parameters reach its return value and each argument it passes on); a value derived from a
// parameter is traced back through the call graph to the request inputs of entry points, to the
// parameters of exported library functions, or to constants that differ between call sites.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { DataStep } from '../../model/code';
import type { FunctionInfo, FunctionNode, ParsedFile, ProjectModel } from '../project/types';
import { isFunctionNode, locationOf, textOf, unwrap, type Node } from './ast';
import { FunctionFlow, originKey, type CallNode, type CalleeOracle, type Flow, type Taint } from './taint';
export type { Taint };

export interface ResolvedSource {
  /** e.g. "req.body.code", "parameter `input` of parse()", "constant per call site: 'a' | 'b'". */
  source: string;
  /** A request input, an exported library function's parameter, or a per-call-site constant. */
  kind: 'request' | 'library' | 'constant';
  path: DataStep[];
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

export class FlowAnalyzer implements CalleeOracle {
  private readonly flows = new Map<Node, FunctionFlow | null>();
  private readonly infoByNode = new Map<Node, FunctionInfo>();
  private readonly roles = new Map<string, string>();
  private readonly resolved = new Map<string, ResolvedSource[]>();
  private libraryMode = false;

  constructor(public project: ProjectModel) {
    this.index();
  }

  private index(): void {
    this.infoByNode.clear();
    this.roles.clear();
    for (const info of this.project.functions.values()) this.infoByNode.set(info.node, info);
    for (const ep of this.project.entryPoints) for (const rp of ep.requestParams) this.roles.set(`${rp.functionId}#${rp.paramIndex}`, rp.role);
    this.libraryMode = this.project.entryPoints.every((ep) => ep.framework === 'library');
  }

  /**
   * After the project was relinked: drop the data flow of the given files (their summaries may have
   * changed; callers of theirs are among the files when the scanner passes the call-graph neighbourhood)
   * and every resolved source (they walk callers across files). Other files' summaries are kept.
   */
  refresh(project: ProjectModel, files: Set<string>): void {
    this.project = project;
    this.index();
    for (const [node, flow] of this.flows) if (!flow || files.has(flow.file.path) || !this.infoByNode.has(node) && node.type !== 'Program') this.flows.delete(node);
    this.resolved.clear();
  }

  functionInfo(node: Node): FunctionInfo | undefined {
    return this.infoByNode.get(node);
  }

  /** The data flow of a function (or of a file's top-level code when `node` is the Program). */
  flowOf(file: ParsedFile, node: FunctionNode | TSESTree.Program): FunctionFlow | undefined {
    const cached = this.flows.get(node);
    if (cached !== undefined) return cached ?? undefined;
    this.flows.set(node, null); // in progress: a recursive call sees no summary
    const outerNode = enclosingFunction(node);
    const outer = outerNode ? this.flowOf(file, outerNode) : node.type === 'Program' ? undefined : this.flowOf(file, file.ast);
    const flow = new FunctionFlow(file, node, outer, this);
    this.flows.set(node, flow);
    return flow;
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

  calleesOf(file: ParsedFile, call: CallNode): Array<{ analysis: FunctionFlow | undefined; node: FunctionNode; name: string }> {
    const out: Array<{ analysis: FunctionFlow | undefined; node: FunctionNode; name: string }> = [];
    let targets: Array<{ functionId: string; confidence: number }> = [];
    try {
      targets = this.project.resolveCall(file.path, call);
    } catch {
      return out;
    }
    for (const t of targets.slice(0, 4)) {
      const info = this.project.functions.get(t.functionId);
      const target = info && this.project.files.get(info.file);
      if (!info || !target) continue;
      out.push({ analysis: this.flowOf(target, info.node), node: info.node, name: info.name });
    }
    return out;
  }

  /** The request inputs (or other flow data) a taint comes from, each with its full data path. */
  sourcesOf(taint: Taint): ResolvedSource[] {
    const out: ResolvedSource[] = [];
    const seen = new Set<string>();
    for (const flow of taint.values()) {
      for (const s of this.resolveFlow(flow, 0, new Set())) {
        if (seen.has(s.source) || out.length >= MAX_SOURCES) continue;
        seen.add(s.source);
        out.push(s);
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
    let prefix = this.resolved.get(key);
    if (!prefix) {
      if (visiting.has(key)) return [];
      prefix = this.resolveOrigin(info, flow, depth, visiting, key);
      this.resolved.set(key, prefix);
    }
    // The memo holds paths up to the origin's first read; append this flow's own steps.
    return prefix.map((p) => ({ source: p.source, kind: p.kind, path: [...p.path, ...flow.path.slice(1)] }));
  }

  /** Paths ending with the read of the origin (flow.path[0]). */
  private resolveOrigin(info: FunctionInfo, flow: Flow, depth: number, visiting: Set<string>, key: string): ResolvedSource[] {
    const { origin } = flow;
    const first = flow.path[0];
    const role = this.roles.get(`${info.id}#${origin.index}`);
    if (role && role !== 'library-param') {
      if (!isRequestData(role, origin.access)) return [];
      return [{ source: origin.access, kind: 'request', path: [{ location: first.location, message: `${origin.access}: request input of ${info.name || 'the handler'}` }] }];
    }
    const results: ResolvedSource[] = [];
    if (role === 'library-param' || (this.libraryMode && info.exported)) {
      results.push({ source: `${origin.access} (parameter of exported ${info.name || 'function'}())`, kind: 'library', path: [first] });
    }
    if (depth >= MAX_DEPTH || visiting.has(key)) return results;
    visiting.add(key);
    const constants: Array<{ value: string; step: DataStep }> = [];
    let callSites = 0;
    for (const edge of safe(() => this.project.callsTo(info.id), []).slice(0, MAX_CALLERS)) {
      if (edge.confidence < 0.3) continue;
      const callerInfo = this.project.functions.get(edge.caller);
      const callerFile = callerInfo ? this.project.files.get(callerInfo.file) : this.fileOf(edge.call);
      if (!callerFile) continue;
      const callerFlow = this.flowOf(callerFile, callerInfo ? callerInfo.node : callerFile.ast);
      const argNode = edge.call.arguments[origin.index];
      if (!callerFlow || !argNode) continue;
      callSites++;
      const literal = literalValue(argNode);
      const callStep: DataStep = { location: locationOf(callerFile.path, argNode), message: `\`${textOf(callerFile.text, argNode, 30)}\` passed to ${info.name || 'a function'}()` };
      if (literal !== undefined) constants.push({ value: literal, step: callStep });
      const argTaint = callerFlow.argTaints.get(edge.call)?.[origin.index];
      if (!argTaint) continue;
      const suffix = origin.access.includes('.') ? origin.access.slice(origin.access.indexOf('.')) : '';
      for (const argFlow of argTaint.values()) {
        // `helper(req)` then `r.body.code` inside: the source is req.body.code.
        const extended: Flow =
          suffix && !argFlow.origin.access.includes('.') && argFlow.path.length === 1
            ? { origin: { ...argFlow.origin, access: argFlow.origin.access + suffix }, path: argFlow.path }
            : argFlow;
        for (const r of this.resolveFlow(extended, depth + 1, visiting)) {
          if (results.length >= MAX_SOURCES) break;
          results.push({ source: r.source, kind: r.kind, path: [...r.path, callStep, first] });
        }
      }
    }
    const distinct = new Set(constants.map((c) => c.value));
    if (distinct.size >= 2 && constants.length === callSites) {
      results.push({
        source: `constant per call site: ${[...distinct].slice(0, 3).join(' | ')}`,
        kind: 'constant',
        path: [...constants.slice(0, 3).map((c) => ({ ...c.step, message: `${c.step.message} (constant ${c.value} for this flow)` })), first],
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

function isRequestData(role: string, access: string): boolean {
  const parts = access.split('.');
  if (role === 'nest-param') return true;
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

export function enclosingFunction(node: Node): FunctionNode | undefined {
  for (let n = node.parent; n; n = n.parent) if (isFunctionNode(n)) return n;
  return undefined;
}

function safe<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

export { originKey };
