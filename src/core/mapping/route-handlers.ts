// A flow ("POST /orders/:id/redeem") → the handler functions registered for it, from the scan's
// entry points. Route templates are compared with parameter names erased (":id", "{id}", "[id]"),
// and a concrete path (a flow built from URLs) is matched against each route as a pattern.
import type { EntryPoint } from '../model/code';
import type { MappedLocation, MappingContext } from './context';

export function splitFlow(flow: string): { method: string; route: string } {
  const space = flow.indexOf(' ');
  if (space < 0 || !flow.startsWith('/', space + 1)) return { method: '*', route: flow };
  return { method: flow.slice(0, space).toUpperCase(), route: flow.slice(space + 1) };
}

/** "/orders/:id(\\d+)/" and "/orders/{orderId}" both become "/orders/:". */
export function normalizeRoute(route: string): string {
  const path = route.split('?')[0];
  const normalized = path
    .replace(/:[A-Za-z_][A-Za-z0-9_]*(?:\([^)]*\))?\??/g, ':')
    .replace(/\{[^}/]*\}/g, ':')
    .replace(/\[\[?\.{0,3}[^\]/]*\]?\]/g, ':')
    .replace(/<[^>/]*>/g, ':')
    .replace(/\/+$/, '');
  return normalized || '/';
}

function routePattern(route: string): RegExp {
  const parts = normalizeRoute(route)
    .split('/')
    .map((segment) => (segment === ':' ? '[^/]+' : segment === '*' ? '.*' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  return new RegExp(`^${parts.join('/')}/?$`);
}

function methodMatches(entry: EntryPoint, method: string): 'same' | 'any' | undefined {
  const own = entry.method.toUpperCase();
  if (own === method) return 'same';
  if (own === '*' || own === 'ALL' || method === '*') return 'any';
  return undefined;
}

const matchesByEntries = new WeakMap<EntryPoint[], Map<string, Array<{ entry: EntryPoint; score: number }>>>();

/** Entry points for a flow, with how well each matches (1 exact, lower for weaker matches). Memoized per entry-point list. */
export function entryPointsForFlow(entries: EntryPoint[], flow: string): Array<{ entry: EntryPoint; score: number }> {
  let byFlow = matchesByEntries.get(entries);
  if (!byFlow) matchesByEntries.set(entries, (byFlow = new Map()));
  let found = byFlow.get(flow);
  if (!found) {
    found = matchEntryPoints(entries, flow);
    if (byFlow.size < 10_000) byFlow.set(flow, found);
  }
  return found;
}

function matchEntryPoints(entries: EntryPoint[], flow: string): Array<{ entry: EntryPoint; score: number }> {
  if (flow.startsWith('GRAPHQL ')) return graphqlEntryPoints(entries, flow.slice('GRAPHQL '.length));
  // A socket event (`SOCKET /chat add`, `WS message`) or a queue's (`MESSAGE orders`, `JOB emails`) is its entry point's own name: no route pattern to match.
  // A consumer whose topics the code does not name (`MESSAGE *`) may be the one.
  if (flow.startsWith('MESSAGE ')) return entries.filter((e) => e.flow === flow || e.flow === 'MESSAGE *').map((entry) => ({ entry, score: entry.flow === flow ? 1 : 0.6 }));
  if (flow.startsWith('SOCKET ') || flow.startsWith('WS ') || flow.startsWith('JOB ')) return entries.filter((e) => e.flow === flow).map((entry) => ({ entry, score: 1 }));
  const { method, route } = splitFlow(flow);
  const wanted = normalizeRoute(route);
  const out: Array<{ entry: EntryPoint; score: number }> = [];
  for (const entry of entries) {
    // A path the analyzer could not compute matches nothing: a guess (its prefix, any path) would take
    // flows from the routes that are known, or from other services. Its handlers are still analyzed,
    // and a finding under them still names it (`GET /api/(unknown)`).
    if (entry.pathUnknown) continue;
    const byMethod = methodMatches(entry, method);
    if (!byMethod) continue;
    const methodFactor = byMethod === 'same' ? 1 : 0.6;
    const own = normalizeRoute(entry.route);
    if (entry.flow === flow || own === wanted) out.push({ entry, score: (own === wanted && entry.route !== route ? 0.95 : 1) * methodFactor });
    else if (wanted.length < 2048 && routePattern(entry.route).test(wanted)) out.push({ entry, score: 0.8 * methodFactor });
  }
  const best = Math.max(0, ...out.map((o) => o.score));
  // Middleware mounted for every method ("*") counts only when no route of this method matched.
  return out.filter((o) => o.score === best || o.score >= 0.8);
}

/**
 * A GraphQL operation's flow (`Query.product+user`, detect/graphql-operation.ts) and the resolvers of
 * its root fields: each one exactly when it is the only field, else one of several that ran.
 */
function graphqlEntryPoints(entries: EntryPoint[], route: string): Array<{ entry: EntryPoint; score: number }> {
  const dot = route.indexOf('.');
  if (dot < 0) return [];
  const type = route.slice(0, dot);
  const fields = route.slice(dot + 1).split('+');
  const wanted = new Set(fields.map((f) => `${type}.${f}`));
  const score = fields.length === 1 ? 1 : 0.9;
  return entries.filter((e) => e.method === 'GRAPHQL' && wanted.has(e.route)).map((entry) => ({ entry, score }));
}

export function mapFlowToHandlers(ctx: MappingContext, flow: string): MappedLocation[] {
  const key = `flow\0${flow}`;
  const memo = ctx.memo.get(key);
  if (memo) return memo;
  const out: MappedLocation[] = [];
  for (const { entry, score } of entryPointsForFlow(ctx.scan.entryPoints, flow)) {
    entry.handlers.forEach((handler, i) => {
      // The last handler is the route's own; the ones before it are middleware on the way.
      const own = i === entry.handlers.length - 1;
      out.push({
        location: handler,
        via: 'route',
        confidence: (own ? 0.9 : 0.5) * score,
        detail: `${flow} → ${entry.handlerNames[i] ?? 'handler'} registered at ${entry.registration.file}:${entry.registration.startLine} (${entry.flow})`,
      });
    });
  }
  ctx.memo.set(key, out);
  return out;
}
