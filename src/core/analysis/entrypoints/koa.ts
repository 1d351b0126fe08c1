// Koa with @koa/router: new Router({ prefix }), router.get('/x', ...) (also named routes
// router.get('name', '/x', ...)), router.prefix('/p'), router.use('/p', other.routes()), app.use(router.routes()),
// router.param('id', fn).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { HTTP_METHODS, registerVerb, useOrMount, type RouteCollector, type RouterCall, type RouterRef } from './routes';

export function koaRouterCall(r: RouterCall, receiver: RouterRef, c: RouteCollector): boolean {
  if (r.method === 'use') {
    useOrMount(r, receiver, c);
    return true;
  }
  if (r.method === 'param') {
    c.registerParam(r, receiver);
    return true;
  }
  if (r.method === 'prefix') {
    // The prefix replaces the router's: alternatives (`flag ? '/a' : '/b'`) cannot both be it.
    const prefixes = c.pathsOf(r.facts, r.call.arguments[0] as TSESTree.Node | undefined);
    if (prefixes?.length !== 1) return false;
    c.prefixes.push({ routerKey: receiver.key, prefix: prefixes[0] });
    return true;
  }
  if (HTTP_METHODS.has(r.method)) {
    const args = r.call.arguments as TSESTree.Node[];
    const named = c.pathsOf(r.facts, args[0]) !== undefined && c.pathsOf(r.facts, args[1]) !== undefined;
    registerVerb(r, receiver, c, named ? 1 : 0);
    return true;
  }
  return false;
}
