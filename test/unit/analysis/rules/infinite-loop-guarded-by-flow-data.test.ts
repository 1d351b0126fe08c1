import assert from 'node:assert/strict';
import { infiniteLoopGuardedByFlowData } from '../../../../src/core/analysis/rules/infinite-loop-guarded-by-flow-data';
import { express, ruleTester } from './rule-tester';

ruleTester(infiniteLoopGuardedByFlowData, {
  valid: [
    { name: 'break on a changing local', code: 'function f() {\n  let n = 1;\n  while (true) {\n    n *= 2;\n    if (n > 1000) break;\n  }\n}\nf();\n' },
    { name: 'generator', code: 'function* ids() {\n  let i = 0;\n  while (true) yield i++;\n}\nids().next();\n' },
    { name: 'stream reader done flag', code: 'async function r(reader) {\n  for (;;) {\n    const { done } = await reader.read();\n    if (done) break;\n  }\n}\nr({ read: async () => ({ done: true }) });\n' },
    { name: 'not an endless loop', code: 'function f(x) {\n  while (x > 0) x--;\n}\nf(1);\n' },
    { name: 'unconditional return inside', code: 'function f() {\n  for (;;) {\n    return 1;\n  }\n}\nf();\n' },
  ],
  invalid: [
    {
      name: 'break only when request data matches',
      code: express + "app.post('/f', (req, res) => {\n  const wanted = req.body.slot;\n  let slot = 0;\n  while (true) {\n    slot = (slot + 7) % 10;\n    if (slot === wanted) break;\n  }\n  res.end();\n});\n",
      lines: [6],
      check: (f) => {
        assert.deepEqual(f.sources, ['req.body.slot']);
        assert.equal(f.condition.startLine, 8);
      },
    },
    { name: 'no exit at all', code: 'function f() {\n  let n = 0;\n  while (true) {\n    n++;\n  }\n}\nf();\n', lines: [3] },
    { name: 'guard that never changes', code: 'function f() {\n  const max = 10;\n  for (;;) {\n    if (max < 5) break;\n  }\n}\nf();\n', lines: [3] },
    { name: 'do … while (1) with a flow-data return (ESM library)', file: 'l.mjs', code: 'export async function pump(s) {\n  do {\n    const c = await s.read();\n    if (c === s.end) return;\n  } while (1);\n}\n', lines: [2] },
  ],
});
