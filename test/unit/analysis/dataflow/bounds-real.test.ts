import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boundsAtProbe } from './helpers';

/** Whether the value at `probe(x)`'s argument in function f is known to be a real string or array (or such a value's length). */
function realAtProbe(code: string): boolean {
  return !!boundsAtProbe(code).real;
}

const cases: Array<{ name: string; code: string; real: boolean }> = [
  // Built by the code.
  { name: 'a template literal', code: 'function f(p) { const s = `.${p}`; probe(s.length); }', real: true },
  { name: 'a string concatenated with data', code: 'function f(p) { const s = "." + p; probe(s.length); }', real: true },
  { name: 'split', code: 'function f(p) { const parts = p.split(","); probe(parts.length); }', real: true },
  { name: 'Object.keys', code: 'function f(o) { const keys = Object.keys(o); probe(keys.length); }', real: true },
  { name: 'String(x)', code: 'function f(x) { const s = String(x); probe(s.length); }', real: true },
  { name: 'a string method (replace)', code: 'function f(p) { const s = p.replace("/api/", ""); probe(s.length); }', real: true },
  { name: 'Array.of', code: 'function f(x) { const a = Array.of(x, x); probe(a.length); }', real: true },
  { name: "a cursor's toArray()", code: 'function f(x, c) { const b = c.find(x).toArray(); probe(b.length); }', real: true },
  { name: "a query builder's rows (knex select)", code: 'async function f(t, c) { const ids = await this.knex.select("id").from(t).orderBy(c); probe(ids.length); }', real: true },
  { name: "a table's rows filtered (knex(t).where)", code: 'async function f(t, q) { const rows = await knex(t).where(q); probe(rows.length); }', real: true },
  { name: "not a query builder's first row", code: 'async function f(t, q) { const row = await knex(t).where(q).first(); probe(row.length); }', real: false },
  { name: "not a query builder's raw result", code: 'async function f(s) { const r = await knex.raw(s); probe(r.length); }', real: false },
  { name: 'not an awaited call of another object', code: 'async function f(t) { const rows = await api.select("id").from(t); probe(rows.length); }', real: false },
  { name: 'an element of a split result', code: 'function f(p) { const parts = p.split("."); const first = parts[0]; probe(first.length); }', real: true },
  { name: 'an element of a split result read in place', code: 'function f(p) { probe(p.split(".")[1].length); }', real: true },
  { name: 'an element of Object.keys', code: 'function f(o, i) { const keys = Object.keys(o); probe(keys[i].length); }', real: true },
  { name: 'not an element of a split list something pushed onto', code: 'function f(p, q) { const parts = p.split("."); parts.push(q); probe(parts[1].length); }', real: false },
  { name: 'not an element of a split list whose element was replaced', code: 'function f(p, q) { const parts = p.split("."); parts[0] = q; probe(parts[0].length); }', real: false },
  { name: 'not an element of a split list handed on', code: 'function f(p) { const parts = p.split("."); keep(parts); probe(parts[0].length); }', real: false },
  { name: 'not an element of an array literal', code: 'function f(p) { const xs = [p]; probe(xs[0].length); }', real: false },
  { name: 'not Array.from of an array-like (as long as it says)', code: 'function f(x) { const a = Array.from({ length: x.n }); probe(a.length); }', real: false },
  { name: "not lodash's _.toArray(x)", code: 'function f(x) { const a = _.toArray(x); probe(a.length); }', real: false },
  // A method plain data lacks, called where it always runs before the read.
  { name: 'the test of ?: called startsWith on it', code: 'function f(p) { const n = p.startsWith("[") ? p : `.${p}`; probe(n.length); }', real: true },
  { name: 'a statement before called trim on it', code: 'function f(k) { const t = k.trim(); probe(k.length); }', real: true },
  { name: 'the left of && called includes on it', code: 'function f(k) { if (k.includes(".") && other()) probe(k.length); }', real: true },
  // Array.isArray, or nothing at all.
  { name: 'x || [] where !x || Array.isArray(x) held', code: 'function f(x) { if (!x || Array.isArray(x)) { const u = x || []; probe(u.length); } }', real: true },
  { name: 'in the branch of Array.isArray', code: 'function f(x) { if (Array.isArray(x)) probe(x.length); }', real: true },
  { name: 'Object.getOwnPropertyNames', code: 'function f(o) { const keys = Object.getOwnPropertyNames(o); probe(keys.length); }', real: true },
  // Iterated over, or parsed from text that begins with `[`.
  { name: 'a for-of over it ran before', code: 'function f(xs) { for (const x of xs) use(x); probe(xs.length); }', real: true },
  { name: 'inside a for-of over it', code: 'function f(xs) { for (const x of xs) probe(xs.length); }', real: true },
  { name: 'JSON.parse of text that starts with [', code: 'function f(s) { if (s.startsWith("[") && s.endsWith("]")) { const xs = JSON.parse(s); probe(xs.length); } }', real: true },
  { name: 'grown by its own methods before the loop that reads it', code: 'function f(xs) { xs = xs.filter(Boolean); xs.push(1); for (let i = 0; i < 9; i++) probe(xs.length); }', real: true },
  { name: 'a member list walked by a for-of before', code: 'function f(r) { for (const w of r.workers) use(w); if (r.workers.length === 0) return; probe(r.workers.length); }', real: true },
  // Near misses.
  { name: 'a parameter', code: 'function f(p) { probe(p.length); }', real: false },
  { name: 'x || [] with no check', code: 'function f(x) { const u = x || []; probe(u.length); }', real: false },
  { name: 'a method every object has (hasOwnProperty)', code: 'function f(p) { if (p.hasOwnProperty("a")) probe(p.length); }', real: false },
  { name: 'an optional call (p?.trim()) may not have run', code: 'function f(p) { const t = p?.trim(); probe(p.length); }', real: false },
  { name: 'a call on the right of && may not have run', code: 'function f(p, ok) { const t = ok && p.trim(); probe(p.length); }', real: false },
  { name: 'written again after the call', code: 'function f(p, q) { p.trim(); p = q; probe(p.length); }', real: false },
  { name: 'a call in a branch that may not run', code: 'function f(p, ok) { if (ok) p.trim(); probe(p.length); }', real: false },
  { name: 'for await takes async iterables too', code: 'async function f(xs) { for await (const x of xs) use(x); probe(xs.length); }', real: false },
  { name: 'a for-of in one branch only', code: 'function f(xs, ok) { if (ok) { for (const x of xs) use(x); } probe(xs.length); }', real: false },
  { name: 'JSON.parse of text that starts with {', code: 'function f(s) { if (s.startsWith("{")) { const xs = JSON.parse(s); probe(xs.length); } }', real: false },
  { name: 'JSON.parse where the [ check failed', code: 'function f(s) { if (s.startsWith("[")) return; const xs = JSON.parse(s); probe(xs.length); }', real: false },
  { name: 'JSON.parse of text written after the check', code: 'function f(s, t) { if (s.startsWith("[")) { s = t; const xs = JSON.parse(s); probe(xs.length); } }', real: false },
  { name: 'handed to a call before the loop (kept and grown elsewhere)', code: 'function f(p) { const xs = p.split(","); keep(xs); for (let i = 0; i < 9; i++) probe(xs.length); }', real: false },
  { name: 'a member list walked, then handed on', code: 'function f(r) { for (const w of r.workers) use(w); keep(r.workers); if (r.workers.length === 0) return; probe(r.workers.length); }', real: false },
  { name: 'a list the loop grows, read in the loop', code: 'function f(p) { const xs = p.split(","); while (more()) { probe(xs.length); xs.push(1); } }', real: false },
];

for (const c of cases) test(`real: ${c.name}`, () => assert.equal(realAtProbe(c.code), c.real));
