// socket.io events and consumed messages as flows, and the flow of a request whose own span never
// arrived, inferred from the one flow its operations occur in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { socketIoEventFlow } from '../../../src/core/detect/socketio-event';
import { messageConsumerFlow } from '../../../src/core/detect/message-consumer';
import { detectRequests } from '../../../src/core/detect';
import type { Span } from '../../../src/core/model';
import { dataset, span } from './builders';

const receive = (traceId: string, spanId: string, startMs: number, event: string, namespace = '/shop'): Span =>
  span({ traceId, spanId, name: `receive ${namespace}`, kind: 'consumer', startMs, endMs: startMs + 20, attributes: { 'messaging.system': 'socket.io', 'messaging.destination': namespace, 'messaging.operation': 'receive', 'messaging.socket.io.event_name': event } });

test('socketIoEventFlow: the receive span names the event and its namespace, as the analyzer names socket entry points', () => {
  assert.deepEqual(socketIoEventFlow([receive('t', 's', 0, 'coupon:redeem')]), { key: 'SOCKET /shop coupon:redeem', method: 'SOCKET', route: '/shop coupon:redeem' });
  assert.equal(socketIoEventFlow([receive('t', 's', 0, 'add', '/')])?.key, 'SOCKET add');
  // An emit, a span of another messaging system, or one without an event name: no event flow.
  const emit = { ...receive('t', 's', 0, 'x'), kind: 'producer' as const, attributes: { 'messaging.system': 'socket.io', 'messaging.operation': 'send', 'messaging.socket.io.event_name': 'x' } };
  assert.equal(socketIoEventFlow([emit]), undefined);
  assert.equal(socketIoEventFlow([{ ...receive('t', 's', 0, 'x'), attributes: { 'messaging.system': 'kafka', 'messaging.operation': 'receive' } }]), undefined);
});

/** Healthy events: item:get makes a db.query; coupon:redeem a db.query and one coupon.check. */
function healthyEvents(): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i < 6; i++) {
    const traceId = String(i + 1).padStart(32, '0');
    const event = i % 2 ? 'coupon:redeem' : 'item:get';
    spans.push(receive(traceId, `${i}00`, i * 100, event));
    spans.push(span({ traceId, spanId: `${i}01`, parentSpanId: `${i}00`, name: 'db.query', startMs: i * 100 + 2, endMs: i * 100 + 5 }));
    if (event === 'coupon:redeem') spans.push(span({ traceId, spanId: `${i}02`, parentSpanId: `${i}00`, name: 'coupon.check', startMs: i * 100 + 6, endMs: i * 100 + 9 }));
  }
  return spans;
}

/** A request whose receive span never ended: only its children, repeating `name`. */
function stuckChildren(traceId: string, name: string, count = 30): Span[] {
  return Array.from({ length: count }, (_, k) => span({ traceId, spanId: `${traceId.slice(0, 8)}${k}`, parentSpanId: 'feedfacefeedface', name, startMs: 1000 + k * 40, endMs: 1000 + k * 40 + 30 }));
}

test('an event whose handler never ended gets the one flow its operations occur in, and says it was inferred', () => {
  const records = detectRequests(dataset({ spans: [...healthyEvents(), ...stuckChildren('a'.repeat(32), 'coupon.check')] }));
  const stuck = records.find((r) => r.traceId === 'a'.repeat(32))!;
  assert.equal(stuck.state, 'incomplete');
  assert.equal(stuck.flow, 'SOCKET /shop coupon:redeem');
  const inferred = stuck.evidence.find((e) => e.kind === 'flow-inferred')!;
  assert.equal(inferred.weight, 0);
  assert.match(inferred.detail, /coupon\.check.*3 with their span/);
});

test('operations several flows share infer nothing: the request keeps a flow of its own', () => {
  const records = detectRequests(dataset({ spans: [...healthyEvents(), ...stuckChildren('b'.repeat(32), 'db.query')] }));
  const stuck = records.find((r) => r.traceId === 'b'.repeat(32))!;
  assert.ok(!stuck.flow.startsWith('SOCKET '), stuck.flow);
  assert.ok(!stuck.evidence.some((e) => e.kind === 'flow-inferred'));
});

test('HTTP too: a request whose server span never arrived, with no route in its records, gets the route its operations belong to', () => {
  const spans: Span[] = [];
  for (let i = 0; i < 4; i++) {
    const traceId = String(i + 20).padStart(32, '0');
    const route = i % 2 ? '/orders/:id/settle' : '/items/:id';
    spans.push(span({ traceId, spanId: `${i}10`, name: `POST ${route}`, kind: 'server', startMs: i * 100, endMs: i * 100 + 30, attributes: { 'http.request.method': 'POST', 'http.route': route, 'http.response.status_code': 200 } }));
    spans.push(span({ traceId, spanId: `${i}11`, parentSpanId: `${i}10`, name: route === '/items/:id' ? 'items.load' : 'settlement.poll', startMs: i * 100 + 5, endMs: i * 100 + 9 }));
  }
  const records = detectRequests(dataset({ spans: [...spans, ...stuckChildren('c'.repeat(32), 'settlement.poll')] }));
  assert.equal(records.find((r) => r.traceId === 'c'.repeat(32))!.flow, 'POST /orders/:id/settle');
});

