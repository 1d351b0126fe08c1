// Client calls on a parameter: `function load(http) { http.get('/x') }`, `constructor(api) { this.api
// = api }` then `this.api.get()`, `constructor(private api: Api)`. Whether the parameter is a client
// depends on what its callers pass (`load(axios.create())`, `new Service(api)`, in any module), so
// this runs after the call graph, over every call site that invokes the function directly.
// A parameter is a client when at least one call site passes one and no certain call site passes
// something else; call sites whose argument is unknown, or whose call is itself uncertain, lower the
// confidence instead (over-approximation, recorded on the site). A parameter whose declared type is a
// client (`http: AxiosInstance`, an injected `HttpService`) is one whatever its callers pass, with the
// base they agree on if they all pass clients.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ClientCallSite } from '../../model/code';
import { propertyName, unwrapExpression, type CallNode, type FileFacts } from '../project/collect';
import { defaultClientPackage } from '../project/client-options';
import type { Linker, Resolved } from '../project/link';
import type { FunctionInfo } from '../project/types';
import { clientCallOf, type KnownClient } from './clients';
import { DECLARED_TYPE_CONFIDENCE, clientsOf, commonBase, knownClientOf, parameterReceiver, requestShapedCalls, type ParamRef } from './client-receivers';
import { logSiteOf } from './logs';
import { spanSiteOf } from './spans';
/** Confidence of a parameter some of whose callers pass something not known to be a client or not. */
const UNKNOWN_CALLERS_CONFIDENCE = 0.5;
/**
 * Parameters handed on to another function's parameter are followed this far (a guard for the
 * stack only: a cut here would make verdicts depend on where judging started).
 */
const MAX_PASS_DEPTH = 200;
/** A function called from more places than this is not judged (its parameter stays unknown). */
const MAX_CALL_SITES = 64;

/** A request-method call whose receiver is a parameter (of this function, or kept on `this` by a constructor). */
export interface ParamReceiverCall {
  call: CallNode;
  params: ParamRef[];
  /** Set when the receiver's declared type is a client type: a client even if the callers do not tell. */
  declared?: KnownClient;
}

/** A call at module level that invokes a project function directly (the call graph keeps only calls made inside functions). */
export interface ModuleLevelCall {
  callee: string;
  call: CallNode;
  confidence: number;
}

/** The calls of this file on a parameter that no per-file or linked site covers; judged later by `ParamClients`. */
export function paramReceiverCalls(file: string, facts: FileFacts, linker: Linker): ParamReceiverCall[] {
  const found: ParamReceiverCall[] = [];
  for (const { node, receiverNode } of requestShapedCalls(facts)) {
    const resolved = linker.resolve(facts.evaluate(receiverNode));
    const params = parameterReceiver(facts, receiverNode, resolved);
    if (!params.length) continue;
    if (spanSiteOf(file, facts, node) || logSiteOf(file, facts, node) || clientCallOf(file, facts, node)) continue;
    const clients = clientsOf(resolved);
    // The library too: what its calls mean depends on it (undici's `request(options)`).
    const name = clients.length ? knownClientOf(clients).name : undefined;
    const declared = clients.length ? { confidence: DECLARED_TYPE_CONFIDENCE, ...(name ? { name } : {}) } : undefined;
    found.push(declared ? { call: node, params, declared } : { call: node, params });
  }
  return found;
}

/** The module-level calls of this file with arguments, and the project functions each invokes directly. */
export function moduleLevelCalls(file: string, facts: FileFacts, resolveCall: (file: string, call: CallNode) => Array<{ functionId: string; confidence: number }>): ModuleLevelCall[] {
  const calls: ModuleLevelCall[] = [];
  for (const site of facts.calls) {
    if (site.callerId || site.node.arguments.length === 0) continue;
    for (const t of resolveCall(file, site.node)) calls.push({ callee: t.functionId, call: site.node, confidence: t.confidence });
  }
  return calls;
}

export interface ParamClientInput {
  facts(file: string): FileFacts | undefined;
  functionInfo(id: string): FunctionInfo | undefined;
  /** Every call that may invoke the function (callbacks included), with its file and the call graph's confidence. */
  callSitesOf(fnId: string): Array<{ file: string; call: CallNode; confidence: number }>;
  /** The functions a call invokes directly (what separates a call of f from f passed as a callback). */
  resolveCall(file: string, call: CallNode): Array<{ functionId: string; confidence: number }>;
  linker: Linker;
}

/** `same`: the parameter being judged handed back to itself (recursion): neutral, it adds nothing the other callers do not. */
type Verdict = { is: 'client'; base?: string; confidence: number } | { is: 'other' } | { is: 'unknown' } | { is: 'same' };

/** What a verdict was computed from: re-judge when one of these files changes or one of these functions gains or loses callers. */
export interface ParamDependencies {
  files: Set<string>;
  functions: Set<string>;
}

