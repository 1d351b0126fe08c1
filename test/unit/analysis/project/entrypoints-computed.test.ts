// Route registrations built by code: tables filled by push or made by .map / Object.values /
// Object.fromEntries, paths computed from constant strings (same file or imported), object tables
// with computed keys and spreads. A part that cannot be computed registers nothing from data.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { projectOf, removeTempProjects } from './temp-project';
import type { ProjectModel } from '../../../../src/core/analysis/project/types';
import { scanProject } from '../../../../src/core/analysis/scan';
import { casesRoot } from '../../../helpers/analysis-suite';

after(removeTempProjects);

/** "FLOW framework handler,handler" per entry point, sorted. */
function summary(model: ProjectModel): string[] {
  return model.entryPoints.map((e) => `${e.flow} ${e.framework} ${e.handlerNames.join(',')}`).sort();
}

const HANDLERS = [
  'exports.health = function health(req, res) {};',
  'exports.users = function users(req, res) {};',
  'exports.orders = function orders(req, res) {};',
].join('\n');

test('tables built by code: push (top level, in a for-of, for-in and forEach over literal lists), .map to new objects, Object.values, Object.fromEntries; a for-in over an object table', async () => {
  const model = await projectOf({
    'app.js': [
      'const express = require("express");',
      'const handlers = require("./handlers");',
      'const app = express();',
      'const api = express.Router();',
      'const routes = [];',
      'routes.push({ method: "get", path: "/health", handler: handlers.health });',
      'for (const name of ["users", "orders"]) routes.push({ method: "get", path: "/" + name, handler: handlers[name] });',
      '["users"].forEach((n) => { routes.push({ method: "post", path: `/${n}/import`, handler: handlers[n] }); });',
      'for (const r of routes) api[r.method](r.path, r.handler);',
      'app.use("/api", api);',
      'const removals = ["users", "orders"].map((name) => ({ method: "delete", path: "/" + name + "/:id", handler: handlers[name] }));',
      'removals.forEach((r) => app[r.method](r.path, r.handler));',
      'const byName = { list: { method: "get", path: "/list", handler: handlers.users }, stats: { method: "get", path: "/stats", handler: handlers.orders } };',
      'Object.values(byName).forEach(({ method, path, handler }) => app[method](path, handler));',
      'const pairs = Object.fromEntries([["/x", handlers.health], ["/y", handlers.users]]);',
      'for (const [path, handler] of Object.entries(pairs)) app.put(path, handler);',
      'const byPath = { "/in": handlers.orders };',
      'for (const path in byPath) app.head(path, byPath[path]);',
      'const forIn = [];',
      'for (const key in { "/pushed-in": 1 }) forIn.push({ path: key, handler: handlers.health });',
      'for (const r of forIn) app.options(r.path, r.handler);',
      'const fromMap = Object.fromEntries(["orders"].map((n) => ["/all-" + n, handlers[n]]));',
      'Object.keys(fromMap).forEach((path) => app.patch(path, fromMap[path]));',
    ].join('\n'),
    'handlers.js': HANDLERS,
  });
  assert.deepEqual(summary(model), [
    'DELETE /orders/:id express orders',
    'DELETE /users/:id express users',
    'GET /api/health express health',
    'GET /api/orders express orders',
    'GET /api/users express users',
    'GET /list express users',
    'GET /stats express orders',
    'HEAD /in express orders',
    'OPTIONS /pushed-in express health',
    'PATCH /all-orders express orders',
    'POST /api/users/import express users',
    'PUT /x express health',
    'PUT /y express users',
  ]);
});

