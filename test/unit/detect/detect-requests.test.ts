// Whole-request verdicts over mixed datasets: each way a hang shows up, and the benign look-alikes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectRequests } from '../../../src/core/detect';
import type { RequestRecord } from '../../../src/core/model';
import { dataset, exchange, healthyTrace, hex, hungTraceEnded, hungTraceOrphaned, log, span } from './builders';

const kinds = (r: RequestRecord): string[] => r.evidence.map((e) => e.kind);
const byId = (rs: RequestRecord[], id: string): RequestRecord => {
  const r = rs.find((x) => x.id === id);
  assert.ok(r, `request ${id}`);
  return r;
};

function traffic(): { spans: ReturnType<typeof healthyTrace>; ids: { healthy: string[]; ended: string; orphaned: string } } {
  const spans = [];
  const healthy: string[] = [];
  for (let i = 0; i < 40; i++) {
    const id = hex(i + 1);
    healthy.push(id);
    spans.push(...healthyTrace(id, i % 2 ? '/redeem' : '/cart', i * 200, 30 + (i % 7)));
  }
  const ended = hex(1001);
  const orphaned = hex(1002);
  spans.push(...hungTraceEnded(ended, '/redeem', 500, 5000));
  return { spans, ids: { healthy, ended, orphaned } };
}

test('an ended-at-timeout server span whose handler keeps looping is incomplete, with the evidence that says so', () => {
  const { spans, ids } = traffic();
  const requests = detectRequests(dataset({ spans }));
  const r = byId(requests, ids.ended);
  assert.equal(r.state, 'incomplete');
  assert.equal(r.flow, 'POST /redeem');
  assert.ok(r.confidence >= 0.8, String(r.confidence));
  for (const k of ['children-after-parent-end', 'duration-at-timeout', 'loop-signature']) assert.ok(kinds(r).includes(k), `${k} in ${kinds(r)}`);
  assert.equal(r.loops[0]!.operation, 'poll-status');
  assert.equal(r.endMs, undefined);
  for (const id of ids.healthy) {
    const h = byId(requests, id);
    assert.equal(h.state, 'completed', `${id}: ${kinds(h)}`);
    assert.ok(kinds(h).includes('completed-normally'));
  }
});

test('a server span never exported: orphans + logs with its span id make it incomplete, flow from the framework span', () => {
  const { spans, ids } = traffic();
  const hung = hungTraceOrphaned(hex(1002), '/cart', 900);
  const ambiguous = hungTraceOrphaned(hex(1003), '/redeem', 900);
  const requests = detectRequests(dataset({ spans: [...spans, ...hung.spans, ...ambiguous.spans], logs: hung.logs }));
  const r = byId(requests, ids.orphaned);
  assert.equal(r.state, 'incomplete');
  // The method comes from the other requests of the route when they agree on one…
  assert.equal(r.flow, 'GET /cart');
  // …and stays unknown when GET and POST both use it.
  assert.equal(byId(requests, hex(1003)).flow, '/redeem');
  assert.deepEqual(kinds(r).slice(0, 2).sort(), ['logs-of-unexported-span', 'orphan-children']);
  assert.ok(r.confidence >= 0.9);
  assert.ok(r.logCount === 1 && r.spanIds.length === 31);
});

test('benign orphans stay completed: a remote parent, one lost span, a dropped intermediate span', () => {
  const remote = hex(2001);
  const lost = hex(2002);
  const dropped = hex(2003);
  const spans = [
    span({ traceId: remote, spanId: 'e1', parentSpanId: 'caller', name: 'GET /x', kind: 'server', startMs: 0, endMs: 20, attributes: { 'http.route': '/x', 'http.method': 'GET', 'http.status_code': 200 } }),
    span({ traceId: remote, spanId: 'e2', parentSpanId: 'e1', name: 'q', startMs: 2, endMs: 4 }),
    span({ traceId: lost, spanId: 'l1', parentSpanId: 'nowhere', name: 'SELECT', kind: 'client', startMs: 0, endMs: 3 }),
    span({ traceId: dropped, spanId: 'r', name: 'GET /y', kind: 'server', startMs: 0, endMs: 100, attributes: { 'http.route': '/y', 'http.method': 'GET' } }),
    span({ traceId: dropped, spanId: 'o1', parentSpanId: 'mid', name: 'q', startMs: 10, endMs: 20 }),
    span({ traceId: dropped, spanId: 'o2', parentSpanId: 'mid', name: 'q', startMs: 30, endMs: 40 }),
  ];
  const requests = detectRequests(dataset({ spans }));
  for (const id of [remote, lost, dropped]) {
    const r = byId(requests, id);
    assert.notEqual(r.state, 'incomplete', `${id}: ${JSON.stringify(r.evidence)}`);
    if (id !== remote) assert.ok(kinds(r).includes('likely-benign-orphan'), `${id}: ${kinds(r)}`);
  }
});

