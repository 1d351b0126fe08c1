import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attributeText, buildViewModel, membersOf } from '../../../webview/model/viewModel';
import { STATE_COMPLETED, STATE_FAILED, STATE_INCOMPLETE } from '../../../webview/protocol';
import { sampleReport } from './sample';

test('requests become columns; open-ended requests stop at their last evidence', () => {
  const model = buildViewModel(sampleReport());
  const { id, start, stop, open, state, flow } = model.requests;
  assert.deepEqual(id, ['a', 'b', 'c', 'd', 'e', 'f']);
  assert.deepEqual(start, [1000, 1200, 5000, 2000, 7000, 8000]);
  assert.deepEqual(stop, [1100, 9000, 6000, 2050, 7010, 8020]);
  assert.deepEqual(open, [0, 1, 1, 0, 0, 0]);
  assert.deepEqual(state, [STATE_COMPLETED, STATE_INCOMPLETE, STATE_INCOMPLETE, STATE_COMPLETED, STATE_FAILED, STATE_COMPLETED]);
  assert.deepEqual(flow.map((f) => model.flows[f].key), ['POST /redeem', 'POST /redeem', 'POST /redeem', 'GET /items', 'GET /items', 'GET /items']);
});

test('each difference lists the requests that carry its value, "flow" meaning the request flow', () => {
  const model = buildViewModel(sampleReport());
  assert.deepEqual(model.differences.map((d) => d.members), [[1, 2, 3], [0, 1, 2], [1, 2]]);
});

test('requests without a start are counted, not placed; unknown flows get a row', () => {
  const report = sampleReport();
  report.requests!.push({ ...report.requests![0], id: 'g', startMs: undefined });
  report.requests!.push({ ...report.requests![0], id: 'h', flow: 'GET /new' });
  const model = buildViewModel(report);
  assert.equal(model.untimedRequests, 1);
  assert.equal(model.requests.id.length, 7);
  const added = model.flows.find((f) => f.key === 'GET /new');
  assert.deepEqual(added && { requests: added.requests, incomplete: added.incomplete }, { requests: 1, incomplete: 0 });
});

test('without a request list the timeline falls back to the incomplete requests', () => {
  const report = sampleReport();
  delete report.requests;
  report.incomplete = [{ id: 'z', flow: 'POST /redeem', state: 'incomplete', confidence: 0.8, evidence: [], startMs: 10, lastSeenMs: 500, loops: [] }];
  const model = buildViewModel(report);
  assert.equal(model.onlyIncompleteRequests, true);
  assert.deepEqual([model.requests.id, model.requests.stop, model.requests.open], [['z'], [500], [1]]);
});

test('suspects are sorted by rank and point at the loop start', () => {
  const report = sampleReport();
  report.suspects.unshift({ ...report.suspects[0], rank: 2, location: { file: 'b.ts', startLine: 7, endLine: 9 } });
  const model = buildViewModel(report);
  assert.deepEqual(model.suspects.map((s) => [s.rank, s.location.file, s.location.line]), [[1, 'src/coupons.ts', 42], [2, 'b.ts', 7]]);
  assert.equal(model.suspects[0].functionName, 'redeem');
});

for (const [value, expected] of [
  ['x', 'x'], [3, '3'], [true, 'true'], [null, 'null'], [undefined, undefined], [[1, 'a'], '[1,"a"]'],
] as const) {
  test(`attributeText(${JSON.stringify(value)})`, () => assert.equal(attributeText(value as never), expected));
}

test('membersOf compares numbers through their text', () => {
  const rs = [{ flow: 'f', attributes: { n: 3 } }, { flow: 'f', attributes: { n: '3' } }, { flow: 'f', attributes: {} }] as never[];
  assert.deepEqual(membersOf('n', '3', rs), [0, 1]);
});
