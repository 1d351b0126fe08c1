// Next.js: App Router route handlers (app/**/route.ts exporting GET/POST/...) and Pages Router API
// routes (pages/api/**, default export). Dynamic segments: [id] → :id, [...slug] → :slug*, (group) dropped.
import type { EntryPointInfo } from '../project/types';
import type { AnalysisContext } from '../project/context';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
const APP_ROUTE = /^(?:.*\/)?(?:src\/)?app\/(.*?)\/?route\.(?:[cm]?[jt]sx?)$/;
const PAGES_API = /^(?:.*\/)?(?:src\/)?pages\/(api(?:\/.*)?)\.(?:[cm]?[jt]sx?)$/;

/** A path Next.js would serve as a route handler or API route. */
export function isNextRouteFile(path: string): boolean {
  return APP_ROUTE.test(path) || PAGES_API.test(path);
}

export function nextRouteFromSegments(path: string): string {
  const segments = path
    .split('/')
    .filter((s) => s && !/^\(.*\)$/.test(s) && !s.startsWith('@'))
    .map((s) => s.replace(/^\[\[\.\.\.(.+)\]\]$/, ':$1*').replace(/^\[\.\.\.(.+)\]$/, ':$1*').replace(/^\[(.+)\]$/, ':$1'));
  return '/' + segments.join('/');
}

export function findNextEntryPoints(ctx: AnalysisContext): EntryPointInfo[] {
  const out: EntryPointInfo[] = [];
  for (const [file, facts] of ctx.facts) {
    const app = APP_ROUTE.exec(file);
    const pages = app ? undefined : PAGES_API.exec(file);
    if (!app && !pages) continue;
    const route = app ? nextRouteFromSegments(app[1]) : nextRouteFromSegments(pages![1].replace(/\/index$/, ''));
    const exported = app ? METHODS.filter((m) => facts.exports.has(m)).map((m) => [m, m] as const) : facts.exports.has('default') ? [['*', 'default'] as const] : [];
    for (const [method, exportName] of exported) {
      const fns = ctx.linker.resolve(facts.exports.get(exportName)).flatMap((v) => (v.k === 'fn' ? [v.id] : []));
      const infos = fns.map((id) => ctx.functions.get(id)!).filter(Boolean);
      out.push({
        flow: `${method} ${route}`,
        method,
        route,
        framework: 'nextjs',
        registration: infos[0]?.location ?? { file, startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
        handlers: infos.map((f) => f.location),
        handlerNames: infos.map((f) => f.name),
        handlerFunctionIds: fns,
        requestParams: infos.flatMap((f) => {
          const roles = [];
          if (f.node.params.length > 0) roles.push({ functionId: f.id, paramIndex: 0, role: app ? 'web-request' : 'express-req' });
          if (app && f.node.params.length > 1) roles.push({ functionId: f.id, paramIndex: 1, role: 'next-context' });
          return roles;
        }),
      });
    }
  }
  return out;
}