test('computed paths: templates and + of const strings (same file and imported) in registrations, mounts, table loops and Fastify route objects', async () => {
  const model = await projectOf({
    'paths.ts': ['export const API = "/api";', 'export const USERS = API + "/users";', 'export const METHOD = "POST";'].join('\n'),
    'server.ts': [
      'import express from "express";',
      'import { API, USERS, METHOD } from "./paths";',
      'const app = express();',
      'const admin = express.Router();',
      'const V1 = `${API}/v1`;',
      'app.get(V1 + "/ping", function ping(req: any, res: any) {});',
      'app.get(`${USERS}/:id`, function getUser(req: any, res: any) {});',
      'admin.get("/audit", function audit(req: any, res: any) {});',
      'app.use(API + "/admin", admin);',
      'const table = [{ method: METHOD, path: "/q", handler: function q(req: any, res: any) {} }];',
      'for (const r of table) app[r.method.toLowerCase()](V1 + r.path, r.handler);',
    ].join('\n'),
    'fast.js': [
      'const fastify = require("fastify")();',
      'const PREFIX = "/f";',
      'const h = { a: async function a(request) {}, b: async function b(request) {} };',
      'const routes = ["a", "b"].map((name) => ({ method: "GET", url: `${PREFIX}/${name}`, handler: h[name] }));',
      'for (const r of routes) fastify.route(r);',
    ].join('\n'),
  });
  assert.deepEqual(summary(model), [
    'GET /api/admin/audit express audit',
    'GET /api/users/:id express getUser',
    'GET /api/v1/ping express ping',
    'GET /f/a fastify a',
    'GET /f/b fastify b',
    'POST /api/v1/q express q',
  ]);
});

test('object tables with computed keys bound to const strings and spread entries, shorthand entries whose value is a const', async () => {
  const model = await projectOf({
    'keys.js': 'exports.USERS = "/users";\nexports.ORDERS = "/orders";',
    'app.js': [
      'const express = require("express");',
      'const { USERS, ORDERS } = require("./keys");',
      'const app = express();',
      'const HEALTH = "/health";',
      'const extra = { [ORDERS]: function listOrders(req, res) {} };',
      'const table = { [USERS]: function listUsers(req, res) {}, [`${USERS}/:id`]: function getUser(req, res) {}, ...extra, [HEALTH]: function health(req, res) {} };',
      'Object.entries(table).forEach(([path, handler]) => app.get(path, handler));',
      'const path = "/short";',
      'const handler = function short(req, res) {};',
      'for (const r of [{ method: "post", path, handler }]) app[r.method](r.path, r.handler);',
    ].join('\n'),
  });
  assert.deepEqual(summary(model), [
    'GET /health express health',
    'GET /orders express listOrders',
    'GET /users express listUsers',
    'GET /users/:id express getUser',
    'POST /short express short',
  ]);
});

test('entries mapped with a spread of the original ({ ...r, path }) or by a named function of the file, handler lists built by code, route() and Router prefixes from const strings of the file', async () => {
  const model = await projectOf({
    'app.js': [
      'const express = require("express");',
      'const Router = require("@koa/router");',
      'const handlers = require("./handlers");',
      'const app = express();',
      'const V1 = "/v1";',
      'const base = [{ method: "get", path: "/users", handler: handlers.users }];',
      'const versioned = base.map((r) => ({ ...r, path: V1 + r.path }));',
      'for (const r of versioned) app[r.method](r.path, r.handler);',
      'function auth(req, res, next) { next(); }',
      'for (const name of ["orders"]) app.post("/" + name, [auth, handlers[name]]);',
      'app.route(V1 + "/health").get(handlers.health);',
      'function toRoute(name) { return { method: "put", path: `${V1}/${name}`, handler: handlers[name] }; }',
      'const named = ["orders"].map(toRoute);',
      'named.forEach((r) => app[r.method](r.path, r.handler));',
      'const router = new Router({ prefix: `${V1}/koa` });',
      'router.get("/ping", async function ping(ctx) {});',
    ].join('\n'),
    'handlers.js': HANDLERS,
  });
  assert.deepEqual(summary(model), [
    'GET /v1/health express health',
    'GET /v1/koa/ping koa ping',
    'GET /v1/users express users',
    'POST /orders express auth,orders',
    'PUT /v1/orders express orders',
  ]);
});

