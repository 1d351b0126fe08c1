// Each detector on cases that must fire and cases that must not.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Dataset, EvidenceKind, Span } from '../../../src/core/model';
import type { DetectContext, Detector } from '../../../src/core/detect/candidate';
import { groupRequests } from '../../../src/core/detect/group';
import { defaultDetectOptions } from '../../../src/core/detect/options';
import { flowOfCandidate } from '../../../src/core/detect/detect-requests';
import { orphanChildren } from '../../../src/core/detect/detectors/orphan-children';
import { logsOfUnexportedSpan } from '../../../src/core/detect/detectors/logs-of-unexported-span';
import { childrenAfterParentEnd } from '../../../src/core/detect/detectors/children-after-parent-end';
import { durationAtTimeout } from '../../../src/core/detect/detectors/duration-at-timeout';
import { startWithoutEnd } from '../../../src/core/detect/detectors/start-without-end';
import { abortedLog } from '../../../src/core/detect/detectors/aborted-log';
import { clientGaveUp } from '../../../src/core/detect/detectors/client-gave-up';
import { findLoops, loopSignature } from '../../../src/core/detect/detectors/loop-signature';
import { benignOrphan } from '../../../src/core/detect/detectors/benign-orphan';
import { inFlightAtCaptureEnd } from '../../../src/core/detect/detectors/in-flight-at-capture-end';
import { dataset, exchange, healthyTrace, hungTraceEnded, hungTraceOrphaned, log, span } from './builders';

function context(overrides: Partial<DetectContext> = {}): DetectContext {
  return {
    options: defaultDetectOptions,
    captureEndMs: 1e12,
    hasSpans: true,
    healthyMedianMs: () => undefined,
    healthyOperationMax: () => 0,
    flowOf: (c) => flowOfCandidate(c).key,
    ...overrides,
  };
}

/** Runs one detector on the only (or first) request of a dataset and returns the evidence kinds. */
function run(detector: Detector, data: Dataset, ctx = context()): Array<{ kind: EvidenceKind; weight: number; detail: string }> {
  const [c] = groupRequests(data, defaultDetectOptions.requestIdKeys);
  assert.ok(c, 'the dataset has a request');
  findLoops(c, ctx.options.loopMinRepeats, ctx.options.loopMaxJitter);
  return detector.detect(c, ctx);
}

interface Case {
  name: string;
  data: Dataset;
  fires: boolean;
  ctx?: DetectContext;
}

function table(detector: Detector, kind: EvidenceKind, cases: Case[]): void {
  for (const c of cases) {
    test(`${c.fires ? 'fires' : 'silent'}: ${c.name}`, () => {
      const found = run(detector, c.data, c.ctx).filter((e) => e.kind === kind);
      assert.equal(found.length > 0, c.fires, JSON.stringify(found));
      for (const e of found) {
        assert.ok(e.detail.length > 10);
        assert.ok(kind === 'likely-benign-orphan' || kind === 'in-flight-at-capture-end' ? e.weight < 0 : e.weight > 0 && e.weight <= 1);
      }
    });
  }
}

const T = 'a'.repeat(32);
const orphaned = hungTraceOrphaned(T, '/jobs/:id/wait', 1000);

describe('orphan-children', () => {
  table(orphanChildren, 'orphan-children', [
    { name: 'children of a server span that was never exported', data: dataset(orphaned), fires: true },
    { name: 'a complete healthy trace', data: dataset({ spans: healthyTrace(T, '/a', 0) }), fires: false },
    { name: 'an entry span whose parent is the caller in another service', data: dataset({ spans: [span({ traceId: T, spanId: 'b1', parentSpanId: 'remote', name: 'GET /x', kind: 'server', startMs: 0, endMs: 5 })] }), fires: false },
  ]);
  test('more siblings under one missing parent weigh more', () => {
    const one = run(orphanChildren, dataset({ spans: hungTraceOrphaned(T, '/x', 0, 100, 1).spans }));
    const many = run(orphanChildren, dataset(orphaned));
    assert.ok(many[0]!.weight > one[0]!.weight);
  });
});

