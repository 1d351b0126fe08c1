// Fastify: shorthand methods (fastify.get('/x', [opts], handler)), route({ method, url, handler }),
// and register(plugin, { prefix }) — the plugin's first parameter is a child instance under the prefix;
// register(autoload, { dir }) mounts the plugin files of a directory (./autoload.ts).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isAutoload, registerAutoload } from './autoload';
import { HTTP_METHODS, handlerArgs, objectProperty, registerVerb, type RouteCollector, type RouterCall, type RouterRef } from './routes';
import { UNKNOWN_PATH } from './unknown-path';

export function fastifyRouterCall(r: RouterCall, receiver: RouterRef, c: RouteCollector): boolean {
  const args = r.call.arguments as TSESTree.Node[];
  if (r.method === 'route' && args.length === 1) {
    const options = args[0];
    // A method that is not a literal (a route table's variable entry) may be any: over-approximated as all.
    const methodNode = objectProperty(options, 'method');
    const methods = c.pathsOf(r.facts, methodNode) ?? (methodNode ? ['all'] : []);
    const urlNode = objectProperty(options, 'url') ?? objectProperty(options, 'path');
    const urls = c.pathsOf(r.facts, urlNode);
    const handlers = handlerArgs([options]);
    // A url that cannot be computed registers the handler at a path marked unknown, as other registrations do.
    if (!urls && urlNode && handlers.some((h) => c.handlerFunctions(r.facts, h).length)) {
      for (const method of methods) c.register(r, receiver, method.toLowerCase(), UNKNOWN_PATH, handlers, true);
    }
    for (const url of urls ?? []) for (const method of methods) c.register(r, receiver, method.toLowerCase(), url, handlers);
    return true;
  }
  if (r.method === 'register' && args.length >= 1) {
    if (isAutoload(c, r.facts, args[0])) {
      registerAutoload(r, receiver, c, args[1]);
      return true;
    }
    // A prefix option that cannot be computed mounts the plugin below a path marked unknown.
    const prefixNode = objectProperty(args[1], 'prefix');
    const prefixes = c.pathsOf(r.facts, prefixNode) ?? [prefixNode ? UNKNOWN_PATH : ''];
    for (const pluginId of c.handlerFunctions(r.facts, args[0])) {
      for (const prefix of prefixes) c.addMount(receiver, prefix, { key: `param:${pluginId}:0`, framework: 'fastify', prefix: '' });
    }
    return true;
  }
  if (HTTP_METHODS.has(r.method)) {
    registerVerb(r, receiver, c);
    return true;
  }
  return false;
}
