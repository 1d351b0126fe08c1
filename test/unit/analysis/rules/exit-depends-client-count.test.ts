// exit-depends-on-flow-data on `while` counters: a constant step towards a bound ends for any finite
// number, so only a client's number (Infinity from `Number("1e400")` or a JSON 1e400) is reported.
import assert from 'node:assert/strict';
import { exitDependsOnFlowData } from '../../../../src/core/analysis/rules/exit-depends-on-flow-data';
import { ruleTester } from './rule-tester';

const express = "const express = require('express');\nconst app = express();\n";
const lib = (code: string) => ({ 'index.js': code, 'package.json': '{"name":"l","main":"index.js"}' });

ruleTester(exitDependsOnFlowData, {
  valid: [
    { name: "library: a while counter up to the caller's number (the caller's choice of work)", code: lib('function fill(list, n) {\n  let i = 0;\n  while (i < n) { list.push(i); i++; }\n  return list;\n}\nmodule.exports = { fill };\n') },
    { name: 'request: the number clamped with Math.min before the loop', code: express + "app.get('/a', (req, res) => {\n  const n = Math.min(Number(req.query.n), 500);\n  let i = 0;\n  while (i < n) { res.write('.'); i++; }\n  res.end();\n});\n" },
    { name: 'request: a constant bound, the request only in the body', code: express + "app.get('/a', (req, res) => {\n  let i = 0;\n  while (i < 10) { res.write(String(req.query.x)); i += 2; }\n  res.end();\n});\n" },
    { name: 'request: the bound is a length (left to the for-step facts about lists)', code: express + "app.post('/a', (req, res) => {\n  const names = String(req.body.names).split(',');\n  let i = 0;\n  while (i < names.length) { res.write(names[i]); i++; }\n  res.end();\n});\n" },
  ],
  invalid: [
    {
      name: "request: a while counter up to the client's number",
      code: express + "app.get('/a', (req, res) => {\n  const n = Number(req.query.n);\n  let i = 0;\n  while (i < n) { res.write('.'); i++; }\n  res.end();\n});\n",
      lines: [6],
      check: (f) => assert.deepEqual(f.sources, ['req.query.n']),
    },
    { name: 'request: a do-while counter up to a number in the body', code: express + "app.post('/a', (req, res) => {\n  let i = 0;\n  do { res.write('.'); i += 2; } while (i <= req.body.count);\n  res.end();\n});\n", lines: [5] },
    { name: "request: counting down to the client's floor", code: express + "app.get('/a', (req, res) => {\n  let x = 100;\n  while (x > Number(req.query.min)) { res.write('.'); x--; }\n  res.end();\n});\n", lines: [5] },
  ],
});
