// The view model from a report's compact `timeline` (reports too large to carry every request):
// the same rows, flows and brushed recounts as from the full request list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AnalysisReport, Span } from '../../../src/core/model';
import { analyzeDataset } from '../../../src/core/pipeline';
import { buildViewModel, decodeMembers } from '../../../webview/model/viewModel';
import { differencesInWindow, flowsInWindow, requestsInWindow, suspectsInWindow } from '../../../webview/model/window';
import { STATE_COMPLETED, STATE_INCOMPLETE } from '../../../webview/protocol';
import { dataset, healthyTrace, hex, hungTraceEnded } from '../detect/builders';

/** 300 healthy requests over three flows and 12 stuck ones in a fourth, spread over 30 s. */
function incident(includeRequests: boolean): AnalysisReport {
  const spans: Span[] = [];
  const routes = ['/cart', '/search', '/items/:id'];
  for (let i = 0; i < 300; i++) {
    spans.push(...healthyTrace(hex(i + 1), routes[i % 3], i * 100, 20 + (i % 7) * 10, 1, { 'app.tier': i % 5 ? 'free' : 'gold', 'app.region': i % 2 ? 'eu' : 'us', 'app.version': i % 3 ? '4.1' : '4.2' }));
  }
  for (let i = 0; i < 12; i++) {
    spans.push(...hungTraceEnded(hex(9000 + i), '/coupons/:code/redeem', 1000 + i * 2300, 5000, 100, 60, { 'app.tier': i % 4 ? 'gold' : 'free', 'app.region': 'eu', 'app.version': '4.2' }));
  }
  return analyzeDataset(dataset({ spans }), { includeRequests, requestDetails: false }).report;
}

const compact = incident(false);
const full = incident(true);
// The same analysis as a report of an older version: the full list and no timeline.
const { timeline: _dropped, ...fullWithoutTimeline } = full;
const fromTimeline = buildViewModel(compact);
const fromRequests = buildViewModel(fullWithoutTimeline);
const WINDOWS: Array<[number, number]> = [[0, 30_000], [2_000, 6_000], [9_500, 9_800], [14_000, 31_000], [29_000, 29_900], [40_000, 50_000]];

test('without the request list, every request is on the timeline, healthy ones included', () => {
  assert.equal(compact.requests, undefined);
  assert.equal(fromTimeline.onlyIncompleteRequests, false);
  assert.equal(fromTimeline.requests.id.length, 312);
  assert.equal(fromTimeline.requests.state.filter((s) => s === STATE_INCOMPLETE).length, 12);
  assert.equal(fromTimeline.requests.state.filter((s) => s === STATE_COMPLETED).length, 300);
  // The same rows as from the full list.
  assert.deepEqual(fromTimeline.requests, fromRequests.requests);
  assert.deepEqual(fromTimeline.flows, fromRequests.flows);
  assert.equal(fromTimeline.untimedRequests, 0);
});

test('each difference carries the same members as matched against the full attributes', () => {
  assert.ok(compact.differences.length >= 2, JSON.stringify(compact.differences.map((d) => `${d.key}=${d.value}`)));
  assert.deepEqual(fromTimeline.differences, fromRequests.differences);
  // Over all requests the members reproduce the engine's own counts.
  const all = differencesInWindow(fromTimeline, requestsInWindow(fromTimeline.requests, [-Infinity, Infinity]));
  for (const d of compact.differences) {
    const recounted = all.find((x) => x.key === d.key && x.value === d.value)!;
    assert.deepEqual([recounted.incompleteWith, recounted.healthyWith], [d.incompleteWith, d.healthyWith], `${d.key}=${d.value}`);
  }
});

for (const window of WINDOWS) {
  test(`recounts in the window ${window.join('–')} ms equal those from the full list`, () => {
    const mask = requestsInWindow(fromTimeline.requests, window);
    assert.deepEqual(mask, requestsInWindow(fromRequests.requests, window));
    assert.deepEqual(flowsInWindow(fromTimeline, mask), flowsInWindow(fromRequests, mask));
    assert.deepEqual(differencesInWindow(fromTimeline, mask), differencesInWindow(fromRequests, mask));
    assert.deepEqual(suspectsInWindow(fromTimeline, mask), suspectsInWindow(fromRequests, mask));
  });
}

test('a window around healthy traffic only counts the healthy requests there (not just the stuck ones)', () => {
  const mask = requestsInWindow(fromTimeline.requests, [29_000, 29_900]);
  const flows = flowsInWindow(fromTimeline, mask);
  assert.ok(flows.length >= 3 && flows.every((f) => f.incomplete === 0 || f.key === 'POST /coupons/:code/redeem'));
  assert.ok(flows.reduce((n, f) => n + f.requests - f.incomplete, 0) >= 9);
});

test('with both, the timeline gives the same model as the full list', () => {
  assert.deepEqual(buildViewModel(full), fromRequests);
});

test('a request without a start is counted, not placed; members skip it', () => {
  const report = structuredClone(compact);
  const stuckRow = report.timeline!.state.indexOf(2);
  report.timeline!.startMs[stuckRow] = null;
  const model = buildViewModel(report);
  assert.equal(model.untimedRequests, 1);
  assert.equal(model.requests.id.length, 311);
  assert.ok(!model.requests.id.includes(report.timeline!.id[stuckRow]));
  for (const [i, d] of model.differences.entries()) {
    assert.ok(d.members.every((m) => m < 311));
    const before = fromTimeline.differences[i].members.map((m) => fromTimeline.requests.id[m]);
    assert.deepEqual(d.members.map((m) => model.requests.id[m]), before.filter((id) => id !== report.timeline!.id[stuckRow]));
  }
});

test('an old report without timeline or requests still builds from the incomplete ones', () => {
  const { timeline: _t, ...old } = compact;
  const model = buildViewModel(old);
  assert.equal(model.onlyIncompleteRequests, true);
  assert.deepEqual([...model.requests.id].sort(), compact.incomplete.map((r) => r.id).sort());
});

test('a damaged timeline (columns of different lengths) is not used', () => {
  const report = structuredClone(compact);
  report.timeline!.endMs.pop();
  assert.equal(buildViewModel(report).onlyIncompleteRequests, true);
});

test('out-of-range flow indexes and unknown state codes do not break the model', () => {
  const report = structuredClone(compact);
  report.timeline!.flow[0] = 99;
  report.timeline!.state[1] = 7;
  const model = buildViewModel(report);
  assert.equal(model.flows[model.requests.flow[0]].key, '(unknown flow)');
  assert.equal(model.requests.state[1], STATE_COMPLETED);
});

test('decodeMembers: gaps to rows, untimed rows skipped, malformed steps end the list', () => {
  const columnOf = Int32Array.from([0, -1, 1, 2, 3]);
  assert.deepEqual(decodeMembers([0, 1, 1, 2], columnOf), [0, 1, 3]);
  assert.deepEqual(decodeMembers([2, 0, 1], columnOf), [1]);
  assert.deepEqual(decodeMembers([2, 1.5], columnOf), [1]);
  assert.deepEqual(decodeMembers([3, 5], columnOf), [2]);
  assert.deepEqual(decodeMembers(['0'], columnOf), []);
  assert.deepEqual(decodeMembers(undefined, columnOf), []);
});
