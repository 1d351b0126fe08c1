// Client spans mapped against a real scan (not a hand-built one): the call is made on a client
// instance that another module created with a client factory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanProject } from '../../../src/core/analysis/scan';
import { createMappingContext } from '../../../src/core/mapping/index';
import { mapClientSpan } from '../../../src/core/mapping/client-calls';
import type { Span } from '../../../src/core/model/telemetry';
import { makeWorkspace } from './workspace';

test('a client span maps to the call on a factory-made client instance imported from another module', async (t) => {
  const ws = makeWorkspace({
    'src/lib/http.ts': ['import axios from "axios";', 'export const api = axios.create({ baseURL: process.env.API });'].join('\n'),
    'src/lib/cache.ts': 'export const cache = { get(key: string) { return key; } };',
    'src/services/holds.ts': [
      'import { api } from "../lib/http";',
      'import { cache } from "../lib/cache";',
      'export async function getHold(id: string) {',
      '  cache.get(`/v1/holds/${id}`);',
      '  return api.get(`/v1/holds/${id}`);',
      '}',
    ].join('\n'),
  });
  t.after(ws.cleanup);
  const { result } = await scanProject(ws.root);
  const ctx = createMappingContext(ws.root, result);
  const span: Span = {
    traceId: 't1', spanId: 's1', name: 'GET /v1/holds/{holdId}', kind: 'client', startMs: 0, status: 'unset', events: [], origin: { file: 'traces.json', line: 1 },
    attributes: { 'http.request.method': 'GET', 'url.full': 'http://holds.internal/v1/holds/h-123' },
  };
  assert.deepEqual(
    mapClientSpan(ctx, span).map((m) => `${m.location.file}:${m.location.startLine}`),
    ['src/services/holds.ts:5'],
  );
});

const clientSpan = (url: string): Span => ({
  traceId: 't1', spanId: 's1', name: 'GET', kind: 'client', startMs: 0, status: 'unset', events: [], origin: { file: 'traces.json', line: 1 },
  attributes: { 'http.request.method': 'GET', 'url.full': url },
});

test('a client span maps to the call on a parameter its callers pass a client; another host finds it by the path it adds to the base, less surely', async (t) => {
  const ws = makeWorkspace({
    'src/http.ts': ['import axios from "axios";', 'export const holdsApi = axios.create({ baseURL: "http://holds.internal/v1" });'].join('\n'),
    'src/holds.ts': ['export async function getHold(conn: any, id: string) {', '  return conn.get(`/holds/${id}`);', '}'].join('\n'),
    'src/main.ts': ['import { holdsApi } from "./http";', 'import { getHold } from "./holds";', 'export function run(id: string) {', '  return getHold(holdsApi, id);', '}'].join('\n'),
  });
  t.after(ws.cleanup);
  const { result } = await scanProject(ws.root);
  const ctx = createMappingContext(ws.root, result);
  const same = mapClientSpan(ctx, clientSpan('http://holds.internal/v1/holds/h-123'));
  assert.deepEqual(same.map((m) => `${m.location.file}:${m.location.startLine}`), ['src/holds.ts:2']);
  const otherHost = mapClientSpan(ctx, clientSpan('https://holds.prod.example/v1/holds/h-123'));
  assert.deepEqual(otherHost.map((m) => `${m.location.file}:${m.location.startLine}`), ['src/holds.ts:2']);
  assert.ok(otherHost[0].confidence < same[0].confidence, `${otherHost[0].confidence} < ${same[0].confidence}`);
  assert.deepEqual(mapClientSpan(ctx, clientSpan('https://holds.prod.example/v2/holds/h-123')), [], 'the base path still has to match');
});

test('a call on a parameter only some callers are known to pass a client to maps with the lower confidence recorded on the site', async (t) => {
  const files = (second: string) => ({
    'src/http.js': ['const axios = require("axios");', 'module.exports = axios.create({ baseURL: "http://holds" });'].join('\n'),
    'src/holds.js': ['exports.getHold = function getHold(conn, id) {', '  return conn.get(`/holds/${id}`);', '};'].join('\n'),
    'src/main.js': ['const api = require("./http");', 'const { getHold } = require("./holds");', 'exports.run = (id, other) => {', '  getHold(api, id);', `  getHold(${second}, id);`, '};'].join('\n'),
  });
  const sure = makeWorkspace(files('api'));
  const unsure = makeWorkspace(files('other'));
  t.after(sure.cleanup);
  t.after(unsure.cleanup);
  const mapped = async (root: string) => mapClientSpan(createMappingContext(root, (await scanProject(root)).result), clientSpan('http://holds/holds/h-1'));
  const [a, b] = [await mapped(sure.root), await mapped(unsure.root)];
  assert.deepEqual([a.length, b.length], [1, 1]);
  assert.equal(b[0].confidence, a[0].confidence * 0.5);
  assert.match(b[0].detail, /probably a client/);
});

