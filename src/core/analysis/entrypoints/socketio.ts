// socket.io: `io.on('connection', (socket) => { socket.on('add', async (monitor, ack) => { … }) })`.
// Each event a connected socket listens to is an entry point (`SOCKET add`, `SOCKET /chat add` on a
// namespace): a client sends its arguments, so every parameter of the handler is request data. The
// socket may be handed to project functions that register more events (`registerApiKeyHandlers(socket)`).
// The server is a `new Server(…)` of 'socket.io' or `require('socket.io')(…)`, and `io.of('/ns')` a
// namespace; in a project that imports socket.io, a server the linker cannot follow (kept on an
// application object: `server.io`) counts too, as long as its connection callback's socket registers events.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { EntryPointInfo, FunctionInfo, RequestParamRole } from '../project/types';
import type { AnalysisContext } from '../project/context';
import { isFunctionNode, locationOf, propertyName, unwrapExpression, type FileFacts } from '../project/collect';
import type { ValueRef } from '../project/values';
import { stringValue } from './routes';

/** Events socket.io itself emits on a socket: lifecycle, not a client's message. */
const RESERVED_EVENTS = new Set(['disconnect', 'disconnecting', 'error', 'newListener', 'removeListener', 'close', 'end', 'timeout', 'drain', 'finish']);
/** How deep the socket is followed into the functions it is handed to. */
const MAX_HANDOFF_DEPTH = 3;

export function findSocketIoEntryPoints(ctx: AnalysisContext): EntryPointInfo[] {
  const out: EntryPointInfo[] = [];
  if (![...ctx.facts.values()].some((f) => f.specifiers.has('socket.io'))) return out;
  for (const facts of ctx.facts.values()) {
    for (const { node } of facts.calls) {
      if (node.type !== 'CallExpression' || node.arguments.length < 2) continue;
      const callee = unwrapExpression(node.callee);
      if (callee.type !== 'MemberExpression' || propertyName(callee.property, callee.computed) !== 'on') continue;
      const event = stringValue(node.arguments[0] as TSESTree.Node);
      if (event !== 'connection' && event !== 'connect') continue;
      const namespace = serverNamespace(ctx, facts, callee.object as TSESTree.Node, 0) ?? (unknownValue(ctx, facts, callee.object as TSESTree.Node) ? '' : undefined);
      if (namespace === undefined) continue;
      for (const fn of functionsOf(ctx, facts, node.arguments[1] as TSESTree.Node)) {
        collectEvents(ctx, fn, 0, namespace, new Set(), out);
      }
    }
  }
  return out;
}

/** '' for the server itself, '/chat' for `io.of('/chat')`; undefined when the value is no socket.io server. */
function serverNamespace(ctx: AnalysisContext, facts: FileFacts, raw: TSESTree.Node, depth: number): string | undefined {
  if (depth > 4) return undefined;
  const node = unwrapExpression(raw);
  if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && propertyName(node.callee.property, node.callee.computed) === 'of') {
    const outer = serverNamespace(ctx, facts, node.callee.object as TSESTree.Node, depth + 1);
    const name = stringValue(node.arguments[0] as TSESTree.Node);
    return outer === undefined || name === undefined ? undefined : name === '/' ? outer : name;
  }
  return madeBySocketIo(ctx, facts.evaluate(node), 0) ? '' : undefined;
}

/** `new Server(…)` / `new (require('socket.io').Server)(…)` / `require('socket.io')(…)` / `socketIo.listen(…)`. */
function madeBySocketIo(ctx: AnalysisContext, ref: ValueRef | undefined, depth: number): boolean {
  if (!ref || depth > 4) return false;
  if (ref.k === 'new' || ref.k === 'call') {
    const made = ref.k === 'new' ? ref.of : ref.callee;
    return ctx.linker.resolve(made).some((v) => v.k === 'package' && v.name === 'socket.io');
  }
  return false;
}

/** A value the linker knows nothing of (not an app, a router, a client or another package's object). */
function unknownValue(ctx: AnalysisContext, facts: FileFacts, node: TSESTree.Node): boolean {
  return ctx.linker.resolve(facts.evaluate(node)).length === 0;
}

function functionsOf(ctx: AnalysisContext, facts: FileFacts, raw: TSESTree.Node): FunctionInfo[] {
  const node = unwrapExpression(raw);
  if (isFunctionNode(node)) {
    const info = facts.functionByNode.get(node);
    return info ? [info] : [];
  }
  return ctx.linker
    .resolve(facts.evaluate(node))
    .flatMap((v) => (v.k === 'fn' ? [ctx.functions.get(v.id)] : []))
    .filter((f): f is FunctionInfo => !!f);
}

/**
 * The events registered on the socket `fn` receives as its first parameter (the connection callback,
 * or a function the socket is handed to, at the parameter it is handed in as `index`).
 */
function collectEvents(ctx: AnalysisContext, fn: FunctionInfo, index: number, namespace: string, seen: Set<string>, out: EntryPointInfo[], depth = 0): void {
  const key = `${fn.id}#${index}`;
  if (seen.has(key) || depth > MAX_HANDOFF_DEPTH) return;
  seen.add(key);
  const facts = ctx.facts.get(fn.file);
  const param = fn.node.params[index];
  if (!facts || param?.type !== 'Identifier') return;
  // A read of the parameter: its variable is the one the parameter declares.
  const isSocket = (n: TSESTree.Node) => {
    const x = unwrapExpression(n);
    return x.type === 'Identifier' && !!facts.variableOf(x)?.defs.some((d) => d.name === param);
  };
  for (const { node } of facts.calls) {
    if (node.type !== 'CallExpression' || node.range[0] < fn.node.range[0] || node.range[1] > fn.node.range[1]) continue;
    const callee = unwrapExpression(node.callee);
    // `socket.on('add', handler)`
    if (callee.type === 'MemberExpression' && isSocket(callee.object as TSESTree.Node) && propertyName(callee.property, callee.computed) === 'on' && node.arguments.length >= 2) {
      const event = stringValue(node.arguments[0] as TSESTree.Node);
      if (event === undefined || RESERVED_EVENTS.has(event)) continue;
      const handlers = functionsOf(ctx, facts, node.arguments[node.arguments.length - 1] as TSESTree.Node);
      if (!handlers.length) continue;
      const route = namespace ? `${namespace} ${event}` : event;
      out.push({
        flow: `SOCKET ${route}`,
        method: 'SOCKET',
        route,
        framework: 'socket.io',
        registration: locationOf(fn.file, node),
        handlers: handlers.map((h) => h.location),
        handlerNames: handlers.map((h) => h.name),
        handlerFunctionIds: handlers.map((h) => h.id),
        // What the client emits arrives as the handler's arguments.
        requestParams: handlers.flatMap((h) => h.node.params.map((_, i): RequestParamRole => ({ functionId: h.id, paramIndex: i, role: 'request-value' }))),
      });
      continue;
    }
    // `registerHandlers(socket)`: the function registers events on it too.
    node.arguments.forEach((arg, i) => {
      if (arg.type === 'SpreadElement' || !isSocket(arg)) return;
      for (const target of functionsOf(ctx, facts, node.callee as TSESTree.Node)) collectEvents(ctx, target, i, namespace, seen, out, depth + 1);
    });
  }
}
