// Counter loops whose step is above 0 wherever the loop test holds (`n - i` under `i < n`, Math.min
// of such, a variable every write of which is such), and near misses that can still hang.
import { exitDependsOnFlowData } from '../../../../src/core/analysis/rules/exit-depends-on-flow-data';
import { forStepOrBoundFromFlowData } from '../../../../src/core/analysis/rules/for-step-or-bound-from-flow-data';
import { ruleTester } from './rule-tester';

const lib = (code: string) => ({ 'index.js': code, 'package.json': '{"name":"l","main":"index.js"}' });

ruleTester(exitDependsOnFlowData, {
  valid: [
    {
      name: 'step: a constant chunk, cut to `length - i` under the test (undici isomorphicDecode)',
      code: lib('function decode(input) {\n  const length = input.length;\n  let result = \'\'; let i = 0;\n  let addition = (2 << 15) - 1;\n  while (i < length) {\n    if (i + addition > length) {\n      addition = length - i;\n    }\n    result += String.fromCharCode.apply(null, input.subarray(i, i += addition));\n  }\n  return result;\n}\nmodule.exports = { decode };\n'),
    },
    { name: 'step: Math.min(CHUNK, buf.length - i) taken before any call', code: lib('const CHUNK = 1024;\nfunction each(buf, f) {\n  let i = 0;\n  while (i < buf.length) {\n    const n = Math.min(CHUNK, buf.length - i);\n    f(buf.subarray(i, i + n));\n    i += n;\n  }\n}\nmodule.exports = { each };\n') },
    { name: 'step: Math.min(CHUNK, buf.length - i) in the step, no call before it', code: lib('const CHUNK = 1024;\nfunction sum(buf) {\n  let i = 0;\n  let total = 0;\n  while (i < buf.length) {\n    total += buf[i];\n    i += Math.min(CHUNK, buf.length - i);\n  }\n  return total;\n}\nmodule.exports = { sum };\n') },
    { name: 'step: a const of the turn, Math.min(size, end - pos)', code: lib('function split(buf, pos, end) {\n  const parts = [];\n  while (pos < end) {\n    const n = Math.min(4096, end - pos);\n    parts.push(buf.slice(pos, pos + n));\n    pos += n;\n  }\n  return parts;\n}\nmodule.exports = { split };\n') },
    { name: 'step: counting down by Math.min(8, hi - lo) under hi > lo', code: lib('function back(hi, lo, f) {\n  while (hi > lo) {\n    hi -= Math.min(8, hi - lo);\n    f(hi);\n  }\n}\nmodule.exports = { back };\n') },
    { name: 'step: a chunk checked to be at least 1 before the loop', code: lib('function each(n, chunk, f) {\n  if (!(chunk >= 1)) throw new Error(\'chunk\');\n  let i = 0;\n  while (i < n) {\n    f(i);\n    i += Math.min(chunk, n - i);\n  }\n}\nmodule.exports = { each };\n') },
    { name: 'step: Math.max with one value above 0 (any caller chunk)', code: lib('function each(n, chunk, f) {\n  let i = 0;\n  while (i < n) {\n    f(i);\n    i += Math.max(chunk, n - i);\n  }\n}\nmodule.exports = { each };\n') },
    { name: 'step: in a for update, the body writing neither side', code: lib('function each(n, f) {\n  for (let i = 0; i < n; i += Math.min(16, n - i)) f(i);\n}\nmodule.exports = { each };\n') },
  ],
  invalid: [
    { name: 'step: `n - i` under `i <= n` is 0 at i = n', code: lib('function each(n, f) {\n  let i = 0;\n  while (i <= n) {\n    f(i);\n    i += n - i;\n  }\n}\nmodule.exports = { each };\n'), lines: [3] },
    { name: 'step: Math.max(0, n - i) under `i <= n`', code: lib('function each(n, f) {\n  let i = 0;\n  while (i <= n) {\n    f(i);\n    i += Math.max(0, n - i);\n  }\n}\nmodule.exports = { each };\n'), lines: [3] },
    { name: 'step: Math.min with a caller chunk that may be 0', code: lib('function each(n, chunk, f) {\n  let i = 0;\n  while (i < n) {\n    f(i);\n    i += Math.min(chunk, n - i);\n  }\n}\nmodule.exports = { each };\n'), lines: [3] },
    { name: 'step: a chunk only checked above 0 may be lost to rounding (1e-300)', code: lib('function each(n, chunk, f) {\n  if (!(chunk > 0)) throw new Error(\'chunk\');\n  let i = 0;\n  while (i < n) {\n    f(i);\n    i += Math.min(chunk, n - i);\n  }\n}\nmodule.exports = { each };\n'), lines: [4] },
    { name: 'step: the difference taken before the loop, from another start', code: lib('function each(n, from, start, f) {\n  const step = n - start;\n  let i = from;\n  while (i < n) {\n    f(i);\n    i += step;\n  }\n}\nmodule.exports = { each };\n'), lines: [4] },
    { name: 'step: a callback before `buf.length - i` may refill the list faster than the counter moves', code: lib('function each(buf, f) {\n  let i = 0;\n  while (i < buf.length) {\n    f(buf);\n    i += Math.min(4, buf.length - i);\n  }\n}\nmodule.exports = { each };\n'), lines: [3] },
    { name: 'step: the difference the wrong way round', code: lib('function each(n, f) {\n  let i = 0;\n  while (i < n) {\n    f(i);\n    i += Math.min(4, i - n);\n  }\n}\nmodule.exports = { each };\n'), lines: [3] },
    { name: 'step: a variable also set from the caller', code: lib('function each(n, chunk, f) {\n  let i = 0;\n  let step = 16;\n  while (i < n) {\n    if (i + step > n) step = n - i;\n    else step = chunk;\n    f(i);\n    i += step;\n  }\n}\nmodule.exports = { each };\n'), lines: [4] },
  ],
});

ruleTester(forStepOrBoundFromFlowData, {
  valid: [{ name: 'step: Math.min(16, n - i) in the update of `i < n`', code: lib('function each(buf, f) {\n  const n = buf.length;\n  for (let i = 0; i < n; i += Math.min(16, n - i)) f(buf[i]);\n}\nmodule.exports = { each };\n') }],
  invalid: [
    { name: 'step: `n - i` under `i <= n` stays at n', code: lib('function each(n, f) {\n  for (let i = 0; i <= n; i += n - i) f(i);\n}\nmodule.exports = { each };\n'), lines: [2] },
    { name: 'step: the body writes the bound before the update', code: lib('function each(n, f) {\n  for (let i = 0; i < n; i += Math.min(16, n - i)) n = f(i);\n}\nmodule.exports = { each };\n'), lines: [2] },
  ],
});
