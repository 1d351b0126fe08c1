// Strapi 4 and 5: the routes of `src/api/<api>/routes/*` and the controller actions they name. A
// custom router exports `{ routes: [{ method, path, handler: 'restaurant.reserve' }] }` (the handler
// may also be the uid form `api::restaurant.restaurant.reserve`); a core router is
// `createCoreRouter('api::restaurant.restaurant', { prefix, only, except })`, whose find, findOne,
// create, update and delete routes reach project code only where the controller overrides them.
// Controllers export an object of actions, or `createCoreController(uid, ({ strapi }) => ({ … }))`.
// Content API routes are served under `/api` unless a route's `config.prefix` says otherwise. Each
// action's first parameter is Koa's context (`ctx.request.body`, `ctx.query`, `ctx.params`).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { EntryPointInfo, FunctionInfo, ParsedFile } from '../project/types';
import type { AnalysisContext } from '../project/context';
import { isFunctionNode, propertyName, unwrapExpression } from '../project/collect';
import { objectProperty, stringValue } from './routes';
import { calleeName, handlerEntryPoint } from './handler-functions';

const API_FILE = /^(?:(.*)\/)?src\/api\/([^/]+)\/(routes|controllers)\/([^/]+)\.(?:[cm]?[jt]s)$/;
const API_PREFIX = '/api';
/** The routes a core router makes, as `[action, method, path under the collection]`. */
const CORE_ROUTES: Array<[string, string, string]> = [
  ['find', 'GET', ''],
  ['findOne', 'GET', '/:id'],
  ['create', 'POST', ''],
  ['update', 'PUT', '/:id'],
  ['delete', 'DELETE', '/:id'],
];

/** A Strapi API's route or controller file (its entry points are recomputed when it changes). */
export function isStrapiApiFile(path: string): boolean {
  return API_FILE.test(path);
}

export function findStrapiEntryPoints(ctx: AnalysisContext): EntryPointInfo[] {
  const out: EntryPointInfo[] = [];
  for (const [path, file] of ctx.files) {
    const m = API_FILE.exec(path);
    if (!m || m[3] !== 'routes') continue;
    const root = m[1] ? `${m[1]}/` : '';
    const api = m[2];
    const exported = exportedValue(file);
    if (!exported) continue;
    const core = coreFactoryCall(exported, 'createCoreRouter');
    if (core) out.push(...coreRoutes(ctx, path, root, core));
    else out.push(...customRoutes(ctx, path, root, api, exported));
  }
  return out;
}

/** `{ routes: [{ method, path, handler }] }`, or a function returning it. */
function customRoutes(ctx: AnalysisContext, path: string, root: string, api: string, exported: TSESTree.Node): EntryPointInfo[] {
  const routes = unwrapExpression(objectProperty(returnedObject(exported) ?? exported, 'routes') ?? exported);
  if (routes.type !== 'ArrayExpression') return [];
  const out: EntryPointInfo[] = [];
  for (const element of routes.elements) {
    if (!element || element.type === 'SpreadElement') continue;
    const method = stringValue(objectProperty(element, 'method'));
    const routePath = stringValue(objectProperty(element, 'path'));
    const handler = objectProperty(element, 'handler');
    if (!method || routePath === undefined || !handler) continue;
    const handlers = handlerFunctions(ctx, path, root, api, handler);
    if (!handlers.length) continue;
    const prefix = stringValue(objectProperty(objectProperty(element, 'config'), 'prefix')) ?? API_PREFIX;
    out.push(entryPoint(method.toUpperCase(), joinPath(prefix, routePath), path, element, handlers));
  }
  return out;
}

/** The core routes whose actions the content type's controller overrides. */
function coreRoutes(ctx: AnalysisContext, path: string, root: string, call: TSESTree.CallExpression): EntryPointInfo[] {
  const uid = parseUid(stringValue(call.arguments[0]));
  if (!uid) return [];
  const options = call.arguments[1];
  const only = stringList(objectProperty(options, 'only'));
  const except = stringList(objectProperty(options, 'except')) ?? [];
  const prefix = stringValue(objectProperty(options, 'prefix')) ?? '';
  const actions = controllerActions(ctx, `${root}src/api/${uid.api}/controllers/`, uid.controller);
  const out: EntryPointInfo[] = [];
  for (const [action, method, suffix] of CORE_ROUTES) {
    if ((only && !only.includes(action)) || except.includes(action)) continue;
    const handler = actions.get(action);
    // Strapi's own action: no project code runs for it.
    if (!handler) continue;
    // The collection's plural is in the content type's schema.json, which is not read: the usual plural of its name.
    out.push(entryPoint(method, joinPath(API_PREFIX, `${prefix}/${plural(uid.controller)}${suffix}`), path, call, [handler]));
  }
  return out;
}

