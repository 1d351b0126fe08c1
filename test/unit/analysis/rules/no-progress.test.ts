import { noProgress } from '../../../../src/core/analysis/rules/no-progress';
import { ruleTester } from './rule-tester';

ruleTester(noProgress, {
  valid: [
    { name: 'counter incremented', code: 'function f(a) {\n  let i = 0;\n  while (i < a.length) i++;\n}\nf([]);\n' },
    { name: 'queue shifted', code: 'function f(q) {\n  while (q.length > 0) q.shift();\n}\nf([]);\n' },
    { name: 'member assigned in the loop', code: 'function f(job) {\n  while (!job.done) {\n    if (Math.random() > 0.5) job.done = true;\n  }\n}\nf({});\n' },
    { name: 'object handed to a call that may mutate it', code: 'function adv(j) { j.done = true; }\nfunction f() {\n  const job = { done: false };\n  while (!job.done) adv(job);\n}\nf();\n' },
    { name: 'this member with a method call', file: 'm.ts', code: "class M {\n  s = 'a';\n  step() { this.s = 'end'; }\n  run() {\n    while (this.s !== 'end') this.step();\n  }\n}\nnew M().run();\n" },
    { name: 'closure writes the flag, the loop awaits', code: 'function w(e) {\n  let done = false;\n  e.on(() => { done = true; });\n  return (async () => {\n    while (!done) await e.tick();\n  })();\n}\nw({ on() {}, tick: async () => 1 });\n' },
    { name: 'read-only search on a list the body splices', code: 'function f(array, what) {\n  let ax;\n  while ((ax = array.indexOf(what)) !== -1) {\n    array.splice(ax, 1);\n  }\n  return array;\n}\nf([1], 1);\n' },
    { name: 'call in the condition', code: 'function f(it) {\n  let s;\n  while (!(s = it.next()).done) console.log(s.value);\n}\nf([][Symbol.iterator]());\n' },
    { name: 'unconditional exit in the body', code: 'function f(x) {\n  const y = x;\n  while (y) {\n    console.log(y);\n    break;\n  }\n}\nf(1);\n' },
    { name: 'a guarded break whose guard changes', code: 'function f() {\n  const go = true;\n  let n = 0;\n  while (go) {\n    n++;\n    if (n > 9) break;\n  }\n}\nf();\n' },
    { name: 'while(true) is the endless-loop rule, not this one', code: 'function f() {\n  while (true) {}\n}\nf();\n' },
  ],
  invalid: [
    { name: 'index never incremented', code: 'function f(items) {\n  let i = 0;\n  let t = 0;\n  while (i < items.length) {\n    t += items[i];\n  }\n  return t;\n}\nf([1]);\n', lines: [4] },
    { name: 'member flag with only an await (job.done)', code: 'const sleep = (ms) => new Promise((r) => setTimeout(r, ms));\nasync function f() {\n  const job = { done: false };\n  while (!job.done) {\n    await sleep(10);\n  }\n}\nf();\n', lines: [4] },
    { name: 'awaited result not assigned to the operand', file: 'p.ts', code: "declare function get(id: string): Promise<string>;\nasync function f(id: string) {\n  let s = 'pending';\n  while (s !== 'ready') {\n    await get(id);\n  }\n}\nf('a');\n", lines: [4] },
    { name: 'for without update', code: 'function f(g) {\n  const out = [];\n  for (let r = 0; r < 10; ) out.push(g[r]);\n  return out;\n}\nf([]);\n', lines: [3] },
    { name: 'do-while', code: 'function f(s) {\n  let i = 0;\n  const n = s.length;\n  do {\n    console.log(s[i]);\n  } while (i < n);\n}\nf([1]);\n', lines: [4] },
    { name: 'this member without any method call', file: 'q.ts', code: 'class Q {\n  pending = 0;\n  async flush() {\n    while (this.pending > 0) {\n      await Promise.resolve();\n    }\n  }\n}\nnew Q().flush();\n', lines: [4] },
    { name: 'search on a list while another list is spliced', code: 'function f(array, other, what) {\n  let ax;\n  while ((ax = array.indexOf(what)) !== -1) {\n    other.splice(ax, 1);\n  }\n}\nf([1], [1], 1);\n', lines: [3] },
    { name: 'search on a string copied by replace, not changed', code: "function f(s) {\n  let out = s;\n  while (s.indexOf('x') !== -1) {\n    out = s.replace('x', '');\n  }\n  return out;\n}\nf('x');\n", lines: [3] },
    { name: 'search on a string only handed to a call', code: "function f(s) {\n  while (s.indexOf('x') !== -1) {\n    console.log(s);\n  }\n}\nf('x');\n", lines: [2] },
    { name: 'pure call on unchanged operands', code: "function f(h, n) {\n  let c = 0;\n  while (h.indexOf(n) !== -1) c++;\n  return c;\n}\nf('a', 'a');\n", lines: [3] },
  ],
});
