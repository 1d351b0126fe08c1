import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flowsAtProbe } from './helpers';

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