test('logs only: a start line without an end is incomplete; start+end completed; 500 failed', () => {
  const logs = [
    log({ message: 'incoming request', requestId: 'a', timeMs: 1, attributes: { req: { method: 'GET', url: '/cart/1' } } }),
    log({ message: 'request completed', requestId: 'a', timeMs: 30, attributes: { res: { statusCode: 200 } } }),
    log({ message: 'incoming request', requestId: 'b', timeMs: 2, attributes: { req: { method: 'GET', url: '/cart/2' } } }),
    log({ message: 'incoming request', requestId: 'c', timeMs: 3, attributes: { req: { method: 'GET', url: '/cart/3' } } }),
    log({ message: 'request completed', requestId: 'c', timeMs: 10, attributes: { res: { statusCode: 500 } } }),
    log({ message: 'no request here', timeMs: 4 }),
  ];
  const requests = detectRequests(dataset({ logs }));
  assert.equal(requests.length, 3);
  assert.equal(byId(requests, 'req:a').state, 'completed');
  assert.equal(byId(requests, 'req:b').state, 'incomplete');
  assert.equal(byId(requests, 'req:b').flow, 'GET /cart/:num');
  assert.equal(byId(requests, 'req:c').state, 'failed');
});

test('access log and HAR exchanges: 499/504/no response incomplete, 200 completed, 500 failed; traces join by trace id', () => {
  const joined = hex(3001);
  const exchanges = [
    exchange({ method: 'GET', path: '/a/1', status: 200, durationMs: 12, startMs: 0 }),
    exchange({ method: 'GET', path: '/a/2', status: 499, durationMs: 30000, startMs: 0 }),
    exchange({ method: 'GET', path: '/a/3', status: 504, startMs: 0 }),
    exchange({ method: 'GET', path: '/a/4', status: 500, startMs: 0 }),
    exchange({ source: 'har', method: 'POST', path: '/b', status: 0, startMs: 0 }),
    exchange({ method: 'GET', path: '/a/5', status: 499, startMs: 0, traceId: joined }),
  ];
  const requests = detectRequests(dataset({ exchanges, spans: hungTraceEnded(joined, '/a/:n', 0, 30000, 500, 70) }));
  const states = requests.map((r) => r.state);
  assert.deepEqual(states, ['incomplete', 'completed', 'incomplete', 'incomplete', 'failed', 'incomplete']);
  const traced = byId(requests, joined);
  assert.ok(kinds(traced).includes('client-gave-up') && kinds(traced).includes('children-after-parent-end'));
  assert.equal(requests[1]!.flow, 'GET /a/:num');
});

test('an error server span is failed, not incomplete', () => {
  const id = hex(4001);
  const spans = healthyTrace(id, '/pay', 0, 20);
  spans[0]!.status = 'error';
  spans[0]!.attributes['http.response.status_code'] = 500;
  const [r] = detectRequests(dataset({ spans }));
  assert.equal(r!.state, 'failed');
  assert.ok(kinds(r!).includes('error-status'));
});

test('one fire-and-forget child after a normal response does not make a request incomplete', () => {
  const id = hex(5001);
  const spans = healthyTrace(id, '/orders', 0, 40, 1);
  spans.push(span({ traceId: id, spanId: 'late', parentSpanId: spans[0]!.spanId, name: 'audit.write', startMs: 45, endMs: 60 }));
  const [r] = detectRequests(dataset({ spans }));
  assert.ok(kinds(r!).includes('children-after-parent-end'), 'the late child is still reported');
  assert.equal(r!.state, 'completed');
});
