import assert from 'node:assert/strict';
import { unboundedRecursion } from '../../../../src/core/analysis/rules/unbounded-recursion';
import { express, ruleTester } from './rule-tester';

ruleTester(unboundedRecursion, {
  valid: [
    { name: 'a helper that assigns its own name before calling it (a lazily defined helper) calls the new function', code: 'function kind(o) {\n  kind = function (v) { return typeof v; };\n  return kind(o);\n}\nkind(1);\n' },
    { name: 'decreasing argument', code: 'function fact(n) {\n  if (n <= 1) return 1;\n  return n * fact(n - 1);\n}\nfact(5);\n' },
    { name: 'tree walk', code: 'function d(n) {\n  if (!n) return 0;\n  return 1 + Math.max(d(n.left), d(n.right));\n}\nd(null);\n' },
    { name: 'attempt count', code: 'async function f(u, a) {\n  try { return await fetch(u); } catch (e) {\n    if (a <= 0) throw e;\n    return f(u, a - 1);\n  }\n}\nf("x", 3);\n' },
    {
      name: 'descends into elements of request data, the other argument passed on',
      code: express + "function allowed(scope, want) {\n  if (want === '') return true;\n  if (Array.isArray(want)) {\n    for (let i = 0; i < want.length; i++) if (!allowed(scope, want[i])) return false;\n    return true;\n  }\n  if (Array.isArray(scope)) {\n    for (const s of scope) if (allowed(s, want)) return true;\n    return false;\n  }\n  return scope === want || scope === '*';\n}\napp.get('/x', (req, res) => res.json(allowed(req.body.scope, req.body.want)));\n",
    },
    { name: 'descends into a property chain', code: express + 'function find(node, name) {\n  if (name === "") return null;\n  if (node.name === name) return node;\n  return find(node.body.next, name);\n}\napp.post("/x", (req, res) => res.json(find(req.body.tree, req.query.name)));\n' },
    { name: 'no recursion', code: 'function f(x) { return g(x); }\nfunction g(x) { return x; }\nf(1);\n' },
  ],
  invalid: [
    { name: 'a helper that assigns its own name on one branch only still calls itself on the other', code: 'function kind(o) {\n  if (typeof Symbol === "function") kind = function (v) { return typeof v; };\n  return kind(o);\n}\nkind(1);\n', lines: [1] },
    { name: 'same arguments', code: 'function visit(node, depth) {\n  if (node === null) return depth;\n  console.log(node);\n  return visit(node, depth);\n}\nvisit({}, 0);\n', lines: [1] },
    { name: 'no base case (TS)', file: 'c.ts', code: 'function down(n: number): number {\n  return down(n - 1);\n}\ndown(3);\n', lines: [1] },
    { name: 'method recursion through this', file: 'r.ts', code: 'class R {\n  resolve(name: string, seen: string[]): string {\n    return this.resolve(name, seen);\n  }\n}\nnew R().resolve("a", []);\n', lines: [2] },
    {
      name: 'async re-poll until fetched state (flow data)',
      code: {
        'app.js': express + "const api = require('./api');\nasync function wait(id) {\n  const p = await api.get(id);\n  if (p.state === 'captured') return p;\n  return wait(id);\n}\napp.post('/pay', async (req, res) => res.json(await wait(req.body.id)));\n",
        'api.js': 'module.exports = { get: async (id) => (await fetch(`/p/${id}`)).json() };\n',
      },
      lines: [4],
      check: (f) => {
        assert.equal(f.loopKind, 'recursion');
        assert.deepEqual(f.sources, ['req.body.id']);
      },
    },
    {
      name: 'async descent along a link (a cyclic ring never ends, and the stack does not grow)',
      code: express + "const ring = require('./ring');\nasync function find(node, want) {\n  if (!want) return null;\n  if (node.id === want) return node;\n  await ring.touch(node);\n  return find(node.next, want);\n}\napp.get('/x', async (req, res) => res.json(await find(ring.head, req.query.id)));\n",
      lines: [4],
    },
  ],
});
