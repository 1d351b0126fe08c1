import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { projectOf, removeTempProjects } from './temp-project';

after(removeTempProjects);

test('span sites: startSpan / startActiveSpan names, template literals become {}', async () => {
  const model = await projectOf({
    'a.ts': [
      'import { trace } from "@opentelemetry/api";',
      'const tracer = trace.getTracer("x");',
      'export async function redeem(code: string) {',
      '  const span = tracer.startSpan("redeem-code");',
      '  return tracer.startActiveSpan(`poll ${code} attempt`, async (s) => { s.end(); });',
      '}',
      'tracer.startSpan("job." + kind);',
      'tracer.startSpan(dynamicName);',
    ].join('\n'),
  });
  assert.deepEqual(
    model.spanSites.map((s) => [s.name, s.location.startLine, s.functionName]),
    [
      ['redeem-code', 4, 'redeem'],
      ['poll {} attempt', 5, 'redeem'],
      ['job.{}', 7, undefined],
    ],
  );
});

test('log sites: pino/bunyan (object first), winston (level first), console, req.log, %s kept and ${} as {}', async () => {
  const model = await projectOf({
    'a.js': [
      'function handler(req, logger, log, winston) {',
      '  logger.info("user %s loaded", req.id);',
      '  log.error({ err }, `payment ${req.id} failed`);',
      '  req.log.warn({ attempt }, "retrying");',
      '  winston.log("debug", "cache miss for " + key);',
      '  console.log("plain");',
      '  this.logger.verbose("tick");',
      '  cache.info("not a logger");',
      '  logger.child({ a: 1 });',
      '}',
    ].join('\n'),
  });
  assert.deepEqual(
    model.logSites.map((s) => [s.level, s.template, s.location.startLine, s.functionName]),
    [
      ['info', 'user %s loaded', 2, 'handler'],
      ['error', 'payment {} failed', 3, 'handler'],
      ['warn', 'retrying', 4, 'handler'],
      ['debug', 'cache miss for {}', 5, 'handler'],
      ['log', 'plain', 6, 'handler'],
      ['verbose', 'tick', 7, 'handler'],
    ],
  );
});

test('client call sites: fetch, axios, got, undici, http.request, SQL queries', async () => {
  const model = await projectOf({
    'a.ts': [
      'import axios from "axios";',
      'import http from "node:http";',
      'export async function sync(id: string, db: any, pool: any, url: string) {',
      '  await fetch(`https://api.example.com/items/${id}`, { method: "POST" });',
      '  await fetch(url);',
      '  await axios.get("/users/" + id);',
      '  await axios({ method: "put", url: "/things" });',
      '  http.request({ hostname: "svc", path: "/v1/ping", method: "HEAD" });',
      '  await db.query("SELECT * FROM orders WHERE id = $1", [id]);',
      '  await pool.execute(`UPDATE   jobs\n   SET done = 1 WHERE id = ${id}`);',
      '  await db.query(someVariable);',
      '  list.get("/not-http");',
      '  await got.post(`https://hooks/${id}`);',
      '  await undici.request("http://inventory/stock", { method: "GET" });',
      '}',
    ].join('\n'),
  });
  assert.deepEqual(
    model.clientCalls.map((c) => [c.kind, c.target, c.location.startLine]),
    [
      ['http', 'POST https://api.example.com/items/{}', 4],
      ['http', 'GET {}', 5],
      ['http', 'GET /users/{}', 6],
      ['http', 'PUT /things', 7],
      ['http', 'HEAD svc/v1/ping', 8],
      ['db', 'SELECT * FROM orders WHERE id = $1', 9],
      ['db', 'UPDATE jobs SET done = 1 WHERE id = {}', 10],
      ['http', 'POST https://hooks/{}', 14],
      ['http', 'GET http://inventory/stock', 15],
    ],
  );
});

test('client call sites: instances made by axios.create / got.extend (with their literal base URL), not other variables with the same methods', async () => {
  const model = await projectOf({
    'a.js': [
      'const axios = require("axios");',
      'const got = require("got");',
      'const inventory = axios.create({ baseURL: "http://inventory" });',
      'const hooks = got.extend({ prefixUrl: "https://hooks" });',
      'const cache = new Map();',
      'async function sync(id) {',
      '  await inventory.get(`/stock/${id}`);',
      '  await hooks.post("notify");',
      '  cache.get("/not-http");',
      '}',
    ].join('\n'),
  });
  assert.deepEqual(
    model.clientCalls.map((c) => [c.kind, c.target, c.location.startLine]),
    [
      ['http', 'GET http://inventory/stock/{}', 7],
      ['http', 'POST https://hooks/notify', 8],
    ],
  );
});

