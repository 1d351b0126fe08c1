// Symbolic values: what an expression may denote, as far as one file can tell. Cross-file parts
// (imports, require) stay symbolic and are resolved by the project linker (./link.ts), so a file's
// values can be cached with its parse and reused when other files change.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Framework } from '../../model/code';

export type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

export type ValueRef =
  | { k: 'fn'; id: string }
  | { k: 'class'; file: string; node: ClassNode }
  | { k: 'object'; file: string; node: TSESTree.ObjectExpression }
  /** An array literal (a route table read element by element). */
  | { k: 'array'; file: string; node: TSESTree.ArrayExpression }
  /** An instance of a class (from a type annotation: an injected service), or of a client package's declared type (`AxiosInstance`). */
  | { k: 'instance'; of: ValueRef }
  /** A value declared `typeof X` (`http: typeof axios`): of X's type, not necessarily X itself. */
  | { k: 'typeof'; of: ValueRef }
  /** A variable known only by its declared type (`let api: AxiosInstance;`): `type` is an `instance` or a `typeof`. */
  | { k: 'declared'; type: ValueRef }
  /** An ES import binding; name is 'default', '*' (namespace) or the imported name. */
  | { k: 'import'; file: string; specifier: string; name: string }
  /** require(specifier): the module's exports object. */
  | { k: 'module'; file: string; specifier: string }
  | { k: 'member'; of: ValueRef; name: string }
  /** A parameter; `type` is what its type annotation declares it holds (an `instance` of the named type, or a `typeof`). */
  | { k: 'param'; fnId: string; index: number; type?: ValueRef }
  /** A router or app object created here (express(), new Router(), new Hono(), fastify()...). */
  | { k: 'router'; key: string; framework: Framework; prefix: string }
  /** A value from a package outside the project: name plus the member path read from it. */
  | { k: 'package'; name: string; path: string[] }
  /** The result of calling something: a factory's return value, or an app/router from a framework package. */
  | { k: 'call'; callee: ValueRef; key: string; prefix: string; file: string; firstArgument?: TSESTree.Node; prefixValue?: ValueRef }
  /** `new X(...)`: an instance of a class, an app/router (`new Router({ prefix })`, `new Hono()`), or a client (`new Pool(origin)`). */
  | { k: 'new'; of: ValueRef; key: string; prefix: string; prefixValue?: ValueRef; file: string; firstArgument?: TSESTree.Node }
  | { k: 'global'; name: string }
  /** `router.routes()`, `app.get(...)` in a chain: the same router, if the receiver is one. */
  | { k: 'chain'; of: ValueRef; method: string }
  /** `app.route('/x')` (Express) / `app.basePath('/x')` (Hono): a router mounted on its receiver at prefix. */
  | { k: 'derived'; of: ValueRef; prefix: string; key: string; prefixValue?: ValueRef }
  /** A string literal, or a template / `+` whose parts were all string literals (route paths built from constants). */
  | { k: 'string'; value: string }
  /** A template / `+` with parts another file defines (an imported const): a string once the linker resolves every part to one. */
  | { k: 'concat'; parts: ValueRef[] }
  /**
   * Alternatives (`flag ? '/a' : IMPORTED`, `opts.path || '/x'`) of which one is, or may be, a string:
   * the linker gives every branch's values, so a path is each branch's string or unknown, never one branch.
   */
  | { k: 'either'; of: ValueRef[] };

/**
 * A router prefix that another file defines (an imported const, a concatenation with one): `prefix`
 * is then '' and the linker reads the string from `prefixValue` (none when it is not one string).
 */
export interface PrefixOption {
  prefix: string;
  prefixValue?: ValueRef;
}

/** Longer computed strings are not kept (no route path is this long; a generated blob is not one). */
export const MAX_TEXT = 2048;

/** Values that are (or may resolve to) a string. */
export function isTextValue(ref: ValueRef | undefined): boolean {
  return ref?.k === 'string' || ref?.k === 'concat' || (ref?.k === 'either' && ref.of.some(isTextValue));
}

/** Values that are no string here but may resolve to one in another file (an import, a member). */
export function mayBeTextValue(ref: ValueRef | undefined): boolean {
  return ref?.k === 'import' || ref?.k === 'member' || ref?.k === 'either' || isTextValue(ref);
}

