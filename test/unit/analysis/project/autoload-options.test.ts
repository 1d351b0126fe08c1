// @fastify/autoload options that narrow which plugin files load: matchFilter / ignoreFilter (string,
// regex, predicate), indexPattern, maxDepth, and a plugin's `autoload = false` export. A file autoload
// would not load stays an unmounted plugin: its route keeps its own path (and a guessed framework).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { projectOf, removeTempProjects } from './temp-project';
import type { ProjectModel } from '../../../../src/core/analysis/project/types';

after(removeTempProjects);

const flows = (model: ProjectModel): string[] => model.entryPoints.map((e) => `${e.flow} ${e.handlerNames.join(',')}`).sort();

const server = (options: string, extra = ''): string =>
  [
    'const path = require("node:path");',
    'const AutoLoad = require("@fastify/autoload");',
    extra,
    'const fastify = require("fastify")();',
    `fastify.register(AutoLoad, { dir: path.join(__dirname, "routes"), ${options} });`,
  ].join('\n');

const plugin = (route: string, name: string, tail = ''): string =>
  `module.exports = async function (fastify) { fastify.get("${route}", async function ${name}(request) {}); };${tail}`;

const routes = {
  'src/routes/users/users.controller.js': plugin('/', 'listUsers'),
  'src/routes/users/users.helpers.js': plugin('/helper', 'helperRoute'),
  'src/routes/orders/orders.controller.js': plugin('/', 'listOrders'),
  'src/routes/orders/deep/more/far.controller.js': plugin('/', 'farAway'),
};

test('autoload matchFilter as a predicate on the path: only matching files are mounted', async () => {
  const model = await projectOf({ 'src/server.js': server('matchFilter: (p) => p.includes(".controller.")'), ...routes });
  assert.deepEqual(flows(model), ['GET /helper helperRoute', 'GET /orders listOrders', 'GET /orders/deep/more farAway', 'GET /users listUsers']);
});

test('autoload matchFilter as a regex and ignoreFilter as a string, from a const', async () => {
  const model = await projectOf({ 'src/server.js': server('matchFilter: onlyControllers, ignoreFilter: "/orders/deep"', 'const onlyControllers = /\\.controller\\.js$/;'), ...routes });
  // far.controller.js matches but is ignored: it stays an unmounted plugin at its own path.
  assert.deepEqual(flows(model), ['GET / farAway', 'GET /helper helperRoute', 'GET /orders listOrders', 'GET /users listUsers']);
});

test('autoload predicate with !, && and startsWith; a predicate it cannot read keeps every file', async () => {
  const narrowed = await projectOf({ 'src/server.js': server('ignoreFilter: (p) => { return p.startsWith("/orders") && !p.endsWith("orders.controller.js"); }'), ...routes });
  assert.deepEqual(flows(narrowed), ['GET / farAway', 'GET /orders listOrders', 'GET /users listUsers', 'GET /users/helper helperRoute']);
  const unknown = await projectOf({ 'src/server.js': server('matchFilter: (p) => allowed.has(p)', 'const allowed = new Set();'), ...routes });
  assert.deepEqual(flows(unknown), ['GET /orders listOrders', 'GET /orders/deep/more farAway', 'GET /users listUsers', 'GET /users/helper helperRoute']);
});

test('autoload maxDepth and indexPattern', async () => {
  const shallow = await projectOf({ 'src/server.js': server('maxDepth: 1'), ...routes });
  assert.deepEqual(flows(shallow), ['GET / farAway', 'GET /orders listOrders', 'GET /users listUsers', 'GET /users/helper helperRoute']);
  const indexed = await projectOf({ 'src/server.js': server('indexPattern: /\\.controller\\.js$/'), ...routes });
  // users.controller.js is the directory's index: users.helpers.js is not loaded.
  assert.deepEqual(flows(indexed), ['GET /helper helperRoute', 'GET /orders listOrders', 'GET /orders/deep/more farAway', 'GET /users listUsers']);
});

test('a plugin that exports autoload = false is not mounted', async () => {
  const model = await projectOf({
    'src/server.js': server(''),
    'src/routes/a/a.js': plugin('/', 'aRoute', '\nmodule.exports.autoload = false;'),
    'src/routes/b/b.js': 'async function bPlugin(fastify) { fastify.get("/", async function bRoute(request) {}); }\nbPlugin.autoload = false;\nmodule.exports = bPlugin;',
    'src/routes/c/c.ts': 'export default async function (fastify: any) { fastify.get("/", async function cRoute(request: any) {}); }\nexport const autoload = false;',
    'src/routes/d/d.js': plugin('/', 'dRoute', '\nmodule.exports.autoload = true;'),
  });
  assert.deepEqual(flows(model), ['GET / aRoute', 'GET / bRoute', 'GET / cRoute', 'GET /d dRoute']);
});