test('router prefixes from imported constants: new Router({ prefix }), app.route(), Hono basePath()', async () => {
  const model = await projectOf({
    'config.ts': 'export const API = "/api";\nexport const KOA = `${API}/koa`;',
    'koa.ts': [
      'import Router from "@koa/router";',
      'import { KOA } from "./config";',
      'const router = new Router({ prefix: KOA });',
      'router.get("/ping", async function ping(ctx: any) {});',
    ].join('\n'),
    'express.ts': [
      'import express from "express";',
      'import { API } from "./config";',
      'const app = express();',
      'app.route(API + "/books").get(function listBooks(req: any, res: any) {});',
      'app.route(process.env.BOOKS as string).get(function unknownPrefix(req: any, res: any) {});',
    ].join('\n'),
    'hono.ts': [
      'import { Hono } from "hono";',
      'import { API } from "./config";',
      'const app = new Hono().basePath(API);',
      'app.get("/h", function h(c: any) {});',
    ].join('\n'),
  });
  // A prefix that is not one string is unknown (entrypoints-unknown-paths.test.ts).
  assert.deepEqual(summary(model), ['GET /(unknown) express unknownPrefix', 'GET /api/books express listBooks', 'GET /api/h hono h', 'GET /api/koa/ping koa ping']);
});

test('parts that cannot be computed give no path from data: a let, an unknown list, several returns, an unknown key', async () => {
  const model = await projectOf({
    'app.js': [
      'const express = require("express");',
      'const app = express();',
      'let base = "/let";',
      'app.get(base + "/x", function fromLet(req, res) {});',
      'app.get(process.env.FLAG ? "/a" : "/b", function conditional(req, res) {});',
      'const routes = [];',
      'for (const n of loadNames()) routes.push({ method: "get", path: "/" + n, handler: function pushed(req, res) {} });',
      'for (const r of routes) app[r.method](r.path, r.handler);',
      'const two = ["a"].map((n) => { if (n) return { method: "get", path: "/one", handler: function one(req, res) {} }; return { method: "get", path: "/two", handler: function two(req, res) {} }; });',
      'two.forEach((r) => app[r.method](r.path, r.handler));',
      'const prefix = process.env.PREFIX;',
      'for (const r of [{ path: "/p", handler: function prefixed(req, res) {} }]) app.get(prefix + r.path, r.handler);',
      'const keyed = { [Symbol.for("x")]: function symbol(req, res) {} };',
      'Object.entries(keyed).forEach(([path, handler]) => app.get(path, handler));',
      'app.get("/real", function real(req, res) {});',
    ].join('\n'),
  });
  // A path argument that is not a constant registers the handler at a path marked unknown (not at the
  // router's root); a conditional of two strings is both (entrypoints-unknown-paths.test.ts).
  assert.deepEqual(summary(model), ['GET /(unknown) express fromLet', 'GET /a express conditional', 'GET /b express conditional', 'GET /real express real']);
});

test('the labeled cases: each loop is reached through the route built by code, and its finding names that flow', async () => {
  const cases: Array<[string, string, string]> = [
    ['cross-module/route-table-pushed-in-loop', 'handlers.js', 'GET /repeat'],
    ['cross-module/route-table-mapped-names', 'handlers.ts', 'POST /v1/drain'],
    ['cross-module/route-path-imported-prefix', 'paginate.mjs', 'GET /api/reports/:id/pages'],
  ];
  for (const [dir, file, flow] of cases) {
    const { result } = await scanProject(join(casesRoot, dir));
    const flows = result.findings.filter((f) => f.loop.file === file).map((f) => f.entryPoints.join(' | '));
    assert.deepEqual(flows, [flow], dir);
  }
});

