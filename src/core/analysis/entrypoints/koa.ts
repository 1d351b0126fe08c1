// Koa with @koa/router: new Router({ prefix }), router.get('/x', ...) (also named routes
// router.get('name', '/x', ...)), router.use('/p', other.routes()), app.use(router.routes()).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { HTTP_METHODS, registerVerb, routePaths, useOrMount, type RouteCollector, type RouterCall, type RouterRef } from './routes';

export function koaRouterCall(r: RouterCall, receiver: RouterRef, c: RouteCollector): boolean {
  if (r.method === 'use') {
    useOrMount(r, receiver, c);
    return true;
  }
  if (HTTP_METHODS.has(r.method)) {
    const args = r.call.arguments as TSESTree.Node[];
    const named = routePaths(args[0]) !== undefined && routePaths(args[1]) !== undefined;
    registerVerb(r, receiver, c, named ? 1 : 0);
    return true;
  }
  return false;
}