test('client call sites: instances made by a factory in another module (ES import, default export, require, re-export), not imported plain objects', async () => {
  const model = await projectOf({
    'src/lib/http.ts': [
      'import axios from "axios";',
      'export const api = axios.create({ baseURL: process.env.API });',
      'export const store = { get(key: string) { return key; } };',
    ].join('\n'),
    'src/lib/hooks.ts': ['import got from "got";', 'export default got.extend({ prefixUrl: "https://hooks" });'].join('\n'),
    'src/lib/inventory.js': ['const axios = require("axios");', 'module.exports = axios.create({ baseURL: "http://inventory" });'].join('\n'),
    'src/lib/index.ts': 'export * from "./http";',
    'src/services/holds.ts': [
      'import { api, store } from "../lib/http";',
      'import hooks from "../lib/hooks";',
      'import { api as again } from "../lib";',
      'export async function getHold(id: string) {',
      '  store.get(`/v1/not-http/${id}`);',
      '  await hooks.post("notify");',
      '  await again.delete(`/v1/holds/${id}`);',
      '  return api.get(`/v1/holds/${id}`);',
      '}',
    ].join('\n'),
    'src/services/stock.js': [
      'const inventory = require("../lib/inventory");',
      'const { store } = require("../lib/http");',
      'async function stock(id) {',
      '  store.get("/not-http");',
      '  return inventory.request({ method: "put", url: "/stock" });',
      '}',
    ].join('\n'),
  });
  assert.deepEqual(
    model.clientCalls.map((c) => [c.location.file, c.kind, c.target, c.location.startLine, c.functionName]),
    [
      ['src/services/holds.ts', 'http', 'POST https://hooks/notify', 6, 'getHold'],
      ['src/services/holds.ts', 'http', 'DELETE /v1/holds/{}', 7, 'getHold'],
      ['src/services/holds.ts', 'http', 'GET /v1/holds/{}', 8, 'getHold'],
      ['src/services/stock.js', 'http', 'PUT http://inventory/stock', 5, 'stock'],
    ],
  );
});

test('client call sites: instances kept on `this` (a class field or a constructor assignment made by a factory), not other fields', async () => {
  const model = await projectOf({
    'a.ts': [
      'import axios from "axios";',
      'export class Holds {',
      '  api = axios.create({ baseURL: "http://holds" });',
      '  hooks: any;',
      '  cache = new Map<string, string>();',
      '  constructor() { this.hooks = axios.create({}); }',
      '  async sync(id: string) {',
      '    this.cache.get(`/not-http/${id}`);',
      '    await this.hooks.post("/notify");',
      '    return this.api.get(`/v1/holds/${id}`);',
      '  }',
      '}',
    ].join('\n'),
  });
  assert.deepEqual(
    model.clientCalls.map((c) => [c.kind, c.target, c.location.startLine, c.functionName]),
    [
      ['http', 'POST /notify', 9, 'Holds.sync'],
      ['http', 'GET http://holds/v1/holds/{}', 10, 'Holds.sync'],
    ],
  );
});

test('client call sites: an instance returned by a function that calls the factory counts; a parameter nothing calls the function with does not', async () => {
  const model = await projectOf({
    'http.ts': ['import axios from "axios";', 'export function makeClient(base: string) {', '  return axios.create({ baseURL: base });', '}'].join('\n'),
    'b.ts': [
      'import { makeClient } from "./http";',
      'const api = makeClient("http://holds");',
      'export function f(client: any) {',
      '  client.get("/param");',
      '  return api.get("/wrapped");',
      '}',
    ].join('\n'),
  });
  assert.deepEqual(
    model.clientCalls.map((c) => [c.location.file, c.target, c.location.startLine]),
    [['b.ts', 'GET /wrapped', 5]],
  );
});

