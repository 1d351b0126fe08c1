import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildViewModel } from '../../../webview/model/viewModel';
import { countSelected, differencesInWindow, flowsInWindow, requestsInWindow, smoothedLift, stuckRequestsInWindow, suspectsInWindow } from '../../../webview/model/window';
import { sampleReport } from './sample';

const model = buildViewModel(sampleReport());
const ids = (mask: Uint8Array) => model.requests.id.filter((_, i) => mask[i]);

for (const [window, expected] of [
  [null, ['a', 'b', 'c', 'd', 'e', 'f']],
  [[1050, 1150], ['a']], // b starts at 1200
  [[5500, 5600], ['b', 'c']], // both stuck ones are open across it
  [[6500, 7005], ['b', 'e']], // c was last seen at 6000
  [[7005, 6500], ['b', 'e']], // reversed window
  [[9500, 9900], []],
] as Array<[[number, number] | null, string[]]>) {
  test(`requestsInWindow ${JSON.stringify(window)}`, () => {
    const mask = requestsInWindow(model.requests, window);
    assert.deepEqual(ids(mask), expected);
    assert.equal(countSelected(mask), expected.length);
  });
}

test('flows are recounted inside the window and ordered by stuck share', () => {
  const mask = requestsInWindow(model.requests, [1900, 7005]);
  // inside: b, c (redeem, stuck), d, e (items)
  assert.deepEqual(
    flowsInWindow(model, mask).map((f) => [f.key, f.requests, f.incomplete, f.failed]),
    [['POST /redeem', 2, 2, 0], ['GET /items', 2, 0, 1]],
  );
  // only b (stuck, still open) and e (failed): flows without requests in the window are left out
  assert.deepEqual(flowsInWindow(model, requestsInWindow(model.requests, [7005, 7008])).map((f) => [f.key, f.requests]), [['POST /redeem', 1], ['GET /items', 1]]);
  assert.deepEqual(flowsInWindow(model, requestsInWindow(model.requests, [1050, 1100])).map((f) => f.key), ['POST /redeem']);
});

test('without a window the report order and numbers of differences stand', () => {
  assert.equal(differencesInWindow(model, null), model.differences);
});

test('differences are recounted inside the window; values no stuck request carries drop out', () => {
  const mask = requestsInWindow(model.requests, [1900, 2100]);
  // inside: b (stuck, legacy, tries 3) and d (healthy, legacy)
  const diffs = differencesInWindow(model, mask);
  const legacy = diffs.find((d) => d.key === 'coupon.kind')!;
  assert.deepEqual([legacy.incompleteWith, legacy.incompleteTotal, legacy.healthyWith, legacy.healthyTotal], [1, 1, 1, 1]);
  assert.equal(legacy.lift, smoothedLift(1, 1, 1, 1));
  // flow and tries tie (1 stuck, 0 healthy): ties keep the report's order.
  assert.deepEqual(diffs.map((d) => d.key), ['flow', 'tries', 'coupon.kind']);

  const none = differencesInWindow(model, requestsInWindow(model.requests, [1000, 1100]));
  assert.deepEqual(none, []);
});

test('smoothedLift is finite when no healthy request has the value, and 1 for equal shares', () => {
  assert.ok(Number.isFinite(smoothedLift(5, 5, 0, 100)));
  assert.equal(smoothedLift(2, 3, 2, 3), 1);
});

test('suspects count the stuck requests of their flows inside the window', () => {
  assert.equal(suspectsInWindow(model, null)[0].stuckInWindow, null);
  assert.equal(suspectsInWindow(model, requestsInWindow(model.requests, [5500, 5600]))[0].stuckInWindow, 2);
  assert.equal(suspectsInWindow(model, requestsInWindow(model.requests, [8000, 8010]))[0].stuckInWindow, 1);
  assert.equal(suspectsInWindow(model, requestsInWindow(model.requests, [9500, 9600]))[0].stuckInWindow, 0);
});

test('stuck requests in the window come longest-stuck first', () => {
  const picked = stuckRequestsInWindow(model.requests, requestsInWindow(model.requests, null), 10);
  assert.deepEqual(picked.map((i) => model.requests.id[i]), ['b', 'c']);
  assert.deepEqual(stuckRequestsInWindow(model.requests, requestsInWindow(model.requests, null), 1).map((i) => model.requests.id[i]), ['b']);
});
