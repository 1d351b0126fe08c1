// exit-depends-on-flow-data on queues drained one element a turn, and the refilled ones it must still report.
import { exitDependsOnFlowData } from '../../../../src/core/analysis/rules/exit-depends-on-flow-data';
import { ruleTester } from './rule-tester';

const lib = (code: string) => ({ 'index.js': code, 'package.json': '{"name":"l","main":"index.js"}' });

ruleTester(exitDependsOnFlowData, {
  valid: [
    { name: 'queue: the removed element is the test', code: lib('function run(q, f) {\n  let x;\n  while ((x = q.shift())) f(x);\n}\nmodule.exports = { run };\n') },
    { name: 'queue: length test, pop in the body', code: lib('function run(q, f) {\n  while (q.length > 0) f(q.pop());\n}\nmodule.exports = { run };\n') },
    { name: 'queue: the first element, then shift as the last conjunct', code: lib('function run(q, ok) {\n  let a;\n  while ((a = q[0]) && ok(a) && q.shift()) a.go();\n}\nmodule.exports = { run };\n') },
    { name: 'queue: splice(0, 1) on every path that goes on', code: lib('function run(q, f) {\n  while (q.length) {\n    const [x] = q.splice(0, 1);\n    if (!x) continue;\n    f(x);\n  }\n}\nmodule.exports = { run };\n') },
    { name: 'queue: do-while whose test takes the next element', code: lib('function run(first, q) {\n  let a = first;\n  do {\n    if (a.go()) break;\n  } while ((a = q.shift()));\n}\nmodule.exports = { run };\n') },
    { name: 'queue: every turn reads a property of the first element (throws when empty), put back only on a path that breaks', code: lib('function take(q, n) {\n  let off = 0;\n  while (off !== n) {\n    const next = q[0];\n    const len = next.length;\n    if (len + off > n) {\n      q[0] = next.slice(n - off);\n      break;\n    }\n    q.shift();\n    off += len;\n  }\n}\nmodule.exports = { take };\n') },
    { name: 'queue: the first statement reads the first element directly, in a do-while', code: lib('function skip(q, count) {\n  let seen = 0;\n  do {\n    seen += q[0].size;\n    q.pop();\n  } while (seen < count);\n}\nmodule.exports = { skip };\n') },
    { name: 'queue: handed to a resolved helper that only removes', code: lib('function run(q) {\n  while (q.length) drop(q, q.pop());\n}\nfunction drop(list, x) {\n  const i = list.indexOf(x);\n  if (i >= 0) list.splice(i, 1);\n}\nmodule.exports = { run };\n') },
    { name: 'queue: a local copy drained while awaiting (no other function can reach it)', code: lib('async function run(list, f) {\n  const queue = list.slice();\n  while (queue.length) {\n    const x = queue.shift();\n    try {\n      await f(x);\n    } catch (err) {\n      console.warn(err);\n    }\n  }\n}\nmodule.exports = { run };\n') },
  ],
  invalid: [
    { name: 'queue: a local queue drained while awaiting, which a listener it registered refills', code: lib("async function run(list, f, emitter) {\n  const queue = list.slice();\n  emitter.on('more', (x) => queue.push(x));\n  while (queue.length) {\n    await f(queue.shift());\n  }\n}\nmodule.exports = { run };\n"), lines: [4] },
    { name: 'queue: a parameter drained while awaiting (its caller may push meanwhile)', code: lib('async function run(q, f) {\n  while (q.length) await f(q.shift());\n}\nmodule.exports = { run };\n'), lines: [2] },
    { name: 'queue: a failed job goes back', code: lib('function run(q, f) {\n  let x;\n  while ((x = q.shift())) {\n    if (!f(x)) q.push(x);\n  }\n}\nmodule.exports = { run };\n'), lines: [3] },
    { name: 'queue: put back through a resolved helper', code: lib('function run(q, f) {\n  while (q.length) {\n    const x = q.shift();\n    if (!f(x)) back(q, x);\n  }\n}\nfunction back(list, x) { list.unshift(x); }\nmodule.exports = { run };\n'), lines: [2] },
    { name: 'queue: put back through a callback written in the loop', code: lib('function run(q, more) {\n  while (q.length) {\n    q.shift();\n    more.forEach((m) => q.push(m));\n  }\n}\nmodule.exports = { run };\n'), lines: [2] },
    { name: 'queue: put back by a method of the object holding it (resolved, by the field name)', code: lib('class S {\n  add(a) { this.actions.push(a); }\n  flush(actions) {\n    let a;\n    while ((a = actions.shift())) this.add(a);\n  }\n}\nmodule.exports = { S };\n'), lines: [5] },
    { name: 'queue: handed to an unknown callee', code: lib('function run(q, visit) {\n  while (q.length) visit(q.shift(), q);\n}\nmodule.exports = { run };\n'), lines: [2] },
    { name: 'queue: the object holding it handed to an unknown callee', code: lib('function run(holder) {\n  const { jobs } = holder;\n  let j;\n  while ((j = jobs.shift())) j.run(holder);\n}\nmodule.exports = { run };\n'), lines: [4] },
    { name: 'queue: a turn that takes nothing', code: lib('function run(q, busy) {\n  while (q.length) {\n    if (busy()) continue;\n    q.shift();\n  }\n}\nmodule.exports = { run };\n'), lines: [2] },
    { name: 'queue: a test that an empty queue does not end', code: lib('function run(q, n) {\n  while (q.length !== n) q.shift();\n}\nmodule.exports = { run };\n'), lines: [2] },
    { name: 'queue: first element read through ?. does not throw on an empty queue', code: lib('function take(q, n) {\n  let off = 0;\n  while (off !== n) {\n    const len = q[0]?.length ?? 0;\n    q.shift();\n    off += len;\n  }\n}\nmodule.exports = { take };\n'), lines: [3] },
    { name: 'queue: first element read, but put back on a path that goes on', code: lib('function take(q, n, ok) {\n  let off = 0;\n  while (off !== n) {\n    const next = q[0];\n    const len = next.length;\n    q.shift();\n    if (!ok(next)) {\n      q.push(next);\n      continue;\n    }\n    off += len;\n  }\n}\nmodule.exports = { take };\n'), lines: [3] },
    { name: 'queue: a path that goes on without reading the first element (shift of an empty queue does not throw)', code: lib('function take(q, n, skip) {\n  let off = 0;\n  while (off !== n) {\n    if (skip()) {\n      q.shift();\n      continue;\n    }\n    off += q[0].length;\n    q.shift();\n  }\n}\nmodule.exports = { take };\n'), lines: [3] },
    { name: 'queue: first element read, put back before a break of an inner switch (goes on)', code: lib('function take(q, n, k) {\n  let off = 0;\n  while (off !== n) {\n    const next = q[0];\n    const len = next.length;\n    q.shift();\n    switch (k) {\n      case 1:\n        q.unshift(next);\n        break;\n    }\n    off += len;\n  }\n}\nmodule.exports = { take };\n'), lines: [3] },
    { name: 'queue: other code may run at an await', code: lib('async function run(q) {\n  while (q.length) await q.shift()();\n}\nmodule.exports = { run };\n'), lines: [2] },
  ],
});
