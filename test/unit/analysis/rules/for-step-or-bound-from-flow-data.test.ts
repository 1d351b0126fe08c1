import assert from 'node:assert/strict';
import { forStepOrBoundFromFlowData } from '../../../../src/core/analysis/rules/for-step-or-bound-from-flow-data';
import { express, ruleTester } from './rule-tester';

ruleTester(forStepOrBoundFromFlowData, {
  valid: [
    { name: 'constant step and bound', code: express + "app.get('/t', (req, res) => {\n  const r = [];\n  for (let i = 0; i < 12; i += 3) r.push(i * Number(req.query.k));\n  res.json(r);\n});\n" },
    { name: 'local array length', code: express + "app.get('/t', (req, res) => {\n  const a = [1, 2];\n  for (let i = 0; i < a.length; i++) console.log(a[i]);\n  res.end();\n});\n" },
    { name: 'while loops are other rules', code: express + "app.get('/t', (req, res) => {\n  let i = 0;\n  while (i < req.query.n) i++;\n  res.end();\n});\n" },
    { name: 'flow data without entry points', code: 'function f(n) {\n  for (let i = 0; i < n; i++) console.log(i);\n}\nf(3);\n' },
    { name: "a library's array parameter length", file: 'index.js', code: 'function sum(list) {\n  let s = 0;\n  for (let i = 0; i < list.length; i++) s += list[i];\n  return s;\n}\nmodule.exports = { sum };\n' },
    { name: 'step checked to lie in 1..10 before the loop', code: express + "app.get('/r', (req, res) => {\n  const step = Number(req.query.step);\n  if (!(step >= 1 && step <= 10)) return res.status(400).end();\n  for (let i = 0; i < 100; i += step) console.log(i);\n  res.end();\n});\n" },
    { name: 'bound clamped with Math.min into a variable', code: express + "app.get('/r', (req, res) => {\n  const n = Math.min(Number(req.query.n), 1000);\n  for (let i = 0; i < n; i++) console.log(i);\n  res.end();\n});\n" },
    { name: 'counting down to a bound checked from below', code: express + "app.get('/r', (req, res) => {\n  const low = Number(req.query.low);\n  if (low < 0) return res.status(400).end();\n  for (let i = 100; i > low; i--) console.log(i);\n  res.end();\n});\n" },
    { name: 'length of a body value inside `if (Array.isArray(x))`', code: express + "app.post('/r', (req, res) => {\n  const rows = req.body.rows;\n  if (Array.isArray(rows)) {\n    for (let i = 0; i < rows.length; i++) console.log(rows[i]);\n  }\n  res.end();\n});\n" },
    { name: 'length of a body value after `if (!Array.isArray(x)) return`', code: express + "function count(rows) {\n  if (!rows || !Array.isArray(rows)) return 0;\n  let n = 0;\n  for (let i = 0; i < rows.length; i++) n += rows[i] ? 1 : 0;\n  return n;\n}\napp.post('/r', (req, res) => res.json(count(req.body.rows)));\n" },
    { name: 'length of lines split from a body string', code: express + "app.post('/r', (req, res) => {\n  const lines = String(req.body.text).split('\\n');\n  for (let i = 0; i < lines.length; i++) console.log(lines[i]);\n  res.end();\n});\n" },
    { name: 'length of the keys of a body object', code: express + "app.post('/r', (req, res) => {\n  const keys = Object.keys(req.body);\n  for (let i = 0; i < keys.length; i++) console.log(keys[i]);\n  res.end();\n});\n" },
    { name: 'length of a body array filtered (a method call on JSON data finds the built-in or throws)', code: express + "app.post('/r', (req, res) => {\n  const rows = req.body.rows.filter((r) => r.ok);\n  for (let i = 0; i < rows.length; i++) console.log(rows[i]);\n  res.end();\n});\n" },
  ],
  invalid: [
    { name: 'Array.from a body count builds as many elements as it says', code: express + "app.post('/r', (req, res) => {\n  const rows = Array.from({ length: req.body.n });\n  for (let i = 0; i < rows.length; i++) console.log(i);\n  res.end();\n});\n", lines: [5] },
    { name: 'split lines, but the loop pushes onto them', code: express + "app.post('/r', (req, res) => {\n  const lines = String(req.body.text).split('\\n');\n  for (let i = 0; i < lines.length; i++) if (lines[i]) lines.push('');\n  res.end();\n});\n", lines: [5] },
    { name: 'split lines, then reassigned from the body', code: express + "app.post('/r', (req, res) => {\n  let lines = String(req.body.text).split('\\n');\n  if (req.body.raw) lines = req.body.raw;\n  for (let i = 0; i < lines.length; i++) console.log(i);\n  res.end();\n});\n", lines: [6] },
    { name: 'array checked, but a callback that captured it grows it', code: express + "app.post('/r', (req, res) => {\n  const rows = req.body.rows;\n  if (!Array.isArray(rows)) return res.end();\n  const more = (v) => { if (v > 0) rows.push(v - 1); };\n  for (let i = 0; i < rows.length; i++) more(rows[i]);\n  res.end();\n});\n", lines: [7] },
    { name: 'Array.isArray checked on one branch only', code: express + "app.post('/r', (req, res) => {\n  const rows = req.body.rows;\n  if (Array.isArray(rows)) console.log('array');\n  for (let i = 0; i < rows.length; i++) console.log(i);\n  res.end();\n});\n", lines: [6] },
    { name: 'reassigned between the Array.isArray check and the loop', code: express + "app.post('/r', (req, res) => {\n  let rows = req.body.rows;\n  if (!Array.isArray(rows)) return res.end();\n  rows = req.body.other;\n  for (let i = 0; i < rows.length; i++) console.log(i);\n  res.end();\n});\n", lines: [7] },
    { name: 'array checked, but a flow-data step', code: express + "app.post('/r', (req, res) => {\n  const rows = req.body.rows;\n  if (!Array.isArray(rows)) return res.end();\n  for (let i = 0; i < rows.length; i += req.body.step) console.log(i);\n  res.end();\n});\n", lines: [6] },
    { name: 'array checked, but the loop grows it', code: express + "app.post('/r', (req, res) => {\n  const rows = req.body.rows;\n  if (!Array.isArray(rows)) return res.end();\n  for (let i = 0; i < rows.length; i++) if (rows[i] > 0) rows.push(rows[i] - 1);\n  res.end();\n});\n", lines: [6] },

    { name: 'step checked only from above (0 never moves)', code: express + "app.get('/r', (req, res) => {\n  const step = Number(req.query.step);\n  if (step > 10) return res.status(400).end();\n  for (let i = 0; i < 100; i += step) console.log(i);\n  res.end();\n});\n", lines: [6] },
    { name: 'positive step that moves away from the bound', code: express + "app.get('/r', (req, res) => {\n  const step = Number(req.query.step);\n  if (!(step >= 1 && step <= 10)) return res.status(400).end();\n  for (let i = 0; i < 100; i -= step) console.log(i);\n  res.end();\n});\n", lines: [6] },
    { name: 'counting down to a bound checked only from above', code: express + "app.get('/r', (req, res) => {\n  const low = Number(req.query.low);\n  if (low > 50) return res.status(400).end();\n  for (let i = 100; i > low; i--) console.log(i);\n  res.end();\n});\n", lines: [6] },
    { name: 'step from the query', code: express + "app.get('/r', (req, res) => {\n  const step = Number(req.query.step);\n  for (let i = 0; i < 100; i += step) console.log(i);\n  res.end();\n});\n", lines: [5], check: (f) => assert.match(f.message, /step `step`/) },
    { name: 'length of a body object', code: express + "app.post('/r', (req, res) => {\n  const rows = req.body.rows;\n  for (let i = 0; i < rows.length; i++) console.log(i);\n  res.end();\n});\n", lines: [5], check: (f) => assert.deepEqual(f.sources, ['req.body.rows']) },
    { name: 'bound through a helper (TS)', code: { 'app.ts': "import express from 'express';\nimport { pad } from './pad';\nconst app = express();\napp.post('/p', (req, res) => res.send(pad('x', Number(req.body.width))));\n", 'pad.ts': "export function pad(t: string, w: number): string {\n  let o = t;\n  for (let i = t.length; i < w; i++) o += ' ';\n  return o;\n}\n" }, lines: [3] },
    { name: 'library: a numeric parameter as the bound', file: 'index.js', code: 'function pad(s, width) {\n  for (let i = s.length; i < width; i++) s += " ";\n  return s;\n}\nmodule.exports = { pad };\n', lines: [2] },
    { name: 'decrement by a body field (fastify)', code: "const fastify = require('fastify')();\nfastify.post('/c', async (request) => {\n  for (let i = 100; i > 0; i -= request.body.by) console.log(i);\n});\n", lines: [3] },
  ],
});