/**
 * Judges parameters over their call sites, memoized for one link. A verdict that met a parameter
 * already being judged (recursion) depends on where the judging started, so it is not memoized:
 * every verdict is then a function of the project alone, as a full build computes it.
 */
export class ParamClients {
  private readonly memo = new Map<string, { verdict: Verdict; deps: ParamDependencies }>();
  private readonly active = new Set<string>();

  constructor(private readonly input: ParamClientInput) {}

  /** This file's client calls on parameters, with what they were judged from. */
  sitesOf(file: string, facts: FileFacts, receivers: ParamReceiverCall[]): { sites: ClientCallSite[]; deps: ParamDependencies } {
    const deps: ParamDependencies = { files: new Set(), functions: new Set() };
    const sites: ClientCallSite[] = [];
    for (const { call, params, declared } of receivers) {
      const verdicts = params.map((p) => this.judge(p, 0, deps).verdict);
      const fromCallers = verdicts.every((v): v is Extract<Verdict, { is: 'client' }> => v.is === 'client')
        ? { base: commonBase(verdicts.map((v) => v.base)), confidence: Math.min(...verdicts.map((v) => v.confidence)) }
        : undefined;
      const client = withDeclared(fromCallers, declared);
      if (!client) continue;
      const site = clientCallOf(file, facts, call, () => client);
      if (site) sites.push(site);
    }
    deps.files.delete(file);
    return { sites, deps };
  }

  private judge(param: ParamRef, depth: number, into: ParamDependencies): { verdict: Verdict; cut: boolean } {
    const key = `${param.fnId}\0${param.index}`;
    const known = this.memo.get(key);
    if (known) {
      merge(into, known.deps);
      return { verdict: known.verdict, cut: false };
    }
    if (this.active.has(key)) return { verdict: { is: 'same' }, cut: true };
    if (depth > MAX_PASS_DEPTH) return { verdict: { is: 'unknown' }, cut: true };
    this.active.add(key);
    const deps: ParamDependencies = { files: new Set(), functions: new Set([param.fnId]) };
    let outcome: { verdict: Verdict; cut: boolean };
    try {
      outcome = this.judgeUncached(param, depth, deps);
    } finally {
      this.active.delete(key);
    }
    if (!outcome.cut) this.memo.set(key, { verdict: outcome.verdict, deps });
    merge(into, deps);
    return outcome;
  }

  private judgeUncached(param: ParamRef, depth: number, deps: ParamDependencies): { verdict: Verdict; cut: boolean } {
    const fn = this.input.functionInfo(param.fnId);
    if (!fn) return { verdict: { is: 'unknown' }, cut: false };
    deps.files.add(fn.file);
    const declared = declaredParameter(fn.node.params[param.index]);
    if (!declared) return { verdict: { is: 'unknown' }, cut: false };
    const direct = this.input.callSitesOf(param.fnId).filter((site) => this.input.resolveCall(site.file, site.call).some((t) => t.functionId === param.fnId));
    if (!direct.length || direct.length > MAX_CALL_SITES) return { verdict: { is: 'unknown' }, cut: false };
    let cut = false;
    let unknown = false;
    let same = false;
    const clients: Array<{ base?: string; confidence: number }> = [];
    for (const site of direct) {
      deps.files.add(site.file);
      const argument = argumentAt(site.call, param.index, this.invokesThroughCall(site.file, site.call, param.fnId));
      const passed: { verdict: Verdict; cut: boolean } =
        argument === 'unknown'
          ? { verdict: { is: 'unknown' }, cut: false }
          : argument
            ? this.classify(site.file, argument, depth, deps)
            : declared.fallback
              ? this.classify(fn.file, declared.fallback, depth, deps)
              : { verdict: { is: 'other' }, cut: false };
      cut ||= passed.cut;
      const verdict = passed.verdict;
      if (verdict.is === 'same') same = true;
      else if (verdict.is === 'client') clients.push({ base: verdict.base, confidence: Math.min(verdict.confidence, site.confidence) });
      // Something else passed by a call that certainly is one: the parameter is not (only) a client.
      else if (verdict.is === 'other' && site.confidence >= 1) return { verdict: { is: 'other' }, cut };
      else unknown = true;
    }
    if (!clients.length) return { verdict: { is: unknown ? 'unknown' : same ? 'same' : 'other' }, cut };
    const confidence = Math.min(...clients.map((c) => c.confidence)) * (unknown ? UNKNOWN_CALLERS_CONFIDENCE : 1);
    return { verdict: { is: 'client', base: commonBase(clients.map((c) => c.base)), confidence }, cut };
  }

  /** 'call', 'apply' or 'bind' when the call invokes the function through that method of it (not a method of that name). */
  private invokesThroughCall(file: string, call: CallNode, fnId: string): string | undefined {
    const callee = unwrapExpression(call.callee);
    if (callee.type !== 'MemberExpression') return undefined;
    const method = propertyName(callee.property, callee.computed);
    if (method !== 'call' && method !== 'apply' && method !== 'bind') return undefined;
    const of = this.input.linker.resolve(this.input.facts(file)?.evaluate(unwrapExpression(callee.object)));
    return of.some((r) => r.k === 'fn' && r.id === fnId) ? method : undefined;
  }

