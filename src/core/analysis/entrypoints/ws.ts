// Raw WebSocket servers of the `ws` package: `wss.on('connection', (ws, req) => { ws.on('message',
// (data) => { … }) })`. Each message handler of a connected socket is an entry point, `WS message`
// (`WS /live message` for a server given a `path`); what the client sent, its first parameter, is
// request data. The server is `new WebSocketServer(…)` or `new WebSocket.Server(…)` of 'ws'. The
// socket may be handed to project functions that listen on it (`attachClient(ws)`); a listener set by
// `ws.addEventListener('message', h)` or `ws.onmessage = h` counts too (its event's `data` is the message).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { EntryPointInfo, FunctionInfo } from '../project/types';
import type { AnalysisContext } from '../project/context';
import { isFunctionNode, locationOf, propertyName, unwrapExpression, type FileFacts } from '../project/collect';
import type { ValueRef } from '../project/values';
import { walk } from '../dataflow/ast';
import { objectProperty, stringValue } from './routes';

/** How deep the socket is followed into the functions it is handed to. */
const MAX_HANDOFF_DEPTH = 3;

export function findWsEntryPoints(ctx: AnalysisContext): EntryPointInfo[] {
  const out: EntryPointInfo[] = [];
  if (![...ctx.facts.values()].some((f) => f.specifiers.has('ws'))) return out;
  for (const facts of ctx.facts.values()) {
    for (const { node } of facts.calls) {
      if (node.type !== 'CallExpression' || node.arguments.length < 2) continue;
      const callee = unwrapExpression(node.callee);
      if (callee.type !== 'MemberExpression' || propertyName(callee.property, callee.computed) !== 'on') continue;
      if (stringValue(node.arguments[0] as TSESTree.Node) !== 'connection') continue;
      const server = wsServer(ctx, facts.evaluate(callee.object as TSESTree.Node));
      if (!server) continue;
      const path = stringValue(objectProperty(server.options, 'path'));
      const prefix = path && path.startsWith('/') ? `${path} ` : '';
      for (const fn of functionsOf(ctx, facts, node.arguments[1] as TSESTree.Node)) collectListeners(ctx, fn, 0, prefix, new Set(), out);
    }
  }
  return out;
}

/** `new WebSocketServer(options)` / `new WebSocket.Server(options)` of 'ws': its options node, if any. */
function wsServer(ctx: AnalysisContext, ref: ValueRef | undefined): { options?: TSESTree.Node } | undefined {
  if (ref?.k !== 'new') return undefined;
  const fromWs = ctx.linker.resolve(ref.of).some((v) => v.k === 'package' && v.name === 'ws' && (v.path.length === 0 || v.path[v.path.length - 1] === 'Server' || v.path[v.path.length - 1] === 'WebSocketServer'));
  return fromWs ? { options: ref.firstArgument } : undefined;
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

/** The message listeners set on the socket `fn` receives as parameter `index` (the connection callback's first). */
function collectListeners(ctx: AnalysisContext, fn: FunctionInfo, index: number, prefix: string, seen: Set<string>, out: EntryPointInfo[], depth = 0): void {
  const key = `${fn.id}#${index}`;
  if (seen.has(key) || depth > MAX_HANDOFF_DEPTH) return;
  seen.add(key);
  const facts = ctx.facts.get(fn.file);
  const param = fn.node.params[index];
  if (!facts || param?.type !== 'Identifier') return;
  const isSocket = (n: TSESTree.Node) => {
    const x = unwrapExpression(n);
    return x.type === 'Identifier' && !!facts.variableOf(x)?.defs.some((d) => d.name === param);
  };
  const add = (registration: TSESTree.Node, handlerNode: TSESTree.Node) => {
    const handlers = functionsOf(ctx, facts, handlerNode);
    if (!handlers.length) return;
    const route = `${prefix}message`;
    out.push({
      flow: `WS ${route}`,
      method: 'WS',
      route,
      framework: 'ws',
      registration: locationOf(fn.file, registration),
      handlers: handlers.map((h) => h.location),
      handlerNames: handlers.map((h) => h.name),
      handlerFunctionIds: handlers.map((h) => h.id),
      // (data, isBinary), or a MessageEvent whose `data` is the message.
      requestParams: handlers.filter((h) => h.node.params.length > 0).map((h) => ({ functionId: h.id, paramIndex: 0, role: 'request-value' as const })),
    });
  };
  for (const { node } of facts.calls) {
    if (node.type !== 'CallExpression' || node.range[0] < fn.node.range[0] || node.range[1] > fn.node.range[1]) continue;
    const callee = unwrapExpression(node.callee);
    const method = callee.type === 'MemberExpression' ? propertyName(callee.property, callee.computed) : undefined;
    // `ws.on('message', h)`, `ws.addEventListener('message', h)`
    if (callee.type === 'MemberExpression' && isSocket(callee.object as TSESTree.Node) && (method === 'on' || method === 'once' || method === 'addEventListener') && node.arguments.length >= 2) {
      if (stringValue(node.arguments[0] as TSESTree.Node) === 'message') add(node, node.arguments[1] as TSESTree.Node);
      continue;
    }
    // `attachClient(ws)`: the function listens on it too.
    node.arguments.forEach((arg, i) => {
      if (arg.type === 'SpreadElement' || !isSocket(arg)) return;
      for (const target of functionsOf(ctx, facts, node.callee as TSESTree.Node)) collectListeners(ctx, target, i, prefix, seen, out, depth + 1);
    });
  }
  // `ws.onmessage = h`
  walk(fn.node.body, (n) => {
    if (n.type !== 'AssignmentExpression' || n.operator !== '=' || n.left.type !== 'MemberExpression') return undefined;
    if (propertyName(n.left.property, n.left.computed) === 'onmessage' && isSocket(n.left.object as TSESTree.Node)) add(n, n.right as TSESTree.Node);
    return undefined;
  });
}
