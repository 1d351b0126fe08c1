import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boundsAtProbe, flowsAtProbe, parseSnippet } from './helpers';
import { constantNumber } from '../../../../src/core/analysis/dataflow/bounds';
import { walk, type Node } from '../../../../src/core/analysis/dataflow/ast';

/** The facts known at `probe(x)`'s argument in function f, as "lo..hi int len<=N". */
function factsAtProbe(code: string): string {
  const b = boundsAtProbe(code);
  return `${b.lo}..${b.hi}${b.int ? ' int' : ''}${b.lenHi < Infinity ? ` len<=${b.lenHi}` : ''}`;
}

const cases: Array<{ name: string; code: string; facts: string }> = [
  // What bounds a value.
  { name: 'upper bound check that returns', code: 'function f(n) { if (n > 100) return; probe(n); }', facts: '-Infinity..100' },
  { name: 'check that throws, written with a negation', code: 'function f(n) { if (!(n <= 100)) { throw new Error("n"); } probe(n); }', facts: '-Infinity..100' },
  { name: 'validated integer range', code: 'function f(n) { if (!Number.isInteger(n) || n < 0 || n > 100) return; probe(n); }', facts: '0..100 int' },
  { name: 'read inside the branch that holds', code: 'function f(n) { if (n <= 10 && n >= 1) { probe(n); } }', facts: '1..10' },
  { name: 'Math.min with a named constant', code: 'const MAX = 500;\nfunction f(q) { const n = Math.min(Number(q), MAX); probe(n); }', facts: '-Infinity..500' },
  { name: 'clamp on every branch', code: 'function f(n) { if (n > 50) n = 50; probe(n); }', facts: '-Infinity..50' },
  { name: 'clamp to a range', code: 'function f(q) { const n = Math.max(1, Math.min(q, 20)); probe(n); }', facts: '1..20' },
  { name: 'ternary clamp', code: 'function f(n) { const m = n > 9 ? 9 : n; probe(m); }', facts: '-Infinity..9' },
  { name: 'slice to a constant length', code: 'function f(rows) { const r = rows.slice(0, 50); probe(r.length); }', facts: '0..50 int' },
  { name: 'length check that returns', code: 'function f(rows) { if (rows.length > 20) return; probe(rows.length); }', facts: '0..20 int' },
  { name: 'check in the caller of a closure over a const', code: 'function f(q) { const n = Number(q); if (n > 5) return; [1].forEach(() => probe(n)); }', facts: '-Infinity..5' },
  { name: 'an earlier declarator of the same declaration', code: 'function f(q) { var m = Math.min(q, 10), k = m; probe(k); }', facts: '-Infinity..10' },
  { name: 'Math.min through a module alias', code: 'var nativeMin = Math.min;\nfunction f(q) { const n = nativeMin(q, 10); probe(n); }', facts: '-Infinity..10' },
  { name: 'arithmetic with constants', code: 'function f(n) { if (n > 10 || n < 0) return; probe(n * 2 - 1); }', facts: '-1..19' },
  { name: 'a constant spelled with shifts', code: 'function f() { const c = (2 << 15) - 1; probe(c); }', facts: '65535..65535 int' },
  { name: 'a constant spelled with a power and a mask', code: 'function f() { probe((2 ** 16 - 1) & 0xff00); }', facts: '65280..65280 int' },
  { name: 'assert before the read', code: "import assert from 'node:assert';\nfunction f(n) { assert(n <= 64); probe(n); }", facts: '-Infinity..64' },
  { name: 'member path checked and read unchanged', code: 'function f(req) { if (req.body.n > 30) return; probe(req.body.n); }', facts: '-Infinity..30' },
  { name: 'member path length checked', code: 'function f(req) { if (req.body.items.length > 25) throw new Error("too many"); probe(req.body.items.length); }', facts: '0..25 int' },
  { name: 'member path next to pure reads and element reads', code: 'function f(req) { if (req.body.items.length > 25) return; const x = req.get("x") + req.body.items[0].v; probe(req.body.items.length); }', facts: '0..25 int' },
  // What does not.
  { name: 'assert of something else', code: "import assert from 'node:assert';\nfunction f(n, m) { assert(m <= 64); probe(n); }", facts: '-Infinity..Infinity' },
  { name: 'only a lower bound', code: 'function f(n) { if (n < 0) return; probe(n); }', facts: '0..Infinity' },
  { name: 'check that does not leave', code: 'function f(n) { if (n > 100) console.log("big"); probe(n); }', facts: '-Infinity..Infinity' },
  { name: 'check on one branch only', code: 'function f(n, safe) { if (safe) { if (n > 100) return; } probe(n); }', facts: '-Infinity..Infinity' },
  { name: 'check on another variable', code: 'function f(n, m) { if (m > 100) return; probe(n); }', facts: '-Infinity..Infinity' },
  { name: 'reassigned after the check', code: 'function f(n, q) { if (n > 100) return; n = Number(q); probe(n); }', facts: '-Infinity..Infinity' },
  { name: 'reassigned on one path after the check', code: 'function f(n, q) { if (n > 100) return; if (q) n = q; probe(n); }', facts: '-Infinity..Infinity' },
  { name: 'written in the loop around the read', code: 'function f(n) { if (n > 100) return; while (n) { probe(n); n = n * 3; } }', facts: '-Infinity..Infinity' },
  { name: 'reassigned in a for loop\'s init', code: 'function f(n, q) { if (n > 100) return; let i; for (n = q, i = 0; i < 3; i++) probe(n); }', facts: '-Infinity..Infinity' },
  { name: 'written by a closure', code: 'function f(n, q) { if (n > 100) return; const set = () => { n = q; }; set(); probe(n); }', facts: '-Infinity..Infinity' },
  { name: 'Math.min with flow data on both sides', code: 'function f(a, b) { probe(Math.min(a, b)); }', facts: '-Infinity..Infinity' },
  { name: 'Infinity is no bound', code: 'function f(n) { if (n > Infinity) return; probe(n); }', facts: '-Infinity..Infinity' },
  { name: 'slice then push: the length bound is gone', code: 'function f(rows, x) { const r = rows.slice(0, 50); r.push(x); probe(r.length); }', facts: '0..Infinity int' },
  { name: 'slice handed to a call that may grow it', code: 'function f(rows) { const r = rows.slice(0, 50); fill(r); probe(r.length); }', facts: '0..Infinity int' },
  { name: 'switch case after a case that writes and falls through', code: 'function f(n, k) { if (n > 9) return; switch (k) { case 1: n = k; case 2: probe(n); } }', facts: '-Infinity..Infinity' },
  { name: 'catch after a try that writes', code: 'function f(n, q) { if (n > 9) return; try { n = q(); } catch { probe(n); } }', facts: '-Infinity..Infinity' },
  { name: 'member path assigned after the check', code: 'function f(req) { if (req.body.n > 30) return; req.body.n = 1e9; probe(req.body.n); }', facts: '-Infinity..Infinity' },
  { name: 'object on the way replaced', code: 'function f(req, b) { if (req.body.n > 30) return; req.body = b; probe(req.body.n); }', facts: '-Infinity..Infinity' },
  { name: 'object on the way handed to a call', code: 'function f(req) { if (req.body.n > 30) return; normalize(req.body); probe(req.body.n); }', facts: '-Infinity..Infinity' },
  { name: 'object on the way copied', code: 'function f(req) { if (req.body.n > 30) return; const b = req.body; probe(req.body.n); }', facts: '-Infinity..Infinity' },
  { name: 'checked list grown', code: 'function f(req, x) { if (req.body.items.length > 25) return; req.body.items.push(x); probe(req.body.items.length); }', facts: '0..Infinity int' },
  { name: 'element written (can grow the list)', code: 'function f(req, i) { if (req.body.items.length > 25) return; req.body.items[i] = 0; probe(req.body.items.length); }', facts: '0..Infinity int' },
  { name: 'checked list handed to a call that may grow it', code: 'function f(req) { if (req.body.items.length > 25) return; fill(req.body.items); probe(req.body.items.length); }', facts: '0..Infinity int' },
  { name: 'a different path checked', code: 'function f(req) { if (req.body.m > 30) return; probe(req.body.n); }', facts: '-Infinity..Infinity' },
];