  /** What an argument expression is: a client, something else, or not known (then handed on from a parameter, judged in turn). */
  private classify(file: string, node: TSESTree.Node, depth: number, deps: ParamDependencies): { verdict: Verdict; cut: boolean } {
    const expression = unwrapExpression(node);
    // Literals, and `new X()` of anything but a client's constructor (`new Pool(origin)` of undici), are something else.
    if (OTHER_SYNTAX.has(expression.type)) return { verdict: { is: 'other' }, cut: false };
    const facts = this.input.facts(file);
    const { value: resolved, files } = this.input.linker.withDependencies(() => this.input.linker.resolve(facts?.evaluate(expression)));
    for (const f of files) deps.files.add(f);
    const clients = clientsOf(resolved);
    if (expression.type === 'NewExpression' && !clients.length) return { verdict: { is: 'other' }, cut: false };
    const made = clients.filter((c) => !c.declared);
    if (made.length) return { verdict: { is: 'client', base: commonBase(made.map((c) => c.base)), confidence: 1 }, cut: false };
    if (resolved.some((r) => defaultClientPackage(r))) return { verdict: { is: 'client', confidence: 1 }, cut: false };
    // Only declared a client (`this.http` of an injected HttpService, a parameter typed AxiosInstance).
    const declared = clients.length ? { confidence: DECLARED_TYPE_CONFIDENCE } : undefined;
    const params = resolved.filter((r): r is Extract<Resolved, { k: 'param' }> => r.k === 'param');
    if (params.length === 1) {
      const judged = this.judge({ fnId: params[0].fnId, index: params[0].index }, depth + 1, deps);
      if (!declared || judged.verdict.is === 'same') return judged;
      const client = withDeclared(judged.verdict.is === 'client' ? judged.verdict : undefined, declared)!;
      return { verdict: { is: 'client', base: client.base, confidence: client.confidence ?? 1 }, cut: judged.cut };
    }
    if (declared) return { verdict: { is: 'client', confidence: declared.confidence ?? 1 }, cut: false };
    if (resolved.some((r) => OTHER_VALUES.has(r.k))) return { verdict: { is: 'other' }, cut: false };
    return { verdict: { is: 'unknown' }, cut: false };
  }
}

const OTHER_SYNTAX = new Set<string>(['Literal', 'TemplateLiteral', 'ObjectExpression', 'ArrayExpression', 'ArrowFunctionExpression', 'FunctionExpression', 'ClassExpression', 'BinaryExpression', 'UnaryExpression', 'UpdateExpression']);

/** Values that are known not to be an HTTP client instance. */
const OTHER_VALUES = new Set<Resolved['k']>(['fn', 'class', 'object', 'array', 'instance', 'module', 'router']);

/** A parameter that names the value passed (`http`, `http = fallback`, `private http`), not a destructuring. */
function declaredParameter(param: TSESTree.Parameter | undefined): { fallback?: TSESTree.Node } | undefined {
  if (!param) return undefined;
  const inner = param.type === 'TSParameterProperty' ? param.parameter : param;
  if (inner.type === 'Identifier') return {};
  if (inner.type === 'AssignmentPattern' && inner.left.type === 'Identifier') return { fallback: inner.right };
  return undefined;
}

/**
 * The argument a call passes at a parameter's position: undefined when none is passed, 'unknown'
 * past a spread; `throughCall`: the call is `f.call(thisArg, …)`, `f.apply()` or `f.bind()`.
 */
function argumentAt(call: CallNode, index: number, throughCall: string | undefined): TSESTree.Node | undefined | 'unknown' {
  if (throughCall === 'apply' || throughCall === 'bind') return 'unknown';
  const at = throughCall === 'call' ? index + 1 : index;
  for (let i = 0; i <= at && i < call.arguments.length; i++) if (call.arguments[i].type === 'SpreadElement') return 'unknown';
  return call.arguments[at];
}

/**
 * What the callers say, floored by a declared client type: the callers' base when they all pass
 * clients, and the surer of the two confidences (the type says client even when callers are unknown).
 */
function withDeclared(fromCallers: { base?: string; confidence: number } | undefined, declared: KnownClient | undefined): KnownClient | undefined {
  if (!declared) return fromCallers;
  const floor = declared.confidence ?? 1;
  const named = declared.name ? { name: declared.name } : {};
  return fromCallers ? { base: fromCallers.base, confidence: Math.max(fromCallers.confidence, floor), ...named } : { confidence: floor, ...named };
}

function merge(into: ParamDependencies, from: ParamDependencies): void {
  for (const f of from.files) into.files.add(f);
  for (const fn of from.functions) into.functions.add(fn);
}