describe('logs-of-unexported-span', () => {
  table(logsOfUnexportedSpan, 'logs-of-unexported-span', [
    { name: 'log line carries the missing server span id', data: dataset(orphaned), fires: true },
    { name: 'log line carries an exported span id', data: dataset({ spans: healthyTrace(T, '/a', 0), logs: [log({ message: 'hi', traceId: T, spanId: `${T.slice(0, 12)}0001`, timeMs: 5 })] }), fires: false },
    { name: 'no tracer export at all', data: dataset({ logs: [log({ message: 'hi', traceId: T, spanId: 'abcd', timeMs: 5 })] }), ctx: context({ hasSpans: false }), fires: false },
    { name: 'all-zero span id', data: dataset({ spans: healthyTrace(T, '/a', 0), logs: [log({ message: 'hi', traceId: T, spanId: '0000000000000000', timeMs: 5 })] }), fires: false },
  ]);
  test('the id also missing as a parent is the strongest form', () => {
    const [e] = run(logsOfUnexportedSpan, dataset(orphaned));
    assert.match(e!.detail, /missing parent/);
    assert.ok(e!.weight >= 0.6);
  });
});

/** A server span that ended at `endMs` and orphans (parent 'mw', never exported) starting from `firstOrphanMs`. */
function koaHung(endMs: number, firstOrphanMs: number): Span[] {
  const server = span({ traceId: T, spanId: 'srv', name: 'GET /brands/:brandId/changes', kind: 'server', startMs: 0, endMs, attributes: { 'http.route': '/brands/:brandId/changes' } });
  const orphans = [0, 1, 2].map((i) => span({ traceId: T, spanId: `o${i}`, parentSpanId: 'mw', name: 'GET', kind: 'client', startMs: firstOrphanMs + i * 150, endMs: firstOrphanMs + i * 150 + 140 }));
  return [server, ...orphans];
}

describe('children-after-parent-end', () => {
  table(childrenAfterParentEnd, 'children-after-parent-end', [
    { name: 'server span ended at the client timeout while the handler loops on', data: dataset({ spans: hungTraceEnded(T, '/redeem', 0) }), fires: true },
    { name: 'all children inside the parent', data: dataset({ spans: healthyTrace(T, '/a', 0, 40, 5) }), fires: false },
    {
      name: 'a consumer after its producer (async messaging)',
      data: dataset({ spans: [span({ traceId: T, spanId: 'p', name: 'send', kind: 'producer', startMs: 0, endMs: 1 }), span({ traceId: T, spanId: 'c', parentSpanId: 'p', name: 'poll', kind: 'consumer', startMs: 400, endMs: 401 })] }),
      fires: false,
    },
    {
      name: 'message handlers after the poll that fetched them',
      data: dataset({ spans: [span({ traceId: T, spanId: 'p', name: 'poll', kind: 'consumer', startMs: 0, endMs: 0.1 }), span({ traceId: T, spanId: 'c', parentSpanId: 'p', name: 'on-message', startMs: 200, endMs: 450 })] }),
      fires: false,
    },
    {
      name: 'a child in another service (clock skew)',
      data: dataset({ spans: [span({ traceId: T, spanId: 'p', name: 'get', kind: 'internal', service: 'browser', startMs: 0, endMs: 10 }), span({ traceId: T, spanId: 'c', parentSpanId: 'p', name: 'q', service: 'api', startMs: 50, endMs: 60 })] }),
      fires: false,
    },
    {
      name: 'the server side of a client call',
      data: dataset({ spans: [span({ traceId: T, spanId: 'p', name: 'GET', kind: 'client', startMs: 0, endMs: 10 }), span({ traceId: T, spanId: 'c', parentSpanId: 'p', name: 'GET /x', kind: 'server', startMs: 30, endMs: 60 })] }),
      fires: false,
    },
    { name: 'a child starting exactly at the end (rounding)', data: dataset({ spans: [span({ traceId: T, spanId: 'p', name: 'p', startMs: 0, endMs: 10 }), span({ traceId: T, spanId: 'c', parentSpanId: 'p', name: 'c', startMs: 10.5, endMs: 11 })] }), fires: false },
    {
      name: 'Koa: the server span ended at the timeout, the loop hangs off a middleware span never exported',
      data: dataset({ spans: koaHung(2000, 2100) }),
      fires: true,
    },
    { name: 'Koa-style orphans that all started before the server span ended', data: dataset({ spans: koaHung(2000, 100) }), fires: false },
  ]);
});

