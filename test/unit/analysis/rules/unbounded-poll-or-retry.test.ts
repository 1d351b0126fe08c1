import { unboundedPollOrRetry } from '../../../../src/core/analysis/rules/unbounded-poll-or-retry';
import assert from 'node:assert/strict';
import { ruleTester } from './rule-tester';

const sleep = 'const sleep = (ms) => new Promise((r) => setTimeout(r, ms));\n';
ruleTester(unboundedPollOrRetry, {
  valid: [
    { name: 'going round on success (if (res.ok) continue) is no retry: the failure ends it', file: 'c.mjs', code: 'export async function f(u, seen) {\n  while (!seen.done) {\n    const res = await fetch(u);\n    if (res.ok) { seen.count++; continue; }\n    seen.done = true;\n  }\n}\n' },
    { name: 'attempt cap', code: sleep + "async function f(u) {\n  let a = 0;\n  while (a < 5) {\n    try { return await fetch(u); } catch { a++; await sleep(10); }\n  }\n}\nf('x');\n" },
    { name: 'deadline', code: sleep + 'async function f(c) {\n  const deadline = Date.now() + 1000;\n  while (Date.now() < deadline) {\n    if (await c()) return;\n    await sleep(5);\n  }\n}\nf(async () => 1);\n' },
    { name: 'for with attempts', code: sleep + 'async function f(fn) {\n  for (let i = 0; i < 3; i++) {\n    try { return await fn(); } catch { await sleep(1); }\n  }\n}\nf(async () => 1);\n' },
    { name: 'rethrow after max', code: 'async function f(m) {\n  let t = 0;\n  for (;;) {\n    try { return await g(m); } catch (e) { t += 1; if (t >= 3) throw e; }\n  }\n}\nasync function g(m) { return m; }\nf(1);\n' },
    { name: 'catch rethrows', code: 'async function f(u) {\n  while (true) {\n    try { return await fetch(u); } catch (e) { throw e; }\n  }\n}\nf(1);\n' },
    { name: 'no wait and no retry', code: 'async function f(q) {\n  while (q.length) await q.shift()();\n}\nf([]);\n' },
    { name: 'cap counted before the pending branch', code: sleep + "async function f(get) {\n  let tries = 0;\n  while (tries < 10) {\n    tries++;\n    const j = await get();\n    if (j.state === 'pending') { await sleep(100); continue; }\n    return j;\n  }\n}\nf(async () => ({}));\n" },
    { name: 'cap counted in the test', code: sleep + "async function f(get) {\n  let tries = 0;\n  while (tries++ < 10) {\n    const j = await get();\n    if (j.state !== 'pending') return j;\n    await sleep(100);\n  }\n}\nf(async () => ({}));\n" },
    { name: 'the uncounted branch leaves', code: sleep + "async function f(get) {\n  let tries = 0;\n  for (;;) {\n    const j = await get();\n    if (j.state === 'failed') throw new Error('failed');\n    if (j.state === 'done') return j;\n    tries += 1;\n    if (tries > 20) throw new Error('gave up');\n    await sleep(100);\n  }\n}\nf(async () => ({}));\n" },
    { name: 'results grown on every turn', code: sleep + "async function f(next, max) {\n  const results = [];\n  while (results.length < max) {\n    results.push(await next());\n    await sleep(10);\n  }\n  return results;\n}\nf(async () => 1, 3);\n" },
    { name: 'abort signal', code: sleep + 'async function f(signal) {\n  while (!signal.aborted) await sleep(10);\n}\nf({});\n' },
  ],
  invalid: [
    { name: 'going round when not ok (if (!res.ok) continue) retries', file: 'c.mjs', code: 'export async function f(u) {\n  while (true) {\n    const res = await fetch(u);\n    if (!res.ok) continue;\n    return res;\n  }\n}\n', lines: [2] },
    { name: 'sleep until status', code: sleep + "async function f(get) {\n  let j = await get();\n  while (j.status !== 'done') {\n    await sleep(5);\n    j = await get();\n  }\n}\nf(async () => ({}));\n", lines: [4] },
    { name: 'timers/promises setTimeout', file: 'w.ts', code: "import { setTimeout as delay } from 'node:timers/promises';\ndeclare function ok(): Promise<boolean>;\nasync function f() {\n  let h = await ok();\n  while (!h) {\n    await delay(100);\n    h = await ok();\n  }\n}\nf();\n", lines: [5] },
    { name: 'retry on any error', code: "async function f(u) {\n  while (true) {\n    try {\n      return await fetch(u);\n    } catch (e) {\n      console.warn(e);\n    }\n  }\n}\nf('x');\n", lines: [2] },
    { name: 'retry on 5xx with continue', file: 'c.mjs', code: 'export async function f(u) {\n  let r;\n  do {\n    r = await fetch(u);\n    if (r.status >= 500) continue;\n  } while (!r.ok);\n}\n', lines: [3] },
    {
      name: 'cap counted on the error branch only, pending polls forever',
      code: sleep + "async function f(get) {\n  let tries = 0;\n  while (true) {\n    const j = await get();\n    if (j.state === 'done') return j;\n    if (j.state === 'pending') { await sleep(1000); continue; }\n    tries++;\n    if (tries > 5) throw new Error('failed');\n    await sleep(100);\n  }\n}\nf(async () => ({}));\n",
      lines: [4],
      check: (f) => assert.match(f.message, /not counted on every turn/),
    },
    {
      name: 'retry cap counted on one branch of the catch',
      code: "async function f(u) {\n  let attempts = 0;\n  while (attempts < 3) {\n    try {\n      return await fetch(u);\n    } catch (e) {\n      if (e.code === 'ECONNRESET') continue;\n      attempts++;\n    }\n  }\n}\nf('x');\n",
      lines: [3],
      check: (f) => assert.match(f.message, /Retry loop .* not counted on every turn/),
    },
    {
      name: 'results grown only when a page has items',
      code: sleep + "async function f(next, max) {\n  const results = [];\n  while (results.length < max) {\n    const item = await next();\n    if (!item) { await sleep(50); continue; }\n    results.push(item);\n  }\n  return results;\n}\nf(async () => 1, 3);\n",
      lines: [4],
    },
    {
      name: 'attempt counter reset on a partial success',
      code: sleep + "async function f(get) {\n  let tries = 0;\n  while (tries < 5) {\n    const r = await get();\n    if (r.progress) tries = 0;\n    else tries++;\n    await sleep(100);\n  }\n}\nf(async () => ({}));\n",
      lines: [4],
    },
    { name: 'inline promise timer', code: 'async function f(c) {\n  while (!(await c())) {\n    await new Promise((r) => setTimeout(r, 200));\n  }\n}\nf(async () => 1);\n', lines: [2] },
  ],
});
