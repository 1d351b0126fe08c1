// The flow of a socket.io event: `SOCKET add`, `SOCKET /chat add` on a namespace, as the analyzer
// names socket event entry points (analysis/entrypoints/socketio.ts). Read from the receive span
// @opentelemetry/instrumentation-socket.io writes around a handler (`messaging.system: socket.io`,
// `messaging.operation: receive`, the namespace in `messaging.destination`, the event in
// `messaging.socket.io.event_name`). That span ends when the handler does, so a stuck event keeps
// only its children: their flow is inferred (detect/inferred-flow.ts).
import type { Span } from '../model';
import type { FlowParts } from './flow';

export function socketIoEventFlow(spans: readonly Span[]): FlowParts | undefined {
  for (const s of spans) {
    const flow = socketIoEventOf(s);
    if (flow) return flow;
  }
  return undefined;
}

/** One span's event flow: a socket.io receive span's (a consumer span). */
export function socketIoEventOf(s: Span): FlowParts | undefined {
  if (s.kind !== 'consumer') return undefined;
  const attrs = s.attributes;
  if (attrs['messaging.system'] !== 'socket.io' || (attrs['messaging.operation'] ?? 'receive') !== 'receive') return undefined;
  const event = attrs['messaging.socket.io.event_name'];
  if (typeof event !== 'string' || event === '') return undefined;
  const destination = attrs['messaging.destination'] ?? attrs['messaging.destination.name'];
  const namespace = typeof destination === 'string' && destination.startsWith('/') && destination !== '/' ? destination : '';
  const route = (namespace ? `${namespace} ${event}` : event).slice(0, 512);
  return { key: `SOCKET ${route}`, method: 'SOCKET', route };
}
