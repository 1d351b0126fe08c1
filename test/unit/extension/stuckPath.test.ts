import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergeRanges, stuckPathLines } from '../../../src/extension/model/stuckPath';
import { syntheticReport } from '../../e2e/syntheticReport';

test('mergeRanges joins overlapping and adjacent ranges', () => {
  const cases: Array<[Array<[number, number]>, Array<[number, number]>]> = [
    [[[5, 5], [4, 4]], [[4, 5]]],
    [[[1, 3], [2, 6], [10, 10]], [[1, 6], [10, 10]]],
    [[[8, 8], [8, 8]], [[8, 8]]],
    [[], []],
  ];
  for (const [input, expected] of cases) {
    const out = mergeRanges(input.map(([startLine, endLine]) => ({ startLine, endLine })));
    assert.deepEqual(out.map((r) => [r.startLine, r.endLine]), expected);
  }
});

test('stuck path: mapped lines of stuck flows and the suspects data path', () => {
  const lines = stuckPathLines(syntheticReport());
  assert.deepEqual(lines.get('src/orders.ts'), [{ startLine: 4, endLine: 5 }, { startLine: 8, endLine: 8 }]);
  assert.deepEqual(lines.get('src/vouchers.ts'), [{ startLine: 8, endLine: 8 }]);
});

test('mappings of healthy flows are not decorated', () => {
  const report = syntheticReport();
  report.mappings.push({ location: { file: 'src/health.ts', startLine: 3, startColumn: 1, endLine: 3, endColumn: 1 }, via: 'route', confidence: 1, detail: 'GET /orders/:id', flow: 'GET /orders/:id' });
  assert.equal(stuckPathLines(report).has('src/health.ts'), false);
});

test('with stuck counts, only locations stuck requests reached are decorated', () => {
  const report = syntheticReport();
  const base = report.mappings[0]!;
  report.mappings = [
    { ...base, location: { ...base.location, startLine: 20 }, stuckCount: 0, count: 7 } as typeof base,
    { ...base, location: { ...base.location, startLine: 30 }, stuckCount: 3, count: 3 } as typeof base,
  ];
  assert.deepEqual(stuckPathLines(report).get('src/orders.ts'), [{ startLine: 5, endLine: 5 }, { startLine: 8, endLine: 8 }, { startLine: 30, endLine: 30 }]);
});
