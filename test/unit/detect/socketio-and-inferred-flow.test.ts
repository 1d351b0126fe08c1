// socket.io events as flows, and the flow of a request whose own span never arrived, inferred from
// the one flow its operations occur in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { socketIoEventFlow } from '../../../src/core/detect/socketio-event';
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
