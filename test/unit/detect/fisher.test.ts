import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fisherGreater, logFisherGreater, logFactorial } from '../../../src/core/detect/fisher';

function choose(n: number, k: number): bigint {
  let r = 1n;
  for (let i = 0; i < k; i++) r = (r * BigInt(n - i)) / BigInt(i + 1);
  return r;
}

/** Exact tail with big integers, as the reference. */
function exactGreater(a: number, K: number, n: number, N: number): number {
  let num = 0n;
  for (let x = a; x <= Math.min(K, n); x++) if (n - x <= N - K) num += choose(K, x) * choose(N - K, n - x);
  const den = choose(N, n);
  const scale = 10n ** 30n;
  return Number((num * scale) / den) / 1e30;
}

test('logFactorial matches the summed logarithms on both sides of the table boundary', () => {
  for (const n of [0, 1, 2, 10, 1023, 1024, 1025, 5000, 100000]) {
    let sum = 0;
    for (let i = 2; i <= n; i++) sum += Math.log(i);
    assert.ok(Math.abs(logFactorial(n) - sum) <= 1e-9 * Math.max(1, sum), `n=${n}`);
  }
});

test('fisherGreater equals the exact hypergeometric tail', () => {
  const cases: Array<[a: number, withValue: number, drawn: number, total: number]> = [
    [3, 4, 4, 8],
    [0, 4, 4, 8],
    [4, 4, 4, 8],
    [1, 1, 10, 100],
    [5, 20, 10, 200],
    [2, 50, 10, 200],
    [20, 20, 25, 1000],
    [10, 300, 30, 1000],
  ];
  for (const [a, K, n, N] of cases) {
    const want = exactGreater(a, K, n, N);
    const got = fisherGreater(a, K, n, N);
    assert.ok(Math.abs(got - want) <= 1e-9 * Math.max(want, 1e-300) + 1e-15, `${[a, K, n, N]}: got ${got}, want ${want}`);
  }
  assert.equal(fisherGreater(3, 4, 4, 8).toFixed(6), (17 / 70).toFixed(6));
});

test('fisherGreater keeps tiny p-values for big tables instead of underflowing to 0 or NaN', () => {
  // p is about 1e-4000 here: the log stays finite and orders tables by strength.
  const strong = logFisherGreater(2000, 2000, 2100, 100000);
  const weaker = logFisherGreater(1500, 2000, 2100, 100000);
  assert.ok(Number.isFinite(strong) && Number.isFinite(weaker), `${strong} ${weaker}`);
  assert.ok(strong < weaker && weaker < -700, `${strong} ${weaker}`);
  assert.equal(fisherGreater(2000, 2000, 2100, 100000), 0);
  const q = fisherGreater(50, 60, 100, 100000);
  assert.ok(q > 0 && q < 1e-50, String(q));
  assert.ok(fisherGreater(1, 1000, 100, 100000) > 0.6 && fisherGreater(5, 1000, 100, 100000) < 0.01);
});
