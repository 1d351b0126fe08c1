// Route paths that are not one constant: a path argument the analyzer cannot compute registers its
// handlers at a path marked unknown (never at the router's root), and alternatives of strings
// (`flag ? '/a' : IMPORTED`, `x || '/d'`) give each branch's path or none, never one branch alone.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { projectOf, removeTempProjects, writeProject } from './temp-project';
import type { ProjectModel } from '../../../../src/core/analysis/project/types';
import { scanProject } from '../../../../src/core/analysis/scan';
import { createMappingContext } from '../../../../src/core/mapping/context';
import { mapFlowToHandlers } from '../../../../src/core/mapping/route-handlers';
import { ReachIndex, stuckFlowReach } from '../../../../src/core/rank/evidence/stuck-flow-reach';
import { loopScope } from '../../../../src/core/rank/loop-scope';
import { loopFindingResult } from '../../../../src/core/analysis/sarif';
import { renderScanText } from '../../../../src/cli/commands/scan';

after(removeTempProjects);

/** "FLOW handler,handler [unknown]" per entry point, sorted. */
function summary(model: ProjectModel): string[] {
  return model.entryPoints.map((e) => `${e.flow} ${e.handlerNames.join(',')}${e.pathUnknown ? ' [unknown]' : ''}`).sort();
}

test('a path argument that cannot be computed registers its handlers at a path marked unknown, under the known prefix', async () => {
  const model = await projectOf({
    'app.js': [
      'const express = require("express");',
      'const app = express();',
      'const api = express.Router();',
      'let base = "/let";',
      'api.get(base + "/x", function fromLet(req, res) {});',
      'api.post(loadPath(), function fromCall(req, res) {});',
      'function mount(router, path) { router.put(path, function fromParam(req, res) {}); }',
      'mount(api, "/given");',
      'api.route("/own").get(function ownRoute(req, res) {});',
      'app.use("/api", api);',
      'app.get("/", function home(req, res) {});',
      'app.get(process.env.FLAG ? "/a" : loadPath(), function halfKnown(req, res) {});',
      'app.get("setting");',
    ].join('\n'),
  });
  assert.deepEqual(summary(model), [
    'GET / home',
    'GET /(unknown) halfKnown [unknown]',
    'GET /api/(unknown) fromLet [unknown]',
    'GET /api/own ownRoute',
    'POST /api/(unknown) fromCall [unknown]',
    'PUT /api/(unknown) fromParam [unknown]',
  ]);
  // The handler stays an entry point whose request object is a source.
  const fromLet = model.entryPoints.find((e) => e.handlerNames.includes('fromLet'))!;
  assert.deepEqual(fromLet.requestParams.map((p) => p.role), ['express-req']);
});

test('a mount or router prefix that cannot be computed marks the routes below it unknown; a middleware in a variable is no prefix', async () => {
  const model = await projectOf({
    'express.js': [
      'const express = require("express");',
      'const rateLimit = require("express-rate-limit");',
      'const app = express();',
      'const users = express.Router();',
      'users.get("/", function listUsers(req, res) {});',
      'app.use(process.env.BASE, users);',
      'let version = "/v1";',
      'const orders = express.Router();',
      'orders.get("/:id", function getOrder(req, res) {});',
      'app.use(version + "/orders", orders);',
      'const limiter = rateLimit({ max: 10 });',
      'const items = express.Router();',
      'items.get("/items", function listItems(req, res) {});',
      'app.use(limiter, items);',
      'app.use(process.env.AUDIT, function audit(req, res, next) { next(); });',
      'app.route(loadBase() + "/x").get(function derived(req, res) {});',
    ].join('\n'),
    'koa.js': [
      'const Router = require("@koa/router");',
      'const router = new Router({ prefix: process.env.KOA_PREFIX });',
      'router.get("/k", async function koaRoute(ctx) {});',
    ].join('\n'),
    'hono.ts': [
      'import { Hono } from "hono";',
      'const app = new Hono();',
      'const sub = new Hono();',
      'sub.get("/ping", function honoPing(c: any) {});',
      'app.route(process.env.HONO_BASE as string, sub);',
    ].join('\n'),
    'fastify.js': [
      'const fastify = require("fastify")();',
      'const opts = { prefix: process.env.F };',
      'fastify.register(function plugin(f, o, done) { f.get("/health", function health(req, reply) {}); done(); }, { prefix: opts.prefix });',
    ].join('\n'),
  });
  assert.deepEqual(summary(model), [
    '* /(unknown) audit [unknown]',
    'GET /(unknown) derived [unknown]',
    'GET /(unknown) listUsers [unknown]',
    'GET /(unknown)/:id getOrder [unknown]',
    'GET /(unknown)/health health [unknown]',
    'GET /(unknown)/k koaRoute [unknown]',
    'GET /(unknown)/ping honoPing [unknown]',
    'GET /items listItems',
  ]);
});

