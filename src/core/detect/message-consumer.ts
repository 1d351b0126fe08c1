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

/** Operations that run the application's handler on a message (not a poll of the broker). */
const HANDLING = new Set(['process', 'receive', 'deliver']);

/** The flow of a consumed message (`MESSAGE topic`) or job (`JOB queue`); undefined when no consumer span names one. */
export function messageConsumerFlow(spans: readonly Span[]): FlowParts | undefined {
  for (const s of spans) {
    if (s.kind !== 'consumer') continue;
    const attrs = s.attributes;
    const queue = attrs['bullmq.queue.name'];
    if (typeof queue === 'string' && queue !== '') {
      if ((attrs['bullmq.queue.operation'] ?? 'process') !== 'process') continue;
      const route = queue.slice(0, 256);
      return { key: `JOB ${route}`, method: 'JOB', route };
    }
    const braveTopic = attrs['kafka.topic'];
    const system = attrs['messaging.system'] ?? (typeof braveTopic === 'string' ? 'kafka' : attrs['messaging.protocol'] === 'AMQP' ? 'rabbitmq' : undefined);
    if (typeof system !== 'string' || system === '' || system === 'socket.io') continue;
    const operation = attrs['messaging.operation.type'] ?? attrs['messaging.operation.name'] ?? attrs['messaging.operation'] ?? 'process';
    if (typeof operation !== 'string' || !HANDLING.has(operation)) continue;
    const amqpQueue = system === 'rabbitmq' || attrs['messaging.protocol'] === 'AMQP' ? /^(.+) process$/.exec(s.name)?.[1] : undefined;
    const destination = amqpQueue ?? attrs['messaging.destination.name'] ?? attrs['messaging.destination'] ?? braveTopic;
    if (typeof destination !== 'string' || destination === '') continue;
    const route = destination.slice(0, 256);
    return { key: `MESSAGE ${route}`, method: 'MESSAGE', route };
  }
  return undefined;
}
