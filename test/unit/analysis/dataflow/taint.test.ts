import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FunctionFlow } from '../../../../src/core/analysis/dataflow/taint';
import type { Node } from '../../../../src/core/analysis/dataflow/ast';
import { walk } from '../../../../src/core/analysis/dataflow/ast';
import { functionNamed, parseSnippet } from './helpers';

const noCallees = { calleesOf: () => [] };

/** Which parameter accesses reach the expression `probe(…)`'s argument in function f. */
function reaching(code: string): { origins: string[]; path: string[] } {
  const file = parseSnippet(code);
  const fn = functionNamed(file, 'f');
  const flow = new FunctionFlow(file, fn, undefined, noCallees);
  let arg: Node | undefined;
  walk(fn, (n) => {
    if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'probe') arg = n.arguments[0];
  });
  const taint = flow.taintOf(arg!);
  const flows = [...taint.values()];
  return { origins: flows.map((f) => `${f.origin.index}:${f.origin.access}`).sort(), path: flows[0]?.path.map((s) => s.message) ?? [] };
}

const cases: Array<{ name: string; code: string; origins: string[] }> = [
  { name: 'direct member read', code: 'function f(req) { probe(req.body.code); }', origins: ['0:req.body.code'] },
  { name: 'through a declaration and reassignment', code: 'function f(a) { let x = 1; x = a.n * 2; probe(x); }', origins: ['0:a.n'] },
  { name: 'compound assignment keeps both', code: 'function f(a, b) { let x = a; x += b; probe(x); }', origins: ['0:a', '1:b'] },
  { name: 'destructuring extends the access path', code: 'function f(req) { const { code, n: m } = req.body; probe(code); }', origins: ['0:req.body.code'] },
  { name: 'awaited result of a call with a tainted argument', code: 'async function f(id) { const rec = await db.find(id); probe(rec.balance); }', origins: ['0:id'] },
  { name: 'assignment after use still counts (loops)', code: 'function f(a) { let x = 0; for (let i = 0; i < 3; i++) { probe(x); x = a; } }', origins: ['0:a'] },
  { name: 'push stores into the array', code: 'function f(a) { const list = []; list.push(a.v); probe(list); }', origins: ['0:a.v'] },
  { name: 'member write taints the object', code: 'function f(a) { const o = {}; o.k = a; probe(o.k); }', origins: ['0:a'] },
  { name: 'for-of element', code: 'function f(items) { for (const it of items) probe(it); }', origins: ['0:items'] },
  { name: 'closure passed to a helper carries what it captures', code: 'function f(id) { const r = query((t) => t.rows.find((x) => x.id === id)); probe(r); }', origins: ['0:id'] },
  { name: 'a closure that assigns a variable of the function', code: 'function f(a) { let x = 0; const set = () => { x = a.n; }; set(); probe(x); }', origins: ['0:a.n'] },
  { name: "a closure's own parameter assigned to an outer variable is not this function's data", code: 'function f(a) { let x = 0; each(a, (v) => { x = v; }); probe(x); }', origins: [] },
  { name: 'constants are not flow data', code: 'function f(a) { const x = 3; let y = x + 1; probe(y); }', origins: [] },
  { name: 'a variable shadowing the parameter is a different variable', code: 'function f(a) { { const a = 1; probe(a); } }', origins: [] },
];

for (const c of cases) test(`taint: ${c.name}`, () => assert.deepEqual(reaching(c.code).origins, c.origins));

test('taint keeps the data path in order', () => {
  const { path } = reaching('async function f(req) {\n  const id = req.params.id;\n  const card = await repo.get(id);\n  let b = card.balance;\n  probe(b);\n}');
  assert.deepEqual(path, ['req.params.id (parameter `req`)', '`id` = req.params.id', 'result of repo.get(id)', 'awaited result of repo.get(id)', '`card` = await repo.get(id)', '`b` = card.balance']);
});