test('client call sites: chained factories (got.extend().extend(), ky.create().extend(), ky.extend(), an instance returned by a function then extended) with the merged literal base URL', async () => {
  const model = await projectOf({
    'http.ts': [
      'import got from "got";',
      'import ky from "ky";',
      'import axios from "axios";',
      'export const hooks = got.extend({ prefixUrl: "https://hooks/v1" }).extend({ timeout: { request: 1000 } });',
      'export const search = ky.create({ prefixUrl: "https://search" }).extend({ prefixUrl: "https://search/v2" });',
      'export const plain = ky.extend({ headers: {} });',
      'export function makeHooks() { return got.extend({ prefixUrl: "https://hooks" }); }',
      'export function makeApi() { return axios.create({ baseURL: "http://holds" }); }',
      'export const unknownBase = got.extend({ prefixUrl: process.env.HOOKS }).extend({ retry: { limit: 0 } });',
    ].join('\n'),
    'b.ts': [
      'import got from "got";',
      'import { hooks, search, plain, makeHooks, makeApi, unknownBase } from "./http";',
      'const admin = makeHooks().extend({ prefixUrl: "https://hooks/admin" });',
      'const holds = makeApi().create({ timeout: 5 });',
      'const moreOptions = { prefixUrl: "https://hooks/v2" };',
      'const v2 = hooks.extend(moreOptions);',
      'const local = got.extend({ prefixUrl: "https://local/" }).extend({ headers: {} });',
      'export async function sync(id: string) {',
      '  await hooks.post("notify");',
      '  await search.get(`items/${id}`);',
      '  await plain.get("https://ky.example/ping");',
      '  await admin.put("users");',
      '  await holds.delete(`/v1/holds/${id}`);',
      '  await unknownBase.get("jobs");',
      '  await v2.patch("x");',
      '  await local.get("/y");',
      '}',
    ].join('\n'),
  });
  assert.deepEqual(
    model.clientCalls.map((c) => [c.target, c.location.startLine, c.baseUrl]),
    [
      ['POST https://hooks/v1/notify', 9, 'https://hooks/v1'],
      ['GET https://search/v2/items/{}', 10, 'https://search/v2'],
      ['GET https://ky.example/ping', 11, undefined],
      ['PUT https://hooks/admin/users', 12, 'https://hooks/admin'],
      ['DELETE http://holds/v1/holds/{}', 13, 'http://holds'],
      ['GET jobs', 14, undefined],
      ['PATCH https://hooks/v2/x', 15, 'https://hooks/v2'],
      ['GET https://local/y', 16, 'https://local/'],
    ],
  );
});

test('client call sites: a parameter that every call site passes a client (plain function, across modules, handed on, a constructor keeping it on this, a TypeScript parameter property)', async () => {
  const model = await projectOf({
    'http.ts': ['import axios from "axios";', 'export const api = axios.create({ baseURL: "http://holds" });'].join('\n'),
    'load.ts': [
      'export function load(conn: any, id: string) {',
      '  return conn.get(`/v1/holds/${id}`);',
      '}',
      'export function relay(client: any) {',
      '  return load(client, "x");',
      '}',
      'export class Holds {',
      '  transport: any;',
      '  constructor(transport: any) { this.transport = transport; }',
      '  sync() { return this.transport.post("/v1/sync"); }',
      '}',
      'export class Stock {',
      '  constructor(private readonly backend: unknown) {}',
      '  count() { return (this.backend as any).get("/v1/stock"); }',
      '}',
    ].join('\n'),
    'main.ts': [
      'import axios from "axios";',
      'import { api } from "./http";',
      'import { load, relay, Holds, Stock } from "./load";',
      'export function run() {',
      '  load(api, "1");',
      '  relay(api);',
      '}',
      'const holds = new Holds(api);',
      'const stock = new Stock(axios);',
    ].join('\n'),
  });
  assert.deepEqual(
    model.clientCalls.map((c) => [c.location.file, c.target, c.location.startLine, c.confidence]),
    [
      ['load.ts', 'GET http://holds/v1/holds/{}', 2, undefined],
      ['load.ts', 'POST http://holds/v1/sync', 10, undefined],
      ['load.ts', 'GET /v1/stock', 14, undefined],
    ],
  );
});

