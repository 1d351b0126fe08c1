// A `for` bound the loop never writes is what it was when the loop started: a size read before the
// loop (of a member list too) is the size the data had then. A size of data that came from constants
// per call site is finite like a library caller's; a client's is not.
import { forStepOrBoundFromFlowData } from '../../../../src/core/analysis/rules/for-step-or-bound-from-flow-data';
import { express, ruleTester } from './rule-tester';

const collect = (list: string) => `function collect(type, req) {\n  const parts = ${list};\n  const n = parts.length;\n  const out = [];\n  for (let i = 0; i < n; i++) out.push(parts[i]);\n  return out;\n}\n`;

ruleTester(forStepOrBoundFromFlowData, {
  valid: [
    { name: "library: the rest of a member list, its size read before the loop", file: 'index.js', code: 'function drain(state, push) {\n  const start = state.index;\n  const end = state.buffer.length;\n  for (let n = start; n < end; n++) push(state.buffer[n]);\n}\nmodule.exports = { drain };\n' },
    { name: 'a size of a list built from constants per call site', code: express + collect('[type, type]') + "app.get('/a', (req, res) => res.json(collect('text', req)));\napp.get('/b', (req, res) => res.json(collect('json', req)));\n" },
    { name: 'library: a step of 1 or 2 towards the bound of one conjunct of the test', file: 'index.js', code: 'function replay(buffer, sub, pairs) {\n  const copy = buffer.slice();\n  for (let i = 0; i < copy.length && !sub.closed; i += pairs ? 2 : 1) sub.next(copy[i]);\n}\nmodule.exports = { replay };\n' },
  ],
  invalid: [
    { name: "library: the caller's stride, in a conjunct test too, may be 0", file: 'index.js', code: 'function replay(buffer, sub, stride) {\n  const copy = buffer.slice();\n  for (let i = 0; i < copy.length && !sub.closed; i += stride) sub.next(copy[i]);\n}\nmodule.exports = { replay };\n', lines: [3] },
    { name: "request: a member list's size a client sent, read before the loop", code: express + "app.post('/d', (req, res) => {\n  const end = req.body.buffer.length;\n  for (let n = 0; n < end; n++) res.write('.');\n  res.end();\n});\n", lines: [5] },
    { name: 'a size of a list a client sent, with constants per call site beside it', code: express + collect('req.body.parts') + "app.get('/a', (req, res) => res.json(collect('text', req)));\napp.get('/b', (req, res) => res.json(collect('json', req)));\n", lines: [7] },
  ],
});
