import assert from 'node:assert/strict';
import { exitDependsOnFlowData } from '../../../../src/core/analysis/rules/exit-depends-on-flow-data';
import { express, ruleTester } from './rule-tester';

ruleTester(exitDependsOnFlowData, {
  valid: [
    { name: 'loop over constants in a handler', code: express + "app.get('/a', (req, res) => {\n  let n = 64;\n  while (n > 1) n = n / 2;\n  res.json({ n, q: req.query.q });\n});\n" },
    { name: 'for-of over request array', code: express + "app.post('/a', (req, res) => {\n  let s = 0;\n  for (const x of req.body.items) s += x;\n  res.json(s);\n});\n" },
    { name: 'counter loop with constant step', code: express + "app.post('/a', (req, res) => {\n  const out = [];\n  for (let i = 0; i < req.body.n; i++) out.push(i);\n  res.json(out);\n});\n" },
    { name: 'counter stepped inside the test (++i < n)', file: 'index.js', code: 'function each(list, n) {\n  let i = -1;\n  while (++i < n) list[i]();\n}\nmodule.exports = { each };\n' },
    { name: 'library: worklist pushing only unseen nodes (a finite graph runs out)', file: 'index.js', code: 'function reach(queue, next) {\n  const seen = new Set(queue);\n  for (let i = 0; i < queue.length; i++) {\n    const c = next(queue[i]);\n    if (!seen.has(c)) { seen.add(c); queue.push(c); }\n  }\n}\nmodule.exports = { reach };\n' },
    { name: 'library: a counter chasing a list pushed on one branch only', file: 'index.js', code: 'function f(list) {\n  let i = 0;\n  while (i < list.length) {\n    if (list[i] > 1) list.push(list[i] - 1);\n    i += 1;\n  }\n}\nmodule.exports = { f };\n' },
    { name: 'library: a push and a pop each turn leave the length where it was', file: 'index.js', code: 'function f(list, x) {\n  for (let i = 0; i < list.length; i++) { list.push(x); x = list.pop(); }\n  return x;\n}\nmodule.exports = { f };\n' },
    { name: 'library: a method called on this each turn may empty this.items', file: 'index.js', code: 'class Bag {\n  constructor(items) { this.items = items; }\n  reset() { this.items = []; }\n  grow() {\n    for (let i = 0; i < this.items.length; i++) { this.items.push(i); if (i > 3) this.reset(); }\n  }\n}\nmodule.exports = { Bag };\n' },
    { name: 'library: the object holding the list handed to a call each turn', file: 'index.js', code: 'function f(box, clear) {\n  for (let i = 0; i < box.list.length; i++) { box.list.push(i); clear(box); }\n}\nmodule.exports = { f };\n' },
    { name: 'library: the list handed to a call each turn may be emptied by it', file: 'index.js', code: 'function f(list, trim) {\n  for (let i = 0; i < list.length; i++) { list.push(i); trim(list); }\n}\nmodule.exports = { f };\n' },
    { name: 'library: one element pushed per turn is slower than a step of 2', file: 'index.js', code: 'function f(list) {\n  for (let i = 0; i < list.length; i += 2) list.push(i);\n}\nmodule.exports = { f };\n' },
    { name: 'library: a spread push may add nothing', file: 'index.js', code: 'function f(list, more) {\n  for (let i = 0; i < list.length; i++) list.push(...more);\n}\nmodule.exports = { f };\n' },
    { name: 'library: the bound list pushed on some turns, another list on every turn', file: 'index.js', code: 'function f(list) {\n  const out = [];\n  for (let i = 0; i < list.length; i++) {\n    if (list[i] > 1) list.push(list[i] - 1);\n    out.push(list[i]);\n  }\n  return out;\n}\nmodule.exports = { f };\n' },
    { name: 'flow data with an attempt cap', code: express + "app.post('/a', async (req, res) => {\n  let v = req.body.v;\n  let tries = 0;\n  while (v !== 0 && tries < 5) { v -= 1; tries++; }\n  res.end();\n});\n" },
    { name: 'no entry points, function not exported', code: "function f(x) {\n  while (x !== 0) x -= 2;\n}\nf(3);\n" },
    { name: 'response object is not request data (koa ctx.body)', code: "const Router = require('@koa/router');\nconst r = new Router();\nr.get('/a', async (ctx) => {\n  let n = ctx.status;\n  while (n > 1) n = n / 2;\n  ctx.body = n;\n});\n" },
    { name: 'loop test on a value checked from above before the loop', code: express + "app.get('/a', (req, res) => {\n  const n = Number(req.query.n);\n  if (n > 100) return res.status(400).end();\n  let x = 1;\n  while (x < n) x = x * 2;\n  res.end();\n});\n" },
    { name: 'break guard on a value checked from above (the loop goes on while below it)', code: express + "app.get('/a', (req, res) => {\n  const n = Number(req.query.n);\n  if (n > 100) return res.status(400).end();\n  let x = 1;\n  while (x > 0) {\n    if (x >= n) break;\n    x = x * 2;\n  }\n  res.end();\n});\n" },
    { name: "library: counting down the caller's array, with an early return on a match", file: 'index.js', code: 'function lastIndexOf(array, value) {\n  let i = array == null ? 0 : array.length;\n  while (i--) if (array[i] === value) return i;\n  return -1;\n}\nmodule.exports = { lastIndexOf };\n' },
    { name: 'library: for await ends with the stream, an exit in the body only sooner', file: 'index.js', code: 'async function take(body, max) {\n  let n = 0;\n  for await (const c of body) { if (++n > max) break; }\n  return n;\n}\nmodule.exports = { take };\n' },
    { name: 'a string cut every turn ends the loop whatever its break guard reads', code: express + "app.get('/a', (req, res) => {\n  let n = 'abc';\n  while (n.length > 0) {\n    if (n === req.query.stop) break;\n    n = n.slice(1);\n  }\n  res.end();\n});\n" },
    { name: 'checked in the caller in another module', code: { 'app.js': express + "const { grow } = require('./grow');\napp.get('/g', (req, res) => {\n  const n = Number(req.query.n);\n  if (n > 64) return res.status(400).end();\n  res.json(grow(n));\n});\n", 'grow.js': 'function grow(limit) {\n  let x = 1;\n  while (x < limit) x = x * 2;\n  return x;\n}\nmodule.exports = { grow };\n' } },
    { name: 'library: the bound lowered towards the counter each turn', file: 'index.js', code: 'function f(list, n) {\n  let i = 0;\n  while (i < n) { list.push(i); i += 1; n -= 1; }\n}\nmodule.exports = { f };\n' },
    { name: 'library: the bound set in the for init', file: 'index.js', code: 'function f(list, m) {\n  for (let i = 0, n = m; i < n; i++) list.push(i);\n}\nmodule.exports = { f };\n' },
    {
      name: 'constants per call site passed by code no route reaches',
      code: {
        'app.js': express + "app.get('/health', (req, res) => res.end());\n",
        'tool.js': "const { drain } = require('./drain');\nasync function flushAll() {\n  await drain('orders');\n  await drain('refunds');\n}\nmodule.exports = { flushAll };\n",
        'drain.js': "const store = new Map();\nasync function drain(name) {\n  let size = (store.get(name) || []).length;\n  while (size > 0) size = (store.get(name) || []).length;\n}\nmodule.exports = { drain };\n",
      },
    },
    {
      name: 'constants per call site all passed along one flow',
      code: {
        'app.js': express + "const { drain } = require('./drain');\napp.post('/all', async (req, res) => {\n  await drain('orders');\n  await drain('refunds');\n  res.end();\n});\n",
        'drain.js': "const store = new Map();\nasync function drain(name) {\n  let size = (store.get(name) || []).length;\n  while (size > 0) size = (store.get(name) || []).length;\n}\nmodule.exports = { drain };\n",
      },
    },
    { name: 'library: a tree search whose inner walk, ending by the test it shares with the outer loop, leaves both (the key index steps on every other turn)', file: 'index.js', code: 'class Node {\n  search(key) {\n    let index = 0;\n    let node = this;\n    while (node !== null && index < key.length) {\n      const code = key[index];\n      while (node !== null) {\n        if (code === node.code) {\n          if (key.length === ++index) return node;\n          node = node.middle;\n          break;\n        }\n        node = node.code < code ? node.left : node.right;\n      }\n    }\n    return null;\n  }\n}\nmodule.exports = { Node };\n' },
    { name: 'library: a hasNext/next walk taking the next element on every turn (do-while, handed an object to fill)', file: 'index.js', code: 'function all(it, out) {\n  const op = {};\n  do { it.next(op); out.push(op.chars); } while (it.hasNext());\n  return out;\n}\nmodule.exports = { all };\n' },
    { name: 'library: a hasNext/next walk whose early turns leave the loop before next', file: 'index.js', code: 'function find(it, x) {\n  while (it.hasNext()) {\n    if (x === undefined) return null;\n    if (it.next() === x) return x;\n  }\n  return null;\n}\nmodule.exports = { find };\n' },
  ],
  invalid: [
    { name: 'library: a hasNext walk that takes the next element on one branch only', file: 'index.js', code: 'function f(it, keep) {\n  const out = [];\n  while (it.hasNext()) {\n    if (keep(out)) out.push(it.next());\n  }\n  return out;\n}\nmodule.exports = { f };\n', lines: [3] },
    { name: 'library: a hasNext walk that steps another iterator', file: 'index.js', code: 'function f(a, b) {\n  const out = [];\n  while (a.hasNext()) out.push(b.next());\n  return out;\n}\nmodule.exports = { f };\n', lines: [3] },
    { name: 'library: a hasNext walk whose object holding the iterator is replaced in the loop', file: 'index.js', code: 'function f(state, restart) {\n  while (state.it.hasNext()) {\n    state.it.next();\n    if (restart()) state = { it: restart() };\n  }\n}\nmodule.exports = { f };\n', lines: [2] },
    { name: 'a counter stepped only when the awaited call succeeds retries the same item forever', code: express + "app.post('/import', async (req, res) => {\n  const items = req.body.items;\n  let i = 0;\n  while (i < items.length) {\n    const r = await save(items[i]);\n    if (r.ok) i++;\n  }\n  res.end();\n});\nasync function save(item) { return { ok: !!item }; }\n", lines: [6] },
    { name: 'library: the inner walk is not the last statement, so leaving it by its test goes round', file: 'index.js', code: 'class Node {\n  search(key) {\n    let index = 0;\n    let node = this;\n    while (node !== null && index < key.length) {\n      const code = key[index];\n      while (node !== null) {\n        if (code === node.code) { index++; node = node.middle; break; }\n        node = node.code < code ? node.left : node.right;\n      }\n      if (node === null) node = this;\n    }\n    return null;\n  }\n}\nmodule.exports = { Node };\n', lines: [5] },
    { name: 'a cursor the loop also resets to 0 is no cap', code: express + "app.post('/a', (req, res) => {\n  const text = String(req.body.text);\n  let pos = 0;\n  while (pos < text.length) {\n    if (text[pos] === '\\n') { pos = 0; continue; }\n    pos++;\n  }\n  res.end();\n});\n", lines: [6] },
    { name: 'library: a counter chasing a bound the loop raises as fast', file: 'index.js', code: 'function f(list, n) {\n  let i = 0;\n  while (i < n) { list.push(i); i += 4; n += 4; }\n}\nmodule.exports = { f };\n', lines: [3] },
    { name: 'library: ++i < this.end where the loop raises this.end', file: 'index.js', code: 'class Scan {\n  constructor(end) { this.end = end; }\n  run(list) {\n    let i = -1;\n    while (++i < this.end) { if (list[i] === 0) this.end = this.end + 1; }\n  }\n}\nmodule.exports = { Scan };\n', lines: [5] },
    { name: 'break guard on a value checked from above, but the loop goes on while above it', code: express + "app.get('/a', (req, res) => {\n  const n = Number(req.query.n);\n  if (n > 100) return res.status(400).end();\n  let x = 1000;\n  while (x > 0) {\n    if (x <= n) break;\n    x = x * 0.5;\n  }\n  res.end();\n});\n", lines: [7] },
    { name: 'checked in the caller, then mixed with other request data in the callee', code: { 'app.js': express + "const { grow } = require('./grow');\napp.get('/g', (req, res) => {\n  const n = Number(req.query.n);\n  if (n > 64) return res.status(400).end();\n  res.json(grow(n, Number(req.query.k)));\n});\n", 'grow.js': 'function grow(limit, k) {\n  let x = 1;\n  while (x < limit * k) x = x * 2;\n  return x;\n}\nmodule.exports = { grow };\n' }, lines: [3], check: (f) => assert.deepEqual(f.sources.sort(), ['req.query.k', 'req.query.n']) },
    { name: 'request: counting down a length a client sent', code: express + "app.post('/a', (req, res) => {\n  let n = req.body.items.length;\n  while (n--) res.write('.');\n  res.end();\n});\n", lines: [5] },
    { name: 'request: a counter chasing a list the loop pushes onto every turn', code: express + "app.post('/a', (req, res) => {\n  const items = req.body.items;\n  let i = 0;\n  while (i < items.length) { items.push(items[i]); i += 1; }\n  res.end();\n});\n", lines: [6], check: (f) => assert.equal(f.message, 'Exit condition `i < items.length` depends on flow data: req.body.items.') },
    { name: 'library: for form, one push per turn after a break on some paths', file: 'index.js', code: 'function f(list, x) {\n  for (let i = 0; i < list.length; i++) {\n    if (list[i] === null) break;\n    list.push(x);\n  }\n}\nmodule.exports = { f };\n', lines: [2] },
    { name: 'library: ++i in the test against a list pushed every turn', file: 'index.js', code: 'function f(list) {\n  let i = -1;\n  while (++i < list.length) list.push(list[i]);\n}\nmodule.exports = { f };\n', lines: [3] },
    { name: 'library: two elements unshifted onto this.items per step of 2', file: 'index.js', code: 'class Bag {\n  constructor(items) { this.items = items; }\n  grow() {\n    for (let i = 0; i < this.items.length; i += 2) this.items.unshift(i, i);\n  }\n}\nmodule.exports = { Bag };\n', lines: [4] },
    { name: 'library: mirrored test (list.length > i), one push and i++ per turn', file: 'index.js', code: 'function f(list) {\n  let i = 0;\n  while (list.length > i) {\n    list.push(i);\n    i++;\n  }\n}\nmodule.exports = { f };\n', lines: [3] },
    { name: 'library: counting down a number the caller passed', file: 'index.js', code: 'function pad(s, n) {\n  while (n--) s += " ";\n  return s;\n}\nmodule.exports = { pad };\n', lines: [2] },
    { name: 'req.body field', code: express + "app.post('/a', (req, res) => {\n  let left = req.body.amount;\n  while (left !== 0) left -= 10;\n  res.end();\n});\n", lines: [5] },
    {
      name: 'data path through a helper in another module',
      code: {
        'app.js': express + "const { settle } = require('./settle');\napp.post('/s', async (req, res) => res.json(await settle(req.body.target)));\n",
        'settle.js': 'async function settle(target) {\n  let total = 0;\n  while (total != target) total += await next();\n  return total;\n}\nasync function next() { return 3; }\nmodule.exports = { settle };\n',
      },
      lines: [3],
      check: (f) => {
        assert.deepEqual(f.sources, ['req.body.target']);
        assert.deepEqual(f.entryPoints, ['POST /s']);
        assert.equal(f.dataPath[0].location.file, 'app.js');
        assert.match(f.dataPath[0].message, /req\.body\.target/);
        assert.ok(f.dataPath.some((s) => /passed to settle\(\)/.test(s.message)));
        assert.equal(f.dataPath.at(-1)!.location.file, 'settle.js');
      },
    },
    {
      name: 'awaited record fetched by a request id (closure in a query helper)',
      code: {
        'app.js': express + "const repo = require('./repo');\napp.get('/c/:id', async (req, res) => {\n  const card = await repo.find(req.params.id);\n  let b = card.balance;\n  while (b > card.min) b = b - card.step;\n  res.end();\n});\n",
        'repo.js': 'const db = { rows: [] };\nfunction query(fn) { return Promise.resolve(fn(db)); }\nmodule.exports = { find: (id) => query((t) => t.rows.find((r) => r.id === id)) };\n',
      },
      lines: [7],
      check: (f) => assert.deepEqual(f.sources, ['req.params.id']),
    },
    { name: 'do-while on koa ctx.request.body', code: "const Router = require('@koa/router');\nconst r = new Router();\nr.post('/l', async (ctx) => {\n  let level = ctx.request.body.start;\n  do {\n    level = level / 2;\n  } while (level !== 1);\n});\n", lines: [5] },
    { name: 'break guard reads flow data (the string is not cut on every turn)', code: express + "app.get('/a', (req, res) => {\n  let n = 'abc';\n  while (n.length > 0) {\n    if (n === req.query.stop) break;\n    if (n.length > 1) n = n.slice(1);\n  }\n  res.end();\n});\n", lines: [5] },
    { name: 'library: counter stepped in the test but also written in the body', file: 'index.js', code: 'function f(n) {\n  let i = 0;\n  while (++i < n) i -= 2;\n}\nmodule.exports = { f };\n', lines: [3] },
    {
      name: 'request data stored in a class field by one method, read by the loop in another',
      file: 'app.ts',
      code: "import express from 'express';\nconst app = express();\nclass C {\n  private n = 0;\n  set(n: number) { this.n = n; }\n  run() {\n    let i = 0;\n    while (i !== this.n) i += 2;\n  }\n}\napp.post('/c', (req, res) => {\n  const c = new C();\n  c.set(req.body.n);\n  c.run();\n  res.end();\n});\n",
      lines: [8],
      check: (f) => {
        assert.deepEqual(f.sources, ['req.body.n']);
        assert.ok(f.dataPath.some((s) => s.message === 'this.n = n'));
      },
    },
    { name: 'library: exported parameter', file: 'index.js', code: "function skip(input, pos) {\n  while (input[pos] !== ';') pos += 1;\n  return pos;\n}\nmodule.exports = { skip };\n", lines: [2] },
    {
      name: 'constant per call site that differs between flows',
      code: {
        'app.js': express + "const { drain } = require('./drain');\napp.post('/o', async (req, res) => { await drain('orders'); res.end(); });\napp.post('/r', async (req, res) => { await drain('refunds'); res.end(); });\n",
        'drain.js': "const store = new Map();\nasync function drain(name) {\n  let size = (store.get(name) || []).length;\n  while (size > 0) size = (store.get(name) || []).length;\n}\nmodule.exports = { drain };\n",
      },
      lines: [4],
      check: (f) => assert.match(f.sources[0], /constant per call site: "orders" \| "refunds"/),
    },
    {
      name: 'library: constants per call site from two exported functions (each its own flow)',
      file: 'index.js',
      code: "const store = new Map();\nfunction drain(name) {\n  let size = (store.get(name) || []).length;\n  while (size > 0) size = (store.get(name) || []).length;\n}\nfunction flushOrders() { drain('orders'); }\nfunction flushRefunds() { drain('refunds'); }\nmodule.exports = { flushOrders, flushRefunds };\n",
      lines: [4],
    },
  ],
});