test('client call sites: a parameter that one certain call site passes a non-client is not a client; unknown callers only lower the confidence', async () => {
  const model = await projectOf({
    'a.js': [
      'const axios = require("axios");',
      'const api = axios.create({ baseURL: "http://holds" });',
      'function viaCache(store, key) {',
      '  return store.get(key);',
      '}',
      'function viaClient(conn, id) {',
      '  return conn.get(`/v1/holds/${id}`);',
      '}',
      'function neverCalled(conn) {',
      '  return conn.get("/never");',
      '}',
      'function run(id, somethingElse) {',
      '  viaCache(api, "/a");',
      '  viaCache(new Map(), "/b");',
      '  viaClient(api, id);',
      '  viaClient(somethingElse, id);',
      '}',
      'module.exports = { run, neverCalled };',
    ].join('\n'),
  });
  assert.deepEqual(
    model.clientCalls.map((c) => [c.target, c.location.startLine, c.confidence]),
    [['GET http://holds/v1/holds/{}', 7, 0.5]],
  );
});

test('client call sites: a parameter reached by a call matched by method name only keeps that lower confidence; f.call(thisArg, client) passes the client; recursion passing it on is neutral', async () => {
  const model = await projectOf({
    'a.js': [
      'const axios = require("axios");',
      'const api = axios.create({ baseURL: "http://h" });',
      'class Repo {',
      '  fetchOne(conn) { return conn.get("/x"); }',
      '}',
      'function run(repo) { return repo.fetchOne(api); }',
      'function viaCall(conn) { return conn.post("/y"); }',
      'viaCall.call(null, api);',
      'function walk(conn, depth) { if (depth > 0) walk(conn, depth - 1); return conn.put("/tree"); }',
      'walk(api, 3);',
      'module.exports = { run, Repo };',
    ].join('\n'),
  });
  assert.deepEqual(
    model.clientCalls.map((c) => [c.target, c.location.startLine, c.confidence]),
    [
      ['GET http://h/x', 4, 0.5],
      ['POST http://h/y', 7, undefined],
      // The recursive call hands the parameter back to itself: it neither adds nor lowers anything.
      ['PUT http://h/tree', 9, undefined],
    ],
  );
});

test('client call sites: receivers known by a declared client type (Nest HttpService and its axiosRef, AxiosInstance, Got, KyInstance, typeof axios), imported from those packages, at a lower recorded confidence', async () => {
  const model = await projectOf({
    'holds.service.ts': [
      'import { Injectable } from "@nestjs/common";',
      'import { HttpService } from "@nestjs/axios";',
      'import { firstValueFrom, lastValueFrom, map } from "rxjs";',
      '@Injectable()',
      'export class HoldsService {',
      '  constructor(private readonly httpService: HttpService) {}',
      '  get(id: string) { return this.httpService.get(`/v1/holds/${id}`); }',
      '  async place(body: unknown) { return firstValueFrom(this.httpService.post("/v1/holds", body)); }',
      '  async drop(id: string) { return lastValueFrom(this.httpService.delete(`/v1/holds/${id}`).pipe(map((r) => r.data))); }',
      '  raw() { return this.httpService.axiosRef.get("/v1/raw"); }',
      '}',
    ].join('\n'),
    'clients.ts': [
      'import axios from "axios";',
      'import type { AxiosInstance } from "axios";',
      'import { type Got } from "got";',
      'import type { KyInstance } from "ky";',
      'export function viaAxios(conn: AxiosInstance) { return conn.get("/a"); }',
      'export function viaGot(conn: Got) { return conn.post("b"); }',
      'export function viaKy(conn: KyInstance) { return conn.put("c"); }',
      'export function viaStatic(conn: typeof axios) { return conn.patch("/d"); }',
      'export class Field {',
      '  private transport!: AxiosInstance;',
      '  run() { return this.transport.get("/e"); }',
      '}',
      'let later: Got;',
      'export function useLater() { return later.get("f"); }',
      'export let shared: KyInstance;',
    ].join('\n'),
    'shared.ts': ['import { shared } from "./clients";', 'export function useShared() { return shared.delete("g"); }'].join('\n'),
  });
  assert.deepEqual(
    model.clientCalls.map((c) => [c.location.file, c.target, c.location.startLine, c.confidence]),
    [
      ['clients.ts', 'GET /a', 5, 0.9],
      ['clients.ts', 'POST b', 6, 0.9],
      ['clients.ts', 'PUT c', 7, 0.9],
      ['clients.ts', 'PATCH /d', 8, 0.9],
      ['clients.ts', 'GET /e', 11, 0.9],
      ['clients.ts', 'GET f', 14, 0.9],
      ['holds.service.ts', 'GET /v1/holds/{}', 7, 0.9],
      ['holds.service.ts', 'POST /v1/holds', 8, 0.9],
      ['holds.service.ts', 'DELETE /v1/holds/{}', 9, 0.9],
      ['holds.service.ts', 'GET /v1/raw', 10, 0.9],
      ['shared.ts', 'DELETE g', 2, 0.9],
    ],
  );
});

