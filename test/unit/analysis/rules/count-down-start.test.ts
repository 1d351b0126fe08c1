// A count-down stepped only in the test (`k--`, `--k`) ends only from a start known to be an integer
// at or above 0 (`--k`: 1): from -1, or 0 with `--k`, it steps away from 0. The start is what the code
// before the loop left on every path, on the test branch that steps it, past the `&&` parts before it.
import { exitDependsOnFlowData } from '../../../../src/core/analysis/rules/exit-depends-on-flow-data';
import { ruleTester } from './rule-tester';

const lib = (body: string) => ({ file: 'index.js', code: body + '\nmodule.exports = { f };\n' });
const express = "const express = require('express');\nconst app = express();\n";

ruleTester(exitDependsOnFlowData, {
  valid: [
    { name: 'library: n-- from length - 1 after an early return below 0', ...lib('function f(list) {\n  var n = list.length - 1;\n  if (n < 0) return;\n  while (n--) list[n] = 0;\n}') },
    { name: 'library: n-- from length - 1 after `if (!length) return`', ...lib('function f(list) {\n  var length = list.length;\n  if (!length) return;\n  var n = length - 1;\n  while (n--) list[n] = 0;\n}') },
    { name: 'library: n-- from `length ? length - 1 : 0`', ...lib('function f(list) {\n  var length = list.length;\n  var n = length ? length - 1 : 0;\n  while (n--) list[n] = 0;\n}') },
    { name: 'library: --n from length after a check that it is at least 1', ...lib('function f(list) {\n  var n = list.length;\n  if (n < 1) return;\n  while (--n) list[n] = 0;\n}') },
    { name: 'library: the test stops first (`n >= 0 && n--`)', ...lib('function f(list) {\n  var n = list.length - 1;\n  while (n >= 0 && n--) list[n] = 0;\n}') },
    { name: 'library: a ternary start paired with the test branch that counts down (flag never written)', ...lib('function f(list, fn, fromRight) {\n  var length = list.length, index = fromRight ? length : -1;\n  while ((fromRight ? index-- : ++index < length) && fn(list[index])) {}\n  return index;\n}') },
    { name: 'library: the same with the flag from an outer function (a closure over a parameter nothing writes)', ...lib('function f(fromRight) {\n  return function (list, fn) {\n    var length = list.length, index = fromRight ? length : -1;\n    while (fromRight ? index-- : ++index < length) if (fn(list[index]) === false) break;\n    return list;\n  };\n}') },
    { name: 'library: a step by one under a truthiness check keeps the start at 0 or above (reduceRight)', ...lib('function f(array, fn, acc, initAccum) {\n  var length = array == null ? 0 : array.length;\n  if (initAccum && length) acc = array[--length];\n  while (length--) acc = fn(acc, array[length]);\n  return acc;\n}') },
    { name: 'library: --k from the size of a list whose first element was read before (throws when empty)', ...lib('function f(lists, has) {\n  var first = lists[0].length, k = lists.length;\n  while (--k) if (!has(lists[k], first)) return false;\n  return true;\n}') },
  ],
  invalid: [
    { name: 'library: the first element read with ?. does not throw on an empty list', ...lib('function f(lists, has) {\n  var first = lists[0]?.length, k = lists.length;\n  while (--k) if (!has(lists[k], first)) return false;\n  return true;\n}'), lines: [3] },
    { name: 'library: the list emptied between the read and the size', ...lib('function f(lists, has) {\n  var first = lists[0].length;\n  lists.length = 0;\n  var k = lists.length;\n  while (--k) if (!has(lists[k], first)) return false;\n  return true;\n}'), lines: [5] },
    { name: 'library: n-- from length - 1: -1 on an empty list', ...lib('function f(list) {\n  var n = list.length - 1;\n  while (n--) list[n] = 0;\n}'), lines: [3] },
    { name: 'library: --n from length: 0 on an empty list', ...lib('function f(list) {\n  var n = list.length;\n  while (--n) list[n] = 0;\n}'), lines: [3] },
    { name: 'library: n -= 1 before the loop (the flow does not follow it)', ...lib('function f(list) {\n  var n = list.length;\n  n -= 1;\n  while (n--) list[n] = 0;\n}'), lines: [4] },
    { name: 'library: a step by one with no truthiness check', ...lib('function f(array, fn, acc) {\n  var length = array.length;\n  acc = array[--length];\n  while (length--) acc = fn(acc, array[length]);\n  return acc;\n}'), lines: [4] },
    { name: 'library: the ternary start on a flag the function writes: the branches are not paired', ...lib('function f(list, fn, fromRight) {\n  var length = list.length, index = fromRight ? length : -1;\n  fromRight = fn(fromRight);\n  while ((fromRight ? index-- : ++index < length) && fn(list[index])) {}\n  return index;\n}'), lines: [4] },
    { name: 'library: a truthiness check of another value', ...lib('function f(list, other) {\n  if (!other.length) return;\n  var n = list.length - 1;\n  while (n--) list[n] = 0;\n}'), lines: [4] },
    { name: 'library: a count-down re-entered by an outer loop with the value the last one left (-1)', ...lib('function f(list, rounds) {\n  var n = list.length;\n  for (var r = 0; r < 3; r++) {\n    while (n--) list[n] = r;\n  }\n}'), lines: [4] },
    { name: 'request: n-- from length - 1 checked from above only', code: express + "app.post('/a', (req, res) => {\n  const items = req.body.items;\n  if (!Array.isArray(items) || items.length > 100) return res.end();\n  let n = items.length - 1;\n  while (n--) items[n] = null;\n  res.end();\n});\n", lines: [7] },
  ],
});
