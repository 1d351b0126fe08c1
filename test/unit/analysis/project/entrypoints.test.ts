import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { projectOf, removeTempProjects } from './temp-project';
import type { ProjectModel } from '../../../../src/core/analysis/project/types';

after(removeTempProjects);

/** "FLOW framework handler,handler [roles]" per entry point, sorted. */
function summary(model: ProjectModel): string[] {
  return model.entryPoints
    .map((e) => `${e.flow} ${e.framework} ${e.handlerNames.join(',')} [${e.requestParams.map((p) => `${p.paramIndex}:${p.role}`).join(',')}]`)
    .sort();
}

const cases: Array<{ name: string; files: Record<string, string>; expected: string[] }> = [
  {
    name: 'An app held as a member of a local object literal (var obj = {}; obj.app = obj.express()), handlers as its members too',
    files: {
      'webserver.js': [
        'module.exports.CreateWebServer = function (parent) {',
        '  var obj = {};',
        "  obj.express = require('express');",
        '  obj.app = obj.express();',
        '  obj.handleLogin = function (req, res) { res.end(String(req.body.user)); };',
        "  obj.app.get('/status', function (req, res) { res.end(); });",
        "  obj.app.post('/login', obj.handleLogin);",
        '  var other = {};',
        "  other.app = require('express')();",
        '  other = {};',
        "  other.app.get('/not-known', function (req, res) { res.end(); });",
        '  return obj;',
        '};',
      ].join('\n'),
    },
    expected: ['GET /status express obj.app.get callback [0:express-req]', 'POST /login express obj.handleLogin [0:express-req]'],
  },
  {
    name: "Compiled ES modules: Babel's and tsc's interop helpers around require, (0, f)() calls, exports.default",
    files: {
      'server/app.js': [
        '"use strict";',
        'var _express = _interopRequireDefault(require("express"));',
        'var api = _interopRequireWildcard(require("./api"));',
        'var _paths = __importDefault(require("./paths"));',
        'function _interopRequireWildcard(e, r) { if (!r && e && e.__esModule) return e; return { "default": e }; }',
        'function _interopRequireDefault(e) { return e && e.__esModule ? e : { "default": e }; }',
        'var __importDefault = (this && this.__importDefault) || function (mod) { return (mod && mod.__esModule) ? mod : { "default": mod }; };',
        'function notInterop(e) { return e; }',
        'var appMain = function appMain() {',
        '  var app = (0, _express["default"])();',
        '  app.get(_paths.default.state, api.state.get);',
        '  app.post("/signin", function signin(req, res) { res.end(req.body.x); });',
        '  var other = notInterop(require("express"));',
        '  other.default.get("/not-an-app", function notRoute(req, res) { res.end(); });',
        '  return app;',
        '};',
        'var _default = exports["default"] = appMain;',
      ].join('\n'),
      'server/api/index.js': [
        '"use strict";',
        'Object.defineProperty(exports, "__esModule", { value: true });',
        'exports.other = exports.state = void 0;',
        'var state = _interopRequireWildcard(require("./api.state"));',
        'exports.state = state;',
        'function _interopRequireWildcard(e, r) { if (!r && e && e.__esModule) return e; return { "default": e }; }',
      ].join('\n'),
      'server/api/api.state.js': [
        '"use strict";',
        'Object.defineProperty(exports, "__esModule", { value: true });',
        'exports.put = exports.get = void 0;',
        'var get = exports.get = function get(req, res) { res.json(req.query.key); };',
      ].join('\n'),
      'server/paths.js': ['"use strict";', 'Object.defineProperty(exports, "__esModule", { value: true });', 'exports.default = void 0;', 'var _default = exports.default = { state: "/api/state" };'].join('\n'),
    },
    expected: ['GET /api/state express get [0:express-req]', 'POST /signin express signin [0:express-req]'],
  },
  {
    name: "Verb-first registrations on a project's own router (this.route('GET', '/path', handler), router.on(...)); other shapes are not routes",
    files: {
      'routers/classes.js': [
        "const PromiseRouter = require('../promise-router');",
        'class ClassesRouter extends PromiseRouter {',
        '  handleFind(req) { return this.find(req.params.className, req.body.where); }',
        '  mountRoutes() {',
        "    this.route('GET', '/classes/:className', (req) => this.handleFind(req));",
        "    this.route('POST', '/classes/:className', idempotent, function create(req) { return req.body; });",
        "    this.route('GET', 'not-a-path', function notPath(req) { return req; });",
        "    this.route('FETCH', '/classes', function notVerb(req) { return req; });",
        "    this.route('GET', '/settings');",
        "    emitter.on('DELETE', '/jobs/:id', console.log);",
        '  }',
        '}',
        'function idempotent(req) { return req.headers; }',
        "const router = require('find-my-way')();",
        "router.on('DELETE', '/jobs/:id', function removeJob(req, res, params) { res.end(params.id); });",
        'module.exports = ClassesRouter;',
      ].join('\n'),
    },
    expected: [
      'DELETE /jobs/:id http removeJob [0:express-req]',
      'GET /classes/:className http this.route callback [0:express-req]',
      'POST /classes/:className http idempotent,create [0:express-req,0:express-req]',
    ],
  },
  {
    name: 'Express: an app handed over inside a parameter of a hook a plugin loader calls (args.app), named so; other members are not apps',
    files: {
      'hooks/admin.js': [
        "exports.expressCreateServer = (hookName, args, cb) => {",
        "  args.app.get('/admin', function admin(req, res) { res.end(); });",
        "  args.cache.get('/admin', function cached(a, b) { return a; });",
        '  return cb();',
        '};',
      ].join('\n'),
    },
    expected: ['GET /admin express admin [0:express-req]'],
  },
  {
    name: 'Express: apps and routers made by a wrapper module of the project (module.exports = fn, module.exports.Router = fn)',
    files: {
      'shared/express.js': [
        "const express = require('express');",
        'module.exports = (name) => {',
        '  const app = express();',
        "  app.set('name', name);",
        '  return app;',
        '};',
        'module.exports.Router = (name, options) => {',
        '  const router = express.Router(options);',
        '  return router;',
        '};',
      ].join('\n'),
      'web/routes.js': [
        "const express = require('../shared/express');",
        'module.exports = function apiRoutes() {',
        "  const router = express.Router('admin api');",
        "  router.get('/posts', function browse(req, res) { res.end(); });",
        '  return router;',
        '};',
      ].join('\n'),
      'web/app.js': [
        "const express = require('../shared/express');",
        "const apiRoutes = require('./routes');",
        'module.exports = () => {',
        "  const app = express('api');",
        "  app.use('/ghost/api/admin', apiRoutes());",
        '  return app;',
        '};',
      ].join('\n'),
    },
    expected: ['GET /ghost/api/admin/posts express browse [0:express-req]'],
  },
  {
    name: 'Express: verbs, all, route() chains, arrays of middleware, routers mounted across modules (ESM)',
    files: {
      'src/app.ts': [
        'import express from "express";',
        'import users from "./users";',
        'import { auth } from "./auth";',
        'const app = express();',
        'app.use(express.json());',
        'app.use("/api/users", auth, users);',
        'app.all("/ping", function ping(req, res) { res.end(); });',
        'app.route("/books").get(listBooks).post(addBook);',
        'function listBooks(req: any, res: any) {}',
        'function addBook(req: any, res: any) {}',
        'app.listen(3000);',
      ].join('\n'),
      'src/auth.ts': 'export function auth(req: any, res: any, next: any) { next(); }',
      'src/users.ts': [
        'import { Router } from "express";',
        'const router = Router();',
        'router.get("/:id", [validate], async function show(req, res) {});',
        'router.delete(["/:id", "/:id/remove"], function remove(req, res) {});',
        'function validate(req: any, res: any, next: any) { next(); }',
        'export default router;',
      ].join('\n'),
    },
    expected: [
      '* /api/users express auth [0:express-req]',
      '* /ping express ping [0:express-req]',
      'DELETE /api/users/:id express remove [0:express-req]',
      'DELETE /api/users/:id/remove express remove [0:express-req]',
      'GET /api/users/:id express validate,show [0:express-req,0:express-req]',
      'GET /books express listBooks [0:express-req]',
      'POST /books express addBook [0:express-req]',
    ],
  },
  {
    name: 'Express (CommonJS): require("express").Router(), nested mounts, a routes(app) module and wrapped handlers',
    files: {
      'server.js': [
        'const express = require("express");',
        'const app = express();',
        'const api = express.Router();',
        'api.use("/orders", require("./orders"));',
        'app.use("/api/v1", api);',
        'require("./health")(app);',
      ].join('\n'),
      'orders.js': [
        'const router = require("express").Router();',
        'const asyncHandler = (fn) => (req, res, next) => fn(req, res, next);',
        'router.post("/:id/redeem", asyncHandler(async (req, res) => { res.json({}); }));',
        'module.exports = router;',
      ].join('\n'),
      'health.js': 'module.exports = function (app) { app.get("/healthz", (req, res) => res.end()); };',
    },
    expected: [
      'GET /healthz express app.get callback [0:express-req]',
      'POST /api/v1/orders/:id/redeem express <anonymous>,asyncHandler callback [0:express-req,0:express-req]',
    ],
  },
  {
    name: 'Fastify: shorthand with options, route(), register with prefix (nested, fastify-plugin)',
    files: {
      'server.ts': [
        'import Fastify from "fastify";',
        'import fp from "fastify-plugin";',
        'import { userRoutes } from "./users";',
        'const app = Fastify({ logger: true });',
        'app.get("/health", async () => "ok");',
        'app.route({ method: ["POST", "PUT"], url: "/items", preHandler: check, handler: saveItem });',
        'function check(request: any, reply: any) {}',
        'async function saveItem(request: any, reply: any) {}',
        'app.register(userRoutes, { prefix: "/users" });',
        'app.register(fp(async function plugin(instance) { instance.get("/plain", async (request) => 1); }));',
      ].join('\n'),
      'users.ts': [
        'export async function userRoutes(fastify: any, opts: any) {',
        '  fastify.get("/:id", { schema: {} }, async function getUser(request: any, reply: any) {});',
        '  fastify.register(async (admin: any) => { admin.delete("/:id", { handler: async function removeUser(request: any) {} }); }, { prefix: "/admin" });',
        '}',
      ].join('\n'),
    },
    expected: [
      'DELETE /users/admin/:id fastify removeUser [0:fastify-request]',
      'GET /health fastify app.get callback []',
      'GET /plain fastify instance.get callback [0:fastify-request]',
      'GET /users/:id fastify getUser [0:fastify-request]',
      'POST /items fastify check,saveItem [0:fastify-request,0:fastify-request]',
      'PUT /items fastify check,saveItem [0:fastify-request,0:fastify-request]',
    ],
  },
  {
    name: 'Koa with @koa/router: prefix option, named routes, nested router.use, app.use(router.routes())',
    files: {
      'app.js': [
        'const Koa = require("koa");',
        'const Router = require("@koa/router");',
        'const app = new Koa();',
        'const api = new Router({ prefix: "/api" });',
        'const items = require("./items");',
        'api.use("/items", items.routes(), items.allowedMethods());',
        'api.get("named", "/status", async (ctx) => { ctx.body = "ok"; });',
        'app.use(api.routes());',
        'app.use(async function timing(ctx, next) { await next(); });',
      ].join('\n'),
      'items.js': [
        'const Router = require("@koa/router");',
        'const router = new Router();',
        'router.get("/:id", async function showItem(ctx) {});',
        'module.exports = router;',
      ].join('\n'),
    },
    expected: [
      '* / koa timing [0:koa-ctx]',
      'GET /api/items/:id koa showItem [0:koa-ctx]',
      'GET /api/status koa api.get callback [0:koa-ctx]',
    ],
  },
  {
    name: 'Koa with @koa/router: router.prefix() set after the routes (and replacing the constructor option), across modules',
    files: {
      'app.js': [
        'const Koa = require("koa");',
        'const orders = require("./orders");',
        'const app = new Koa();',
        'app.use(orders.routes());',
      ].join('\n'),
      'orders.js': [
        'const Router = require("@koa/router");',
        'const router = new Router({ prefix: "/old" });',
        'router.post("/:id/redeem", async function redeem(ctx) {});',
        'router.prefix("/v2/orders");',
        'const plain = new Router();',
        'plain.get("/health", async function health(ctx) {});',
        'plain.prefix(someVariable);',
        'module.exports = router;',
      ].join('\n'),
    },
    expected: ['GET /health koa health [0:koa-ctx]', 'POST /v2/orders/:id/redeem koa redeem [0:koa-ctx]'],
  },
  {
    name: 'Hono: verbs, on(), route() mounts and basePath()',
    files: {
      'index.ts': [
        'import { Hono } from "hono";',
        'import { books } from "./books";',
        'const app = new Hono();',
        'const api = app.basePath("/api");',
        'api.route("/books", books);',
        'app.on(["GET", "POST"], "/echo", (c) => c.text("x"));',
      ].join('\n'),
      'books.ts': 'import { Hono } from "hono";\nexport const books = new Hono();\nbooks.get("/:id", (c) => c.json({}));\nbooks.post("/", async function create(c) {});',
    },
    expected: [
      'GET /api/books/:id hono books.get callback [0:web-request]',
      'GET /echo hono app.on callback [0:web-request]',
      'POST /api/books hono create [0:web-request]',
      'POST /echo hono app.on callback [0:web-request]',
    ],
  },
  {
    name: 'class-based routers (a field holding the router, handlers as arrow fields) and a Hono app created with basePath in one expression',
    files: {
      'server.ts': [
        'import express, { Router } from "express";',
        'import { Hono } from "hono";',
        'class UserRoutes {',
        '  router = Router();',
        '  constructor(private readonly svc: UserService) { this.router.get("/:id", this.show); }',
        '  show = (req: any, res: any) => { this.svc.find(req.params.id); };',
        '}',
        'class UserService { find(id: string) { return id; } }',
        'const app = express();',
        'app.use("/users", new UserRoutes(new UserService()).router);',
        'const h = new Hono().basePath("/v1");',
        'h.get("/a", (c) => c.text("a"));',
      ].join('\n'),
    },
    expected: ['GET /users/:id express UserRoutes.show [0:express-req]', 'GET /v1/a hono h.get callback [0:web-request]'],
  },
  {
    name: 'Express param callbacks: router.param("id", fn) runs first for the routes of that router with :id, in path order (not other routers, not other params)',
    files: {
      'app.js': [
        'const express = require("express");',
        'const app = express();',
        'const users = express.Router();',
        'users.param("id", function loadUser(req, res, next, id) { next(); });',
        'users.param(["org"], (req, res, next, value, name) => next());',
        'users.get("/:id(\\\\d+)", function show(req, res) {});',
        'users.get("/:identity/profile", function profile(req, res) {});',
        'users.put("/:org/members/:id", function move(req, res) {});',
        'app.use("/users", users);',
        'app.get("/other/:id", function other(req, res) {});',
        'app.param("setting");',
      ].join('\n'),
    },
    expected: [
      'GET /other/:id express other [0:express-req]',
      'GET /users/:id(\\d+) express loadUser,show [0:express-req,3:request-value,0:express-req]',
      'GET /users/:identity/profile express profile [0:express-req]',
      'PUT /users/:org/members/:id express users.param callback,loadUser,move [0:express-req,3:request-value,0:express-req,3:request-value,0:express-req]',
    ],
  },
  {
    name: '@koa/router param callbacks: (value, ctx, next)',
    files: {
      'app.js': [
        'const Router = require("@koa/router");',
        'const router = new Router();',
        'router.param("user", async function loadUser(id, ctx, next) { await next(); });',
        'router.get("/users/:user", async function show(ctx) {});',
        'router.get("/health", async function health(ctx) {});',
      ].join('\n'),
    },
    expected: ['GET /health koa health [0:koa-ctx]', 'GET /users/:user koa loadUser,show [0:request-value,1:koa-ctx,0:koa-ctx]'],
  },
  {
    name: 'routes from a table in the same file: app[r.method](r.path, r.handler), literal and variable methods, a mounted router, tuples with forEach, app.get(r.path, mw, r.handler)',
    files: {
      'app.js': [
        'const express = require("express");',
        'const app = express();',
        'const api = express.Router();',
        'function list(req, res) {}',
        'const show = (req, res) => {};',
        'const routes = [',
        '  { method: "GET", path: "/items", handler: list },',
        '  { method: "post", path: "/items/:id", handler: [auth, async function save(req, res) {}] },',
        '  { method: someMethod(), path: "/any", handler: show },',
        '  { method: "GET", path: computePath(), handler: show },',
        '  { method: "GET", path: "/missing" },',
        '];',
        'for (const r of routes) api[r.method.toLowerCase()](r.path, r.handler);',
        'app.use("/api", api);',
        'const pairs = [["/a", show], ["/b", list]];',
        'pairs.forEach(([path, handler]) => app.get(path, handler));',
        'const gets = [{ path: "/g", handler: list }];',
        'for (const r of gets) app.get(r.path, auth, r.handler);',
        'function auth(req, res, next) { next(); }',
      ].join('\n'),
    },
    expected: [
      '* /api/any express show [0:express-req]',
      'GET /a express show [0:express-req]',
      'GET /api/items express list [0:express-req]',
      'GET /b express list [0:express-req]',
      'GET /g express auth,list [0:express-req,0:express-req]',
      'POST /api/items/:id express auth,save [0:express-req,0:express-req]',
    ],
  },
  {
    name: 'routes from an imported table: destructured forEach with app[method.toLowerCase()] (ESM), Fastify route(r) in a plugin (CommonJS)',
    files: {
      'server.ts': [
        'import express from "express";',
        'import { routes } from "./routes";',
        'const app = express();',
        'routes.forEach(({ method, path, handler }) => app[method.toLowerCase()](path, handler));',
      ].join('\n'),
      'routes.ts': [
        'import { getUser } from "./handlers";',
        'export const routes = [',
        '  { method: "GET", path: "/users/:id", handler: getUser },',
        '  { method: "DELETE", path: "/users/:id", handler: (req: any, res: any) => {} },',
        '];',
      ].join('\n'),
      'handlers.ts': 'export function getUser(req: any, res: any) {}',
      'fast.js': [
        'const fastify = require("fastify")();',
        'const table = require("./table");',
        'fastify.register(async function plugin(instance) { for (const r of table) instance.route(r); }, { prefix: "/v1" });',
      ].join('\n'),
      'table.js': 'module.exports = [{ method: ["GET", "HEAD"], url: "/ping", handler: async function ping(request) {} }, { method: process.env.M, url: "/dyn", handler: async function dyn(request) {} }];',
    },
    expected: [
      '* /v1/dyn fastify dyn [0:fastify-request]',
      'DELETE /users/:id express handler [0:express-req]',
      'GET /users/:id express getUser [0:express-req]',
      'GET /v1/ping fastify ping [0:fastify-request]',
      'HEAD /v1/ping fastify ping [0:fastify-request]',
    ],
  },
  {
    name: 'routes from tables built from literals: Object.entries with forEach and for-of, Object.keys with table[path], a filtered table (every entry counts), spread tables (same file and imported)',
    files: {
      'app.js': [
        'const express = require("express");',
        'const { paths, userRoutes } = require("./tables");',
        'const app = express();',
        'const api = express.Router();',
        'function health(req, res) {}',
        'const local = { "/health": health, "/ready": (req, res) => {}, [computed()]: health, plain: health };',
        'Object.entries(local).forEach(([path, handler]) => app.get(path, handler));',
        'for (const [path, handler] of Object.entries(paths)) api.post(path, handler);',
        'Object.keys(paths).forEach((path) => app.put(path, paths[path]));',
        'const flags = [{ enabled: true, method: "get", path: "/on", handler: health }, { enabled: false, method: "delete", path: "/off", handler: health }];',
        'flags.filter((r) => r.enabled).forEach((r) => app[r.method](r.path, r.handler));',
        'const orderRoutes = [{ method: "get", path: "/orders", handler: function listOrders(req, res) {} }];',
        'const routes = [...userRoutes, ...orderRoutes];',
        'for (const r of routes) api[r.method](r.path, r.handler);',
        'app.use("/api", api);',
      ].join('\n'),
      'tables.js': [
        'function show(req, res) {}',
        'const base = [{ method: "get", path: "/users/:id", handler: show }];',
        'module.exports.userRoutes = [...base, { method: "post", path: "/users", handler: async function addUser(req, res) {} }];',
        'module.exports.paths = { "/sync": async function sync(req, res) {} };',
      ].join('\n'),
    },
    expected: [
      'DELETE /off express health [0:express-req]',
      'GET /api/orders express listOrders [0:express-req]',
      'GET /api/users/:id express show [0:express-req]',
      'GET /health express health [0:express-req]',
      'GET /on express health [0:express-req]',
      'GET /ready express /ready [0:express-req]',
      'POST /api/sync express sync [0:express-req]',
      'POST /api/users express addUser [0:express-req]',
      'PUT /sync express sync [0:express-req]',
    ],
  },
  {
    name: "routes from an object table keyed by 'METHOD /path': the key split by a literal separator in forEach and for-of (imported table, mounted router); a key without the separator is skipped",
    files: {
      'server.ts': [
        'import express from "express";',
        'import { table } from "./table";',
        'const app = express();',
        'const v1 = express.Router();',
        'Object.entries(table).forEach(([key, handler]) => {',
        '  const [method, path] = key.split(" ");',
        '  v1[method.toLowerCase()](path, handler);',
        '});',
        'app.use("/v1", v1);',
        'const local = { "PUT /x": function putX(req: any, res: any) {} };',
        'for (const [key, handler] of Object.entries(local)) {',
        '  const [verb, route] = key.split(" ");',
        '  app[verb.toLowerCase()](route, handler);',
        '}',
      ].join('\n'),
      'table.ts': [
        'export const table = {',
        '  "GET /users/:id": function getUser(req: any, res: any) {},',
        '  "DELETE /users/:id": function dropUser(req: any, res: any) {},',
        '  "/nomethod": function noMethod(req: any, res: any) {},',
        '};',
      ].join('\n'),
    },
    expected: ['DELETE /v1/users/:id express dropUser [0:express-req]', 'GET /v1/users/:id express getUser [0:express-req]', 'PUT /x express putX [0:express-req]'],
  },
  {
    name: '@fastify/autoload: directory names as prefix segments, options.prefix, index files, autohooks, autoPrefix and prefixOverride, non-plugin files',
    files: {
      'src/app.js': [
        'const path = require("node:path");',
        'const AutoLoad = require("@fastify/autoload");',
        'module.exports = async function app(fastify, opts) {',
        '  fastify.register(AutoLoad, { dir: path.join(__dirname, "routes"), options: { prefix: "/api/" } });',
        '};',
      ].join('\n'),
      'src/server.js': 'const fastify = require("fastify")();\nfastify.register(require("./app"));',
      'src/routes/root.js': 'module.exports = async function (fastify, opts) { fastify.get("/", async function root(request) {}); };',
      'src/routes/users/index.js': 'module.exports = async function (fastify) { fastify.get("/:id", async function getUser(request) {}); };',
      'src/routes/users/helpers.js': 'module.exports = async function (fastify) { fastify.get("/never", async function notLoaded(request) {}); };',
      'src/routes/users/admin/list.js': 'module.exports = async (fastify) => { fastify.get("/", async function listAdmins(request) {}); };',
      'src/routes/users/autohooks.js': 'module.exports = async (fastify) => { fastify.get("/hook", async function hookRoute(request) {}); };',
      'src/routes/orders/orders.js': 'module.exports = async (fastify) => { fastify.post("/", async function createOrder(request) {}); };\nmodule.exports.autoPrefix = "/v2/orders";',
      'src/routes/legacy/old.js': 'module.exports = async (fastify) => { fastify.get("/old", async function old(request) {}); };\nmodule.exports.prefixOverride = "/legacy-root";',
      'src/routes/util/format.js': 'module.exports = { format: (x) => x };',
      'src/other/outside.js': 'module.exports = async (fastify) => { fastify.get("/outside", async function outside(request) {}); };',
    },
    // Files autoload does not load stay unmounted plugins: their routes keep their own path, with the
    // framework guessed from their file (as for any function used as a router that nothing mounts).
    expected: [
      'GET /api fastify root [0:fastify-request]',
      'GET /api/users/:id fastify getUser [0:fastify-request]',
      'GET /api/users/admin fastify listAdmins [0:fastify-request]',
      'GET /hook express hookRoute [0:express-req]',
      'GET /legacy-root/old fastify old [0:fastify-request]',
      'GET /never express notLoaded [0:express-req]',
      'GET /outside express outside [0:express-req]',
      'POST /api/v2/orders fastify createOrder [0:fastify-request]',
    ],
  },
  {
    name: '@fastify/autoload (ESM, TypeScript): dirname(fileURLToPath(import.meta.url)), routeParams, dirNameRoutePrefix false elsewhere, ignorePattern',
    files: {
      'src/server.ts': [
        'import Fastify from "fastify";',
        'import autoload from "@fastify/autoload";',
        'import { join, dirname } from "node:path";',
        'import { fileURLToPath } from "node:url";',
        'const here = dirname(fileURLToPath(import.meta.url));',
        'const app = Fastify();',
        'app.register(autoload, { dir: join(here, "routes"), routeParams: true });',
        'app.register(autoload, { dir: join(here, "plugins"), dirNameRoutePrefix: false, ignorePattern: /skip/ });',
      ].join('\n'),
      'src/routes/items/_id/show.ts': 'export default async function (fastify: any) { fastify.get("/", async function showItem(request: any) {}); }',
      'src/plugins/nested/ping.ts': 'const plugin = async (fastify: any) => { fastify.get("/ping", async function ping(request: any) {}); };\nexport default plugin;',
      'src/plugins/skip-me.ts': 'export default async function (fastify: any) { fastify.get("/skipped", async function skipped(request: any) {}); }',
    },
    expected: ['GET /items/:id fastify showItem [0:fastify-request]', 'GET /ping fastify ping [0:fastify-request]', 'GET /skipped express skipped [0:express-req]'],
  },
  {
    name: 'NestJS: @Controller prefix, method decorators, decorated request parameters, global prefix',
    files: {
      'main.ts': 'async function bootstrap(app: any) { app.setGlobalPrefix("v2"); }',
      'cats.controller.ts': [
        'import { Controller, Get, Post, Body, Param, Query } from "@nestjs/common";',
        '@Controller("cats")',
        'export class CatsController {',
        '  @Get(":id") findOne(@Param("id") id: string, @Query() q: any) { return id; }',
        '  @Post() create(@Body() dto: any) {}',
        '  helper() {}',
        '}',
      ].join('\n'),
    },
    expected: [
      'GET /v2/cats/:id nestjs CatsController.findOne [0:nest-param,1:nest-param]',
      'POST /v2/cats nestjs CatsController.create [0:nest-param]',
    ],
  },
  {
    name: 'a helper that registers routes from a table parameter: each call with its own table and router, across modules',
    files: {
      'src/mount.js': [
        'module.exports = function mountEndpoints(router, endpoints) {',
        '  endpoints.forEach((endpoint) => {',
        '    router[endpoint.method](endpoint.path, endpoint.handler);',
        '  });',
        '};',
      ].join('\n'),
      'src/app.js': [
        'const express = require("express");',
        'const mountEndpoints = require("./mount");',
        'function listUsers(req, res) {}',
        'function login(req, res) {}',
        'function listOrders(req, res) {}',
        'function buildOrderEndpoints() {',
        '  const endpoints = [];',
        '  endpoints.push({ method: "get", path: "/", handler: listOrders });',
        '  return endpoints;',
        '}',
        'const app = express();',
        'const users = express.Router();',
        'const orders = express.Router();',
        'mountEndpoints(users, [{ method: "get", path: "/", handler: listUsers }, { method: "post", path: "/login", handler: login }]);',
        'mountEndpoints(orders, buildOrderEndpoints());',
        'app.use("/users", users);',
        'app.use("/orders", orders);',
      ].join('\n'),
    },
    expected: ['GET /orders express listOrders [0:express-req]', 'GET /users express listUsers [0:express-req]', 'POST /users/login express login [0:express-req]'],
  },
  {
    name: 'socket.io: events of a connected socket (namespaces, a socket handed to another module, lifecycle events left out)',
    files: {
      'src/server.js': [
        'const { Server } = require("socket.io");',
        'const { registerChat } = require("./chat");',
        'const io = new Server(3000);',
        'io.on("connection", (socket) => {',
        '  socket.on("add", async function addMonitor(monitor, ack) { ack(monitor); });',
        '  socket.on("disconnect", function gone(reason) {});',
        '  registerChat(socket);',
        '});',
        'io.of("/admin").on("connection", (socket) => {',
        '  socket.on("kick", function kick(userId) {});',
        '});',
      ].join('\n'),
      'src/chat.js': 'exports.registerChat = function registerChat(sock) {\n  sock.on("say", function say(text) {});\n};',
    },
    expected: ['SOCKET /admin kick socket.io kick [0:request-value]', 'SOCKET add socket.io addMonitor [0:request-value,1:request-value]', 'SOCKET say socket.io say [0:request-value]'],
  },
  {
    name: 'a connection callback in a project that does not use socket.io is no entry point (a net server)',
    files: {
      'src/net.js': 'const net = require("net");\nconst server = net.createServer();\nserver.on("connection", (socket) => { socket.on("data", function onData(chunk) {}); });',
    },
    expected: [],
  },
  {
    name: 'NestJS WebSocket gateways: @SubscribeMessage events on a namespace, @MessageBody or (socket, data) parameters',
    files: {
      'src/chat.gateway.ts': [
        'import { WebSocketGateway, SubscribeMessage, MessageBody, ConnectedSocket } from "@nestjs/websockets";',
        '@WebSocketGateway({ namespace: "chat" })',
        'export class ChatGateway {',
        '  @SubscribeMessage("say") say(@MessageBody() text: string, @ConnectedSocket() client: any) {}',
        '  @SubscribeMessage("ping") ping(client: any, data: any) {}',
        '  helper() {}',
        '}',
        '@WebSocketGateway(8080)',
        'export class RootGateway {',
        '  @SubscribeMessage("hello") hello() {}',
        '}',
      ].join('\n'),
    },
    expected: ['SOCKET /chat ping nestjs ChatGateway.ping [1:request-value]', 'SOCKET /chat say nestjs ChatGateway.say [0:request-value]', 'SOCKET hello nestjs RootGateway.hello []'],
  },
  {
    name: "NestJS compiled by tsc: __decorate calls for the class and its methods, __param for parameters (ESM and CommonJS)",
    files: {
      'server/main.js': 'async function bootstrap(app) { app.setGlobalPrefix("/api"); }',
      'server/cats.controller.js': [
        'var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) { return target; };',
        'var __param = (this && this.__param) || function (paramIndex, decorator) { return function (target, key) { decorator(target, key, paramIndex); }; };',
        'import { Controller, Get, Post, Body, Param } from "@nestjs/common";',
        'let CatsController = class CatsController {',
        '  findOne(id, other) { return id; }',
        '  create(dto) {}',
        '  helper() {}',
        '};',
        '__decorate([Get(":id"), __param(0, Param("id")), __metadata("design:type", Function)], CatsController.prototype, "findOne", null);',
        '__decorate([Post(), __param(0, Body())], CatsController.prototype, "create", null);',
        'CatsController = __decorate([Controller("cats")], CatsController);',
        'export { CatsController };',
      ].join('\n'),
      'server/dogs.controller.js': [
        '"use strict";',
        'const common_1 = require("@nestjs/common");',
        'const tslib_1 = require("tslib");',
        'let DogsController = class DogsController {',
        '  list(query) { return []; }',
        '};',
        'tslib_1.__decorate([(0, common_1.Get)(), tslib_1.__param(0, (0, common_1.Query)())], DogsController.prototype, "list", null);',
        'DogsController = tslib_1.__decorate([(0, common_1.Controller)({ path: "dogs" })], DogsController);',
        'exports.DogsController = DogsController;',
      ].join('\n'),
    },
    expected: [
      'GET /api/cats/:id nestjs CatsController.findOne [0:nest-param]',
      'GET /api/dogs nestjs DogsController.list [0:nest-param]',
      'POST /api/cats nestjs CatsController.create [0:nest-param]',
    ],
  },
  {
    name: 'Next.js: app router route handlers (dynamic, catch-all, groups) and pages/api routes',
    files: {
      'app/api/users/[id]/route.ts': 'export async function GET(request: Request, { params }: any) {}\nexport const POST = async (request: Request) => {};',
      'src/app/(shop)/docs/[...slug]/route.ts': 'export function GET() {}',
      'pages/api/orders/[orderId].ts': 'export default function handler(req: any, res: any) {}',
      'pages/api/index.js': 'export default (req, res) => {}',
      'app/page.tsx': 'export default function Page() { return <div />; }',
    },
    expected: [
      '* /api nextjs default [0:express-req]',
      '* /api/orders/:orderId nextjs handler [0:express-req]',
      'GET /api/users/:id nextjs GET [0:web-request,1:next-context]',
      'GET /docs/:slug* nextjs GET []',
      'POST /api/users/:id nextjs POST [0:web-request]',
    ],
  },
  {
    name: 'Strapi: custom routes naming controller actions (short and uid form, a prefix override, an inline handler), core routes where the controller overrides them',
    files: {
      'src/api/coupon/routes/coupon.js': "const { createCoreRouter } = require('@strapi/strapi').factories;\nmodule.exports = createCoreRouter('api::coupon.coupon', { except: ['delete'] });",
      'src/api/coupon/routes/01-custom.js': [
        'module.exports = {',
        '  routes: [',
        "    { method: 'POST', path: '/coupons/:id/redeem', handler: 'coupon.redeem' },",
        "    { method: 'get', path: '/coupons/:id/history', handler: 'api::coupon.coupon.history' },",
        "    { method: 'GET', path: '/health', handler: async (ctx) => {}, config: { prefix: '' } },",
        "    { method: 'GET', path: '/me', handler: 'plugin::users-permissions.user.me' },",
        "    { method: 'GET', path: '/missing', handler: 'coupon.nowhere' },",
        '  ],',
        '};',
      ].join('\n'),
      'src/api/coupon/controllers/coupon.js': [
        "const { factories } = require('@strapi/strapi');",
        "module.exports = factories.createCoreController('api::coupon.coupon', ({ strapi }) => ({",
        '  async find(ctx) {},',
        '  async delete(ctx) {},',
        '  async redeem(ctx) {},',
        '  history: async (ctx) => {},',
        '}));',
      ].join('\n'),
      'src/api/category/routes/category.ts': "import { factories } from '@strapi/strapi';\nexport default factories.createCoreRouter('api::category.category', { only: ['findOne'] });",
      'src/api/category/controllers/category.ts': "import { factories } from '@strapi/strapi';\nexport default factories.createCoreController('api::category.category', ({ strapi }) => { return { async findOne(ctx) {} }; });",
      'src/api/order/routes/order.ts': "export default () => ({ routes: [{ method: 'PUT', path: '/orders/:id/split', handler: 'order.split' }] });",
      'src/api/order/controllers/order.ts': 'export default { async split(ctx) {}, helper() {} };',
    },
    expected: [
      'GET /api/categories/:id strapi findOne [0:koa-ctx]',
      'GET /api/coupons strapi find [0:koa-ctx]',
      'GET /api/coupons/:id/history strapi history [0:koa-ctx]',
      'GET /health strapi handler [0:koa-ctx]',
      'POST /api/coupons/:id/redeem strapi redeem [0:koa-ctx]',
      'PUT /api/orders/:id/split strapi split [0:koa-ctx]',
    ],
  },
  {
    name: 'a library with no routes: exported functions are the entry points, their parameters the sources',
    files: {
      'index.js': 'exports.parse = function parse(input, options) {};\nfunction internal() {}',
      'lib/tokens.ts': 'export function tokenize(text: string) {}\nexport class Lexer { next() {} }',
    },
    expected: [
      'CALL index.js#parse library parse [0:library-param,1:library-param]',
      'CALL lib/tokens.ts#Lexer.next library Lexer.next []',
      'CALL lib/tokens.ts#tokenize library tokenize [0:library-param]',
    ],
  },
  {
    name: 'ws: message listeners of connected sockets (a path, a socket handed to another module, addEventListener and onmessage), other events left out',
    files: {
      'src/live.js': [
        'const { WebSocketServer } = require("ws");',
        'const WebSocket = require("ws");',
        'const { attachClient } = require("./client");',
        'const wss = new WebSocketServer({ port: 8080, path: "/live" });',
        'wss.on("connection", (ws, req) => {',
        '  ws.on("message", function onMessage(data, isBinary) { return JSON.parse(data); });',
        '  ws.on("close", function closed() {});',
        '  attachClient(ws);',
        '});',
        'const plain = new WebSocket.Server({ noServer: true });',
        'plain.on("connection", function (socket) { socket.onmessage = function onPlain(event) { return event.data; }; });',
        'const emitter = new (require("events"))();',
        'emitter.on("connection", (c) => { c.on("message", function notWs(m) {}); });',
      ].join('\n'),
      'src/client.js': 'exports.attachClient = function (sock) { sock.addEventListener("message", function onEvent(event) { return event.data; }); };',
    },
    expected: ['WS /live message ws onEvent [0:request-value]', 'WS /live message ws onMessage [0:request-value]', 'WS message ws onPlain [0:request-value]'],
  },
  {
    name: 'GraphQL resolver maps: root and object types, spreads and names from other modules, subscriptions, graphql-js types',
    files: {
      'src/server.js': [
        'const { ApolloServer } = require("@apollo/server");',
        'const { userQueries } = require("./users");',
        'const typeDefs = require("./schema");',
        'function searchProducts(parent, args) { return []; }',
        'const resolvers = {',
        '  Query: { ...userQueries, search: searchProducts, health: () => "ok" },',
        '  Mutation: { redeemCoupon: async (_parent, { code }, ctx) => code },',
        '  Subscription: { couponRedeemed: { subscribe: (parent, args) => null } },',
        '  User: { posts(user, args) { return []; }, __resolveType(obj) { return "User"; } },',
        '  Date: dateScalar,',
        '};',
        'new ApolloServer({ typeDefs, resolvers });',
      ].join('\n'),
      'src/users.js': 'exports.userQueries = { user(parent, { id }) { return id; } };',
      'src/types.js': [
        'const { GraphQLObjectType, GraphQLString } = require("graphql");',
        'const Query = new GraphQLObjectType({ name: "RootQuery", fields: () => ({ ping: { type: GraphQLString, resolve(parent, args) { return "pong"; } }, plain: { type: GraphQLString } }) });',
      ].join('\n'),
      'src/config.js': 'module.exports = { Query: { not: "a resolver" }, Mutation: {} };',
    },
    expected: [
      'GRAPHQL Mutation.redeemCoupon graphql redeemCoupon [1:request-value]',
      'GRAPHQL Query.health graphql health []',
      'GRAPHQL Query.search graphql searchProducts [1:request-value]',
      'GRAPHQL Query.user graphql user [1:request-value]',
      'GRAPHQL RootQuery.ping graphql resolve [1:request-value]',
      'GRAPHQL Subscription.couponRedeemed graphql subscribe [1:request-value]',
      'GRAPHQL User.posts graphql posts [1:request-value]',
    ],
  },
  {
    name: 'GraphQL code-first builders: Pothos (root fields, object types by ref, the Prisma plugin) and Nexus (definition blocks, extendType)',
    files: {
      'src/pothos.ts': [
        'import SchemaBuilder from "@pothos/core";',
        'const builder = new SchemaBuilder({});',
        'const UserRef = builder.objectRef<{ id: string }>("User");',
        'builder.queryField("user", (t) => t.field({ type: UserRef, args: {}, resolve: (_root, args) => ({ id: String(args.id) }) }));',
        'builder.queryFields((t) => ({ users: t.field({ type: [UserRef], resolve: function listUsers(_root, args) { return []; } }), me: t.exposeString("id") }));',
        'builder.mutationType({ fields: (t) => ({ rename: t.prismaField({ type: "User", resolve: (query, _root, args) => args }) }) });',
        'builder.objectType(UserRef, { fields: (t) => ({ posts: t.field({ type: ["String"], resolve: (user, args) => [] }) }) });',
        'builder.objectField(UserRef, "friends", (t) => t.field({ type: [UserRef], resolve: (user, args) => [] }));',
      ].join('\n'),
      'src/nexus.ts': [
        'import { objectType, extendType, queryField, mutationField } from "nexus";',
        'export const Query = objectType({ name: "Query", definition(t) { t.nonNull.list.field("drafts", { type: "Post", resolve: (_root, args) => [] }); t.string("version"); } });',
        'export const PostMutations = extendType({ type: "Mutation", definition(t) { t.field("publish", { type: "Post", resolve(_root, args) { return null; } }); } });',
        'export const search = queryField("search", { type: "Post", resolve: (_root, args) => null });',
        'export const ping = mutationField((t) => { t.string("ping", { resolve: () => "pong" }); });',
      ].join('\n'),
    },
    expected: [
      'GRAPHQL Mutation.ping graphql resolve []',
      'GRAPHQL Mutation.publish graphql resolve [1:request-value]',
      'GRAPHQL Mutation.rename graphql resolve [2:request-value]',
      'GRAPHQL Query.drafts graphql resolve [1:request-value]',
      'GRAPHQL Query.search graphql resolve [1:request-value]',
      'GRAPHQL Query.user graphql resolve [1:request-value]',
      'GRAPHQL Query.users graphql listUsers [1:request-value]',
      'GRAPHQL User.friends graphql resolve [1:request-value]',
      'GRAPHQL User.posts graphql resolve [1:request-value]',
    ],
  },
  {
    name: 'graphql-compose: fields added to the schema composer\'s root types; other composers name no type',
    files: {
      'src/schema.js': [
        'const { schemaComposer } = require("graphql-compose");',
        'const UserTC = schemaComposer.createObjectTC({ name: "User", fields: { id: "ID" } });',
        'schemaComposer.Query.addFields({ server_ping: { type: "String", resolve: () => "pong" }, user: { type: UserTC, args: { id: "ID" }, resolve: async (_, args) => args.id } });',
        'schemaComposer.Mutation.addFields({ [computedName]: { type: "String", resolve: (_, args) => args }, utils_sort: { type: "Boolean", async resolve(_, args) { return true; } } });',
        'UserTC.addFields({ posts: { type: "[String]", resolve: (user, args) => [] } });',
      ].join('\n'),
    },
    expected: ['GRAPHQL Mutation.utils_sort graphql resolve [1:request-value]', 'GRAPHQL Query.server_ping graphql resolve []', 'GRAPHQL Query.user graphql resolve [1:request-value]'],
  },
  {
    name: 'Queues: BullMQ workers, Bull processors (named, with concurrency), kafkajs consumers per subscribed topic, amqplib consumers with a literal queue',
    files: {
      'src/workers.js': [
        'const { Worker } = require("bullmq");',
        'const Queue = require("bull");',
        'new Worker("emails", async function sendEmail(job) { return job.data.to; }, { connection: {} });',
        'const images = new Queue("images");',
        'images.process("resize", 4, async function resize(job) { return job.data; });',
        'const notAQueue = { process: (fn) => fn() };',
        'notAQueue.process(function notAJob(x) {});',
      ].join('\n'),
      'src/rabbit.js': [
        'const amqp = require("amqplib");',
        'async function main() {',
        '  const conn = await amqp.connect("amqp://localhost");',
        '  const channel = await conn.createChannel();',
        '  await channel.consume("tasks", function onTask(msg) { channel.ack(msg); });',
        '  await channel.consume(queueFromConfig, function unnamed(msg) {});',
        '}',
      ].join('\n'),
      'src/consumer.ts': [
        'import { Kafka } from "kafkajs";',
        'const kafka = new Kafka({ clientId: "app", brokers: ["k:9092"] });',
        'const consumer = kafka.consumer({ groupId: "g" });',
        'export async function start() {',
        '  await consumer.subscribe({ topics: ["orders", "refunds"] });',
        '  await consumer.run({ eachMessage: async function onMessage({ topic, message }) { return message.value; } });',
        '}',
      ].join('\n'),
    },
    expected: [
      'JOB emails bullmq sendEmail [0:request-value]',
      'JOB images bull resize [0:request-value]',
      'MESSAGE orders kafkajs onMessage [0:request-value]',
      'MESSAGE refunds kafkajs onMessage [0:request-value]',
      'MESSAGE tasks amqplib onTask [0:request-value]',
    ],
  },
  {
    name: 'A resolver map in a project that uses no GraphQL package is no entry point (the library fallback reads it)',
    files: { 'a.js': 'module.exports = { Query: { user(parent, args) { return args.id; } } };' },
    expected: ['CALL a.js#user library user [0:library-param,1:library-param]'],
  },
  {
    name: 'NestJS and type-graphql resolver classes: @Query/@Mutation/@ResolveField with names, @Args/@Arg parameters, compiled by tsc too',
    files: {
      'src/recipes.resolver.ts': [
        'import { Resolver, Query, Mutation, ResolveField, Args, Parent } from "@nestjs/graphql";',
        '@Resolver(() => Recipe)',
        'export class RecipesResolver {',
        '  @Query(() => Recipe, { name: "recipe" }) findOne(@Args("id") id: string) {}',
        '  @Mutation(() => Recipe) addRecipe(@Args("input") input: any, other: any) {}',
        '  @ResolveField("ingredients") ingredients(@Parent() recipe: any, @Args("first") first: number) {}',
        '  helper() {}',
        '}',
      ].join('\n'),
      'src/books.resolver.ts': [
        'import { Resolver, Query, FieldResolver, Arg, Root } from "type-graphql";',
        '@Resolver("Book")',
        'export class BookResolver {',
        '  @Query(returns => [Book]) books(@Arg("title") title: string) {}',
        '  @FieldResolver() author(@Root() book: any) {}',
        '}',
      ].join('\n'),
      'server/cats.resolver.js': [
        '"use strict";',
        'const graphql_1 = require("@nestjs/graphql");',
        'const tslib_1 = require("tslib");',
        'let CatsResolver = class CatsResolver { cat(id) { return id; } };',
        '(0, tslib_1.__decorate)([(0, graphql_1.Query)(() => Cat), tslib_1.__param(0, (0, graphql_1.Args)("id"))], CatsResolver.prototype, "cat", null);',
        'CatsResolver = (0, tslib_1.__decorate)([(0, graphql_1.Resolver)(() => Cat)], CatsResolver);',
      ].join('\n'),
    },
    expected: [
      'GRAPHQL Book.author graphql BookResolver.author []',
      'GRAPHQL Mutation.addRecipe graphql RecipesResolver.addRecipe [0:request-value]',
      'GRAPHQL Query.books graphql BookResolver.books [0:request-value]',
      'GRAPHQL Query.cat graphql CatsResolver.cat [0:request-value]',
      'GRAPHQL Query.recipe graphql RecipesResolver.findOne [0:request-value]',
      'GRAPHQL Recipe.ingredients graphql RecipesResolver.ingredients [1:request-value]',
    ],
  },
];