test('client call sites: a declared client type gives the callers\' base when they all pass one, is handed on to untyped parameters, and follows re-exports of the type', async () => {
  const model = await projectOf({
    'http.ts': ['import axios from "axios";', 'export const api = axios.create({ baseURL: "http://holds" });'].join('\n'),
    'types.ts': 'export type { AxiosInstance as Http } from "axios";',
    'load.ts': [
      'import type { AxiosInstance } from "axios";',
      'import type { Http } from "./types";',
      'import { HttpService } from "@nestjs/axios";',
      'export function load(conn: AxiosInstance, id: string) { return conn.get(`/v1/holds/${id}`); }',
      'export function mocked(conn: AxiosInstance) { return conn.get("/mocked"); }',
      'export function viaAlias(conn: Http) { return conn.post("/alias"); }',
      'function helper(conn: any) { return conn.put("/helper"); }',
      'export class Svc {',
      '  constructor(private readonly httpService: HttpService) {}',
      '  run() { return helper(this.httpService); }',
      '}',
    ].join('\n'),
    'main.ts': [
      'import { api } from "./http";',
      'import { load, mocked } from "./load";',
      'export function run() { return load(api, "1"); }',
      'export function test() { return mocked({ get: () => null } as any); }',
    ].join('\n'),
  });
  assert.deepEqual(
    model.clientCalls.map((c) => [c.location.file, c.target, c.location.startLine, c.confidence]),
    [
      // Every caller passes the factory-made instance: its base, and the callers' certainty.
      ['load.ts', 'GET http://holds/v1/holds/{}', 4, undefined],
      // A test double passed by a caller does not overrule the declared type.
      ['load.ts', 'GET /mocked', 5, 0.9],
      ['load.ts', 'POST /alias', 6, 0.9],
      ['load.ts', 'PUT /helper', 7, 0.9],
    ],
  );
});

test('client call sites: not a declared client type — a local interface HttpService, a local Got, a Map parameter, an any parameter nobody passes a client, typeof a plain object', async () => {
  const model = await projectOf({
    'types.ts': 'export interface Got { get(url: string): unknown; post(url: string): unknown }',
    'svc.ts': [
      'import type { Got } from "./types";',
      'interface HttpService { get(url: string): unknown }',
      'const cache = { get: (key: string) => key };',
      'export class Svc {',
      '  constructor(private readonly httpService: HttpService, private readonly store: Got) {}',
      '  a() { return this.httpService.get("/a"); }',
      '  b() { return this.store.post("/b"); }',
      '}',
      'export function viaMap(m: Map<string, string>) { return m.get("/c"); }',
      'export function viaAny(conn: any) { return conn.get("/d"); }',
      'export function viaTypeof(c: typeof cache) { return c.get("/e"); }',
      'export function viaUncalled(conn: any) { return conn.get("/f"); }',
      'export function caller() { return viaAny(new Map()); }',
    ].join('\n'),
  });
  assert.deepEqual(model.clientCalls, []);
});

