// One-sided Fisher's exact test on a 2x2 table, in log space so large tables neither overflow
// nor lose the tiny p-values that matter for ranking.

const TABLE_SIZE = 1024;
const logFactTable = new Float64Array(TABLE_SIZE);
for (let i = 2; i < TABLE_SIZE; i++) logFactTable[i] = logFactTable[i - 1]! + Math.log(i);

/** ln(n!) — exact sum for small n, Stirling's series beyond (error < 1e-13 there). */
export function logFactorial(n: number): number {
  if (n < TABLE_SIZE) return logFactTable[n]!;
  const inv = 1 / n;
  const inv2 = inv * inv;
  return n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n) + inv * (1 / 12 - inv2 * (1 / 360 - inv2 / 1260));
}

const logChoose = (n: number, k: number): number => logFactorial(n) - logFactorial(k) - logFactorial(n - k);

/**
 * P(X >= a) for X hypergeometric: a population of `total`, `withValue` of them have the value,
 * `drawn` are sampled (the incomplete requests). The upper tail: the value is over-represented.
 */
export function fisherGreater(a: number, withValue: number, drawn: number, total: number): number {
  return Math.exp(logFisherGreater(a, withValue, drawn, total));
}

/** Natural log of fisherGreater's p-value: stays finite where the p-value itself underflows (ranking needs it). */
export function logFisherGreater(a: number, withValue: number, drawn: number, total: number): number {
  const lo = Math.max(0, drawn + withValue - total);
  const hi = Math.min(withValue, drawn);
  if (a <= lo) return 0;
  if (a > hi) return -Infinity;
  const logDenominator = logChoose(total, drawn);
  const logTerm = (x: number): number => logChoose(withValue, x) + logChoose(total - withValue, drawn - x) - logDenominator;
  const mode = Math.floor(((drawn + 1) * (withValue + 1)) / (total + 2));
  // Sum from the side where terms fall away monotonically, so the loop stops early.
  if (a > mode) return Math.min(0, logSumTail(logTerm, a, hi, 1));
  return Math.log(Math.max(Number.MIN_VALUE, 1 - Math.exp(logSumTail(logTerm, a - 1, lo, -1))));
}

function logSumTail(logTerm: (x: number) => number, from: number, to: number, step: 1 | -1): number {
  const first = logTerm(from);
  let sum = 0;
  for (let x = from; step > 0 ? x <= to : x >= to; x += step) {
    const rel = Math.exp(logTerm(x) - first);
    sum += rel;
    if (rel < 1e-17 * sum) break;
  }
  return first + Math.log(sum);
}