for (const c of cases) {
  test(`entry points: ${c.name}`, async () => {
    const model = await projectOf(c.files);
    assert.deepEqual(summary(model), c.expected);
  });
}

test('lookalike calls are not routes: map.get, axios.get, app.get(setting)', async () => {
  const model = await projectOf({
    'a.js': [
      'const express = require("express");',
      'const axios = require("axios");',
      'const app = express();',
      'const cache = new Map();',
      'cache.get("/x", () => 1);',
      'axios.get("/users", { params: {} });',
      'app.get("env");',
      'app.get("/real", (req, res) => {});',
    ].join('\n'),
  });
  assert.deepEqual(summary(model), ['GET /real express app.get callback [0:express-req]']);
});

test('loops over other arrays are not route tables: a table without literal entries, a loop variable that is not a route, non-router receivers', async () => {
  const model = await projectOf({
    'a.js': [
      'const express = require("express");',
      'const app = express();',
      'const cache = new Map();',
      'const names = ["x", "y"];',
      'for (const n of names) cache.get(n, () => 1);',
      'for (const r of loadRoutes()) app[r.method](r.path, r.handler);',
      'for (const key of ["env", "port"]) app.get(key);',
      'app.get("/real", (req, res) => {});',
    ].join('\n'),
  });
  assert.deepEqual(summary(model), ['GET /real express app.get callback [0:express-req]']);
});