test('client call sites: undici — its functions, dispatchers made with new (the origin a literal or a constant), declared Pool / Client / Agent / Dispatcher types at the declared confidence, request({ origin, path, method }), stream and pipeline', async () => {
  const model = await projectOf({
    'stock.ts': [
      'import { Pool, Agent, request, stream, fetch as undiciFetch } from "undici";',
      'import * as undici from "undici";',
      'const STOCK = "http://stock:8080";',
      'export const pool = new Pool(STOCK);',
      'const agent = new Agent({ connections: 4 });',
      'export async function levels(sku: string, origin: string) {',
      '  await pool.request({ path: `/v1/levels/${sku}`, method: "GET" });',
      '  await agent.request({ origin: "http://prices", path: "/v2/prices", method: "POST" });',
      '  await agent.request({ origin, path: "/v2/any", method: "PUT" });',
      '  await request(`http://orders/v1/orders/${sku}`, { method: "DELETE" });',
      '  await undiciFetch("http://orders/health");',
      '  await stream("http://files/big", { method: "GET" }, () => process.stdout);',
      '  await undici.pipeline("http://files/pipe", { method: "POST" }, (r) => r.body);',
      '  await pool.stream({ path: "/v1/export", method: "GET" }, () => process.stdout);',
      '}',
    ].join('\n'),
    'typed.ts': [
      'import type { Pool, Client, Dispatcher } from "undici";',
      'import { pool } from "./stock";',
      'export class Stock {',
      '  constructor(private readonly upstream: Pool, private readonly conn: Client) {}',
      '  count() { return this.upstream.request({ path: "/v1/count", method: "GET" }); }',
      '  put(id: string) { return this.conn.request({ path: `/v1/items/${id}`, method: "PUT" }); }',
      '}',
      'export function viaDispatcher(d: Dispatcher) { return d.request({ origin: "http://audit", path: "/log", method: "POST" }); }',
      'export function imported() { return pool.request({ path: "/v1/imported", method: "HEAD" }); }',
    ].join('\n'),
    'lookalike.ts': [
      'import { Pool } from "pg";',
      'const db = new Pool();',
      'export function notHttp() { return db.request({ path: "/nope", method: "GET" }); }',
    ].join('\n'),
  });
  assert.deepEqual(
    model.clientCalls.map((c) => [c.location.file, c.target, c.location.startLine, c.baseUrl, c.confidence]),
    [
      ['stock.ts', 'GET http://stock:8080/v1/levels/{}', 7, 'http://stock:8080', undefined],
      ['stock.ts', 'POST http://prices/v2/prices', 8, undefined, undefined],
      ['stock.ts', 'PUT {}/v2/any', 9, undefined, undefined],
      ['stock.ts', 'DELETE http://orders/v1/orders/{}', 10, undefined, undefined],
      ['stock.ts', 'GET http://orders/health', 11, undefined, undefined],
      ['stock.ts', 'GET http://files/big', 12, undefined, undefined],
      ['stock.ts', 'POST http://files/pipe', 13, undefined, undefined],
      ['stock.ts', 'GET http://stock:8080/v1/export', 14, 'http://stock:8080', undefined],
      ['typed.ts', 'GET /v1/count', 5, undefined, 0.9],
      ['typed.ts', 'PUT /v1/items/{}', 6, undefined, 0.9],
      ['typed.ts', 'POST http://audit/log', 8, undefined, 0.9],
      ['typed.ts', 'HEAD http://stock:8080/v1/imported', 9, 'http://stock:8080', undefined],
    ],
  );
});

test('client call sites: superagent — request.get(url) chains with .query(), request(method, url), agents from superagent.agent() (same file and imported), declared SuperAgentStatic, del; a parameter passed superagent itself', async () => {
  const model = await projectOf({
    'search.ts': [
      'import request from "superagent";',
      'import superagent from "superagent";',
      'import type { SuperAgentStatic } from "superagent";',
      'export const agent = superagent.agent();',
      'export async function search(q: string, id: string) {',
      '  await request.get("http://search/v1/find").query({ q }).set("Accept", "application/json");',
      '  await request("POST", `http://search/v1/index/${id}`).send({ q });',
      '  await agent.post("http://search/v1/session").send({ q });',
      '  await superagent.del(`http://search/v1/index/${id}`);',
      '}',
      'export class Indexer {',
      '  constructor(private readonly sa: SuperAgentStatic) {}',
      '  refresh() { return this.sa.put("http://search/v1/refresh").query({ all: true }); }',
      '}',
      'export function load(http: any) { return http.get("http://search/v1/load"); }',
      'export function run() { return load(superagent); }',
    ].join('\n'),
    'other.ts': ['import { agent } from "./search";', 'export function ping() { return agent.head("http://search/ping"); }'].join('\n'),
  });
  assert.deepEqual(
    model.clientCalls.map((c) => [c.location.file, c.target, c.location.startLine, c.confidence]),
    [
      ['other.ts', 'HEAD http://search/ping', 2, undefined],
      ['search.ts', 'GET http://search/v1/find', 6, undefined],
      ['search.ts', 'POST http://search/v1/index/{}', 7, undefined],
      ['search.ts', 'POST http://search/v1/session', 8, undefined],
      ['search.ts', 'DELETE http://search/v1/index/{}', 9, undefined],
      ['search.ts', 'PUT http://search/v1/refresh', 13, 0.9],
      ['search.ts', 'GET http://search/v1/load', 15, undefined],
    ],
  );
});
