// The flow of a message or job a consumer processed: `MESSAGE orders`, as the analyzer names a kafkajs
// consumer's entry point per subscribed topic (analysis/entrypoints/queues.ts). Read from a consumer
// span of a messaging system (OpenTelemetry's messaging conventions, as instrumentation-kafkajs 0.32
// writes them: kind consumer, `messaging.system: kafka`, `messaging.destination.name` the topic,
// `messaging.operation.type`/`.name` `process`; the older `messaging.destination` and
// `messaging.operation` too), or as Brave's Kafka instrumentation tags one in Zipkin (`kafka.topic`).
// instrumentation-amqplib 0.70 puts the exchange in `messaging.destination` and the queue, which is
// what a consumer names (`channel.consume('tasks', …)`), only in the span name (`tasks process`): for
// RabbitMQ the queue is read from there.
// socket.io's receive spans have their own flow (socketio-event.ts).
// A BullMQ job has the flow `JOB emails`, from the consumer span BullMQ 5's own telemetry writes
// around a worker's processor (`process emails`, `bullmq.queue.name`, `bullmq.queue.operation:
// process`), as the analyzer names BullMQ and Bull processors.
// A handler that never ends leaves its process span unexported: its children's flow is inferred
// (inferred-flow.ts).
import type { Span } from '../model';
import type { FlowParts } from './flow';
import { socketIoEventOf } from './socketio-event';

/** Operations that run the application's handler on a message (not a poll of the broker). */
const HANDLING = new Set(['process', 'receive', 'deliver']);

/** The flow of a consumed message (`MESSAGE topic`) or job (`JOB queue`); undefined when no consumer span names one. */
export function messageConsumerFlow(spans: readonly Span[]): FlowParts | undefined {
  for (const s of spans) {
    const flow = messageOf(s);
    if (flow) return flow;
  }
  return undefined;
}

/**
 * The flow a request's consumer spans name, in one pass over its spans (this runs for every request):
 * a socket.io event (socketio-event.ts), else a consumed message or job.
 */
export function consumerSpanFlow(spans: readonly Span[]): FlowParts | undefined {
  for (const s of spans) {
    // Consumer spans only: others are passed over without a lookup.
    if (s.kind !== 'consumer') continue;
    const flow = socketIoEventOf(s) ?? messageOf(s);
    if (flow) return flow;
  }
  return undefined;
}

/** One consumer span's message or job flow. */
function messageOf(s: Span): FlowParts | undefined {
  if (s.kind !== 'consumer') return undefined;
  const attrs = s.attributes;
  const queue = attrs['bullmq.queue.name'];
  if (typeof queue === 'string' && queue !== '') {
    if ((attrs['bullmq.queue.operation'] ?? 'process') !== 'process') return undefined;
    const route = queue.slice(0, 256);
    return { key: `JOB ${route}`, method: 'JOB', route };
  }
  const braveTopic = attrs['kafka.topic'];
  const system = attrs['messaging.system'] ?? (typeof braveTopic === 'string' ? 'kafka' : attrs['messaging.protocol'] === 'AMQP' ? 'rabbitmq' : undefined);
  if (typeof system !== 'string' || system === '' || system === 'socket.io') return undefined;
  const operation = attrs['messaging.operation.type'] ?? attrs['messaging.operation.name'] ?? attrs['messaging.operation'] ?? 'process';
  if (typeof operation !== 'string' || !HANDLING.has(operation)) return undefined;
  const amqpQueue = system === 'rabbitmq' || attrs['messaging.protocol'] === 'AMQP' ? /^(.+) process$/.exec(s.name)?.[1] : undefined;
  const destination = amqpQueue ?? attrs['messaging.destination.name'] ?? attrs['messaging.destination'] ?? braveTopic;
  if (typeof destination !== 'string' || destination === '') return undefined;
  const route = destination.slice(0, 256);
  return { key: `MESSAGE ${route}`, method: 'MESSAGE', route };
}
