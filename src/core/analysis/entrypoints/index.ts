// Finds the entry points of a project: route registrations of each framework, with full templates;
// a library's exported functions when there are no routes. Registrations and mounts are collected
// per file (cacheable) and composed for the whole project.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Framework } from '../../model/code';
import type { EntryPointInfo } from '../project/types';
import type { AnalysisContext } from '../project/context';
import { propertyName, unwrapExpression, type FileFacts } from '../project/collect';
import { RouteCollector, composeEntryPoints, fileFramework, type FileRoutes, type RouterCall, type RouterRef } from './routes';
import { expressRouterCall } from './express';
import { koaRouterCall } from './koa';
import { honoRouterCall } from './hono';
import { fastifyRouterCall } from './fastify';
import { findNestEntryPoints } from './nestjs';
import { findNextEntryPoints } from './nextjs';
import { findStrapiEntryPoints } from './strapi';
import { findSocketIoEntryPoints } from './socketio';
import { findGraphqlEntryPoints } from './graphql';
import { findWsEntryPoints } from './ws';
import { findQueueEntryPoints } from './queues';
export { QUEUE_PACKAGES } from './queues';
export { isNextRouteFile } from './nextjs';
export { isStrapiApiFile } from './strapi';
import { findLibraryEntryPoints } from './library';
import { ROUTER_METHODS, paramTableRegistrations, tableCalls } from './tables';
import { tableEntries } from './table-entries';
import { isVerbFirstCandidate, verbFirstRegistration } from './verb-first';

export type { FileRoutes } from './routes';

type RouterCallHandler = (r: RouterCall, receiver: RouterRef, c: RouteCollector) => boolean;

const HANDLERS: Record<string, RouterCallHandler> = {
  express: expressRouterCall,
  http: expressRouterCall,
  koa: koaRouterCall,
  hono: honoRouterCall,
  fastify: fastifyRouterCall,
};

/**
 * A function parameter used as an app or router (a Fastify plugin, a `routes(app)` module): its
 * framework is only known once mounts are composed, so each framework's special shapes are tried;
 * they do not overlap (route({..}) is Fastify, route('/p', sub) and on() are Hono).
 */
const anyFrameworkCall: RouterCallHandler = (r, receiver, c) => {
  const args = r.call.arguments.length;
  if (r.method === 'register' || (r.method === 'route' && args === 1)) return fastifyRouterCall(r, receiver, c);
  if (r.method === 'route' || r.method === 'on') return honoRouterCall(r, receiver, c);
  return koaRouterCall(r, receiver, c);
};

/** Hands a registration to each receiver's framework (every framework's shapes for an untyped parameter). */
function dispatchTo(receivers: RouterRef[], collector: RouteCollector): (r: RouterCall) => void {
  return (r) => {
    for (const receiver of receivers) (receiver.framework ? HANDLERS[receiver.framework] : anyFrameworkCall)?.(r, receiver, collector);
  };
}

/** One file's registrations and mounts. */
export function collectFileRoutes(ctx: AnalysisContext, file: string): FileRoutes {
  const collector = new RouteCollector(ctx);
  const facts = ctx.facts.get(file);
  if (!facts) return collector;
  let framework: Framework | undefined;
  for (const { node } of facts.calls) {
    if (node.type !== 'CallExpression') continue;
    const callee = unwrapExpression(node.callee);
    if (callee.type === 'MemberExpression') {
      const method = propertyName(callee.property, callee.computed);
      // `app[r.method](...)` names its method with data: only a route table can tell which.
      if ((method && ROUTER_METHODS.has(method)) || (method === undefined && callee.computed)) {
        const receivers = collector.routerRefsOf(facts, callee.object as TSESTree.Node);
        if (receivers.length) {
          framework ??= fileFramework(ctx.files.get(file)!.text);
          const dispatch = dispatchTo(receivers, collector);
          const table = tableCalls(ctx, facts, node);
          if (table) dispatchTable(collector, table, { file, facts, call: node, method: method ?? '', receivers, fileFramework: framework }, dispatch);
          else if (method) dispatch({ file, facts, call: node, method, receivers, fileFramework: framework });
        } else if (isVerbFirstCandidate(method, node)) {
          framework ??= fileFramework(ctx.files.get(file)!.text);
          verbFirstRegistration({ file, facts, call: node, method: method!, receivers, fileFramework: framework }, collector);
        }
      }
    }
    if (node.arguments.length) {
      const targets = linkRouterArguments(ctx, collector, facts, node);
      if (targets.length) framework = linkTableArguments(ctx, collector, file, facts, node, targets, framework);
    }
  }
  return collector;
}

