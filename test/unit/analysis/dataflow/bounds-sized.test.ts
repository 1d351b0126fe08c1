import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boundsAtProbe } from './helpers';

/** Whether the value at `probe(x)`'s argument in function f is known to be no more than a size of some data. */
function sizedAtProbe(code: string): boolean {
  return !!boundsAtProbe(code).sized;
}

const cases: Array<{ name: string; code: string; sized: boolean }> = [
  { name: 'length of a list', code: 'function f(list) { probe(list.length); }', sized: true },
  { name: 'length or 0 for a missing list', code: 'function f(list) { const n = list == null ? 0 : list.length; probe(n); }', sized: true },
  { name: 'difference of two lengths, floored at 0', code: 'function f(a, b) { probe(Math.max(a.length - b.length, 0)); }', sized: true },
  { name: 'smaller of a length and a number', code: 'function f(a, n) { probe(Math.min(a.length, n)); }', sized: true },
  { name: 'length read before a loop that grows the list', code: 'function f(list) { const n = list.length; for (let i = 0; i < n; i++) list.push(i); probe(n); }', sized: true },
  { name: 'length destructured from a list', code: 'function f(list) { const { length } = list; probe(length); }', sized: true },
  { name: 'another property destructured from a list', code: 'function f(list) { const { size } = list; probe(size); }', sized: false },
  { name: 'a number parameter', code: 'function f(n) { probe(n); }', sized: false },
  { name: 'larger of a length and a number', code: 'function f(a, n) { probe(Math.max(a.length, n)); }', sized: false },
  { name: 'length minus a number of unknown sign', code: 'function f(a, n) { probe(a.length - n); }', sized: false },
  { name: 'length read in a loop that may grow the list', code: 'function f(list) { while (true) { probe(list.length); list.push(1); } }', sized: false },
  { name: 'length of a member list (growth not followed)', code: 'function f(req) { probe(req.body.items.length); }', sized: false },
];

for (const c of cases) test(`sized: ${c.name}`, () => assert.equal(sizedAtProbe(c.code), c.sized));