test('a client span maps to this.http.get in a NestJS service whose HttpService is injected by type (nothing in the project constructs it)', async (t) => {
  const ws = makeWorkspace({
    'src/holds/holds.service.ts': [
      'import { Injectable } from "@nestjs/common";',
      'import { HttpService } from "@nestjs/axios";',
      'import { firstValueFrom } from "rxjs";',
      '@Injectable()',
      'export class HoldsService {',
      '  constructor(private readonly http: HttpService) {}',
      '  async getHold(id: string) {',
      '    const { data } = await firstValueFrom(this.http.get(`/v1/holds/${id}`));',
      '    return data;',
      '  }',
      '}',
    ].join('\n'),
    'src/stock/stock.service.ts': [
      'import { Injectable } from "@nestjs/common";',
      'import { HttpService } from "@nestjs/axios";',
      'import type { LocalHttp } from "./local-http";',
      '@Injectable()',
      'export class StockService {',
      '  constructor(private readonly stockApi: HttpService, private readonly cache: LocalHttp) {}',
      '  count(sku: string) {',
      '    this.cache.get(`/v1/prices/${sku}`);',
      '    return this.stockApi.axiosRef.get(`/v1/stock/${sku}`);',
      '  }',
      '}',
    ].join('\n'),
    'src/stock/local-http.ts': 'export interface LocalHttp { get(url: string): unknown }',
  });
  t.after(ws.cleanup);
  const { result } = await scanProject(ws.root);
  const ctx = createMappingContext(ws.root, result);
  const hold = mapClientSpan(ctx, clientSpan('http://holds.internal/v1/holds/h-123'));
  assert.deepEqual(hold.map((m) => `${m.location.file}:${m.location.startLine}`), ['src/holds/holds.service.ts:8']);
  // A receiver whose name says nothing: the declared type alone makes it a client, and the mapping says how sure that is.
  const stock = mapClientSpan(ctx, clientSpan('http://stock.internal/v1/stock/sku-9'));
  assert.deepEqual(stock.map((m) => `${m.location.file}:${m.location.startLine}`), ['src/stock/stock.service.ts:9']);
  assert.ok(stock[0].confidence < hold[0].confidence, `${stock[0].confidence} < ${hold[0].confidence}`);
  assert.match(stock[0].detail, /declared type/);
  assert.deepEqual(mapClientSpan(ctx, clientSpan('http://prices.internal/v1/prices/sku-9')), [], 'a local type of the same shape is no client');
});

const spanOf = (method: string, url: string): Span => ({ ...clientSpan(url), attributes: { 'http.request.method': method, 'url.full': url } });

test('client spans map to undici dispatcher requests (a pool made with its origin, an injected Dispatcher) and superagent chains, by method and URL template', async (t) => {
  const ws = makeWorkspace({
    'src/stock.ts': [
      'import { Pool } from "undici";',
      'import type { Dispatcher } from "undici";',
      'const pool = new Pool("http://stock.internal");',
      'export async function level(sku: string) {',
      '  return pool.request({ path: `/v1/levels/${sku}`, method: "GET" });',
      '}',
      'export async function reserve(d: Dispatcher, sku: string) {',
      '  return d.request({ origin: "http://stock.internal", path: `/v1/levels/${sku}/reserve`, method: "POST" });',
      '}',
    ].join('\n'),
    'src/search.ts': [
      'import superagent from "superagent";',
      'const agent = superagent.agent();',
      'export async function find(q: string, id: string) {',
      '  await agent.get("http://search.internal/v1/find").query({ q });',
      '  return superagent.del(`http://search.internal/v1/index/${id}`);',
      '}',
    ].join('\n'),
  });
  t.after(ws.cleanup);
  const { result } = await scanProject(ws.root);
  const ctx = createMappingContext(ws.root, result);
  const at = (method: string, url: string) => mapClientSpan(ctx, spanOf(method, url)).map((m) => `${m.location.file}:${m.location.startLine}`);
  assert.deepEqual(at('GET', 'http://stock.internal/v1/levels/sku-9'), ['src/stock.ts:5']);
  // The pool's origin is its base: another host finds the call by the path it adds.
  assert.deepEqual(at('GET', 'https://stock.prod.example/v1/levels/sku-9'), ['src/stock.ts:5']);
  const reserve = mapClientSpan(ctx, spanOf('POST', 'http://stock.internal/v1/levels/sku-9/reserve'));
  assert.deepEqual(reserve.map((m) => `${m.location.file}:${m.location.startLine}`), ['src/stock.ts:8']);
  assert.match(reserve[0].detail, /declared type/);
  assert.deepEqual(at('GET', 'http://search.internal/v1/find?q=shoes'), ['src/search.ts:4']);
  assert.deepEqual(at('DELETE', 'http://search.internal/v1/index/doc-42'), ['src/search.ts:5']);
  assert.deepEqual(at('POST', 'http://search.internal/v1/find'), [], 'the method has to match');
});
