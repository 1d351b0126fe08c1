import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boundsAtProbe } from './helpers';

// `probe` reads its argument only, so handing the value to it keeps what is known of its length.
const reader = `function probe(x) { return x[0]; }\nfunction scan(p) { let i = 0; while (i < p.length) i++; return i; }\n`;

test('bounds: a checked length survives a hand-off to a function of the file that only reads the value', () => {
  assert.equal(boundsAtProbe(reader + `function f(s) { if (s.length > 100) throw new Error('long'); scan(s); return probe(s); }`).lenHi, 100);
  assert.equal(boundsAtProbe(reader + `const read = (v) => v.length;\nfunction f(s) { if (s.length > 100) return; read(s); return probe(s); }`).lenHi, 100);
  assert.equal(boundsAtProbe(reader + `function a(v) { return b(v); }\nfunction b(v) { return v.length > 2 ? a(v.slice(1)) : 0; }\nfunction f(s) { if (s.length > 100) return; a(s); return probe(s); }`).lenHi, 100, 'a cycle of readers');
});

test('bounds: a hand-off to code that may grow or keep the value forgets its length', () => {
  assert.equal(boundsAtProbe(reader + `function grow(v) { v.push(1); }\nfunction f(s) { if (s.length > 100) return; grow(s); return probe(s); }`).lenHi, Infinity);
  assert.equal(boundsAtProbe(reader + `const kept = [];\nfunction keep(v) { kept.push(v); }\nfunction f(s) { if (s.length > 100) return; keep(s); return probe(s); }`).lenHi, Infinity, 'stored where other code can grow it');
  assert.equal(boundsAtProbe(reader + `function f(s) { if (s.length > 100) return; other.scan(s); return probe(s); }`).lenHi, Infinity, 'not a function of the file');
  assert.equal(boundsAtProbe(reader + `function byIndex() { arguments[0].push(1); }\nfunction f(s) { if (s.length > 100) return; byIndex(s); return probe(s); }`).lenHi, Infinity, 'reached through arguments');
  assert.equal(boundsAtProbe(reader + `function wrap(v) { v = [v]; v.push(2); }\nfunction f(s) { if (s.length > 100) return; wrap(s); return probe(s); }`).lenHi, Infinity, 'a parameter reassigned');
});

test('bounds: a CommonJS export set once at the top level is a constant', () => {
  assert.equal(boundsAtProbe(reader + `exports.MAX = void 0;\nexports.MAX = 100;\nfunction f(s) { if (s.length > exports.MAX) return; return probe(s); }`).lenHi, 100);
  assert.equal(boundsAtProbe(reader + `module.exports.MAX = 64;\nfunction f(s) { if (s.length > module.exports.MAX) return; return probe(s); }`).lenHi, 64);
  assert.equal(boundsAtProbe(reader + `exports.MAX = 100;\nfunction raise() { exports.MAX = 1e9; }\nfunction f(s) { if (s.length > exports.MAX) return; return probe(s); }`).lenHi, Infinity, 'written again elsewhere');
  assert.equal(boundsAtProbe(reader + `exports.MAX = 100;\nexports.MAX = 200;\nfunction f(s) { if (s.length > exports.MAX) return; return probe(s); }`).lenHi, Infinity, 'set twice');
  assert.equal(boundsAtProbe(reader + `function f(s, exports) { if (s.length > exports.MAX) return; return probe(s); }\nexports.MAX = 100;`).lenHi, Infinity, 'a local named exports');
});
