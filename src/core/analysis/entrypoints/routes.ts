// Shared machinery for frameworks that register routes by calling methods on an app or router
// object (Express, Koa, Hono, Fastify): what a receiver is, handler arguments, and composing the
// full route template from the chain of mounted routers.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { CodeLocation, Framework } from '../../model/code';
import type { EntryPointInfo, RequestParamRole } from '../project/types';
import type { AnalysisContext } from '../project/context';
import { isFunctionNode, locationOf, memberPath, propertyName, unwrapExpression, type FileFacts } from '../project/collect';
import type { Resolved } from '../project/link';
import { constantPaths } from './constants';
import { UNKNOWN_PATH } from './unknown-path';
import { looksLikePath } from './path-like';

export const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'head', 'options']);

/** Members of a parameter taken for the app or router they are named after (`args.app`, `deps.router`). */
const ROUTER_MEMBER_NAMES = new Set(['app', 'router']);

export interface RouterRef {
  key: string;
  /** Undefined for a function parameter used as a router (a plugin or a routes(app) module). */
  framework?: Framework;
  /** The router's own prefix (`new Router({ prefix })`). */
  prefix: string;
}

/** A route registration, its handlers already resolved. */
export interface Registration {
  router: RouterRef;
  method: string;
  path: string;
  handlerFunctionIds: string[];
  handlerNames: string[];
  registration: CodeLocation;
  /** Framework of the call when the router's is unknown (guessed from the file's imports). */
  fileFramework: Framework;
  /** The path argument could not be computed; `path` is UNKNOWN_PATH. */
  pathUnknown?: true;
}

export interface Mount {
  parent: RouterRef;
  prefix: string;
  child: RouterRef;
}

/** `router.param('id', fn)`: fn runs before the handlers of that router's routes whose path has `:id`. */
export interface ParamHandler {
  router: RouterRef;
  name: string;
  handlerFunctionIds: string[];
}

/** What one file contributes: its registrations and mounts (cached per file, composed for the project). */
export interface FileRoutes {
  registrations: Registration[];
  mounts: Mount[];
  /** Prefixes set after construction (`router.prefix('/api')` in @koa/router), by router key. */
  prefixes?: Array<{ routerKey: string; prefix: string }>;
  paramHandlers?: ParamHandler[];
  /** Directories whose files this file's registrations read (@fastify/autoload): a change there recollects it. */
  watchedDirectories?: string[];
}

export interface RouterCall {
  file: string;
  facts: FileFacts;
  call: TSESTree.CallExpression;
  method: string;
  receivers: RouterRef[];
  fileFramework: Framework;
}

/** Collects one file's registrations and mounts. */
export class RouteCollector implements FileRoutes {
  readonly registrations: Registration[] = [];
  readonly mounts: Mount[] = [];
  readonly prefixes: Array<{ routerKey: string; prefix: string }> = [];
  readonly paramHandlers: ParamHandler[] = [];
  readonly watchedDirectories: string[] = [];
  private readonly mountKeys = new Set<string>();

  constructor(readonly ctx: AnalysisContext) {}

  /** Router refs a value resolves to; derived routers (`app.route('/x')`) also record their mount. */
  routerRefs(values: Resolved[]): RouterRef[] {
    const refs: RouterRef[] = [];
    for (const v of values) {
      if (v.k === 'router') {
        const ref: RouterRef = { key: v.key, framework: v.framework, prefix: v.prefix };
        refs.push(ref);
        if (v.parent) for (const parent of this.routerRefs(v.parent.of)) this.addMount(parent, v.parent.prefix, ref);
      } else if (v.k === 'param') {
        refs.push({ key: `param:${v.fnId}:${v.index}`, prefix: '' });
      }
    }
    return refs;
  }