test('a table pushed to in loops over itself is read once more, not without end', async () => {
  const model = await projectOf({
    'app.js': [
      'const express = require("express");',
      'const app = express();',
      'function h(req, res) {}',
      'const routes = [{ method: "get", path: "/a", handler: h }];',
      'for (const r of routes) routes.push({ method: "get", path: r.path + "/x", handler: r.handler });',
      'routes.forEach((r) => routes.push({ method: "get", path: r.path + "/y", handler: r.handler }));',
      'for (const r of routes) app[r.method](r.path, r.handler);',
    ].join('\n'),
  });
  assert.deepEqual(summary(model), ['GET /a express h', 'GET /a/x express h', 'GET /a/y express h']);
});

test('a table filled by pushes in another file (CommonJS and ES modules): its pushes are read in its file, and so is .map', async () => {
  const model = await projectOf({
    'table.js': [
      'const handlers = require("./handlers");',
      'const routes = [];',
      'for (const name of ["users", "orders"]) routes.push({ method: "get", path: "/" + name, handler: handlers[name] });',
      'routes.push({ method: "post", path: "/health", handler: handlers.health });',
      'module.exports = routes;',
    ].join('\n'),
    'esm.mjs': [
      'import handlers from "./handlers.js";',
      'export const extra = [];',
      '["orders"].forEach((n) => extra.push({ path: `/x/${n}`, handler: handlers[n] }));',
      'export const mapped = ["users"].map((n) => ({ path: "/m/" + n, handler: handlers[n] }));',
    ].join('\n'),
    'app.mjs': [
      'import express from "express";',
      'import routes from "./table.js";',
      'import { extra, mapped } from "./esm.mjs";',
      'const app = express();',
      'for (const r of routes) app[r.method](r.path, r.handler);',
      'for (const r of extra) app.put(r.path, r.handler);',
      'for (const r of mapped) app.patch(r.path, r.handler);',
    ].join('\n'),
    'handlers.js': HANDLERS,
  });
  assert.deepEqual(summary(model), ['GET /orders express orders', 'GET /users express users', 'PATCH /m/users express users', 'POST /health express health', 'PUT /x/orders express orders']);
});

test('a table built by .map / .flatMap / spreads of mapped arrays / Object.values in another module: ES and CommonJS exports, re-exports and index files, read with that module\'s names', async () => {
  const model = await projectOf({
    'handlers.js': HANDLERS,
    'routes/list.mjs': [
      'import handlers from "../handlers.js";',
      'const API = "/api";',
      'const NAMES = ["users", "orders"];',
      'export const listRoutes = NAMES.map((name) => ({ method: "get", path: `${API}/${name}`, handler: handlers[name] }));',
    ].join('\n'),
    'routes/crud.mjs': [
      'import handlers from "../handlers.js";',
      'const crud = ["users"].flatMap((n) => [{ method: "post", path: "/" + n, handler: handlers[n] }, { method: "delete", path: "/" + n + "/:id", handler: handlers[n] }]);',
      'export { crud as crudRoutes };',
    ].join('\n'),
    'routes/index.mjs': 'export * from "./list.mjs";\nexport { crudRoutes } from "./crud.mjs";',
    'routes/all.mjs': [
      'import handlers from "../handlers.js";',
      'function toRoute(n) { return { method: "head", path: "/" + n, handler: handlers[n] }; }',
      'const extra = [{ method: "options", path: "/extra", handler: handlers.health }];',
      'export const all = [...["health"].map(toRoute), ...["orders"].map((n) => ({ method: "get", path: "/all/" + n, handler: handlers[n] })), ...extra];',
      'export const values = Object.values({ a: { method: "patch", path: "/values", handler: handlers.users } });',
    ].join('\n'),
    'app.mjs': [
      'import express from "express";',
      'import { listRoutes, crudRoutes } from "./routes/index.mjs";',
      'import * as more from "./routes/all.mjs";',
      'const app = express();',
      'const api = express.Router();',
      'for (const r of listRoutes) app[r.method](r.path, r.handler);',
      'crudRoutes.forEach((r) => api[r.method](r.path, r.handler));',
      'app.use("/v2", api);',
      'for (const r of more.all) app[r.method](r.path, r.handler);',
      'more.values.forEach((r) => app[r.method](r.path, r.handler));',
    ].join('\n'),
    'table.js': [
      'const handlers = require("./handlers");',
      'module.exports = ["orders"].map((n) => ({ method: "PUT", url: "/v1/" + n, handler: handlers[n] }));',
    ].join('\n'),
    'named.js': [
      'const handlers = require("./handlers");',
      'const PREFIX = "/named";',
      'const byName = ["users"].map((n) => ({ method: "GET", url: PREFIX + "/" + n, handler: handlers[n] }));',
      'module.exports = { byName };',
    ].join('\n'),
    'server.js': [
      'const fastify = require("fastify")();',
      'const routes = require("./table");',
      'const { byName } = require("./named");',
      'routes.forEach((r) => fastify.route(r));',
      'for (const r of byName) fastify.route(r);',
    ].join('\n'),
  });
  assert.deepEqual(summary(model), [
    'DELETE /v2/users/:id express users',
    'GET /all/orders express orders',
    'GET /api/orders express orders',
    'GET /api/users express users',
    'GET /named/users fastify users',
    'HEAD /health express health',
    'OPTIONS /extra express health',
    'PATCH /values express users',
    'POST /v2/users express users',
    'PUT /v1/orders fastify orders',
  ]);
});

