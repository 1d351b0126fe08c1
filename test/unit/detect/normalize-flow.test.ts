import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizePath, normalizeText } from '../../../src/core/detect/normalize';
import { flowFromAttributes, flowFromSpanName } from '../../../src/core/detect/flow';

test('normalizePath replaces ids, uuids, numbers, hashes and emails, and drops the query', () => {
  const cases: Array<[string, string]> = [
    ['/users/42/orders', '/users/:num/orders'],
    ['/orders/3f2b8c1e-9d4a-4b6f-8e2a-1c2d3e4f5a6b', '/orders/:uuid'],
    ['https://shop.example:8443/cart/5f1d7a3b9c2e4d6f8a0b1c2d?ref=x#top', '/cart/:hash'],
    ['/users/alice%40example.com/profile', '/users/:email/profile'],
    ['/files/AbCdEf0123456789xyZ/raw', '/files/:id/raw'],
    ['/api/products/1YMWWN1N4O', '/api/products/:id'],
    ['/orders/o-5028/gift-card/redeem', '/orders/:id/gift-card/redeem'],
    ['/health', '/health'],
    ['/oauth2/callback', '/oauth2/callback'],
    ['/v2/items', '/v2/items'],
    ['', '/'],
    ['/bad/%E0%A4%A', '/bad/%E0%A4%A'],
  ];
  for (const [input, want] of cases) assert.equal(normalizePath(input), want, input);
});

test('normalizeText turns values into placeholders and leaves words', () => {
  const cases: Array<[string, string]> = [
    ['retry 3 of 10 for job 42', 'retry <n> of <n> for job <n>'],
    ['user bob@example.com not found', 'user <email> not found'],
    ['trace 4bf92f3577b34da6a3ce929d0e0e4736 done', 'trace <hex> done'],
    ['order 3f2b8c1e-9d4a-4b6f-8e2a-1c2d3e4f5a6b', 'order <uuid>'],
    ['SELECT * FROM t2 WHERE id = 7', 'SELECT * FROM t2 WHERE id = <n>'],
  ];
  for (const [input, want] of cases) assert.equal(normalizeText(input), want, input);
});

test('flowFromAttributes prefers the route template, then a normalized URL; nested pino fields work', () => {
  const cases: Array<[Record<string, unknown>, string | undefined]> = [
    [{ 'http.request.method': 'post', 'http.route': '/orders/:id/redeem', 'url.path': '/orders/7/redeem' }, 'POST /orders/:id/redeem'],
    [{ 'http.method': 'GET', 'http.target': '/users/42?x=1' }, 'GET /users/:num'],
    [{ 'http.method': 'GET', 'http.url': 'http://a.example/items/99' }, 'GET /items/:num'],
    [{ req: { method: 'PUT', url: '/carts/12' } }, 'PUT /carts/:num'],
    [{ 'http.route': '/only-route' }, '/only-route'],
    [{ 'db.system': 'redis' }, undefined],
    [{ 'http.method': 'GET', 'http.target': 'not-a-path' }, undefined],
  ];
  for (const [attrs, want] of cases) assert.equal(flowFromAttributes(attrs as never)?.key, want, JSON.stringify(attrs));
});

test('flowFromSpanName reads "METHOD /path" names and otherwise prefixes the service', () => {
  assert.equal(flowFromSpanName('GET /api/products/42', 'frontend').key, 'GET /api/products/:num');
  assert.equal(flowFromSpanName('oteldemo.CartService/GetCart', 'cart').key, 'cart: oteldemo.CartService/GetCart');
});

test('hostile sizes are cut before any pattern runs: a megabyte path segment, an e-mail-like megabyte, a megabyte message', () => {
  assert.equal(normalizePath(`/u/${'a'.repeat(1 << 20)}@${'b.'.repeat(1 << 19)}com/x`), '/u/:long');
  assert.equal(normalizePath(`/${'x'.repeat(100)}/${'1'.repeat(200)}`), `/${'x'.repeat(100)}/:long`);
  assert.ok(normalizeText(`${'a'.repeat(1 << 20)}@`).length <= 1000);
  assert.ok(normalizeText(`id ${'f'.repeat(1 << 20)}`).length <= 1000);
});
