import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findRepeatedOperation, layoutWaterfall, medianGap, visibleRange } from '../../../webview/model/waterfall';
import { buildRequestDetail, codeLocationOf, normalizeOperation } from '../../../webview/model/detail';
import type { RequestDetail } from '../../../webview/protocol';
import type { LogRecord, Span } from '../../../src/core/model/telemetry';

function span(spanId: string, parentSpanId: string | undefined, name: string, startMs: number, endMs?: number, attributes: Span['attributes'] = {}): Span {
  return { traceId: 't', spanId, parentSpanId, name, kind: 'internal', startMs, endMs, status: 'unset', attributes, events: [], origin: { file: 'trace.json', line: 1 } };
}

function detail(spans: RequestDetail['spans'], logs: RequestDetail['logs'] = [], loops: RequestDetail['loops'] = []): RequestDetail {
  return { requestId: 'r', flow: 'POST /redeem', state: 'incomplete', spans, logs, loops };
}

test('spans are laid out parent before children, children by start time, with depth', () => {
  const d = detail([
    { spanId: 'c2', parentSpanId: 'root', name: 'second', startMs: 20, endMs: 30, status: 'unset' },
    { spanId: 'root', name: 'POST /redeem', startMs: 0, status: 'unset' },
    { spanId: 'c1', parentSpanId: 'root', name: 'first', startMs: 10, endMs: 15, status: 'unset' },
    { spanId: 'g', parentSpanId: 'c1', name: 'grandchild', startMs: 11, endMs: 12, status: 'error' },
    { spanId: 'orphan', parentSpanId: 'missing', name: 'orphan', startMs: 40, endMs: 41, status: 'unset' },
  ], [
    { timeMs: 13, level: 'info', message: 'inside first', spanId: 'c1' },
    { timeMs: 50, level: 'warn', message: 'no span' },
  ]);
  const layout = layoutWaterfall(d);
  assert.deepEqual(layout.rows.map((r) => [r.kind, r.label, r.depth]), [
    ['span', 'POST /redeem', 0],
    ['span', 'first', 1],
    ['log', 'inside first', 2],
    ['span', 'grandchild', 2],
    ['span', 'second', 1],
    ['span', 'orphan', 0],
    ['log', 'no span', 0],
  ]);
  assert.equal(layout.rows[0].open, true);
  assert.equal(layout.rows[3].error, true);
  assert.deepEqual(layout.domain, [0, 50]);
});

test('a span with no recorded time has a row but no bar: not open, not on the axis, not a repetition', () => {
  const spans = [span('root', undefined, 'GET /x', 1_000, 1_040), span('late', 'root', 'query', 0), span('late2', 'root', 'query', 0), span('late3', 'root', 'query', 0)];
  for (const s of spans.slice(1)) s.startEstimated = true;
  const d = buildRequestDetail({ id: 'r', flow: 'GET /x', state: 'completed' }, spans, []);
  const layout = layoutWaterfall(d);
  assert.deepEqual(layout.rows.map((r) => [r.label, r.untimed ?? false, r.open]), [['GET /x', false, false], ['query', true, false], ['query', true, false], ['query', true, false]]);
  assert.deepEqual(layout.domain, [1_000, 1_040], 'the 0 start of untimed spans does not stretch the axis to 1970');
  assert.equal(layout.repeated, null, 'three untimed spans are no steady repetition');
});

test('a parent cycle neither hangs nor loses spans', () => {
  const d = detail([
    { spanId: 'a', parentSpanId: 'b', name: 'a', startMs: 0, endMs: 1, status: 'unset' },
    { spanId: 'b', parentSpanId: 'a', name: 'b', startMs: 1, endMs: 2, status: 'unset' },
  ]);
  assert.deepEqual(layoutWaterfall(d).rows.map((r) => r.label).sort(), ['a', 'b']);
});

test('a 20,000-deep chain is laid out without overflowing the stack', () => {
  const spans = Array.from({ length: 20_000 }, (_, i) => ({ spanId: `s${i}`, parentSpanId: i ? `s${i - 1}` : undefined, name: `n${i}`, startMs: i, endMs: i + 1, status: 'unset' }));
  const rows = layoutWaterfall(detail(spans)).rows;
  assert.equal(rows.length, 20_000);
  assert.equal(rows[19_999].depth, 19_999);
});

test('the repeated operation is found from the spans when the engine gave no loop signature', () => {
  const spans = [
    { spanId: 'root', name: 'POST /redeem', startMs: 0, status: 'unset' },
    ...[0, 1, 2, 3, 4].map((i) => ({ spanId: `q${i}`, parentSpanId: 'root', name: `SELECT coupon ${100 + i}`, startMs: 10 + i * 250, endMs: 12 + i * 250, status: 'unset' })),
  ];
  const layout = layoutWaterfall(detail(spans));
  assert.deepEqual(layout.repeated, { operation: 'SELECT coupon #', source: 'span', count: 5, periodMs: 250 });
  assert.deepEqual(layout.rows.map((r) => r.repeated), [false, true, true, true, true, true]);
});