test('alternatives of strings: each branch a path (imported ones too), or unknown when a branch is not known, never one branch', async () => {
  const model = await projectOf({
    'paths.ts': ['export const IMPORTED = "/imported";', 'export const OTHER = "/other";', 'export const KOA = "/koa";'].join('\n'),
    'server.ts': [
      'import express from "express";',
      'import Fastify from "fastify";',
      'import Router from "@koa/router";',
      'import { IMPORTED, OTHER, KOA } from "./paths";',
      'const app = express();',
      'const flag = process.env.FLAG === "1";',
      'app.get(flag ? "/a" : IMPORTED, function conditional(req: any, res: any) {});',
      'app.get(flag ? IMPORTED : OTHER, function bothImported(req: any, res: any) {});',
      'const P = process.env.P as string;',
      'app.post(P || "/default", function orDefault(req: any, res: any) {});',
      'app.put(process.env.Q ?? IMPORTED, function nullish(req: any, res: any) {});',
      'app.patch(`${flag ? "/v1" : "/v2"}/items`, function templated(req: any, res: any) {});',
      'const fastify = Fastify();',
      'fastify.route({ method: "GET", url: flag ? "/f1" : OTHER, handler: function fastifyRoute(req: any, reply: any) {} });',
      'const router = new Router();',
      'router.prefix(flag ? KOA : "/k2");',
      'router.get("/ping", async function koaPing(ctx: any) {});',
    ].join('\n'),
  });
  assert.deepEqual(summary(model), [
    'GET /a conditional',
    'GET /f1 fastifyRoute',
    'GET /imported bothImported',
    'GET /imported conditional',
    'GET /other bothImported',
    'GET /other fastifyRoute',
    // A prefix replaces the router's own: two alternatives cannot both be it, so none is applied.
    'GET /ping koaPing',
    'PATCH /v1/items templated',
    'PATCH /v2/items templated',
    'POST /(unknown) orDefault [unknown]',
    'PUT /(unknown) nullish [unknown]',
  ]);
});

test('a stuck GET / flow does not map to, nor reach the loop of, a handler registered with an unknown path', async () => {
  const root = writeProject({
    'app.js': [
      'const express = require("express");',
      'const app = express();',
      'const reportPath = require("./config").reportPath();',
      'app.get("/", function home(req, res) { let i = 0; while (i !== req.query.n) i += 2; res.end(); });',
      'app.get(reportPath, function report(req, res) { let i = 0; while (i !== req.query.n) i += 3; res.end(); });',
    ].join('\n'),
    'config.js': 'exports.reportPath = () => process.env.REPORT_PATH;',
  });
  const { result } = await scanProject(root);
  assert.deepEqual(result.entryPoints.map((e) => `${e.flow}${e.pathUnknown ? ' [unknown]' : ''}`).sort(), ['GET /', 'GET /(unknown) [unknown]']);
  const ctx = createMappingContext(root, result);
  const handlerLines = (flow: string) => mapFlowToHandlers(ctx, flow).map((m) => m.detail.split(' → ')[1].split(' ')[0]);
  assert.deepEqual(handlerLines('GET /'), ['home']);
  // Not even the template's own text: the unknown part is no path a request has.
  assert.deepEqual(handlerLines('GET /(unknown)'), []);
  assert.deepEqual(handlerLines('GET /reports/7'), []);

  const byFunction = (name: string) => result.findings.find((f) => f.functionName === name)!;
  assert.deepEqual(byFunction('report').entryPoints, ['GET /(unknown)'], 'the finding names the unknown path');
  // The scan's outputs say what the marker means, only where it appears.
  const sarifText = (name: string) => loopFindingResult(byFunction(name)).message.text ?? '';
  assert.match(sarifText('report'), /Reached from: GET \/\(unknown\)\. \(unknown\) is a route path the analyzer could not compute/);
  assert.doesNotMatch(sarifText('home'), /could not compute/);
  assert.match(renderScanText(result), /2 route entry point\(s\), 1 with a path not computed\./);
  const reachIndex = new ReachIndex(result.reachability);
  const stuck = { byFlow: new Map([['GET /', 4]]), total: 4 };
  const reached = (name: string) => stuckFlowReach(byFunction(name), loopScope(byFunction(name), undefined, result.functions ?? []), result.entryPoints, reachIndex, stuck).flows;
  assert.deepEqual(reached('home'), ['GET /']);
  assert.deepEqual(reached('report'), []);
});
