import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectRequestDetails } from '../../../src/core/report/request-details';
import type { RequestRecord } from '../../../src/core/model/request';
import type { Dataset, LogRecord, Span } from '../../../src/core/model/telemetry';

const origin = { file: 'f', line: 1 };
const span = (traceId: string, spanId: string): Span => ({ traceId, spanId, name: spanId, kind: 'internal', startMs: 0, status: 'unset', attributes: {}, events: [], origin });
const log = (message: string, ids: Partial<LogRecord>): LogRecord => ({ message, attributes: {}, origin, timeMs: 1, ...ids });
const request = (id: string, state: RequestRecord['state'], confidence: number, traceId?: string): RequestRecord =>
  ({ id, traceId, flow: 'f', state, confidence, evidence: [], attributes: {}, spanIds: [], logCount: 0, loops: [], startMs: 0 });

const dataset: Dataset = {
  spans: [span('t1', 'a'), span('t1', 'b'), span('t2', 'c'), span('t3', 'd')],
  logs: [log('by trace', { traceId: 't1' }), log('by request id', { requestId: 'r-logs' }), log('other', { traceId: 't9' })],
  exchanges: [],
  files: [],
};

test('only incomplete requests, most certain first, with their spans and logs', () => {
  const details = collectRequestDetails(dataset, [request('t1', 'incomplete', 0.9, 't1'), request('t2', 'completed', 1, 't2'), request('r-logs', 'incomplete', 0.95), request('t3', 'incomplete', 0.5, 't3')], { maxRequests: 2, maxRecords: 100 });
  assert.deepEqual(Object.keys(details), ['r-logs', 't1']);
  assert.deepEqual(details.t1.spans.map((s) => s.spanId), ['a', 'b']);
  assert.deepEqual(details.t1.logs.map((l) => l.message), ['by trace']);
  assert.deepEqual(details['r-logs'], { spans: [], logs: [dataset.logs[1]] });
});

test('records per request are capped, spans first', () => {
  const details = collectRequestDetails(dataset, [request('t1', 'incomplete', 0.9, 't1')], { maxRequests: 5, maxRecords: 2 });
  assert.deepEqual([details.t1.spans.length, details.t1.logs.length], [2, 0]);
  assert.deepEqual(collectRequestDetails(dataset, [request('t1', 'incomplete', 0.9, 't1')], { maxRequests: 0, maxRecords: 2 }), {});
});