describe('duration-at-timeout', () => {
  const ended = hungTraceEnded(T, '/redeem', 0, 5000);
  table(durationAtTimeout, 'duration-at-timeout', [
    { name: '5 s server span with status 200, flow median 40 ms', data: dataset({ spans: ended }), ctx: context({ healthyMedianMs: () => 40 }), fires: true },
    { name: 'no flow figures: a common timeout alone is enough to mention', data: dataset({ spans: ended }), fires: true },
    { name: 'the flow normally takes about that long', data: dataset({ spans: ended }), ctx: context({ healthyMedianMs: () => 4000 }), fires: false },
    { name: 'duration nowhere near a common timeout', data: dataset({ spans: healthyTrace(T, '/a', 0, 3700) }), fires: false },
    { name: 'a client root span is not the server', data: dataset({ spans: [span({ traceId: T, spanId: 'c', name: 'GET', kind: 'client', startMs: 0, endMs: 5000 })] }), fires: false },
  ]);
});

describe('start-without-end', () => {
  const rid = { requestId: 'r-1' };
  table(startWithoutEnd, 'start-without-end', [
    { name: 'incoming request and nothing else', data: dataset({ logs: [log({ message: 'incoming request', timeMs: 1, ...rid }), log({ message: 'loading cart', timeMs: 2, ...rid })] }), fires: true },
    { name: 'incoming request then request completed', data: dataset({ logs: [log({ message: 'incoming request', timeMs: 1, ...rid }), log({ message: 'request completed', timeMs: 9, ...rid })] }), fires: false },
    { name: 'no start line', data: dataset({ logs: [log({ message: 'loading cart', timeMs: 2, ...rid })] }), fires: false },
  ]);
});

describe('aborted-log', () => {
  table(abortedLog, 'aborted-log', [
    { name: 'pino-http "request aborted"', data: dataset({ logs: [log({ message: 'request aborted', requestId: 'r' })] }), fires: true },
    { name: '"client closed connection"', data: dataset({ logs: [log({ message: 'client closed connection before response', requestId: 'r' })] }), fires: true },
    { name: 'an ordinary line', data: dataset({ logs: [log({ message: 'request completed', requestId: 'r' })] }), fires: false },
    { name: 'a word merely containing abort', data: dataset({ logs: [log({ message: 'abortion-policy page served', requestId: 'r' })] }), fires: false },
  ]);
});

describe('client-gave-up', () => {
  table(clientGaveUp, 'client-gave-up', [
    { name: 'access log 499', data: dataset({ exchanges: [exchange({ method: 'GET', path: '/a', status: 499, durationMs: 30000 })] }), fires: true },
    { name: 'access log 504', data: dataset({ exchanges: [exchange({ method: 'GET', path: '/a', status: 504 })] }), fires: true },
    { name: 'access log 408', data: dataset({ exchanges: [exchange({ method: 'GET', path: '/a', status: 408 })] }), fires: true },
    { name: 'HAR entry without a response', data: dataset({ exchanges: [exchange({ source: 'har', method: 'GET', path: '/a', status: 0 })] }), fires: true },
    { name: 'access log 200', data: dataset({ exchanges: [exchange({ method: 'GET', path: '/a', status: 200 })] }), fires: false },
    { name: 'access log 500 is a failure, not a give-up', data: dataset({ exchanges: [exchange({ method: 'GET', path: '/a', status: 500 })] }), fires: false },
    {
      name: 'client span timed out, no server span under it',
      data: dataset({ spans: [span({ traceId: T, spanId: 'c', name: 'POST', kind: 'client', status: 'error', statusMessage: 'ETIMEDOUT', startMs: 0, endMs: 5000 })] }),
      fires: true,
    },
    {
      name: 'client span timed out but the server answered in time',
      data: dataset({ spans: [span({ traceId: T, spanId: 'c', name: 'POST', kind: 'client', status: 'error', statusMessage: 'timeout', startMs: 0, endMs: 5000 }), span({ traceId: T, spanId: 's', parentSpanId: 'c', name: 'POST /x', kind: 'server', startMs: 1, endMs: 20 })] }),
      fires: false,
    },
    { name: 'client span failed with a 404', data: dataset({ spans: [span({ traceId: T, spanId: 'c', name: 'GET', kind: 'client', status: 'error', statusMessage: 'Not Found', startMs: 0, endMs: 5 })] }), fires: false },
  ]);
});

