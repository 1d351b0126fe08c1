// Loops in handlers registered by the indirect patterns (param callbacks, route tables, autoload
// directories) get the route's flow and its request inputs, as handlers of ordinary routes do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forStepOrBoundFromFlowData } from '../../../../src/core/analysis/rules/for-step-or-bound-from-flow-data';
import { findingsFor, type CaseCode } from './rule-tester';

/** "line sources→flows" per finding. */
async function summary(code: CaseCode): Promise<string[]> {
  const findings = await findingsFor(forStepOrBoundFromFlowData, code);
  return findings.map((f) => `${f.loop.startLine} ${f.sources.join(',')}→${f.entryPoints.join(',')}`);
}

const paramCallback = (route: string) =>
  "const express = require('express');\nconst app = express();\nconst users = express.Router();\n" +
  "users.param('id', (req, res, next, id) => {\n  for (let i = 0; i < id; i++) console.log(i);\n  for (let j = 0; j < req.query.n; j++) console.log(j);\n  next();\n});\n" +
  `users.get('${route}', (req, res) => res.end());\napp.use('/users', users);\n`;

test('a loop in an Express param callback gets the flows of the routes with that parameter; the value and req are request inputs', async () => {
  assert.deepEqual(await summary(paramCallback('/:id')), ['5 id→GET /users/:id', '6 req.query.n→GET /users/:id']);
});

test('a param callback whose parameter no route declares is not request-reachable', async () => {
  assert.deepEqual(await summary(paramCallback('/:other')), []);
});

test('a loop in a handler from an imported route table gets its entry\'s flow (mount prefix included) and request inputs', async () => {
  const code = {
    'app.js': "const express = require('express');\nconst { routes } = require('./routes');\nconst app = express();\nconst api = express.Router();\nfor (const r of routes) api[r.method](r.path, r.handler);\napp.use('/api', api);\n",
    'routes.js': "module.exports.routes = [\n  { method: 'get', path: '/pad', handler: (req, res) => {\n    for (let i = 0; i < req.query.width; i++) res.write(' ');\n    res.end();\n  } },\n];\n",
  };
  const findings = await findingsFor(forStepOrBoundFromFlowData, code);
  assert.deepEqual(findings.map((f) => `${f.loop.file}:${f.loop.startLine} ${f.sources.join(',')}→${f.entryPoints.join(',')}`), ['routes.js:3 req.query.width→GET /api/pad']);
});

test('the same handler in a table that is never iterated into a router is not request-reachable', async () => {
  const code = {
    'app.js': "const express = require('express');\nconst { routes } = require('./routes');\nconst app = express();\nfor (const r of routes) console.log(r.path, r.handler);\napp.get('/x', (req, res) => res.end());\n",
    'routes.js': "module.exports.routes = [\n  { method: 'get', path: '/pad', handler: (req, res) => {\n    for (let i = 0; i < req.query.width; i++) res.write(' ');\n    res.end();\n  } },\n];\n",
  };
  assert.deepEqual(await findingsFor(forStepOrBoundFromFlowData, code), []);
});

test('a loop in a route of an @fastify/autoload plugin file gets the directory-derived flow and the request inputs', async () => {
  const plugin = "module.exports = async function (fastify) {\n  fastify.get('/:id', async (request) => {\n    for (let i = 0; i < request.query.n; i++) console.log(i);\n  });\n};\n";
  const server = (dir: string) => `const path = require('path');\nconst fastify = require('fastify')();\nfastify.register(require('@fastify/autoload'), { dir: path.join(__dirname, '${dir}'), options: { prefix: '/api' } });\n`;
  const routed = await findingsFor(forStepOrBoundFromFlowData, { 'app.js': server('routes'), 'routes/users/show.js': plugin });
  assert.deepEqual(routed.map((f) => `${f.loop.file}:${f.loop.startLine} ${f.sources.join(',')}→${f.entryPoints.join(',')}`), ['routes/users/show.js:3 request.query.n→GET /api/users/:id']);
  // Autoload of another directory: the file is an unmounted plugin, its route keeps its own path only.
  const elsewhere = await findingsFor(forStepOrBoundFromFlowData, { 'app.js': server('plugins'), 'routes/users/show.js': plugin });
  assert.deepEqual(elsewhere.map((f) => f.entryPoints.join(',')), ['GET /:id']);
});