  routerRefsOf(facts: FileFacts, node: TSESTree.Node | undefined): RouterRef[] {
    if (!node) return [];
    const refs = this.routerRefs(this.ctx.linker.resolve(this.factsOf(facts, node).evaluate(node)));
    if (refs.length) return refs;
    // `args.app.get(…)` in a hook a plugin loader calls: an app handed over inside a parameter, named so.
    const n = unwrapExpression(node);
    if (n.type !== 'MemberExpression' || n.computed || n.property.type !== 'Identifier' || !ROUTER_MEMBER_NAMES.has(n.property.name)) return refs;
    const holder = this.ctx.linker.resolve(this.factsOf(facts, n.object).evaluate(n.object as TSESTree.Node));
    return holder.flatMap((v) => (v.k === 'param' ? [{ key: `param:${v.fnId}:${v.index}.${(n.property as TSESTree.Identifier).name}`, prefix: '' }] : []));
  }

  addMount(parent: RouterRef, prefix: string, child: RouterRef): void {
    if (parent.key === child.key) return;
    const key = `${parent.key}\0${child.key}\0${prefix}`;
    if (this.mountKeys.has(key)) return;
    this.mountKeys.add(key);
    this.mounts.push({ parent, prefix, child });
  }

  register(r: RouterCall, router: RouterRef, method: string, path: string, handlers: TSESTree.Node[], pathUnknown = false): void {
    const handlerFunctionIds = [...new Set(handlers.flatMap((h) => this.handlerFunctions(r.facts, h)))];
    if (method === 'use' && handlerFunctionIds.length === 0) return; // express.json() and the like
    this.registrations.push({
      router,
      method,
      path,
      handlerFunctionIds,
      handlerNames: handlerFunctionIds.length
        ? handlerFunctionIds.map((id) => this.ctx.functions.get(id)!.name)
        : handlers.map((h) => memberPath(unwrapExpression(h)) ?? '<handler>'),
      registration: locationOf(r.file, r.call),
      fileFramework: r.fileFramework,
      ...(pathUnknown ? { pathUnknown: true as const } : {}),
    });
  }

  watchDirectory(dir: string): void {
    if (!this.watchedDirectories.includes(dir)) this.watchedDirectories.push(dir);
  }

  /** `router.param(name | names, fn)` (Express, @koa/router). */
  registerParam(r: RouterCall, router: RouterRef): void {
    const args = r.call.arguments as TSESTree.Node[];
    const names = this.pathsOf(r.facts, args[0]);
    const handlerFunctionIds = args[1] ? this.handlerFunctions(r.facts, args[1]) : [];
    if (!names || !handlerFunctionIds.length) return;
    for (const name of names) this.paramHandlers.push({ router, name, handlerFunctionIds });
  }

  /** Files other than the collected one whose nodes appear in registrations (imported route tables), by their AST root. */
  private readonly otherFiles = new Map<TSESTree.Node, FileFacts>();

  /** Registrations may hold nodes of another file (an imported route table's entries): evaluate them there. */
  noteOtherFile(node: TSESTree.Node, facts: FileFacts): void {
    this.otherFiles.set(rootOf(node), facts);
  }

  /** A path argument's constant strings (literals, consts of this file or imported ones), read in the file the node is in. */
  pathsOf(facts: FileFacts, node: TSESTree.Node | undefined): string[] | undefined {
    return node ? constantPaths(this.ctx, this.factsOf(facts, node), node) : undefined;
  }

  factsOf(facts: FileFacts, node: TSESTree.Node): FileFacts {
    return this.otherFiles.size ? (this.otherFiles.get(rootOf(node)) ?? facts) : facts;
  }

  /** Functions a handler argument denotes: inline functions, references, arrays, wrappers like asyncHandler(fn). */
  handlerFunctions(given: FileFacts, arg: TSESTree.Node, depth = 0): string[] {
    const node = unwrapExpression(arg);
    const facts = this.factsOf(given, node);
    if (depth > 3) return [];
    if (isFunctionNode(node)) {
      const info = facts.functionByNode.get(node);
      return info ? [info.id] : [];
    }
    if (node.type === 'ArrayExpression') return node.elements.flatMap((e) => (e && e.type !== 'SpreadElement' ? this.handlerFunctions(facts, e, depth + 1) : []));
    const values = this.ctx.linker.resolve(facts.evaluate(node));
    const direct = values.flatMap((v) => (v.k === 'fn' ? [v.id] : []));
    if (node.type === 'CallExpression') {
      // A wrapper (asyncHandler(fn)): the function it returns runs, and so does the one it is given.
      return [...direct, ...node.arguments.flatMap((a) => this.handlerFunctions(facts, a as TSESTree.Node, depth + 1))];
    }
    return direct;
  }
}