describe('loop-signature', () => {
  table(loopSignature, 'loop-signature', [
    { name: '80 polls every 100 ms', data: dataset({ spans: hungTraceEnded(T, '/redeem', 0) }), fires: true },
    { name: '30 redis GETs with different keys, one template', data: dataset(orphaned), fires: true },
    { name: 'two queries', data: dataset({ spans: healthyTrace(T, '/a', 0, 40, 2) }), fires: false },
    {
      name: 'many repetitions at an irregular rhythm',
      data: dataset({ spans: [0, 1, 2, 50, 51, 400, 401, 402, 2000].map((t, i) => span({ traceId: T, spanId: `s${i}`, parentSpanId: 'root', name: 'work', startMs: t, endMs: t + 0.5 })) }),
      fires: false,
    },
    {
      name: 'a repeated log template',
      data: dataset({ logs: Array.from({ length: 12 }, (_, i) => log({ message: `retrying payment ${i + 1}`, requestId: 'r9', timeMs: 1000 + i * 250 })) }),
      fires: true,
    },
  ]);
  test('a stall (GC pause, busy event loop) between two polls does not hide the rhythm', () => {
    const times = Array.from({ length: 30 }, (_, i) => i * 40 + (i >= 12 ? 600 : 0) + (i % 3));
    const data = dataset({ spans: times.map((t, i) => span({ traceId: T, spanId: `p${i}`, parentSpanId: 'gone', name: 'settlement.check', startMs: t, endMs: t + 35 })) });
    const [c] = groupRequests(data, []);
    const [loop] = findLoops(c!, 5, 0.6);
    assert.equal(loop?.count, 30);
    assert.ok(Math.abs(loop!.periodMs - 40) < 2, String(loop!.periodMs));
    // Two stalls in ten gaps are not one stall: the rhythm is gone.
    const twice = [0, 40, 80, 700, 740, 780, 1400, 1440, 1480, 1520, 1560];
    const [c2] = groupRequests(dataset({ spans: twice.map((t, i) => span({ traceId: T, spanId: `q${i}`, parentSpanId: 'gone', name: 'check', startMs: t, endMs: t + 5 })) }), []);
    assert.deepEqual(findLoops(c2!, 5, 0.6), []);
  });
  test('count, period and jitter are reported, and a flow that normally repeats it weighs less', () => {
    const data = dataset({ spans: hungTraceEnded(T, '/redeem', 0, 5000, 100, 80) });
    const [c] = groupRequests(data, []);
    const [loop] = findLoops(c!, 5, 0.6);
    assert.equal(loop!.count, 80);
    assert.ok(Math.abs(loop!.periodMs - 100) < 2, String(loop!.periodMs));
    assert.ok(loop!.periodJitter < 0.05);
    const novel = loopSignature.detect(c!, context())[0]!;
    const usual = loopSignature.detect(c!, context({ healthyOperationMax: () => 80 }))[0]!;
    assert.ok(novel.weight > usual.weight);
    assert.match(novel.detail, /after 'POST \/redeem' ended/);
  });
});

describe('benign-orphan', () => {
  table(benignOrphan, 'likely-benign-orphan', [
    { name: 'entry span with a remote parent', data: dataset({ spans: [span({ traceId: T, spanId: 'b1', parentSpanId: 'remote', name: 'GET /x', kind: 'server', startMs: 0, endMs: 5 })] }), fires: true },
    {
      name: 'a single orphan and nothing after it',
      data: dataset({ spans: [span({ traceId: T, spanId: 'o', parentSpanId: 'gone', name: 'SELECT', kind: 'client', startMs: 0, endMs: 5 })] }),
      fires: true,
    },
    {
      name: 'orphans inside a root that ended after them (a dropped intermediate span)',
      data: dataset({ spans: [span({ traceId: T, spanId: 'r', name: 'GET /x', kind: 'server', startMs: 0, endMs: 100 }), span({ traceId: T, spanId: 'o1', parentSpanId: 'gone', name: 'q', startMs: 10, endMs: 20 }), span({ traceId: T, spanId: 'o2', parentSpanId: 'gone', name: 'q', startMs: 30, endMs: 40 })] }),
      fires: true,
    },
    { name: 'many orphans with logs carrying the missing id', data: dataset(orphaned), fires: false },
  ]);
});

describe('in-flight-at-capture-end', () => {
  const { spans } = hungTraceOrphaned(T, '/x', 1000, 10, 5);
  table(inFlightAtCaptureEnd, 'in-flight-at-capture-end', [
    { name: 'open request that began 60 ms before the capture ended, flow median 50 ms', data: dataset({ spans }), ctx: context({ captureEndMs: 1060, healthyMedianMs: () => 50 }), fires: true },
    { name: 'open for 100 s while the flow takes 50 ms', data: dataset({ spans }), ctx: context({ captureEndMs: 101000, healthyMedianMs: () => 50 }), fires: false },
    { name: 'no healthy figures for the flow', data: dataset({ spans }), ctx: context({ captureEndMs: 1060 }), fires: false },
  ]);
});