test('object tables that are not literals, or read other than by key, register nothing from data', async () => {
  const model = await projectOf({
    'a.js': [
      'const express = require("express");',
      'const app = express();',
      'const paths = { "/a": (req, res) => {} };',
      'Object.entries(process.env).forEach(([path, handler]) => app.get(path, handler));',
      'Object.values(paths).forEach((handler) => app.get(handler, handler));',
      'Object.keys(loadPaths()).forEach((path) => app.get(path, paths[path]));',
      'app.get("/real", (req, res) => {});',
    ].join('\n'),
  });
  assert.deepEqual(summary(model), ['GET /real express app.get callback [0:express-req]']);
});

test('register() of a plugin that is not autoload, or autoload with a dir it cannot read, mounts no directory', async () => {
  const model = await projectOf({
    'app.js': [
      'const fastify = require("fastify")();',
      'const other = require("some-loader");',
      'const AutoLoad = require("@fastify/autoload");',
      'fastify.register(other, { dir: require("path").join(__dirname, "routes") });',
      'fastify.register(AutoLoad, { dir: process.env.ROUTES_DIR });',
      'fastify.get("/real", async (request) => 1);',
    ].join('\n'),
    'routes/a.js': 'module.exports = async (fastify) => { fastify.get("/a", async function a(request) {}); };',
  });
  // routes/a.js stays an unmounted plugin (its own path, framework guessed from its file).
  assert.deepEqual(summary(model), ['GET /a express a [0:express-req]', 'GET /real fastify fastify.get callback [0:fastify-request]']);
});

test('an array literal fallback (`x || []`) does not hide the value it defaults', async () => {
  const model = await projectOf({
    'app.js': 'const express = require("express");\nconst app = express();\nconst handler = require("./h").handler || [];\napp.get("/h", handler);\n',
    'h.js': 'exports.handler = function h(req, res) {};\n',
  });
  assert.deepEqual(summary(model), ['GET /h express h [0:express-req]']);
});
