import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flowsAtProbe, functionNamed, parseSnippet } from './helpers';
import { mayWriteFields } from '../../../../src/core/analysis/dataflow/taint';
import type { FunctionNode } from '../../../../src/core/analysis/project/types';

test('taint: a state object handed to a helper beside flow data may hold that data afterwards', () => {
  const flows = flowsAtProbe(`function f(input) { const position = { position: 0 }; collect(';', input, position); probe(position.position); }`);
  assert.deepEqual(flows.map((flow) => flow.origin.index), [0]);
  assert.match(flows[0].path.map((s) => s.message).join(' | '), /position handed to collect/);
});

test('taint: not when the helper gets no flow data, or the object is not one this function made', () => {
  assert.equal(flowsAtProbe(`function f(input) { const position = { position: 0 }; collect(';', 'a;b', position); probe(position.position); }`).length, 0);
  assert.equal(flowsAtProbe(`const shared = { position: 0 };\nfunction f(input) { collect(';', input, shared); probe(shared.position); }`).length, 0);
  assert.equal(flowsAtProbe(`function f(input) { const list = []; collect(';', input, list); probe(list.length); }`).length, 0, 'an array is not a state object');
});

test('taint: which helpers may change the fields of a state object they are handed', () => {
  const fn = (code: string) => functionNamed(parseSnippet(code, 'snippet.js'), 'h') as FunctionNode;
  assert.equal(mayWriteFields(fn('function h(q, o) { o.limit = q.length; }'), 1), true);
  assert.equal(mayWriteFields(fn('function h(q, o) { o.page.next++; }'), 1), true);
  assert.equal(mayWriteFields(fn('function h(q, o) { o.reset(); }'), 1), true, 'a method may change it');
  assert.equal(mayWriteFields(fn('function h(q, o) { keep(o); }'), 1), true, 'handed on');
  assert.equal(mayWriteFields(fn('function h(q, o) { ({ a: o.x } = q); }'), 1), true, 'written through a pattern');
  assert.equal(mayWriteFields(fn('function h(q, o) { return db.find({ q, limit: o.limit, o: 1 }); }'), 1), false);
  assert.equal(mayWriteFields(fn('function h(q, { limit }) { limit = q.length; return limit; }'), 1), false, 'destructured: a local copy');
  assert.equal(mayWriteFields(fn('function h(q, o) { for (const x of o.items) q.push(x); }'), 1), false);
  assert.equal(mayWriteFields(fn('function h(q) { arguments[1].limit = 1; }'), 1), true, 'reached through arguments');
});
