// Finds the entry points of a project: route registrations of each framework, with full templates;
// a library's exported functions when there are no routes.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Framework } from '../../model/code';
import type { EntryPointInfo } from '../project/types';
import type { AnalysisContext } from '../project/context';
import { propertyName, unwrapExpression } from '../project/collect';
import { RouteCollector, fileFramework, type RouterCall, type RouterRef } from './routes';
import { expressRouterCall } from './express';
import { koaRouterCall } from './koa';
import { honoRouterCall } from './hono';
import { fastifyRouterCall } from './fastify';
import { findNestEntryPoints } from './nestjs';
import { findNextEntryPoints } from './nextjs';
import { findLibraryEntryPoints } from './library';

type RouterCallHandler = (r: RouterCall, receiver: RouterRef, c: RouteCollector) => boolean;

const HANDLERS: Record<string, RouterCallHandler> = {
  express: expressRouterCall,
  http: expressRouterCall,
  koa: koaRouterCall,
  hono: honoRouterCall,
  fastify: fastifyRouterCall,
};

/** Methods worth resolving the receiver of; anything else cannot register a route. */
const ROUTER_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'head', 'options', 'use', 'route', 'register', 'on']);

export function findEntryPoints(ctx: AnalysisContext): EntryPointInfo[] {
  const collector = new RouteCollector(ctx);
  // Registrations on function parameters (plugins, routes(app) modules) wait until mounts are known.
  const deferred: Array<{ r: RouterCall; receiver: RouterRef }> = [];
  for (const [file, facts] of ctx.facts) {
    let framework: Framework | undefined;
    for (const { node } of facts.calls) {
      if (node.type !== 'CallExpression') continue;
      const callee = unwrapExpression(node.callee);
      if (callee.type !== 'MemberExpression') continue;
      const method = propertyName(callee.property, callee.computed);
      if (!method || !ROUTER_METHODS.has(method)) continue;
      const receivers = collector.routerRefsOf(facts, callee.object as TSESTree.Node);
      if (!receivers.length) continue;
      framework ??= fileFramework(ctx.files.get(file)!.text);
      const r: RouterCall = { file, facts, call: node, method, receivers, fileFramework: framework };
      for (const receiver of receivers) {
        if (receiver.framework) HANDLERS[receiver.framework]?.(r, receiver, collector);
        else deferred.push({ r, receiver });
      }
    }
  }
  // A function called with a router argument (`require('./routes')(app)`) uses it as that router.
  linkRouterArguments(ctx, collector);
  // Mount-making calls first, so a nested plugin knows its framework before its routes are read.
  const mountsFirst = (d: { r: RouterCall }): number => (d.r.method === 'register' || d.r.method === 'use' || d.r.method === 'route' ? 0 : 1);
  deferred.sort((a, b) => mountsFirst(a) - mountsFirst(b));
  for (const { r, receiver } of deferred) HANDLERS[collector.frameworkOf(receiver, r.fileFramework)]?.(r, receiver, collector);
  const routes = [...collector.entryPoints(), ...findNestEntryPoints(ctx), ...findNextEntryPoints(ctx)];
  const entryPoints = routes.length ? routes : findLibraryEntryPoints(ctx);
  return dedupeByFlowAndHandlers(entryPoints);
}

function linkRouterArguments(ctx: AnalysisContext, collector: RouteCollector): void {
  for (const facts of ctx.facts.values()) {
    for (const { node } of facts.calls) {
      if (node.type !== 'CallExpression' || node.arguments.length === 0) continue;
      const targets = ctx.linker.resolve(facts.evaluate(node.callee)).flatMap((v) => (v.k === 'fn' ? [v.id] : []));
      if (!targets.length) continue;
      node.arguments.forEach((arg, index) => {
        if (arg.type === 'SpreadElement' || arg.type === 'Identifier' || arg.type === 'MemberExpression' || arg.type === 'CallExpression') {
          const routers = collector.routerRefsOf(facts, arg as TSESTree.Node);
          for (const parent of routers) for (const fnId of targets) collector.addMount(parent, '', { key: `param:${fnId}:${index}`, prefix: '' });
        }
      });
    }
  }
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