/** Each table entry's version of a registration call, dispatched with its method and arguments (nodes of other files noted). */
function dispatchTable(collector: RouteCollector, table: ReturnType<typeof tableCalls> & object, r: RouterCall, dispatch: (r: RouterCall) => void): void {
  for (const entry of table) {
    const entryMethod = entry.method ?? r.method;
    if (!entryMethod) continue;
    for (const arg of [...entry.args, ...entry.nested]) if (arg.facts !== r.facts) collector.noteOtherFile(arg.node, arg.facts);
    const call = { ...r.call, arguments: entry.args.map((a) => a.node) } as TSESTree.CallExpression;
    dispatch({ ...r, call, method: entryMethod });
  }
}

/** A project function called with a router argument (`require('./routes')(app)`) uses it as that router. Returns the call's project targets. */
function linkRouterArguments(ctx: AnalysisContext, collector: RouteCollector, facts: FileFacts, node: TSESTree.CallExpression): string[] {
  if (!node.arguments.some((a) => ROUTER_ARGUMENT_TYPES.has(a.type))) return [];
  const targets = ctx.linker.resolve(facts.evaluate(node.callee)).flatMap((v) => (v.k === 'fn' ? [v.id] : []));
  if (!targets.length) return targets;
  node.arguments.forEach((arg, index) => {
    if (!ROUTER_ARGUMENT_TYPES.has(arg.type)) return;
    for (const parent of collector.routerRefsOf(facts, arg as TSESTree.Node)) {
      for (const fnId of targets) collector.addMount(parent, '', { key: `param:${fnId}:${index}`, prefix: '' });
    }
  });
  return targets;
}

const ROUTER_ARGUMENT_TYPES = new Set(['Identifier', 'MemberExpression', 'CallExpression', 'NewExpression']);

/**
 * A call of a project function that registers routes from a table parameter
 * (`mountEndpoints(router, endpoints)`): its registrations, with this call's table and router. They
 * are this file's (the table is this call's), registered at the function's calls.
 */
function linkTableArguments(ctx: AnalysisContext, collector: RouteCollector, file: string, facts: FileFacts, node: TSESTree.CallExpression, targets: string[], framework: Framework | undefined): Framework | undefined {
  for (const fnId of new Set(targets)) {
    const info = ctx.functions.get(fnId);
    const helperFacts = info && ctx.facts.get(info.file);
    if (!info || !helperFacts) continue;
    for (const reg of paramTableRegistrations(helperFacts).get(info.node) ?? []) {
      const arg = node.arguments[reg.paramIndex];
      if (!arg || arg.type === 'SpreadElement') continue;
      const entries = tableEntries(ctx, facts, { mode: reg.mode, expression: arg });
      if (!entries.length) continue;
      // The router: this call's argument when the helper's receiver is a parameter, else the helper's own.
      const callee = unwrapExpression(reg.call.callee) as TSESTree.MemberExpression;
      const receiverArg = reg.receiverIndex !== undefined ? node.arguments[reg.receiverIndex] : undefined;
      const receivers = receiverArg ? collector.routerRefsOf(facts, receiverArg as TSESTree.Node) : collector.routerRefsOf(helperFacts, callee.object as TSESTree.Node);
      const table = receivers.length ? tableCalls(ctx, helperFacts, reg.call, entries) : undefined;
      if (!table) continue;
      framework ??= fileFramework(ctx.files.get(file)!.text);
      if (info.file !== file) collector.noteOtherFile(reg.call, helperFacts);
      const method = propertyName(callee.property, callee.computed) ?? '';
      dispatchTable(collector, table, { file: info.file, facts: helperFacts, call: reg.call, method, receivers, fileFramework: framework }, dispatchTo(receivers, collector));
    }
  }
  return framework;
}

export function findEntryPoints(ctx: AnalysisContext, fileRoutes: Iterable<FileRoutes>): EntryPointInfo[] {
  const routes = [...composeEntryPoints(ctx, fileRoutes), ...findNestEntryPoints(ctx), ...findNextEntryPoints(ctx), ...findStrapiEntryPoints(ctx), ...findSocketIoEntryPoints(ctx), ...findGraphqlEntryPoints(ctx), ...findWsEntryPoints(ctx), ...findQueueEntryPoints(ctx)];
  // Library entry points are one per exported function: unique already.
  return routes.length ? dedupeByFlowAndHandlers(routes) : findLibraryEntryPoints(ctx);
}

function dedupeByFlowAndHandlers(list: EntryPointInfo[]): EntryPointInfo[] {
  const seen = new Set<string>();
  return list.filter((e) => {
    const key = `${e.flow}\0${e.handlerFunctionIds.join(',')}\0${e.registration.file}:${e.registration.startLine}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
