// What socket entry points share (socket.io events in socketio.ts, ws messages in ws.ts): the
// listeners set on a socket a function receives as a parameter, followed into the project functions
// the socket is handed to.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { FunctionInfo } from '../project/types';
import type { AnalysisContext } from '../project/context';
import { propertyName, unwrapExpression, type FileFacts } from '../project/collect';
import { walk } from '../dataflow/ast';
import { stringValue } from './routes';
import { functionsOf } from './handler-functions';

/** How deep the socket is followed into the functions it is handed to. */
const MAX_HANDOFF_DEPTH = 3;

export interface SocketListener {
  /** The function that sets the listener (its file holds `registration`). */
  owner: FunctionInfo;
  registration: TSESTree.Node;
  event: string;
  handlers: FunctionInfo[];
}

export interface ListenerShape {
  /** Methods that set a listener: `socket.on(event, handler)`. */
  methods: ReadonlySet<string>;
  /** Which argument is the handler: socket.io's is the last (an ack may follow the data), ws's the second. */
  handlerArgument: 'last' | 'second';
  /** Properties assigned a handler, by the event they stand for (`onmessage` → 'message'). */
  assigned?: Readonly<Record<string, string>>;
}

/** The listeners set on the socket `fn` receives as parameter `index`, in `fn` and the functions it hands the socket to. */
export function socketListeners(ctx: AnalysisContext, fn: FunctionInfo, index: number, shape: ListenerShape, visit: (listener: SocketListener) => void, seen = new Set<string>(), depth = 0): void {
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
    const method = callee.type === 'MemberExpression' ? propertyName(callee.property, callee.computed) : undefined;
    if (callee.type === 'MemberExpression' && method && shape.methods.has(method) && isSocket(callee.object as TSESTree.Node) && node.arguments.length >= 2) {
      const event = stringValue(node.arguments[0] as TSESTree.Node);
      const handler = node.arguments[shape.handlerArgument === 'last' ? node.arguments.length - 1 : 1] as TSESTree.Node;
      const handlers = event === undefined ? [] : functionsOf(ctx, facts, handler);
      if (event !== undefined && handlers.length) visit({ owner: fn, registration: node, event, handlers });
      continue;
    }
    // `registerHandlers(socket)`: the function sets listeners on it too.
    node.arguments.forEach((arg, i) => {
      if (arg.type === 'SpreadElement' || !isSocket(arg)) return;
      for (const target of functionsOf(ctx, facts, node.callee as TSESTree.Node)) socketListeners(ctx, target, i, shape, visit, seen, depth + 1);
    });
  }
  const assigned = shape.assigned;
  if (!assigned) return;
  // `socket.onmessage = handler`
  walk(fn.node.body, (n) => {
    if (n.type !== 'AssignmentExpression' || n.operator !== '=' || n.left.type !== 'MemberExpression' || !isSocket(n.left.object as TSESTree.Node)) return undefined;
    const name = propertyName(n.left.property, n.left.computed) ?? '';
    const event = Object.hasOwn(assigned, name) ? assigned[name] : undefined;
    const handlers = event ? functionsOf(ctx, facts, n.right as TSESTree.Node) : [];
    if (event && handlers.length) visit({ owner: fn, registration: n, event, handlers });
    return undefined;
  });
}

/**
 * `<server>.on('connection', callback)` calls (or another of `events`) in a project that imports
 * `pkg`: the receiver, for the caller to check it is such a server, and the callback argument.
 */
export function* connectionCallbacks(ctx: AnalysisContext, pkg: string, events: ReadonlySet<string>): Generator<{ facts: FileFacts; call: TSESTree.CallExpression; receiver: TSESTree.Node; callback: TSESTree.Node }> {
  if (![...ctx.facts.values()].some((f) => f.specifiers.has(pkg))) return;
  for (const facts of ctx.facts.values()) {
    for (const { node } of facts.calls) {
      if (node.type !== 'CallExpression' || node.arguments.length < 2) continue;
      const callee = unwrapExpression(node.callee);
      if (callee.type !== 'MemberExpression' || propertyName(callee.property, callee.computed) !== 'on') continue;
      if (!events.has(stringValue(node.arguments[0] as TSESTree.Node) ?? '')) continue;
      yield { facts, call: node, receiver: callee.object as TSESTree.Node, callback: node.arguments[1] as TSESTree.Node };
    }
  }
}