for (const c of cases) test(`bounds: ${c.name}`, () => assert.equal(factsAtProbe(c.code), c.facts));

/** Whether the flow of f's first parameter reaching probe(...) carries an upper bound. */
function upperBoundedFlow(code: string): boolean {
  const flows = flowsAtProbe(code);
  assert.ok(flows.length > 0, 'flow data reaches the probe');
  return flows.every((f) => (f.bounds?.hi ?? Infinity) < Infinity);
}

test('taint: a copy of a checked value carries its bound through the loop that counts it down', () =>
  assert.equal(upperBoundedFlow('function f(n) { if (n > 100) return; let left = n; while (left > 0) { left--; } probe(left); }'), true));
test('taint: arithmetic with other flow data loses the bound', () =>
  assert.equal(upperBoundedFlow('function f(n, s) { if (n > 100) return; let left = n; left = left - s; probe(left); }'), false));
test('taint: a compound step from flow data loses the bound', () =>
  assert.equal(upperBoundedFlow('function f(n, s) { if (n > 100) return; let left = n; left -= s; probe(left); }'), false));
test('taint: a member of a checked value is not checked', () =>
  assert.equal(upperBoundedFlow('function f(n) { if (n > 100) return; const o = { n }; probe(o.n); }'), false));
test('taint: the same origin unchecked on another way is unchecked', () =>
  assert.equal(upperBoundedFlow('function f(n) { const m = Math.min(n, 10); probe(m + n); }'), false));

test('constantNumber: a constant spelled with many operators, through another constant (a week in ms)', () => {
  const file = parseSnippet('const DAY = 24 * 60 * 60 * 1000;\nconst WEEK = 7 * DAY;\nfunction f() { probe(2 * WEEK); }');
  let arg: Node | undefined;
  walk(file.ast, (n) => {
    if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'probe') arg = n.arguments[0];
  });
  assert.equal(constantNumber(arg!, file), 2 * 7 * 86400000);
});
