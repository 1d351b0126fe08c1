// Resolves symbolic values (./values.ts) across files: imports and require to exports, members of
// objects, classes and instances, factory return values. Over-approximates where unsure.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Framework } from '../../model/code';
import { unwrapExpression, type ClassFacts, type FileFacts } from './collect';
import { NEST_HTTP_CLIENT, baseOption, declaredClientType, defaultClientPackage } from './client-options';
import { UNKNOWN_PATH } from '../entrypoints/unknown-path';
import { MAX_TEXT, clientConstructorPackage, clientFactoryPackage, isBareSpecifier, packageName, routerFactoryFramework, type ValueRef } from './values';

export type Resolved =
  | { k: 'fn'; id: string }
  | { k: 'class'; file: string; facts: ClassFacts }
  | { k: 'object'; file: string; node: TSESTree.ObjectExpression }
  | { k: 'array'; file: string; node: TSESTree.ArrayExpression }
  | { k: 'instance'; file: string; facts: ClassFacts }
  | { k: 'module'; file: string }
  | { k: 'router'; key: string; framework: Framework; prefix: string; parent?: { of: Resolved[]; prefix: string } }
  | { k: 'param'; fnId: string; index: number }
  | { k: 'package'; name: string; path: string[] }
  /**
   * An HTTP client instance made by a client package's factory (`axios.create()`), or extended from
   * one (`got.extend(a).extend(b)`): its calls are outgoing requests. `base`: its literal base URL.
   * `declared`: known only from a type annotation (`http: AxiosInstance`), not seen made.
   */
  | { k: 'client'; name: string; base?: string; declared?: boolean }
  /** A constant string (a route path built from consts, across files). */
  | { k: 'string'; value: string };

export interface LinkContext {
  facts(file: string): FileFacts | undefined;
  resolveModule(fromFile: string, specifier: string): string | undefined;
  /** function id → its file */
  fileOfFunction(id: string): string | undefined;
}

const MAX_DEPTH = 12;
/** Methods of a client instance that make a new instance with more options (got, ky `extend`; ky, axios `create`). */
const CLIENT_DERIVING_METHODS = new Set(['extend', 'create']);
const MAX_RESULTS = 16;

export class Linker {
  /** Each result with the files whose facts it was computed from, so callers can track what they depend on. */
  private readonly memo = new Map<ValueRef, { result: Resolved[]; files: Set<string> }>();
  private readonly active = new Set<ValueRef>();
  /** The memo entries that read each file's facts (dropped when it is re-parsed). */
  private readonly readers = new Map<string, Set<ValueRef>>();
  private readonly dependencyStack: Array<Set<string>> = [];
  private readonly ctx: LinkContext;

  constructor(ctx: LinkContext) {
    // Every read of a file's facts is a dependency of whatever is being resolved.
    this.ctx = {
      ...ctx,
      facts: (file) => {
        this.dependencyStack[this.dependencyStack.length - 1]?.add(file);
        return ctx.facts(file);
      },
    };
  }

  /** Forgets the resolutions that read any of these files' facts (they were re-parsed). */
  invalidate(files: Set<string>): void {
    for (const file of files) {
      for (const ref of this.readers.get(file) ?? []) this.memo.delete(ref);
      this.readers.delete(file);
    }
  }

  /** Runs fn and returns the files whose facts its resolutions read. */
  withDependencies<T>(fn: () => T): { value: T; files: Set<string> } {
    const files = new Set<string>();
    this.dependencyStack.push(files);
    try {
      return { value: fn(), files };
    } finally {
      this.dependencyStack.pop();
    }
  }

  resolve(ref: ValueRef | undefined, depth = 0): Resolved[] {
    if (!ref || depth > MAX_DEPTH) return [];
    const top = this.dependencyStack[this.dependencyStack.length - 1];
    const cached = this.memo.get(ref);
    if (cached) {
      if (top) for (const f of cached.files) top.add(f);
      return cached.result;
    }
    if (this.active.has(ref)) return [];
    this.active.add(ref);
    const files = new Set<string>();
    this.dependencyStack.push(files);
    let result: Resolved[];
    try {
      result = dedupe(this.resolveUncached(ref, depth + 1)).slice(0, MAX_RESULTS);
    } finally {
      this.dependencyStack.pop();
      this.active.delete(ref);
    }
    this.memo.set(ref, { result, files });
    for (const file of files) {
      const set = this.readers.get(file);
      if (set) set.add(ref);
      else this.readers.set(file, new Set([ref]));
    }
    if (top) for (const f of files) top.add(f);
    return result;
  }

