// Spans the framework instrumentations create around registered functions: Express
// ("middleware - name", "router - /path", "request handler - /route"; `express.name`/`express.type`)
// and Koa ("middleware - name", "router - /route"; `koa.name`/`koa.type`) → the registered function.
import type { Span } from '../model/telemetry';
import { attrString } from './attributes';
import { functionsNamed, type MappedLocation, type MappingContext } from './context';
import { entryPointsForFlow, splitFlow } from './route-handlers';

const FRAMEWORK_SPAN_NAME = /^(middleware|router|request handler) - (.+)$/;
const ANONYMOUS = new Set(['<anonymous>', 'anonymous', 'bound dispatch', 'dispatch', '']);
/** Middleware the frameworks and common packages register themselves: never the project's function of the same name. */
const FRAMEWORK_MIDDLEWARE = new Set(['query', 'expressInit', 'jsonParser', 'urlencodedParser', 'textParser', 'rawParser', 'serveStatic', 'router', 'corsMiddleware', 'cookieParser', 'compression', 'helmet', 'logger', 'bodyParser', 'koaBody', 'routes', 'allowedMethods']);

export interface FrameworkSpan {
  framework: 'express' | 'koa' | 'unknown';
  type: 'middleware' | 'router' | 'request_handler';
  name: string;
  route?: string;
}

export function readFrameworkSpan(span: Span): FrameworkSpan | undefined {
  const a = span.attributes;
  const expressType = attrString(a, 'express.type');
  const koaType = attrString(a, 'koa.type');
  const byName = FRAMEWORK_SPAN_NAME.exec(span.name);
  if (!expressType && !koaType && !byName) return undefined;
  const framework = expressType ? 'express' : koaType ? 'koa' : 'unknown';
  const rawType = expressType ?? koaType ?? byName![1];
  const type = rawType === 'router' ? 'router' : /handler/.test(rawType) ? 'request_handler' : 'middleware';
  const name = (attrString(a, 'express.name', 'koa.name') ?? byName?.[2] ?? span.name).slice(0, 300);
  return { framework, type, name, route: attrString(a, 'http.route')?.slice(0, 1000) };
}

/** `flow` is the request's flow, giving the method the span itself does not carry. */
export function mapFrameworkSpan(ctx: MappingContext, span: Span, flow?: string): MappedLocation[] {
  const info = readFrameworkSpan(span);
  if (!info) return [];
  const key = `fw\0${info.type}\0${info.name}\0${info.route ?? ''}\0${flow ?? ''}`;
  const memo = ctx.memo.get(key);
  if (memo) return memo;
  const out = info.type === 'middleware' ? byRegisteredName(ctx, info) : byRoute(ctx, info, flow);
  ctx.memo.set(key, out);
  return out;
}

/** Koa's router layer and Express's request handler run the route's handlers. */
function byRoute(ctx: MappingContext, info: FrameworkSpan, flow?: string): MappedLocation[] {
  const route = info.route ?? (info.name.startsWith('/') ? info.name : undefined);
  if (!route) return [];
  // An Express "router - /api" span is a mounted router, not one handler: nothing precise to point at.
  if (info.type === 'router' && info.framework === 'express') return [];
  const method = flow ? splitFlow(flow).method : '*';
  return entryPointsForFlow(ctx.scan.entryPoints, `${method} ${route}`).flatMap(({ entry, score }) => {
    const i = entry.handlers.length - 1;
    if (i < 0) return [];
    return [{
      location: entry.handlers[i],
      via: 'framework-span',
      confidence: 0.85 * score,
      detail: `${info.framework} ${info.type.replace('_', ' ')} span for ${route} → ${entry.handlerNames[i] ?? 'handler'} of ${entry.flow}`,
    }];
  });
}

/** A middleware span names the function: first the entry points' handlers of that name, then any function of that name. */
function byRegisteredName(ctx: MappingContext, info: FrameworkSpan): MappedLocation[] {
  if (ANONYMOUS.has(info.name)) return [];
  const seen = new Set<string>();
  const out: MappedLocation[] = [];
  for (const entry of ctx.scan.entryPoints) {
    entry.handlerNames.forEach((name, i) => {
      const location = entry.handlers[i];
      if (name !== info.name || !location) return;
      const id = `${location.file}:${location.startLine}`;
      if (seen.has(id)) return;
      seen.add(id);
      out.push({ location, via: 'framework-span', confidence: 0.8, detail: `${info.framework} middleware "${info.name}" registered for ${entry.flow}` });
    });
  }
  if (out.length) return out.map((m) => ({ ...m, confidence: m.confidence / out.length }));
  if (FRAMEWORK_MIDDLEWARE.has(info.name)) return [];
  // Only a function of exactly that name (not a method `X.query` for a middleware "query").
  const named = functionsNamed(ctx, info.name).filter((f) => f.name === info.name);
  return named.slice(0, 3).map((f) => ({
    location: f.location,
    via: 'framework-span',
    confidence: 0.5 / named.length,
    detail: `${info.framework} middleware "${info.name}" → function ${f.name} in ${f.location.file}:${f.location.startLine}`,
  }));
}