/** The controller action a route's handler names (`ctrl.action`, `api::api.ctrl.action`), or a function given in place. */
function handlerFunctions(ctx: AnalysisContext, path: string, root: string, api: string, handler: TSESTree.Node): FunctionInfo[] {
  const node = unwrapExpression(handler);
  if (isFunctionNode(node)) {
    const info = ctx.facts.get(path)?.functionByNode.get(node);
    return info ? [info] : [];
  }
  const name = stringValue(node);
  if (!name) return [];
  const uid = /^api::([\w-]+)\.([\w-]+)\.(\w+)$/.exec(name);
  const short = uid ? undefined : /^([\w-]+)\.(\w+)$/.exec(name);
  if (!uid && !short) return []; // a plugin's action (`plugin::users-permissions.user.me`): not project code
  const [dirApi, controller, action] = uid ? [uid[1], uid[2], uid[3]] : [api, short![1], short![2]];
  const found = controllerActions(ctx, `${root}src/api/${dirApi}/controllers/`, controller).get(action);
  return found ? [found] : [];
}

/** The actions a controller file exports, by name. */
function controllerActions(ctx: AnalysisContext, directory: string, controller: string): Map<string, FunctionInfo> {
  const actions = new Map<string, FunctionInfo>();
  for (const [path, file] of ctx.files) {
    if (!path.startsWith(directory) || path.slice(directory.length).replace(/\.[cm]?[jt]s$/, '') !== controller) continue;
    const exported = exportedValue(file);
    if (!exported) continue;
    const core = coreFactoryCall(exported, 'createCoreController');
    const object = core ? returnedObject(core.arguments[1]) ?? asObject(core.arguments[1]) : returnedObject(exported) ?? asObject(exported);
    const facts = ctx.facts.get(path);
    if (!object || !facts) continue;
    for (const prop of object.properties) {
      if (prop.type !== 'Property') continue;
      const name = propertyName(prop.key, prop.computed);
      const value = unwrapExpression(prop.value);
      const info = name && isFunctionNode(value) ? facts.functionByNode.get(value) : undefined;
      if (name && info) actions.set(name, info);
    }
  }
  return actions;
}

function entryPoint(method: string, route: string, file: string, registration: TSESTree.Node, handlers: FunctionInfo[]): EntryPointInfo {
  const roles = handlers.filter((h) => h.node.params.length > 0).map((h) => ({ functionId: h.id, paramIndex: 0, role: 'koa-ctx' }));
  return handlerEntryPoint(method, route, 'strapi', file, registration, handlers, roles);
}

/** What a module exports as a whole: `module.exports = E`, `export default E` (the last one). */
function exportedValue(file: ParsedFile): TSESTree.Node | undefined {
  let value: TSESTree.Node | undefined;
  for (const statement of file.ast.body) {
    if (statement.type === 'ExportDefaultDeclaration') value = statement.declaration;
    else if (statement.type === 'ExpressionStatement' && statement.expression.type === 'AssignmentExpression') {
      const left = statement.expression.left;
      if (left.type === 'MemberExpression' && !left.computed && left.object.type === 'Identifier' && left.object.name === 'module' && left.property.type === 'Identifier' && left.property.name === 'exports') {
        value = statement.expression.right;
      }
    }
  }
  return value && unwrapExpression(value);
}

/** `createCoreRouter(…)` / `factories.createCoreController(…)`, whatever it was imported as. */
function coreFactoryCall(node: TSESTree.Node, name: string): TSESTree.CallExpression | undefined {
  const n = unwrapExpression(node);
  return n.type === 'CallExpression' && calleeName(n.callee) === name ? n : undefined;
}

function asObject(node: TSESTree.Node | undefined): TSESTree.ObjectExpression | undefined {
  const n = node && unwrapExpression(node);
  return n?.type === 'ObjectExpression' ? n : undefined;
}

/** The object literal a factory function returns (`({ strapi }) => ({ … })`, or its one `return { … }`). */
function returnedObject(node: TSESTree.Node | undefined): TSESTree.ObjectExpression | undefined {
  const fn = node && unwrapExpression(node);
  if (!fn || !isFunctionNode(fn)) return undefined;
  if (fn.body.type !== 'BlockStatement') return asObject(fn.body);
  const returns = fn.body.body.filter((s): s is TSESTree.ReturnStatement => s.type === 'ReturnStatement');
  return returns.length === 1 ? asObject(returns[0].argument ?? undefined) : undefined;
}

function parseUid(uid: string | undefined): { api: string; controller: string } | undefined {
  const m = uid ? /^api::([\w-]+)\.([\w-]+)$/.exec(uid) : null;
  return m ? { api: m[1], controller: m[2] } : undefined;
}

function stringList(node: TSESTree.Node | undefined): string[] | undefined {
  const n = node && unwrapExpression(node);
  if (n?.type !== 'ArrayExpression') return undefined;
  return n.elements.flatMap((e) => (e && e.type !== 'SpreadElement' && stringValue(e) !== undefined ? [stringValue(e)!] : []));
}

function joinPath(prefix: string, path: string): string {
  const joined = `${prefix.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`.replace(/\/{2,}/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

/** The usual English plural Strapi's generator gives a collection (`category` → `categories`). */
function plural(name: string): string {
  if (/[^aeiou]y$/.test(name)) return `${name.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(name)) return `${name}es`;
  return `${name}s`;
}