  private resolveUncached(ref: ValueRef, depth: number): Resolved[] {
    switch (ref.k) {
      case 'fn':
        return [ref];
      case 'class': {
        const facts = this.ctx.facts(ref.file)?.classByNode.get(ref.node);
        return facts ? [{ k: 'class', file: ref.file, facts }] : [];
      }
      case 'object':
      case 'array':
        return [ref];
      case 'instance':
        return this.resolve(ref.of, depth).flatMap((r): Resolved[] => {
          if (r.k === 'class') return [{ k: 'instance', file: r.file, facts: r.facts }];
          const client = declaredClientType(r);
          return client ? [{ k: 'client', name: client, declared: true }] : [];
        });
      case 'typeof':
        // `typeof axios`, `typeof api`: a value of that client's type; which instance (and base) is not said.
        return this.resolve(ref.of, depth).flatMap((r): Resolved[] => {
          const client = r.k === 'client' ? r.name : defaultClientPackage(r);
          return client ? [{ k: 'client', name: client, declared: true }] : [];
        });
      case 'declared':
        return this.resolve(ref.type, depth).filter((r) => r.k === 'client');
      case 'import': {
        const target = this.ctx.resolveModule(ref.file, ref.specifier);
        if (!target) return isBareSpecifier(ref.specifier) ? [{ k: 'package', name: packageName(ref.specifier), path: ref.name === '*' ? [] : [ref.name] }] : [];
        return ref.name === '*' ? [{ k: 'module', file: target }] : this.exportOf(target, ref.name, depth, new Set());
      }
      case 'module': {
        const target = this.ctx.resolveModule(ref.file, ref.specifier);
        if (!target) return isBareSpecifier(ref.specifier) ? [{ k: 'package', name: packageName(ref.specifier), path: [] }] : [];
        // A CommonJS module whose module.exports is a function/class/router: requiring it gives that value.
        const facts = this.ctx.facts(target);
        if (facts?.commonJs && facts.exports.has('default')) {
          const value = this.resolve(facts.exports.get('default'), depth);
          // `module.exports = fn; module.exports.Router = …`: the function, and the members set on it.
          if (value.length && value.every((v) => v.k !== 'object')) return facts.exports.size > 1 ? [...value, { k: 'module', file: target }] : value;
        }
        return [{ k: 'module', file: target }];
      }
      case 'member':
        return this.resolve(ref.of, depth).flatMap((r) => this.memberOf(r, ref.name, depth));
      case 'param': {
        const typed = ref.type ? this.resolve(ref.type, depth).filter((r) => r.k === 'instance' || r.k === 'client') : [];
        return [{ k: 'param', fnId: ref.fnId, index: ref.index }, ...typed];
      }
      case 'router':
        return [ref];
      case 'package':
        return [ref];
      case 'call':
      case 'new': {
        const call = ref.k === 'call' ? ref : undefined;
        const derived = call ? this.derivedClients(call, depth) : [];
        if (derived.length) return derived;
        return this.resolve(ref.k === 'call' ? ref.callee : ref.of, depth).flatMap((r): Resolved[] => {
          const framework = routerFactoryFramework(r);
          if (framework) return [{ k: 'router', key: ref.key, framework, prefix: this.prefixOf(ref, depth) ?? UNKNOWN_PATH }];
          const client = call ? clientFactoryPackage(r) : undefined;
          if (call && client) return [{ k: 'client', name: client, base: this.clientBase(call, client, undefined, depth) }];
          const constructed = ref.k === 'new' ? clientConstructorPackage(r) : undefined;
          if (ref.k === 'new' && constructed) return [{ k: 'client', name: constructed, base: this.originOf(ref, depth) }];
          // fastify-plugin's fp(plugin) returns the plugin itself.
          if (r.k === 'package' && r.name === 'fastify-plugin' && ref.k === 'call' && ref.firstArgument) {
            return this.resolve(this.ctx.facts(ref.file)?.evaluate(ref.firstArgument), depth);
          }
          return this.returnsOf(r, depth);
        });
      }
      case 'chain': {
        const of = this.resolve(ref.of, depth);
        const routers = of.filter((r) => r.k === 'router' || r.k === 'param');
        if (routers.length) return routers;
        return of.flatMap((r) => this.memberOf(r, ref.method, depth)).flatMap((r) => this.returnsOf(r, depth));
      }
      case 'derived': {
        const parents = this.resolve(ref.of, depth).filter((r) => r.k === 'router' || r.k === 'param');
        if (!parents.length) return [];
        const framework = parents.find((p): p is Extract<Resolved, { k: 'router' }> => p.k === 'router')?.framework ?? 'express';
        // A prefix that is not one string is unknown: the routes below it are unknown-path entry points.
        const prefix = this.prefixOf(ref, depth) ?? UNKNOWN_PATH;
        return [{ k: 'router', key: ref.key, framework, prefix: '', parent: { of: parents, prefix } }];
      }
      case 'global':
        return [];
      case 'string':
        return [ref];
      case 'concat': {
        // Strings only when every part is strings (alternatives give one string per combination); a part
        // that is not known, or not a string, leaves the whole unknown.
        let values = [''];
        for (const part of ref.parts) {
          const resolved = this.resolve(part, depth);
          if (!resolved.length || resolved.some((r) => r.k !== 'string')) return [];
          values = values.flatMap((v) => resolved.map((r) => v + (r as { value: string }).value));
          if (values.length > MAX_RESULTS || values.some((v) => v.length > MAX_TEXT)) return [];
        }
        return values.map((value) => ({ k: 'string', value }));
      }
      case 'either': {
        const branches = ref.of.map((branch) => this.resolve(branch, depth));
        // A string on one side and nothing known on the other: the text is unknown, not the one side.
        if (branches.some((b) => b.some((r) => r.k === 'string')) && branches.some((b) => !b.length)) return [];
        return branches.flat();
      }
    }
  }