function rootOf(node: TSESTree.Node): TSESTree.Node {
  let n = node;
  while (n.parent) n = n.parent;
  return n;
}

/** Composes the files' registrations through the mounts into entry points with full templates. */
export function composeEntryPoints(ctx: AnalysisContext, files: Iterable<FileRoutes>): EntryPointInfo[] {
  const parentsOf = new Map<string, Mount[]>();
  const frameworkOfKey = new Map<string, Framework>();
  const registrations: Registration[] = [];
  // A prefix set by a call replaces the constructor's, for routes registered before it too (as @koa/router does).
  const prefixSetLater = new Map<string, string>();
  const paramHandlersOf = new Map<string, ParamHandler[]>();
  const note = (ref: RouterRef): void => {
    if (ref.framework && !frameworkOfKey.has(ref.key)) frameworkOfKey.set(ref.key, ref.framework);
  };
  for (const f of files) {
    for (const m of f.mounts) {
      const list = parentsOf.get(m.child.key);
      if (list) list.push(m);
      else parentsOf.set(m.child.key, [m]);
      note(m.parent);
      note(m.child);
    }
    for (const r of f.registrations) {
      note(r.router);
      registrations.push(r);
    }
    for (const p of f.prefixes ?? []) prefixSetLater.set(p.routerKey, p.prefix);
    for (const p of f.paramHandlers ?? []) {
      note(p.router);
      const list = paramHandlersOf.get(p.router.key);
      if (list) list.push(p);
      else paramHandlersOf.set(p.router.key, [p]);
    }
  }
  const ownPrefixOf = (ref: RouterRef): string => prefixSetLater.get(ref.key) ?? ref.prefix;
  const prefixMemo = new Map<string, string[]>();
  const prefixesOf = (key: string, ownPrefix: string, seen: Set<string>): string[] => {
    const memoKey = `${key}\0${ownPrefix}`;
    const cached = prefixMemo.get(memoKey);
    if (cached) return cached;
    if (seen.has(key) || seen.size > 32) return [ownPrefix];
    seen.add(key);
    const parents = parentsOf.get(key) ?? [];
    const out = new Set<string>();
    if (!parents.length) out.add(ownPrefix);
    for (const m of parents) {
      for (const p of prefixesOf(m.parent.key, ownPrefixOf(m.parent), seen)) {
        out.add(joinRoute(joinRoute(p, m.prefix), ownPrefix));
        if (out.size >= 20) break;
      }
    }
    seen.delete(key);
    const result = [...out];
    prefixMemo.set(memoKey, result);
    return result;
  };
  const frameworkOf = (key: string, fallback: Framework, seen: Set<string>): Framework => {
    const own = frameworkOfKey.get(key);
    if (own) return own;
    if (seen.has(key)) return fallback;
    seen.add(key);
    for (const m of parentsOf.get(key) ?? []) {
      const f = frameworkOf(m.parent.key, fallback, seen);
      if (f !== fallback || frameworkOfKey.has(m.parent.key)) return f;
    }
    return fallback;
  };
  const out: EntryPointInfo[] = [];
  for (const reg of registrations) {
    const framework = frameworkOf(reg.router.key, reg.fileFramework, new Set());
    const method = reg.method === 'all' || reg.method === 'use' ? '*' : reg.method === 'del' ? 'DELETE' : reg.method.toUpperCase();
    // Param callbacks of the same router run first, in the order the path names the parameters.
    const paramFns = [
      ...new Set(
        (paramHandlersOf.get(reg.router.key) ?? [])
          .map((p) => ({ p, at: routeParamIndex(reg.path, p.name) }))
          .filter(({ at }) => at >= 0)
          .sort((a, b) => a.at - b.at)
          .flatMap(({ p }) => p.handlerFunctionIds),
      ),
    ];
    const handlerFunctionIds = paramFns.length ? [...new Set([...paramFns, ...reg.handlerFunctionIds])] : reg.handlerFunctionIds;
    const handlerNames = paramFns.length ? [...paramFns.map((id) => ctx.functions.get(id)!.name), ...reg.handlerNames] : reg.handlerNames;
    const requestParams = [...paramFns.flatMap((id) => paramCallbackParams(ctx, id, framework)), ...reg.handlerFunctionIds.flatMap((id) => requestParamsFor(ctx, id, framework))];
    for (const prefix of prefixesOf(reg.router.key, ownPrefixOf(reg.router), new Set())) {
      const route = joinRoute(prefix, reg.path);
      out.push({
        flow: `${method} ${route}`,
        method,
        route,
        framework,
        registration: reg.registration,
        handlers: handlerFunctionIds.map((id) => ctx.functions.get(id)!.location),
        handlerNames,
        handlerFunctionIds,
        requestParams,
        // Mounted under a prefix that could not be computed, a known path is unknown too.
        ...(reg.pathUnknown || route.includes(UNKNOWN_PATH) ? { pathUnknown: true as const } : {}),
      });
    }
  }
  return out;
}

