// The call graph: for each call site, which project functions it may invoke, with a confidence.
// Certain targets (a direct reference) get 1; over-approximations (a method name shared by several
// classes, a callback handed to an unknown function) get less.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { CallEdge, FunctionInfo } from '../project/types';
import { propertyName, unwrapExpression, isFunctionNode, type CallNode, type FileFacts } from '../project/collect';
import type { Linker, Resolved } from '../project/link';

export interface CallTarget {
  functionId: string;
  confidence: number;
}

/** Functions that call their function arguments (array methods, promises, timers). */
const CALLBACK_METHODS = new Set([
  'map', 'forEach', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex', 'flatMap', 'sort',
  'then', 'catch', 'finally', 'nextTick',
]);
const CALLBACK_FUNCTIONS = new Set(['setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'Promise', 'requestAnimationFrame']);

/** Built-in method names: an unknown receiver calling these is almost never a project method. */
const BUILTIN_METHODS = new Set([
  ...CALLBACK_METHODS, 'push', 'pop', 'shift', 'unshift', 'slice', 'splice', 'concat', 'join', 'indexOf', 'lastIndexOf', 'includes', 'keys', 'values',
  'entries', 'get', 'set', 'has', 'delete', 'clear', 'add', 'toString', 'valueOf', 'split', 'replace', 'replaceAll', 'trim', 'match', 'test', 'exec',
  'startsWith', 'endsWith', 'toLowerCase', 'toUpperCase', 'charAt', 'charCodeAt', 'substring', 'substr', 'padStart', 'padEnd', 'call', 'apply',
  'bind', 'emit', 'on', 'once', 'off', 'log', 'error', 'warn', 'info', 'debug', 'trace', 'write', 'end', 'send', 'json', 'status', 'next', 'resolve',
  'reject', 'fill', 'reverse', 'at', 'flat', 'assign', 'freeze', 'stringify', 'parse', 'hasOwnProperty', 'abs', 'max', 'min', 'floor', 'ceil', 'round',
]);
const MAX_NAME_CANDIDATES = 5;

export interface CallGraphInput {
  files: Map<string, FileFacts>;
  functions: Map<string, FunctionInfo>;
  linker: Linker;
}

const methodCache = new WeakMap<FileFacts, Array<[string, string]>>();

/** [name, function id] of the class methods and object-literal methods a file defines (cached with its facts). */
export function methodsOf(facts: FileFacts): Array<[string, string]> {
  let methods = methodCache.get(facts);
  if (methods) return methods;
  methods = [];
  for (const fn of facts.functions) {
    const owner = fn.node.parent;
    if (!owner) continue;
    if (owner.type === 'MethodDefinition' || owner.type === 'PropertyDefinition' || (owner.type === 'Property' && owner.value === fn.node)) {
      const name = propertyName(owner.key, owner.computed);
      if (name && name !== 'constructor') methods.push([name, fn.id]);
    }
  }
  methodCache.set(facts, methods);
  return methods;
}

/** The edges out of one file's functions, and the method names its calls matched by name only (they go stale when those change). */
export interface FileCalls {
  edges: CallEdge[];
  namesLookedUp: Set<string>;
  /** Every call's targets (top-level calls too), by position: equal strings mean the file's calls resolve the same. */
  resolution: string;
}

/** Resolves calls to their targets. One per link of the project (its linker's memo is per link). */
export class CallResolver {
  /** Method name → functions defined as class methods or object-literal methods under that name. */
  readonly methodsByName = new Map<string, string[]>();
  private namesLookedUp: Set<string> | undefined;

  constructor(private readonly input: CallGraphInput) {
    for (const facts of input.files.values()) {
      for (const [name, id] of methodsOf(facts)) {
        const list = this.methodsByName.get(name);
        if (list) list.push(id);
        else this.methodsByName.set(name, [id]);
      }
    }
  }

  /** After files were re-parsed: their methods replace the old ones, each list kept in `rank` order (a full build's). */
  replaceMethods(removed: FileFacts[], added: FileFacts[], rank: (functionId: string) => number): void {
    const gone = new Set<string>();
    const names = new Set<string>();
    for (const facts of removed) for (const [name, id] of methodsOf(facts)) (gone.add(id), names.add(name));
    const fresh = new Map<string, string[]>();
    for (const facts of added) {
      for (const [name, id] of methodsOf(facts)) {
        names.add(name);
        const list = fresh.get(name);
        if (list) list.push(id);
        else fresh.set(name, [id]);
      }
    }
    for (const name of names) {
      const list = [...(this.methodsByName.get(name) ?? []).filter((id) => !gone.has(id)), ...(fresh.get(name) ?? [])];
      if (!list.length) {
        this.methodsByName.delete(name);
        continue;
      }
      const ranked = list.map((id, i) => ({ id, i, r: rank(id) }));
      ranked.sort((a, b) => a.r - b.r || a.i - b.i);
      this.methodsByName.set(name, ranked.map((x) => x.id));
    }
  }

  /** The call edges of one file. */
  fileCalls(file: string): FileCalls {
    const facts = this.input.files.get(file);
    const result: FileCalls = { edges: [], namesLookedUp: new Set(), resolution: '' };
    if (!facts) return result;
    this.namesLookedUp = result.namesLookedUp;
    const resolution: string[] = [];
    try {
      for (const site of facts.calls) {
        const targets = this.resolveCall(file, site.node);
        if (targets.length) resolution.push(`${site.node.range[0]}:${targets.map((t) => `${t.functionId}@${t.confidence}`).join(',')}`);
        if (!site.callerId) continue;
        for (const t of targets) result.edges.push({ caller: site.callerId, callee: t.functionId, call: site.node, confidence: t.confidence });
        for (const t of this.callbacksOf(file, site.node)) result.edges.push({ caller: site.callerId, callee: t.functionId, call: site.node, confidence: t.confidence, callback: true });
      }
    } finally {
      this.namesLookedUp = undefined;
    }
    result.resolution = resolution.join(';');
    return result;
  }

  /** What a call expression may invoke directly. */
  resolveCall(file: string, call: CallNode): CallTarget[] {
    const facts = this.input.files.get(file);
    if (!facts) return [];
    const callee = unwrapExpression(call.callee);
    if (isFunctionNode(callee)) {
      const info = facts.functionByNode.get(callee);
      return info ? [{ functionId: info.id, confidence: 1 }] : [];
    }
    const values = this.input.linker.resolve(facts.evaluate(callee));
    const direct = this.targetsOf(values, call.type === 'NewExpression');
    if (direct.length) return direct.map((id) => ({ functionId: id, confidence: direct.length === 1 ? 1 : 0.8 }));
    if (callee.type !== 'MemberExpression') return [];
    const name = propertyName(callee.property, callee.computed);
    if (!name || BUILTIN_METHODS.has(name)) return [];
    // The receiver is known but has no such member (a package, a module): nothing in the project.
    const receiver = this.input.linker.resolve(facts.evaluate(callee.object));
    if (receiver.some((r) => r.k === 'package' || r.k === 'module' || r.k === 'object' || r.k === 'class')) return [];
    if (receiver.some((r) => r.k === 'instance') && receiver.every((r) => r.k === 'instance')) return [];
    this.namesLookedUp?.add(name);
    const candidates = this.methodsByName.get(name) ?? [];
    if (candidates.length === 0 || candidates.length > MAX_NAME_CANDIDATES) return [];
    const confidence = candidates.length === 1 ? 0.5 : Math.round((0.5 / candidates.length) * 100) / 100;
    return candidates.map((id) => ({ functionId: id, confidence }));
  }

  private targetsOf(values: Resolved[], isNew: boolean): string[] {
    const ids: string[] = [];
    for (const v of values) {
      if (v.k === 'fn') ids.push(v.id);
      else if (v.k === 'class' && isNew) {
        const ctor = v.facts.methods.get('constructor');
        if (ctor) ids.push(ctor);
      }
    }
    return ids;
  }

  /** Function arguments the call will (probably) invoke: callbacks to array methods, promises, timers, or anything else. */
  callbacksOf(file: string, call: CallNode): CallTarget[] {
    const facts = this.input.files.get(file);
    if (!facts || call.arguments.length === 0) return [];
    const callee = unwrapExpression(call.callee);
    const calleeName = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? propertyName(callee.property, callee.computed) : undefined;
    const known = calleeName !== undefined && (CALLBACK_METHODS.has(calleeName) || CALLBACK_FUNCTIONS.has(calleeName));
    const targets: CallTarget[] = [];
    for (const raw of call.arguments) {
      const arg = unwrapExpression(raw as TSESTree.Node);
      if (isFunctionNode(arg)) {
        const info = facts.functionByNode.get(arg);
        if (info) targets.push({ functionId: info.id, confidence: known ? 1 : 0.8 });
      } else if (arg.type === 'Identifier' || arg.type === 'MemberExpression') {
        for (const v of this.input.linker.resolve(facts.evaluate(arg))) {
          if (v.k === 'fn') targets.push({ functionId: v.id, confidence: known ? 1 : 0.6 });
        }
      }
    }
    return targets;
  }

}

/** The call graph of the whole project, assembled from the per-file edges. */
export class CallGraph {
  readonly from = new Map<string, CallEdge[]>();
  readonly to = new Map<string, CallEdge[]>();

  constructor(perFile: Iterable<FileCalls>) {
    for (const { edges } of perFile) {
      for (const edge of edges) {
        const out = this.from.get(edge.caller);
        if (out) out.push(edge);
        else this.from.set(edge.caller, [edge]);
        const incoming = this.to.get(edge.callee);
        if (incoming) incoming.push(edge);
        else this.to.set(edge.callee, [edge]);
      }
    }
  }

  /**
   * Swaps some files' edges for their new ones. `rank` orders callers' files as a full build would
   * (path order), so the lists come out exactly as if the graph were built again.
   */
  update(removed: Iterable<FileCalls>, added: Iterable<FileCalls>, rank: (callerId: string) => number): void {
    const gone = new Set<CallEdge>();
    const touched = new Set<string>();
    for (const { edges } of removed) {
      for (const edge of edges) {
        gone.add(edge);
        touched.add(edge.callee);
        this.from.delete(edge.caller);
      }
    }
    const incoming = new Map<string, CallEdge[]>();
    for (const { edges } of added) {
      for (const edge of edges) {
        const out = this.from.get(edge.caller);
        if (out) out.push(edge);
        else this.from.set(edge.caller, [edge]);
        touched.add(edge.callee);
        const list = incoming.get(edge.callee);
        if (list) list.push(edge);
        else incoming.set(edge.callee, [edge]);
      }
    }
    for (const callee of touched) {
      const list = [...(this.to.get(callee) ?? []).filter((e) => !gone.has(e)), ...(incoming.get(callee) ?? [])];
      if (!list.length) {
        this.to.delete(callee);
        continue;
      }
      // Stable: edges of one file keep their order.
      const ranked = list.map((edge, i) => ({ edge, i, r: rank(edge.caller) }));
      ranked.sort((a, b) => a.r - b.r || a.i - b.i);
      this.to.set(callee, ranked.map((x) => x.edge));
    }
  }

  /** Function ids reachable from the roots, each with the best (over paths) of the weakest edge on a path. */
  reachable(roots: string[]): Map<string, number> {
    const best = new Map<string, number>();
    // Widest-path search: the most confident frontier first (a max-heap), so each node settles once.
    const heap = new MaxHeap();
    for (const id of roots) {
      best.set(id, 1);
      heap.push(id, 1);
    }
    for (let top = heap.pop(); top; top = heap.pop()) {
      const { id, confidence } = top;
      if ((best.get(id) ?? 0) > confidence) continue;
      for (const edge of this.from.get(id) ?? []) {
        const c = Math.min(confidence, edge.confidence);
        if ((best.get(edge.callee) ?? 0) < c) {
          best.set(edge.callee, c);
          heap.push(edge.callee, c);
        }
      }
    }
    return best;
  }
}

class MaxHeap {
  private readonly items: Array<{ id: string; confidence: number }> = [];

  push(id: string, confidence: number): void {
    const items = this.items;
    items.push({ id, confidence });
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (items[parent].confidence >= items[i].confidence) break;
      [items[parent], items[i]] = [items[i], items[parent]];
      i = parent;
    }
  }

  pop(): { id: string; confidence: number } | undefined {
    const items = this.items;
    if (items.length === 0) return undefined;
    const top = items[0];
    const last = items.pop()!;
    if (items.length) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let largest = i;
        if (l < items.length && items[l].confidence > items[largest].confidence) largest = l;
        if (r < items.length && items[r].confidence > items[largest].confidence) largest = r;
        if (largest === i) break;
        [items[largest], items[i]] = [items[i], items[largest]];
        i = largest;
      }
    }
    return top;
  }
}