  /**
   * `api.extend(options)` / `api.create(options)` on a client instance, or on the package's default
   * one (`ky.extend()`, `got.extend()`): a client with the options merged in.
   */
  private derivedClients(ref: Extract<ValueRef, { k: 'call' }>, depth: number): Resolved[] {
    if (ref.callee.k !== 'member' || !CLIENT_DERIVING_METHODS.has(ref.callee.name)) return [];
    return this.resolve(ref.callee.of, depth).flatMap((r): Resolved[] => {
      if (r.k === 'client') return [{ k: 'client', name: r.name, base: this.clientBase(ref, r.name, r.base, depth), declared: r.declared }];
      const pkg = defaultClientPackage(r);
      return pkg ? [{ k: 'client', name: pkg, base: this.clientBase(ref, pkg, undefined, depth) }] : [];
    });
  }

  /**
   * The base URL after a factory call's options (its first argument) are merged over `inherited`: a
   * literal base replaces it, options that do not set one keep it, anything unknown makes it unknown.
   */
  private clientBase(ref: Extract<ValueRef, { k: 'call' }>, pkg: string, inherited: string | undefined, depth: number): string | undefined {
    if (!ref.firstArgument) return inherited;
    const node = unwrapExpression(ref.firstArgument);
    if (node.type === 'ObjectExpression') return merged(baseOption(node, pkg), inherited);
    const values = this.resolve(this.ctx.facts(ref.file)?.evaluate(node), depth);
    if (values.length !== 1) return undefined;
    const [value] = values;
    if (value.k === 'object') return merged(baseOption(value.node, pkg), inherited);
    // got.extend(otherInstance) merges that instance's options.
    if (value.k === 'client') return value.base ?? inherited;
    return undefined;
  }

  /** `new Pool('http://stock')`: the origin its first argument is when that is one string (a literal or a constant); an Agent's options are none. */
  private originOf(ref: Extract<ValueRef, { k: 'new' }>, depth: number): string | undefined {
    const values = ref.firstArgument ? this.resolve(this.ctx.facts(ref.file)?.evaluate(ref.firstArgument), depth) : [];
    return values.length === 1 && values[0].k === 'string' ? values[0].value : undefined;
  }

  /** A router's prefix: its literal one, or the one string an imported prefix value resolves to (undefined when it is not one). */
  private prefixOf(ref: { prefix: string; prefixValue?: ValueRef }, depth: number): string | undefined {
    if (!ref.prefixValue) return ref.prefix;
    const values = this.resolve(ref.prefixValue, depth);
    return values.length === 1 && values[0].k === 'string' ? values[0].value : undefined;
  }

  /** What a module exports under a name ('default' included), following re-exports. */
  exportOf(file: string, name: string, depth: number, seen: Set<string>): Resolved[] {
    if (seen.has(file) || depth > MAX_DEPTH) return [];
    seen.add(file);
    const facts = this.ctx.facts(file);
    if (!facts) return [];
    const direct = facts.exports.get(name);
    if (direct) return this.resolve(direct, depth);
    if (name === 'default' && facts.commonJs) return [{ k: 'module', file }];
    for (const specifier of facts.starExports) {
      const target = this.ctx.resolveModule(file, specifier);
      if (!target) continue;
      const found = this.exportOf(target, name, depth + 1, seen);
      if (found.length) return found;
    }
    const def = facts.exports.get('default');
    if (def && name !== 'default') return this.resolve(def, depth).flatMap((r) => (r.k === 'object' ? this.memberOf(r, name, depth) : []));
    return [];
  }

