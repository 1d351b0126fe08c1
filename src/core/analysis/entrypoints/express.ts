// Express: app/router .get/.post/.put/.patch/.delete/.all/.use/.route('/x').get(...), and routers
// mounted with app.use('/prefix', router) — also across modules; app.param('id', fn) callbacks.
import { HTTP_METHODS, registerVerb, useOrMount, type RouteCollector, type RouterCall, type RouterRef } from './routes';

export function expressRouterCall(r: RouterCall, receiver: RouterRef, c: RouteCollector): boolean {
  if (r.method === 'use') {
    useOrMount(r, receiver, c);
    return true;
  }
  if (r.method === 'param') {
    c.registerParam(r, receiver);
    return true;
  }
  if (HTTP_METHODS.has(r.method)) {
    registerVerb(r, receiver, c);
    return true;
  }
  return false;
}
