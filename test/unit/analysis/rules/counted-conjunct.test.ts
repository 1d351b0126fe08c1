// One conjunct of a for test that counts to a bound the loop cannot change ends the loop whatever the
// other conjuncts read (`i < copy.length && !subscriber.closed`).
import { exitDependsOnFlowData } from '../../../../src/core/analysis/rules/exit-depends-on-flow-data';
import { express, ruleTester } from './rule-tester';

const lib = (body: string) => ({ file: 'index.js', code: body + '\nmodule.exports = { f };\n' });

ruleTester(exitDependsOnFlowData, {
  valid: [
    { name: 'library: a local copy walked by 1 or 2 while the subscriber is open', ...lib('function f(buffer, subscriber, pairs) {\n  const copy = buffer.slice();\n  for (let i = 0; i < copy.length && !subscriber.closed; i += pairs ? 2 : 1) subscriber.next(copy[i]);\n}') },
  ],
  invalid: [
    { name: 'library: the bound grows as the loop runs', ...lib('function f(list, subscriber, pairs) {\n  for (let i = 0; i < list.length && !subscriber.closed; i += pairs ? 2 : 1) list.splice(i, 0, null);\n}'), lines: [2] },
    { name: 'library: a step the caller passes may be 0', ...lib('function f(buffer, subscriber, step) {\n  const copy = buffer.slice();\n  for (let i = 0; i < copy.length && !subscriber.closed; i += step) subscriber.next(copy[i]);\n}'), lines: [3] },
    { name: 'library: the counter is also set back in the body', ...lib('function f(buffer, subscriber, pairs) {\n  const copy = buffer.slice();\n  for (let i = 0; i < copy.length && !subscriber.closed; i += pairs ? 2 : 1) if (subscriber.next(copy[i])) i = 0;\n}'), lines: [3] },
    { name: 'request: a size a client sent', code: express + "app.post('/a', (req, res) => {\n  const w = req.query.pairs ? 2 : 1;\n  for (let i = 0; i < req.body.items.length && !res.writableEnded; i += w) res.write('.');\n  res.end();\n});\n", lines: [5] },
  ],
});
