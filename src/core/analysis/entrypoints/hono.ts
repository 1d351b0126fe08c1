// Hono: app.get('/x', h), app.on('GET', '/x', h), app.use('/x/*', mw), app.route('/p', sub), and
// app.basePath('/api') (a derived router, see project/collect.ts).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { HTTP_METHODS, handlerArgs, registerVerb, useOrMount, type RouteCollector, type RouterCall, type RouterRef } from './routes';
import { UNKNOWN_PATH } from './unknown-path';

export function honoRouterCall(r: RouterCall, receiver: RouterRef, c: RouteCollector): boolean {
  const args = r.call.arguments as TSESTree.Node[];
  if (r.method === 'route' && args.length >= 2) {
    // A prefix that cannot be computed mounts the child below a path marked unknown.
    const prefixes = c.pathsOf(r.facts, args[0]) ?? [UNKNOWN_PATH];
    for (const prefix of prefixes) for (const child of c.routerRefsOf(r.facts, args[1])) c.addMount(receiver, prefix, child);
    return true;
  }
  if (r.method === 'use') {
    useOrMount(r, receiver, c);
    return true;
  }
  if (r.method === 'on' && args.length >= 3) {
    const methods = c.pathsOf(r.facts, args[0]) ?? [];
    const paths = c.pathsOf(r.facts, args[1]) ?? [];
    for (const method of methods) for (const path of paths) c.register(r, receiver, method.toLowerCase(), path, handlerArgs(args.slice(2)));
    return true;
  }
  if (HTTP_METHODS.has(r.method)) {
    registerVerb(r, receiver, c);
    return true;
  }
  return false;
}
