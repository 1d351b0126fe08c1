import { test } from 'node:test';
import assert from 'node:assert/strict';
import { differenceBars, differenceLabel, formatDuration, formatLift, formatPValue } from '../../../webview/model/differenceChart';
import { buildViewModel } from '../../../webview/model/viewModel';
import { sampleReport } from './sample';

test('bars keep the ranked order, carry counts and shares of stuck and healthy requests', () => {
  const bars = differenceBars(buildViewModel(sampleReport()).differences, 2);
  assert.deepEqual(bars.map((b) => [b.label, b.stuckShare, b.healthyShare, b.incompleteWith, b.healthyWith]), [
    ['coupon.kind = legacy', 1, 0.25, 2, 1],
    ['flow POST /redeem', 1, 0.25, 2, 1],
  ]);
});

test('empty totals give zero shares, not NaN', () => {
  const [bar] = differenceBars([{ key: 'k', value: 'v', incompleteWith: 0, incompleteTotal: 0, healthyWith: 0, healthyTotal: 0, lift: 1, pValue: 1, score: 0, members: [] }], 5);
  assert.deepEqual([bar.stuckShare, bar.healthyShare], [0, 0]);
});

for (const [fn, input, expected] of [
  [formatLift, 3.25, '3.3×'], [formatLift, 250.4, '250×'], [formatLift, Infinity, '∞×'],
  [formatPValue, 0.0001, '1.0e-4'], [formatPValue, 0.25, '0.250'], [formatPValue, NaN, '–'],
  [formatDuration, 0.5, '0.50 ms'], [formatDuration, 350, '350 ms'], [formatDuration, 1234, '1.23 s'], [formatDuration, 90_000, '1.5 min'], [formatDuration, 7_200_000, '2.0 h'],
] as Array<[(n: number) => string, number, string]>) {
  test(`${fn.name}(${input}) = ${expected}`, () => assert.equal(fn(input), expected));
}

test('labels: flows read as "flow X", attributes as "key = value"', () => {
  assert.equal(differenceLabel('flow', 'GET /a'), 'flow GET /a');
  assert.equal(differenceLabel('user.tier', 'gold'), 'user.tier = gold');
});
