import { cursorMayRepeat } from '../../../../src/core/analysis/rules/cursor-may-repeat';
import { ruleTester } from './rule-tester';

ruleTester(cursorMayRepeat, {
  valid: [
    { name: 'stops when the cursor repeats', code: 'async function f(list) {\n  let c = null;\n  while (true) {\n    const p = await list(c);\n    if (!p.next || p.next === c) break;\n    c = p.next;\n  }\n}\nf(async () => ({}));\n' },
    { name: 'stops on an empty page', code: 'async function f(list) {\n  let c = null;\n  do {\n    const p = await list(c);\n    if (p.items.length === 0) break;\n    c = p.next;\n  } while (c);\n}\nf(async () => ({}));\n' },
    { name: 'page cap', code: 'async function f(list) {\n  let c = null;\n  let n = 0;\n  do {\n    const p = await list(c);\n    c = p.next;\n    n++;\n  } while (c && n < 100);\n}\nf(async () => ({}));\n' },
    { name: 'refetching the same object is polling, not a cursor', code: 'async function f(get, id) {\n  let job = await get(id);\n  while (job.state !== "done") job = await get(job.id);\n}\nf(async () => ({}), 1);\n' },
    { name: 'worklist: array methods on the list fetch no page', code: 'function linked(start, links) {\n  let todo = start.slice();\n  const seen = {};\n  let node;\n  while (todo.length > 0) {\n    node = todo.pop();\n    if (!seen[node]) {\n      seen[node] = true;\n      if (links[node]) todo = todo.concat(links[node]);\n    }\n  }\n  return seen;\n}\nlinked([], {});\n' },
    { name: 'remembers seen cursors', code: 'async function f(list) {\n  const seen = new Set();\n  let c = "";\n  while (c !== null) {\n    if (seen.has(c)) break;\n    seen.add(c);\n    const p = await list(c);\n    c = p.next;\n  }\n}\nf(async () => ({}));\n' },
    { name: 'a bisection: the midpoint is arithmetic on the bounds, not a page', code: 'function bisect(n, ok) {\n  let low = 0;\n  let high = n - 1;\n  while (high - low > 1) {\n    const x = Math.floor((low + high) / 2);\n    if (ok(x)) high = x;\n    else low = x;\n  }\n  return high;\n}\nbisect(8, () => true);\n' },
    { name: 'a string walk: the first line split off the text is no page fetched with it', code: 'function lines(text, pre, emit) {\n  let txt = text;\n  while (txt.length > 0) {\n    let rest = "";\n    if (pre) {\n      const first = txt.split("\\n", 1)[0];\n      rest = txt.substring(first.length + 1);\n      txt = first;\n    }\n    emit(txt);\n    txt = rest;\n  }\n}\nlines("a", true, () => 0);\n' },
  ],
  invalid: [
    { name: 'do … while (cursor)', code: 'async function f(api, id) {\n  let cursor = "";\n  const out = [];\n  do {\n    const page = await api.list(id, cursor);\n    out.push(...page.items);\n    cursor = page.nextCursor;\n  } while (cursor);\n}\nf({}, 1);\n', lines: [4] },
    { name: 'cursor inside an object argument', file: 'w.mjs', code: 'async function walk(client) {\n  let token = null;\n  while (token !== undefined) {\n    const res = await client.list({ pageToken: token });\n    token = res.nextPageToken;\n  }\n}\nwalk({});\n', lines: [3] },
    { name: 'synchronous fetch taking the cursor as an argument', code: 'function f(db) {\n  let after = 0;\n  const out = [];\n  while (after !== null) {\n    const page = db.list(after);\n    out.push(...page.rows);\n    after = page.next;\n  }\n  return out;\n}\nf({});\n', lines: [4] },
    { name: 'awaited method on the cursor object', code: 'async function f(q) {\n  let cur = q;\n  while (cur) {\n    const page = await cur.fetchNext();\n    cur = page.nextQuery;\n  }\n}\nf({});\n', lines: [3] },
    { name: 'a page read through Number() is still fetched with the cursor', code: 'async function f(api) {\n  let at = 0;\n  while (at !== null) {\n    const next = Number(await api.next(at));\n    at = next;\n  }\n}\nf({});\n', lines: [3] },
    { name: 'awaited through a member of the result, on the cursor itself', code: 'async function f(q) {\n  let cur = q;\n  while (cur) {\n    const page = await cur.send().promise;\n    cur = page.nextQuery;\n  }\n}\nf({});\n', lines: [3] },
    { name: 'TypeScript, first-or-next', file: 's.ts', code: 'declare function page(a?: string): Promise<{ next?: string }>;\nasync function f() {\n  let next: string | undefined;\n  let first = true;\n  while (first || next) {\n    first = false;\n    const p = await page(next);\n    next = p.next;\n  }\n}\nf();\n', lines: [5] },
  ],
});