  memberOf(r: Resolved, name: string, depth: number): Resolved[] {
    switch (r.k) {
      case 'module':
        return this.exportOf(r.file, name, depth, new Set());
      case 'object': {
        const facts = this.ctx.facts(r.file);
        if (!facts) return [];
        for (const prop of r.node.properties) {
          if (prop.type === 'Property' && !prop.computed && propertyKey(prop.key) === name) return this.resolve(facts.evaluate(prop.value), depth);
        }
        // `obj.app = express()` after `var obj = {}`.
        const assigned = facts.objectMembers.get(r.node)?.get(name);
        return assigned ? this.resolve(facts.evaluate(assigned), depth) : [];
      }
      case 'class':
      case 'instance':
        return this.classMember(r.file, r.facts, name, depth, 0);
      case 'package':
        return [{ k: 'package', name: r.name, path: [...r.path, name] }];
      case 'fn':
        // fn.call / fn.apply / fn.bind invoke (or return) the function itself.
        return name === 'call' || name === 'apply' || name === 'bind' ? [r] : [];
      case 'client':
        // Nest's HttpService keeps its axios instance as `axiosRef`.
        return r.name === NEST_HTTP_CLIENT && name === 'axiosRef' ? [{ k: 'client', name: 'axios', declared: r.declared }] : [];
      default:
        return [];
    }
  }

  private classMember(file: string, cls: ClassFacts, name: string, depth: number, inheritance: number): Resolved[] {
    const method = cls.methods.get(name);
    if (method) return [{ k: 'fn', id: method }];
    const field = cls.fields.get(name);
    const facts = this.ctx.facts(file);
    // A field declared with a client type (`private http: AxiosInstance`, injected by a framework or
    // assigned a parameter): a client, whatever else what is assigned may be.
    const declared = cls.fieldTypes.get(name);
    const typed = declared && facts ? this.resolve(facts.evaluate(declared), depth).filter((r) => r.k === 'client') : [];
    if (field && facts) {
      const assigned = this.resolve(facts.evaluate(field), depth);
      return typed.length && !assigned.some((r) => r.k === 'client') ? [...assigned, ...typed] : assigned;
    }
    if (typed.length) return typed;
    if (cls.node.superClass && facts && inheritance < 8) {
      return this.resolve(facts.evaluate(cls.node.superClass), depth).flatMap((s) =>
        s.k === 'class' ? this.classMember(s.file, s.facts, name, depth, inheritance + 1) : [],
      );
    }
    return [];
  }

  /** Values a call of r returns: a function's returned expressions, a class's instance. */
  private returnsOf(r: Resolved, depth: number): Resolved[] {
    if (r.k === 'class') return [{ k: 'instance', file: r.file, facts: r.facts }];
    if (r.k !== 'fn') return [];
    const file = this.ctx.fileOfFunction(r.id);
    const facts = file ? this.ctx.facts(file) : undefined;
    if (!facts) return [];
    return (facts.returns.get(r.id) ?? []).flatMap((node) => this.resolve(facts.evaluate(node), depth));
  }
}

function propertyKey(key: TSESTree.Node): string | undefined {
  if (key.type === 'Identifier') return key.name;
  if (key.type === 'Literal') return String(key.value);
  return undefined;
}

function merged(option: string | null | undefined, inherited: string | undefined): string | undefined {
  return option === undefined ? inherited : (option ?? undefined);
}

function identity(r: Resolved): unknown {
  switch (r.k) {
    case 'fn':
      return r.id;
    case 'router':
      return r.key;
    case 'class':
    case 'instance':
      return `${r.k}:${r.file}:${r.facts.node.range[0]}`;
    case 'object':
    case 'array':
      return r.node;
    case 'module':
      return `module:${r.file}`;
    case 'param':
      return `param:${r.fnId}:${r.index}`;
    case 'package':
      return `package:${r.name}:${r.path.join('.')}`;
    case 'client':
      return `client:${r.name}:${r.base ?? ''}:${r.declared ? 'declared' : ''}`;
    case 'string':
      return `string:${r.value}`;
  }
}

function dedupe(list: Resolved[]): Resolved[] {
  if (list.length < 2) return list;
  const seen = new Set<unknown>();
  return list.filter((r) => {
    const id = identity(r);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