/** A consumer span as instrumentation-kafkajs 0.32 writes it for eachMessage. */
const kafkaProcess = (traceId: string, spanId: string, startMs: number, topic: string): Span =>
  span({ traceId, spanId, name: `process ${topic}`, kind: 'consumer', startMs, endMs: startMs + 20, attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': topic, 'messaging.operation.type': 'process', 'messaging.operation.name': 'process', 'messaging.destination.partition.id': '0' } });

test('messageConsumerFlow: a consumer span names the topic; a producer span, a poll or a socket.io receive does not', () => {
  assert.deepEqual(messageConsumerFlow([kafkaProcess('t', 's', 0, 'orders')]), { key: 'MESSAGE orders', method: 'MESSAGE', route: 'orders' });
  const send = { ...kafkaProcess('t', 's', 0, 'orders'), kind: 'producer' as const };
  const poll = { ...kafkaProcess('t', 's', 0, 'orders'), attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': 'orders', 'messaging.operation.type': 'receive', 'messaging.operation.name': 'poll' } };
  assert.equal(messageConsumerFlow([send]), undefined);
  assert.equal(messageConsumerFlow([{ ...poll, attributes: { ...poll.attributes, 'messaging.operation.type': 'poll' } }]), undefined);
  assert.equal(messageConsumerFlow([receive('t', 's', 0, 'x')]), undefined);
  // The older names (`messaging.destination`, `messaging.operation`).
  assert.equal(messageConsumerFlow([span({ traceId: 't', spanId: 's', name: 'invoices process', kind: 'consumer', startMs: 0, attributes: { 'messaging.system': 'aws_sqs', 'messaging.destination': 'invoices', 'messaging.operation': 'process' } })])?.key, 'MESSAGE invoices');
  // BullMQ 5's own telemetry around a worker's processor.
  const job = span({ traceId: 't', spanId: 's', name: 'process emails', kind: 'consumer', startMs: 0, attributes: { 'bullmq.queue.name': 'emails', 'bullmq.queue.operation': 'process', 'bullmq.job.name': 'welcome', 'bullmq.job.id': '17' } });
  assert.deepEqual(messageConsumerFlow([job]), { key: 'JOB emails', method: 'JOB', route: 'emails' });
  assert.equal(messageConsumerFlow([{ ...job, attributes: { ...job.attributes, 'bullmq.queue.operation': 'getNextJob' } }]), undefined);
  // instrumentation-amqplib 0.70: the exchange (here the default, '') in `messaging.destination`, the queue in the name.
  const amqp = span({ traceId: 't', spanId: 's', name: 'tasks process', kind: 'consumer', startMs: 0, attributes: { 'messaging.system': 'rabbitmq', 'messaging.destination': '', 'messaging.operation': 'process', 'messaging.rabbitmq.routing_key': 'tasks' } });
  assert.equal(messageConsumerFlow([amqp])?.key, 'MESSAGE tasks');
  assert.equal(messageConsumerFlow([{ ...amqp, attributes: { 'messaging.protocol': 'AMQP', 'messaging.destination': 'jobs-exchange', 'messaging.operation': 'process' } }])?.key, 'MESSAGE tasks');
  // Brave's Kafka consumer span in Zipkin: only a `kafka.topic` tag.
  assert.equal(messageConsumerFlow([span({ traceId: 't', spanId: 's', name: 'poll', kind: 'consumer', startMs: 0, attributes: { 'kafka.topic': 'messages' } })])?.key, 'MESSAGE messages');
});

test('a message whose handler never ended gets its topic\'s flow when its operations occur only there', () => {
  const spans: Span[] = [];
  for (let i = 0; i < 4; i++) {
    const traceId = String(i + 40).padStart(32, '0');
    const topic = i % 2 ? 'orders' : 'refunds';
    spans.push(kafkaProcess(traceId, `${i}20`, i * 100, topic));
    spans.push(span({ traceId, spanId: `${i}21`, parentSpanId: `${i}20`, name: topic === 'orders' ? 'inventory.reserve' : 'ledger.credit', startMs: i * 100 + 5, endMs: i * 100 + 9 }));
  }
  const records = detectRequests(dataset({ spans: [...spans, ...stuckChildren('d'.repeat(32), 'inventory.reserve')] }));
  assert.equal(records.find((r) => r.traceId === 'd'.repeat(32))!.flow, 'MESSAGE orders');
  assert.deepEqual([...new Set(records.filter((r) => r.traceId !== 'd'.repeat(32)).map((r) => r.flow))].sort(), ['MESSAGE orders', 'MESSAGE refunds']);
});