test("the engine's loop signature wins and marks matching log records", () => {
  const d = detail(
    [{ spanId: 'root', name: 'POST /redeem', startMs: 0, status: 'unset' }],
    [1, 2, 3].map((i) => ({ timeMs: i * 100, message: `retrying coupon lookup attempt=${i}`, spanId: 'root' })),
    [{ operation: 'retrying coupon lookup attempt=#', source: 'log', count: 4000, periodMs: 100 }],
  );
  const layout = layoutWaterfall(d);
  assert.deepEqual(layout.repeated, { operation: 'retrying coupon lookup attempt=#', source: 'log', count: 4000, periodMs: 100 });
  assert.deepEqual(layout.rows.filter((r) => r.repeated).length, 3);
});

test('fewer than three repetitions is not a repeated operation', () => {
  assert.equal(findRepeatedOperation(detail([
    { spanId: 'a', name: 'x', startMs: 0, status: 'unset' },
    { spanId: 'b', name: 'x', startMs: 1, status: 'unset' },
  ])), null);
});

for (const [times, expected] of [[[], 0], [[5], 0], [[0, 10, 20], 10], [[30, 0, 10, 25], 10], [[0, 1, 3, 6, 10], 2.5]] as Array<[number[], number]>) {
  test(`medianGap(${JSON.stringify(times)}) = ${expected}`, () => assert.equal(medianGap(times), expected));
}

for (const [args, expected] of [
  [[20_000, 20, 0, 400, 8], [0, 28]],
  [[20_000, 20, 100_000, 400, 8], [4992, 5028]],
  [[10, 20, 0, 400, 8], [0, 10]],
  [[0, 20, 0, 400, 8], [0, 0]],
] as Array<[[number, number, number, number, number], [number, number]]>) {
  test(`visibleRange${JSON.stringify(args)}`, () => assert.deepEqual(visibleRange(...args), expected));
}

for (const [attrs, expected] of [
  [{ 'code.filepath': 'src/a.ts', 'code.lineno': 12 }, { file: 'src/a.ts', line: 12, column: undefined }],
  [{ 'code.file.path': 'src/b.ts', 'code.line.number': '7', 'code.column.number': 3 }, { file: 'src/b.ts', line: 7, column: 3 }],
  [{ 'code.filepath': 'src/a.ts' }, undefined],
  [{ 'code.filepath': 'src/a.ts', 'code.lineno': 0 }, undefined],
  [{ 'code.filepath': 42, 'code.lineno': 3 }, undefined],
] as Array<[Record<string, string | number>, unknown]>) {
  test(`codeLocationOf(${JSON.stringify(attrs)})`, () => assert.deepEqual(codeLocationOf(attrs), expected));
}

test('normalizeOperation folds numbers and ids', () => {
  assert.equal(normalizeOperation('GET /users/42 trace 4bf92f3577b34da6'), 'GET /users/# trace #');
});

test('buildRequestDetail takes locations from code attributes, then from mappings of the same record, then by span name', () => {
  const spans = [
    span('a', undefined, 'handler', 0, undefined, { 'code.filepath': 'src/h.ts', 'code.lineno': 3 }),
    { ...span('b', 'a', 'lookup', 1, 2), origin: { file: 'trace.json', line: 40 } },
    span('c', 'a', 'SELECT coupon', 3, 4),
  ];
  const logs: LogRecord[] = [{ timeMs: 5, level: 'info', message: 'retry 3', spanId: 'a', attributes: {}, origin: { file: 'app.log', line: 9 } }, { message: 'no time', attributes: {}, origin: { file: 'app.log', line: 10 } }];
  const mapping = (file: string, line: number, via: string, detail: string, at?: { file: string; line: number }) => ({ location: { file, startLine: line, startColumn: 1, endLine: line, endColumn: 2 }, via, confidence: 0.5, detail, at });
  const d = buildRequestDetail({ id: 'r', flow: 'POST /x', state: 'incomplete', loops: [] }, spans, logs, [
    mapping('src/lookup.ts', 20, 'stack-trace', 'lookup', { file: 'trace.json', line: 40 }),
    mapping('src/db.ts', 8, 'span-name', 'SELECT coupon'),
    mapping('src/retry.ts', 11, 'log-template', 'retry %d'.replace('%d', '7')),
  ]);
  assert.deepEqual(d.spans.map((s) => s.location?.file), ['src/h.ts', 'src/lookup.ts', 'src/db.ts']);
  assert.deepEqual(d.logs.map((l) => [l.message, l.location?.file]), [['retry 3', 'src/retry.ts']]);
});