test('routers mounted from a table mapped in another module: app.use(m.prefix, m.router) over it, the prefix from that module\'s constant', async () => {
  const model = await projectOf({
    'routers.mjs': [
      'import express from "express";',
      'export const users = express.Router();',
      'users.get("/list", function listUsers(req, res) {});',
      'export const orders = express.Router();',
      'orders.post("/:id/pay", function payOrder(req, res) {});',
    ].join('\n'),
    'mounts.mjs': [
      'import { users, orders } from "./routers.mjs";',
      'const API = "/api";',
      'const routers = { users, orders };',
      'export default ["users", "orders"].map((name) => ({ prefix: `${API}/${name}`, router: routers[name] }));',
    ].join('\n'),
    'app.mjs': [
      'import express from "express";',
      'import mounts from "./mounts.mjs";',
      'const app = express();',
      'mounts.forEach((m) => app.use(m.prefix, m.router));',
    ].join('\n'),
  });
  assert.deepEqual(summary(model), ['GET /api/users/list express listUsers', 'POST /api/orders/:id/pay express payOrder']);
});

test('a mapped table of another module whose path cannot be computed: the handler at the explicit (unknown) path below the known prefix, never a guessed route; a literal entry stays unregistered', async () => {
  const model = await projectOf({
    'handlers.js': HANDLERS,
    'slugs.mjs': [
      'import handlers from "./handlers.js";',
      'function slugify(s) { return s.replace(/s$/, ""); }',
      'export const slugged = ["users"].map((n) => ({ path: "/" + slugify(n), handler: handlers[n] }));',
      'export const upper = ["orders"].map((n) => ({ method: "GET", url: n.toUpperCase(), handler: handlers[n] }));',
      'export const literal = [{ path: slugify("health"), handler: handlers.health }];',
    ].join('\n'),
    'app.mjs': [
      'import express from "express";',
      'import Fastify from "fastify";',
      'import { slugged, upper, literal } from "./slugs.mjs";',
      'const app = express();',
      'const api = express.Router();',
      'for (const r of slugged) api.get(r.path, r.handler);',
      'for (const r of literal) api.get(r.path, r.handler);',
      'app.use("/api", api);',
      'const fastify = Fastify();',
      'upper.forEach((r) => fastify.route(r));',
    ].join('\n'),
  });
  assert.deepEqual(
    model.entryPoints.map((e) => `${e.flow} ${e.handlerNames.join(',')}${e.pathUnknown ? ' [unknown]' : ''}`).sort(),
    ['GET /(unknown) orders [unknown]', 'GET /api/(unknown) users [unknown]'],
  );
});
