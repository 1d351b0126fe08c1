import assert from 'node:assert/strict';
import { test } from 'node:test';
import { overallFraction, throttleProgress } from '../../../src/extension/worker/progress';

test('phase progress maps onto one monotonic bar', () => {
  const cases: Array<[Parameters<typeof overallFraction>[0], number]> = [
    [{ phase: 'read', fraction: 0 }, 0],
    [{ phase: 'read', fraction: 1 }, 0.45],
    [{ phase: 'detect' }, 0.45],
    [{ phase: 'code', fraction: 0.5 }, 0.765],
    [{ phase: 'report', fraction: 1 }, 1],
    [{ phase: 'read', fraction: 7 }, 0.45],
    [{ phase: 'read', fraction: -1 }, 0],
  ];
  for (const [input, expected] of cases) assert.ok(Math.abs(overallFraction(input) - expected) < 1e-9, JSON.stringify(input));
});

test('progress is throttled within a phase but never drops a phase change', () => {
  let clock = 0;
  const sent: string[] = [];
  const report = throttleProgress((m) => sent.push(m), 100, () => clock);
  report({ phase: 'read', message: 'r1', fraction: 0.1 });
  clock = 50;
  report({ phase: 'read', message: 'r2', fraction: 0.2 });
  clock = 60;
  report({ phase: 'detect', message: 'd1' });
  clock = 200;
  report({ phase: 'detect', message: 'd2' });
  assert.deepEqual(sent, ['r1', 'd1', 'd2']);
});
