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
import { propertyName, unwrapExpression, type FileFacts } from '../project/collect';
import type { ValueRef } from '../project/values';
import { stringValue } from './routes';
import { functionsOf, handlerEntryPoint } from './handler-functions';
import { connectionCallbacks, socketListeners, type ListenerShape } from './socket-listeners';

/** Events socket.io itself emits on a socket: lifecycle, not a client's message. */
const RESERVED_EVENTS = new Set(['disconnect', 'disconnecting', 'error', 'newListener', 'removeListener', 'close', 'end', 'timeout', 'drain', 'finish']);

export function findSocketIoEntryPoints(ctx: AnalysisContext): EntryPointInfo[] {
  const out: EntryPointInfo[] = [];
  for (const { facts, receiver, callback } of connectionCallbacks(ctx, 'socket.io', CONNECTION_EVENTS)) {
    const namespace = serverNamespace(ctx, facts, receiver, 0) ?? (unknownValue(ctx, facts, receiver) ? '' : undefined);
    if (namespace === undefined) continue;
    for (const fn of functionsOf(ctx, facts, callback)) collectEvents(ctx, fn, namespace, out);
  }
  return out;
}

const CONNECTION_EVENTS = new Set(['connection', 'connect']);

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

const SOCKET_IO_LISTENERS: ListenerShape = { methods: new Set(['on']), handlerArgument: 'last' };

/** The events registered on the socket `fn` receives as its first parameter (the connection callback's). */
function collectEvents(ctx: AnalysisContext, fn: FunctionInfo, namespace: string, out: EntryPointInfo[]): void {
  socketListeners(ctx, fn, 0, SOCKET_IO_LISTENERS, ({ owner, registration, event, handlers }) => {
    if (RESERVED_EVENTS.has(event)) return;
    const route = namespace ? `${namespace} ${event}` : event;
    // What the client emits arrives as the handler's arguments.
    const requestParams = handlers.flatMap((h) => h.node.params.map((_, i): RequestParamRole => ({ functionId: h.id, paramIndex: i, role: 'request-value' })));
    out.push(handlerEntryPoint('SOCKET', route, 'socket.io', owner.file, registration, handlers, requestParams));
  });
}
