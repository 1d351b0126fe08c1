// A count-down stepped only in the test ends when the counter starts as a non-negative integer in a
// known range: what the code before the loop established counts (a size read in an outer loop,
// `Array(n)` that throws otherwise).
import { exitDependsOnFlowData } from '../../../../src/core/analysis/rules/exit-depends-on-flow-data';
import { ruleTester } from './rule-tester';

const lib = (body: string) => ({ file: 'index.js', code: body + '\nmodule.exports = { f };\n' });

ruleTester(exitDependsOnFlowData, {
  valid: [
    { name: "library: counting down a list's size read in an outer loop that grows the list", ...lib('function f(array, seen) {\n  for (const x of array) {\n    let k = seen.length;\n    while (k--) if (seen[k] === x) break;\n    seen.push(x);\n  }\n}') },
    { name: 'library: counting down an integer after Array(n) did not throw', ...lib('function f(start, end) {\n  var n = Math.max(Math.ceil(end - start), 0), out = Array(n);\n  while (n--) out[n] = start + n;\n  return out;\n}') },
  ],
  invalid: [
    { name: 'library: a count-down with --k from a size read in an outer loop: 0 steps to -1 and on', ...lib('function f(array, seen) {\n  for (const x of array) {\n    let k = seen.length;\n    while (--k) if (seen[k] === x) break;\n    seen.push(x);\n  }\n}'), lines: [4] },
    { name: 'library: Array(n) of the caller\'s value, not known to be a number', ...lib('function f(n) {\n  const out = Array(n);\n  while (n--) out.push(0);\n  return out;\n}'), lines: [3] },
    { name: 'library: an integer count with no Array call has no largest value', ...lib('function f(start, end) {\n  var n = Math.max(Math.ceil(end - start), 0), out = [];\n  while (n--) out.push(start + n);\n  return out;\n}'), lines: [3] },
    { name: 'request: a size a client sent, read in an outer loop', code: "const express = require('express');\nconst app = express();\napp.post('/a', (req, res) => {\n  for (const x of [1, 2]) {\n    let k = req.body.items.length;\n    while (k--) res.write('.');\n  }\n  res.end();\n});\n", lines: [6] },
  ],
});