const FIRST_PARAM_ROLE: Partial<Record<Framework, string>> = {
  express: 'express-req',
  http: 'express-req',
  koa: 'koa-ctx',
  fastify: 'fastify-request',
  hono: 'web-request',
  nextjs: 'web-request',
};

export function requestParamsFor(ctx: AnalysisContext, functionId: string, framework: Framework): RequestParamRole[] {
  const fn = ctx.functions.get(functionId);
  const role = FIRST_PARAM_ROLE[framework];
  if (!fn || !role || fn.node.params.length === 0) return [];
  return [{ functionId, paramIndex: 0, role }];
}

/** Where a route path declares `:name` (`/users/:id`, `/:id(\\d+)`, `/:id?`); -1 when it does not. */
export function routeParamIndex(path: string, name: string): number {
  return path.search(new RegExp(`:${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w$])`));
}

/**
 * A param callback's parameters: Express calls it (req, res, next, value, name), @koa/router
 * (value, ctx, next); the value is the path segment, request input as a whole.
 */
function paramCallbackParams(ctx: AnalysisContext, functionId: string, framework: Framework): RequestParamRole[] {
  const fn = ctx.functions.get(functionId);
  if (!fn) return [];
  const roles: Array<[number, string]> = framework === 'koa' ? [[0, 'request-value'], [1, 'koa-ctx']] : [[0, 'express-req'], [3, 'request-value']];
  return roles.filter(([index]) => index < fn.node.params.length).map(([paramIndex, role]) => ({ functionId, paramIndex, role }));
}

