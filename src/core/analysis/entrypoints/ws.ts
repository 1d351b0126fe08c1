// Raw WebSocket servers of the `ws` package: `wss.on('connection', (ws, req) => { ws.on('message',
// (data) => { … }) })`. Each message handler of a connected socket is an entry point, `WS message`
// (`WS /live message` for a server given a `path`); what the client sent, its first parameter, is
// request data. The server is `new WebSocketServer(…)` or `new WebSocket.Server(…)` of 'ws'. The
// socket may be handed to project functions that listen on it (`attachClient(ws)`); a listener set by
// `ws.addEventListener('message', h)` or `ws.onmessage = h` counts too (its event's `data` is the message).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { EntryPointInfo, FunctionInfo, RequestParamRole } from '../project/types';
import type { AnalysisContext } from '../project/context';
import type { ValueRef } from '../project/values';
import { objectProperty, stringValue } from './routes';
import { functionsOf, handlerEntryPoint } from './handler-functions';
import { connectionCallbacks, socketListeners, type ListenerShape } from './socket-listeners';

export function findWsEntryPoints(ctx: AnalysisContext): EntryPointInfo[] {
  const out: EntryPointInfo[] = [];
  for (const { facts, receiver, callback } of connectionCallbacks(ctx, 'ws', CONNECTION)) {
    const server = wsServer(ctx, facts.evaluate(receiver));
    if (!server) continue;
    const path = stringValue(objectProperty(server.options, 'path'));
    const prefix = path && path.startsWith('/') ? `${path} ` : '';
    for (const fn of functionsOf(ctx, facts, callback)) collectListeners(ctx, fn, prefix, out);
  }
  return out;
}

const CONNECTION = new Set(['connection']);

/** `new WebSocketServer(options)` / `new WebSocket.Server(options)` of 'ws': its options node, if any. */
function wsServer(ctx: AnalysisContext, ref: ValueRef | undefined): { options?: TSESTree.Node } | undefined {
  if (ref?.k !== 'new') return undefined;
  const fromWs = ctx.linker.resolve(ref.of).some((v) => v.k === 'package' && v.name === 'ws' && (v.path.length === 0 || v.path[v.path.length - 1] === 'Server' || v.path[v.path.length - 1] === 'WebSocketServer'));
  return fromWs ? { options: ref.firstArgument } : undefined;
}

const WS_LISTENERS: ListenerShape = { methods: new Set(['on', 'once', 'addEventListener']), handlerArgument: 'second', assigned: { onmessage: 'message' } };

/** The message listeners set on the socket `fn` receives as its first parameter (the connection callback's). */
function collectListeners(ctx: AnalysisContext, fn: FunctionInfo, prefix: string, out: EntryPointInfo[]): void {
  socketListeners(ctx, fn, 0, WS_LISTENERS, ({ owner, registration, event, handlers }) => {
    if (event !== 'message') return;
    const route = `${prefix}message`;
    // (data, isBinary), or a MessageEvent whose `data` is the message.
    const requestParams = handlers.filter((h) => h.node.params.length > 0).map((h): RequestParamRole => ({ functionId: h.id, paramIndex: 0, role: 'request-value' }));
    out.push(handlerEntryPoint('WS', route, 'ws', owner.file, registration, handlers, requestParams));
  });
}
