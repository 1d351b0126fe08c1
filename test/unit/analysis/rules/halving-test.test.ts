// A test on a value the loop halves every turn ends the loop when the start value allows it: finite
// (Infinity halves to Infinity), not negative for floor with a truthiness test (floor(-1 / 2) is -1),
// and never with `!== 0` after floor (NaN stays NaN). Unsigned shifts reach 0 from anything.
import { exitDependsOnFlowData } from '../../../../src/core/analysis/rules/exit-depends-on-flow-data';
import { ruleTester } from './rule-tester';

const lib = (body: string) => ({ file: 'index.js', code: 'var MAX = 9007199254740991;\nvar nativeFloor = Math.floor;\n' + body + '\nmodule.exports = { f };\n' });

ruleTester(exitDependsOnFlowData, {
  valid: [
    { name: 'library: floor halving from a start checked to [1, MAX], truthiness test', ...lib('function f(s, n) {\n  var out = "";\n  if (!s || n < 1 || n > MAX) return out;\n  do {\n    if (n % 2) out += s;\n    n = nativeFloor(n / 2);\n    if (n) s += s;\n  } while (n);\n  return out;\n}') },
    { name: 'library: floor halving tested with n > 0 needs only a largest start', ...lib('function f(n) {\n  if (n > 1000) return 0;\n  let k = 0;\n  while (n > 0) { n = Math.floor(n / 2); k++; }\n  return k;\n}') },
    { name: 'library: an unsigned shift reaches 0 from any start', ...lib('function f(n) {\n  let bits = 0;\n  while (n !== 0) { bits++; n >>>= 1; }\n  return bits;\n}') },
    { name: 'library: a signed shift with a test on n > 0', ...lib('function f(n) {\n  let bits = 0;\n  for (; n > 0; n >>= 1) bits++;\n  return bits;\n}') },
  ],
  invalid: [
    { name: 'library: floor halving with a truthiness test and no smallest start: -1 stays -1', ...lib('function f(n) {\n  if (n > MAX) return 0;\n  let k = 0;\n  while (n) { n = nativeFloor(n / 2); k++; }\n  return k;\n}'), lines: [6] },
    { name: 'library: floor halving with no largest start: Infinity stays Infinity', ...lib('function f(n) {\n  let k = 0;\n  while (n > 0) { n = Math.floor(n / 2); k++; }\n  return k;\n}'), lines: [5] },
    { name: 'library: floor halving tested with !== 0: NaN stays NaN', ...lib('function f(n) {\n  if (n < 0 || n > MAX) return 0;\n  let k = 0;\n  while (n !== 0) { n = Math.floor(n / 2); k++; }\n  return k;\n}'), lines: [6] },
    { name: 'library: a signed shift with a truthiness test: -1 >> 1 is -1', ...lib('function f(n) {\n  let bits = 0;\n  while (n) { bits++; n >>= 1; }\n  return bits;\n}'), lines: [5] },
    { name: 'library: halved only on some turns', ...lib('function f(n, odd) {\n  if (n < 1 || n > MAX) return 0;\n  let k = 0;\n  while (n > 0) { if (odd(k)) n = Math.floor(n / 2); k++; }\n  return k;\n}'), lines: [6] },
    { name: 'library: a continue skips the halving', ...lib('function f(n, skip) {\n  if (n < 1 || n > MAX) return 0;\n  let k = 0;\n  while (n > 0) {\n    k++;\n    if (skip(k)) continue;\n    n = Math.floor(n / 2);\n  }\n  return k;\n}'), lines: [6] },
  ],
});