/** '/api' + '/users/:id' → '/api/users/:id'; never a double or trailing slash (except the root). */
export function joinRoute(prefix: string, path: string): string {
  const joined = `/${prefix}/${path}`.replace(/\/{2,}/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

export function stringValue(node: TSESTree.Node | undefined): string | undefined {
  if (!node) return undefined;
  const n = unwrapExpression(node);
  if (n.type === 'Literal' && typeof n.value === 'string') return n.value;
  if (n.type === 'TemplateLiteral' && n.expressions.length === 0) return n.quasis[0].value.cooked ?? undefined;
  return undefined;
}

/** Route path given as a string or a list of strings (Express allows arrays). */
export function routePaths(node: TSESTree.Node | undefined): string[] | undefined {
  if (!node) return undefined;
  const n = unwrapExpression(node);
  if (n.type === 'ArrayExpression') {
    const paths = n.elements.map((e) => (e && e.type !== 'SpreadElement' ? stringValue(e) : undefined));
    return paths.every((p): p is string => p !== undefined) && paths.length ? paths : undefined;
  }
  const s = stringValue(n);
  return s === undefined ? undefined : [s];
}

export function objectProperty(node: TSESTree.Node | undefined, key: string): TSESTree.Node | undefined {
  const n = node ? unwrapExpression(node) : undefined;
  if (!n || n.type !== 'ObjectExpression') return undefined;
  for (const prop of n.properties) if (prop.type === 'Property' && propertyName(prop.key, prop.computed) === key) return prop.value;
  return undefined;
}

/** Which framework a file uses, from its imports and requires. */
export function fileFramework(text: string): Framework {
  if (/['"](fastify|fastify-plugin)['"]/.test(text)) return 'fastify';
  if (/['"](@koa\/router|koa-router|koa)['"]/.test(text)) return 'koa';
  if (/['"]hono(\/[\w-]+)?['"]/.test(text)) return 'hono';
  return 'express';
}

/** Handler arguments: functions, arrays of them, and options objects' `handler`/`preHandler`/`onRequest`. */
export function handlerArgs(args: TSESTree.Node[]): TSESTree.Node[] {
  const out: TSESTree.Node[] = [];
  for (const arg of args) {
    const n = unwrapExpression(arg);
    if (n.type === 'ObjectExpression') {
      for (const key of ['onRequest', 'preValidation', 'preHandler', 'handler']) {
        const value = objectProperty(n, key);
        if (value) out.push(value);
      }
    } else if (n.type !== 'Literal' && n.type !== 'TemplateLiteral' && n.type !== 'SpreadElement') {
      out.push(n);
    }
  }
  return out;
}

/** `r.verb(path, ...handlers)`; also `route('/x').get(handler)` where the path is the route's own. */
export function registerVerb(r: RouterCall, receiver: RouterRef, c: RouteCollector, pathIndex = 0): void {
  const args = r.call.arguments as TSESTree.Node[];
  const paths = c.pathsOf(r.facts, args[pathIndex]);
  if (paths) {
    const handlers = handlerArgs(args.slice(pathIndex + 1));
    if (handlers.length === 0) return; // app.get('setting') reads a setting
    for (const path of paths) c.register(r, receiver, r.method, path, handlers);
    return;
  }
  const first = args[pathIndex];
  const noPathArgument = !first || unwrapExpression(first).type === 'ObjectExpression' || c.handlerFunctions(r.facts, first).length > 0;
  // No path argument (`route('/x').get(handler)`): the route is the router's own path.
  // A path argument that cannot be computed (a variable, a `let`, a call): the handlers still run for
  // some route, so they stay entry points (their request parameters are sources), but at a path
  // marked unknown, never at the router's root, which would claim a route that may not exist.
  const handlers = handlerArgs(noPathArgument ? args : args.slice(pathIndex + 1));
  if (!handlers.some((h) => c.handlerFunctions(r.facts, h).length)) return;
  if (noPathArgument) c.register(r, receiver, r.method, '', handlers);
  else c.register(r, receiver, r.method, UNKNOWN_PATH, handlers, true);
}

/** `use([path], ...middlewareOrRouters)`: routers are mounted, functions are middleware for everything below. */
export function useOrMount(r: RouterCall, receiver: RouterRef, c: RouteCollector): void {
  const args = r.call.arguments as TSESTree.Node[];
  const computed = c.pathsOf(r.facts, args[0]);
  // A path that cannot be computed mounts below a prefix marked unknown, not at the receiver's own path.
  const unknown = !computed && args.length >= 2 && looksLikePath(c.factsOf(r.facts, args[0]), args[0]);
  const paths = computed ?? [unknown ? UNKNOWN_PATH : ''];
  const rest = computed || unknown ? args.slice(1) : args;
  const middleware: TSESTree.Node[] = [];
  for (const arg of rest) {
    const children = c.routerRefsOf(r.facts, arg);
    if (children.length) for (const path of paths) for (const child of children) c.addMount(receiver, path, child);
    else middleware.push(arg);
  }
  if (middleware.length) for (const path of paths) c.register(r, receiver, 'use', path, handlerArgs(middleware), unknown);
}
