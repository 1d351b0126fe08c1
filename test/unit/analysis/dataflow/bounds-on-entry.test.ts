import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { boundsOnEntry, type Bounds } from '../../../../src/core/analysis/dataflow/bounds';
import { isLoopNode, walk, type Node } from '../../../../src/core/analysis/dataflow/ast';
import { functionNamed, parseSnippet } from './helpers';

/** Facts about `v` when the last loop of function f starts. */
function atLastLoop(code: string): Bounds {
  const file = parseSnippet(code);
  let loop: Node | undefined;
  let v: TSESTree.Identifier | undefined;
  walk(functionNamed(file, 'f'), (n) => {
    if (isLoopNode(n)) loop = n;
    if (n.type === 'Identifier' && n.name === 'v') v ??= n;
  });
  return boundsOnEntry(file, loop!, v!);
}

test('entry: a size read in an outer loop that grows the list is still a size when the inner loop starts', () => {
  const b = atLastLoop('function f(seen, xs) { for (const x of xs) { let v = seen.length; while (v--) {} seen.push(x); } }');
  assert.equal(b.sized, true);
  assert.equal(b.lo, 0);
});

test('entry: a size read later in a loop around, reaching the inner loop by the back edge, is not known', () => {
  const b = atLastLoop('function f(list) { let v = list.length; for (const x of list) { while (v--) {} v = list.length; list.push(x); } }');
  assert.notEqual(b.sized, true);
});

test('entry: the length of a member list read before the loop is a size', () => {
  assert.equal(atLastLoop('function f(state) { const v = state.buffer.length; for (let i = 0; i < v; i++) state.buffer.push(i); }').sized, true);
});

test("entry: a buffer's byteLength is a size", () => {
  assert.equal(atLastLoop('function f(data) { const v = data?.byteLength ?? 0; for (let i = 0; i < v; ++i) {} }').sized, true);
});

test('entry: Array(n) of an integer throws unless 0 <= n <= 2^32 - 1', () => {
  const b = atLastLoop('function f(a, z) { var v = Math.max(Math.ceil((z - a) / 2), 0), out = Array(v); while (v--) out[v] = a; }');
  assert.deepEqual([b.lo, b.hi, b.int], [0, 2 ** 32 - 1, true]);
  const assigned = atLastLoop('function f(a) { let v = Math.floor(a); let out; out = new Array(v); while (v--) out[v] = 0; }');
  assert.deepEqual([assigned.lo, assigned.hi], [0, 2 ** 32 - 1]);
});

test('entry: Array(n) of a value not known to be a number proves nothing (Array("5") makes a list)', () => {
  assert.equal(atLastLoop('function f(v) { const out = Array(v); while (v--) out.push(0); }').hi, Infinity);
  // A size may be a forged length (a client sends {"length": "1e300"}).
  assert.equal(atLastLoop('function f(list) { let v = list.length; const out = Array(v); while (v--) out.push(0); }').hi, Infinity);
  // Array shadowed by a local.
  assert.equal(atLastLoop('function f(a, Array) { var v = Math.floor(a), out = Array(v); while (v--) {} }').hi, Infinity);
});

test('entry: a write after the Array call voids what it proved', () => {
  assert.equal(atLastLoop('function f(a, b) { let v = Math.floor(a); const out = Array(v); v = Math.floor(b); while (v--) {} }').hi, Infinity);
});

test('entry: a for loop starts after its init', () => {
  const b = atLastLoop('function f(list) { for (let v = list.length, i = 0; v--; i++) {} }');
  assert.equal(b.sized, true);
});

test('a module var written only by its declaration is a constant; written again, it is not', () => {
  assert.equal(atLastLoop('var MAX = 100;\nfunction f(v) { if (v > MAX) return; while (v > 0) v--; }').hi, 100);
  assert.equal(atLastLoop('var MAX = 100;\nfunction g() { MAX = 1e9; }\nfunction f(v) { if (v > MAX) return; while (v > 0) v--; }').hi, Infinity);
  // Only the module's: a function's var may be read before its declaration runs.
  assert.equal(atLastLoop('function f(v) { if (v > MAX) return; while (v > 0) v--; var MAX = 100; }').hi, Infinity);
});

test('entry: a named closure called before the loop adds what it assigns to what the variable may hold', () => {
  const b = atLastLoop('function f(x) { let v = 0; const read = () => { v = Math.min(x.length, 100); }; read(); while (v--) {} }');
  assert.equal(b.lo, 0);
  assert.equal(b.hi, 100);
  assert.equal(b.int, true);
});

test('entry: nothing is known when the closure may assign an unknown value, is called in the loop, or is handed on', () => {
  const unknown = atLastLoop('function f(x) { let v = 0; const read = () => { v = x.length; }; read(); while (v--) {} }');
  assert.equal(unknown.hi, Infinity);
  const inLoop = atLastLoop('function f(x) { let v = 0; const read = () => { v = Math.min(x.length, 100); }; read(); for (const y of x) { while (v--) {} read(); } }');
  assert.equal(inLoop.hi, Infinity);
  const handedOn = atLastLoop('function f(x) { let v = 0; const read = () => { v = Math.min(x.length, 100); }; setTimeout(read); while (v--) {} }');
  assert.equal(handedOn.hi, Infinity);
  const compound = atLastLoop('function f(x) { let v = 0; const read = () => { v += 5; }; read(); while (v--) {} }');
  assert.equal(compound.hi, Infinity);
});