/** A prefix given as this value: a string known here, or one the linker may resolve (an import, a member, a concatenation). */
export function prefixOption(value: ValueRef | undefined): PrefixOption | undefined {
  if (value?.k === 'string') return { prefix: value.value };
  if (value?.k === 'concat' || value?.k === 'import' || value?.k === 'member' || value?.k === 'either') return { prefix: '', prefixValue: value };
  return undefined;
}

/** Parts joined: one string when every part is one, else a concat; undefined when a part has no value. */
export function concatValue(parts: Array<ValueRef | undefined>): ValueRef | undefined {
  if (parts.some((p) => p === undefined)) return undefined;
  const known = parts as ValueRef[];
  if (known.every((p) => p.k === 'string')) {
    const value = known.map((p) => (p as { value: string }).value).join('');
    return value.length <= MAX_TEXT ? { k: 'string', value } : undefined;
  }
  return { k: 'concat', parts: known };
}

/** Methods that return their router (chaining) or the router's middleware. */
export const CHAINING_METHODS = new Set(['routes', 'middleware', 'get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'head', 'options', 'use']);

const ROUTER_FACTORIES: Array<{ pkg: string; path: string; framework: Framework; needsNew?: boolean }> = [
  { pkg: 'express', path: '', framework: 'express' },
  { pkg: 'express', path: 'Router', framework: 'express' },
  { pkg: 'fastify', path: '', framework: 'fastify' },
  { pkg: 'fastify', path: 'fastify', framework: 'fastify' },
  { pkg: 'fastify', path: 'Fastify', framework: 'fastify' },
  { pkg: '@koa/router', path: '', framework: 'koa' },
  { pkg: '@koa/router', path: 'Router', framework: 'koa' },
  { pkg: 'koa-router', path: '', framework: 'koa' },
  { pkg: 'koa', path: '', framework: 'koa' },
  { pkg: 'hono', path: 'Hono', framework: 'hono' },
];

/** The framework whose app/router a call or `new` of this package value creates, if any. */
export function routerFactoryFramework(callee: { k: string; name?: string; path?: string[] }): Framework | undefined {
  if (callee.k !== 'package') return undefined;
  const path = (callee.path ?? []).filter((p) => p !== 'default').join('.');
  return ROUTER_FACTORIES.find((f) => f.pkg === callee.name && f.path === path)?.framework;
}

// `axios.create()`, `got.extend()`, `ky.create()`, `superagent.agent()`: a call of these makes an HTTP client instance.
const CLIENT_FACTORIES: Array<{ pkg: string; path: string }> = [
  { pkg: 'axios', path: 'create' },
  { pkg: 'got', path: 'extend' },
  { pkg: 'ky', path: 'create' },
  { pkg: 'superagent', path: 'agent' },
];

// `new Pool(origin)`, `new Client(origin)`, `new Agent()` of undici: HTTP client instances made with `new`.
const CLIENT_CONSTRUCTORS: Array<{ pkg: string; path: string }> = ['Pool', 'Client', 'Agent', 'BalancedPool'].map((path) => ({ pkg: 'undici', path }));

/** The client package whose instance a call of this package value makes (`axios.create`), if any. */
export function clientFactoryPackage(callee: { k: string; name?: string; path?: string[] }): string | undefined {
  if (callee.k !== 'package') return undefined;
  const path = (callee.path ?? []).filter((p) => p !== 'default').join('.');
  return CLIENT_FACTORIES.find((f) => f.pkg === callee.name && f.path === path)?.pkg;
}

/** The client package whose instance `new` of this package value makes (`new Pool()` of undici), if any. */
export function clientConstructorPackage(callee: { k: string; name?: string; path?: string[] }): string | undefined {
  if (callee.k !== 'package') return undefined;
  const path = (callee.path ?? []).filter((p) => p !== 'default').join('.');
  return CLIENT_CONSTRUCTORS.find((f) => f.pkg === callee.name && f.path === path)?.pkg;
}

export function isBareSpecifier(specifier: string): boolean {
  return !specifier.startsWith('.') && !specifier.startsWith('/');
}

/** 'node:http' → 'http', '@scope/pkg/sub' → '@scope/pkg'. */
export function packageName(specifier: string): string {
  const s = specifier.replace(/^node:/, '');
  const parts = s.split('/');
  return s.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}
