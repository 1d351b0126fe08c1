// Each mapping source on its own, against a small workspace and a hand-built scan.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMappingContext, mapEvidence, mapLog, mapSpan } from '../../../src/core/mapping/index';
import { parseStackTrace } from '../../../src/core/mapping/stack-trace';
import { mapCodeAttributes } from '../../../src/core/mapping/code-attributes';
import { mapExceptionEvents } from '../../../src/core/mapping/exception-events';
import { mapLogStack } from '../../../src/core/mapping/log-stacks';
import { mapSpanName } from '../../../src/core/mapping/span-names';
import { mapLogMessage } from '../../../src/core/mapping/log-templates';
import { idFreeUrl, mapClientSpan, normalizeStatement } from '../../../src/core/mapping/client-calls';
import { mapFrameworkSpan } from '../../../src/core/mapping/framework-spans';
import { mapFlowToHandlers, normalizeRoute } from '../../../src/core/mapping/route-handlers';
import type { LogRecord, Span } from '../../../src/core/model/telemetry';
import type { RequestRecord } from '../../../src/core/model/request';
import { emptyScan, loc, makeWorkspace } from './workspace';

const ws = makeWorkspace({
  'src/app.ts': '',
  'src/routes/orders.ts': '',
  'src/services/vouchers.ts': '',
  'src/services/inventory.ts': '',
});
test.after(ws.cleanup);

const scan = emptyScan(ws.root, {
  entryPoints: [
    { flow: 'POST /orders/:id/redeem', method: 'POST', route: '/orders/:id/redeem', framework: 'express', registration: loc('src/app.ts', 20), handlers: [loc('src/app.ts', 10, 14), loc('src/routes/orders.ts', 30, 60)], handlerNames: ['requireUser', 'redeemOrder'] },
    { flow: 'GET /orders/:id', method: 'GET', route: '/orders/:id', framework: 'express', registration: loc('src/app.ts', 21), handlers: [loc('src/routes/orders.ts', 5, 25)], handlerNames: ['getOrder'] },
    { flow: 'GET /products', method: 'GET', route: '/products', framework: 'koa', registration: loc('src/app.ts', 22), handlers: [loc('src/routes/orders.ts', 70, 80)], handlerNames: ['listProducts'] },
  ],
  spanSites: [
    { name: 'voucher.lookup', location: loc('src/services/vouchers.ts', 12), functionName: 'lookupVoucher' },
    { name: 'inventory.reserve {}', location: loc('src/services/inventory.ts', 40), functionName: 'reserve' },
    { name: 'inventory.{}', location: loc('src/services/inventory.ts', 50) },
  ],
  logSites: [
    { template: 'retrying voucher {} (attempt {})', level: 'warn', location: loc('src/services/vouchers.ts', 33), functionName: 'redeemVoucher' },
    { template: 'voucher %s not ready', level: 'info', location: loc('src/services/vouchers.ts', 35) },
    { template: 'voucher %s not ready', level: 'debug', location: loc('src/services/vouchers.ts', 90) },
    { template: 'ok', location: loc('src/app.ts', 1) },
  ],
  clientCalls: [
    { kind: 'http', target: 'GET {}/stock/{}', location: loc('src/services/inventory.ts', 60), functionName: 'stockOf' },
    { kind: 'http', target: 'POST {}/stock/{}', location: loc('src/services/inventory.ts', 70) },
    { kind: 'http', target: 'PUT ledger.internal/entries/{}', location: loc('src/services/inventory.ts', 80) },
    { kind: 'db', target: 'SELECT * FROM vouchers WHERE code = $1', location: loc('src/services/vouchers.ts', 20), functionName: 'lookupVoucher' },
  ],
  functions: [
    { id: 'src/services/vouchers.ts:30:1', name: 'redeemVoucher', location: loc('src/services/vouchers.ts', 30, 45) },
    { id: 'src/app.ts:10:1', name: 'requireUser', location: loc('src/app.ts', 10, 14) },
    { id: 'src/app.ts:90:1', name: 'audit', location: loc('src/app.ts', 90, 95) },
  ],
});
const ctx = createMappingContext(ws.root, scan);

let nextId = 0;
function span(name: string, attributes: Span['attributes'] = {}, extra: Partial<Span> = {}): Span {
  return { traceId: 'trace1', spanId: `s${nextId++}`, name, kind: 'internal', startMs: 0, status: 'unset', attributes, events: [], origin: { file: 'traces.json', line: nextId }, ...extra };
}
function log(message: string, attributes: LogRecord['attributes'] = {}, extra: Partial<LogRecord> = {}): LogRecord {
  return { message, attributes, origin: { file: 'app.log', line: nextId++ }, ...extra };
}
const where = (m: { location: { file: string; startLine: number } }[]) => m.map((x) => `${x.location.file}:${x.location.startLine}`);

test('stack trace parsing: V8 and Gecko frames; runtime and dependency frames skipped', () => {
  const frames = parseStackTrace([
    'TypeError: x is undefined',
    '    at redeemVoucher (/app/src/services/vouchers.ts:41:9)',
    '    at async Promise.all (index 0)',
    '    at /app/src/app.ts:12:3',
    '    at Layer.handle [as handle_request] (/app/node_modules/express/lib/router/layer.js:95:5)',
    '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
    '    at new Cart (C:\\app\\src\\cart.js:3:1)',
    'audit@http://localhost/src/app.ts:91:2',
  ].join('\n'));
  assert.deepEqual(frames, [
    { path: '/app/src/services/vouchers.ts', line: 41, column: 9, functionName: 'redeemVoucher' },
    { path: '/app/src/app.ts', line: 12, column: 3, functionName: undefined },
    { path: 'C:\\app\\src\\cart.js', line: 3, column: 1, functionName: 'Cart' },
    { path: 'http://localhost/src/app.ts', line: 91, column: 2, functionName: 'audit' },
  ]);
});

test('code.* attributes: current and old names, function name alone, code.stacktrace', () => {
  const cases: Array<[string, Span['attributes'], string[]]> = [
    ['current names', { 'code.file.path': '/srv/src/services/vouchers.ts', 'code.line.number': 41, 'code.function.name': 'redeemVoucher' }, ['src/services/vouchers.ts:41']],
    ['old names', { 'code.filepath': '/srv/src/app.ts', 'code.lineno': '12' }, ['src/app.ts:12']],
    ['function + namespace only', { 'code.function': 'redeemVoucher', 'code.namespace': 'vouchers' }, ['src/services/vouchers.ts:30']],
    ['stacktrace', { 'code.stacktrace': 'Error\n    at audit (/x/src/app.ts:92:1)' }, ['src/app.ts:92']],
    ['nothing', { 'http.route': '/x' }, []],
    ['a dependency file that shares a suffix with a project file', { 'code.filepath': '/app/node_modules/lib/src/app.ts', 'code.lineno': 3 }, []],
  ];
  for (const [name, attributes, expected] of cases) assert.deepEqual(where(mapCodeAttributes(ctx, attributes)), expected, name);
  const m = mapCodeAttributes(ctx, { 'code.file.path': '/srv/src/app.ts', 'code.line.number': 3 })[0];
  assert.equal(m.via, 'code-attributes');
});

test('exception events and stacks inside log records (pino err, ECS error.stack_trace, nested and flat)', () => {
  const s = span('x', {}, { events: [{ name: 'exception', timeMs: 0, attributes: { 'exception.stacktrace': 'Error\n    at f (/a/src/app.ts:11:2)' } }, { name: 'other', timeMs: 0, attributes: { 'exception.stacktrace': 'Error\n    at f (/a/src/app.ts:99:2)' } }] });
  assert.deepEqual(where(mapExceptionEvents(ctx, s)), ['src/app.ts:11']);
  const cases: Array<[string, LogRecord['attributes'], string]> = [
    ['pino err.stack nested', { err: { type: 'Error', message: 'm', stack: 'Error: m\n    at g (/b/src/routes/orders.ts:44:1)' } }, 'src/routes/orders.ts:44'],
    ['flat error.stack_trace (ECS)', { 'error.stack_trace': 'Error: m\n    at g (/b/src/routes/orders.ts:45:1)' }, 'src/routes/orders.ts:45'],
    ['nested ECS', { error: { stack_trace: 'Error: m\n    at g (/b/src/routes/orders.ts:46:1)' } }, 'src/routes/orders.ts:46'],
    ['plain stack', { stack: 'Error: m\n    at g (/b/src/routes/orders.ts:47:1)' }, 'src/routes/orders.ts:47'],
  ];
  for (const [name, attributes, expected] of cases) {
    const mapped = mapLogStack(ctx, log('failed', attributes));
    assert.deepEqual(where(mapped).slice(0, 1), [expected], name);
    assert.equal(mapped[0].via, 'stack-trace');
  }
});

test('span names → startSpan sites, literal first, then the most specific template', () => {
  const cases: Array<[string, string[]]> = [
    ['voucher.lookup', ['src/services/vouchers.ts:12']],
    ['inventory.reserve sku-42', ['src/services/inventory.ts:40']],
    ['inventory.release', ['src/services/inventory.ts:50']],
    ['unknown.op', []],
  ];
  for (const [name, expected] of cases) assert.deepEqual(where(mapSpanName(ctx, name)), expected, name);
  assert.ok(mapSpanName(ctx, 'voucher.lookup')[0].confidence > mapSpanName(ctx, 'inventory.release')[0].confidence);
});

test('log messages → logger calls by template, level breaking ties; tiny templates ignored', () => {
  const cases: Array<[string, string | undefined, string[]]> = [
    ['retrying voucher SPRING-7 (attempt 3)', 'warn', ['src/services/vouchers.ts:33']],
    ['voucher ABC not ready', 'debug', ['src/services/vouchers.ts:90']],
    ['voucher ABC not ready', undefined, ['src/services/vouchers.ts:35', 'src/services/vouchers.ts:90']],
    ['something else', 'info', []],
  ];
  for (const [message, level, expected] of cases) assert.deepEqual(where(mapLogMessage(ctx, message, level)), expected, message);
  // A hostile message (huge, many separators) answers quickly and maps nothing.
  const start = process.hrtime.bigint();
  assert.deepEqual(mapLogMessage(ctx, 'voucher '.repeat(50_000)), []);
  assert.ok(Number(process.hrtime.bigint() - start) < 2e9);
});

test('client spans → HTTP calls by method + URL template, DB calls by statement', () => {
  const client = (attributes: Span['attributes']) => span('GET', attributes, { kind: 'client' });
  const cases: Array<[string, Span, string[]]> = [
    ['GET url.full', client({ 'http.request.method': 'GET', 'url.full': 'http://inventory:8080/stock/sku-1?x=1' }), ['src/services/inventory.ts:60']],
    ['POST old attrs', client({ 'http.method': 'POST', 'http.url': 'http://inventory/stock/sku-1' }), ['src/services/inventory.ts:70']],
    ['node:http host + path', client({ 'http.method': 'PUT', 'http.url': 'http://ledger.internal/entries/e-9' }), ['src/services/inventory.ts:80']],
    ['DELETE nothing', client({ 'http.request.method': 'DELETE', 'url.full': 'http://inventory/stock/sku-1' }), []],
    ['db.statement', client({ 'db.statement': "select *  from vouchers where code = 'X1'" }), ['src/services/vouchers.ts:20']],
    ['db.query.text', span('pg.query', { 'db.query.text': 'SELECT * FROM vouchers WHERE code = $1' }), ['src/services/vouchers.ts:20']],
  ];
  for (const [name, s, expected] of cases) assert.deepEqual(where(mapClientSpan(ctx, s)), expected, name);
  const urls: Array<[string, string]> = [
    ['https://inventory:8080/v1/stock/sku-42?page=2', 'https://inventory:8080/v1/stock/{}'],
    ['/orders/9f1c2e3d4b5a69788796a5b4c3d2e1f0/items', '/orders/{}/items'],
    ['/products/shoes', '/products/shoes'],
  ];
  for (const [url, expected] of urls) assert.equal(idFreeUrl(url), expected, url);
  assert.equal(normalizeStatement("SELECT a FROM t WHERE id = 42 AND n = 'o''k'"), 'select a from t where id = ? and n = ?');
});

test('framework spans → registered functions (Express and Koa)', () => {
  const cases: Array<[string, Span, string | undefined, string[]]> = [
    ['express middleware by express.name', span('middleware - requireUser', { 'express.name': 'requireUser', 'express.type': 'middleware' }), 'POST /orders/:id/redeem', ['src/app.ts:10']],
    ['express request handler', span('request handler - /orders/:id/redeem', { 'express.type': 'request_handler', 'http.route': '/orders/:id/redeem' }), 'POST /orders/:id/redeem', ['src/routes/orders.ts:30']],
    ['express request handler, method from the flow', span('request handler - /orders/:id', { 'express.type': 'request_handler', 'http.route': '/orders/:id' }), 'GET /orders/:id', ['src/routes/orders.ts:5']],
    ['koa router', span('router - /products', { 'koa.type': 'router', 'koa.name': '/products', 'http.route': '/products' }), 'GET /products', ['src/routes/orders.ts:70']],
    ['middleware known only as a function', span('middleware - audit'), undefined, ['src/app.ts:90']],
    ['anonymous middleware', span('middleware - <anonymous>', { 'express.type': 'middleware', 'express.name': '<anonymous>' }), undefined, []],
    ['express mounted router', span('router - /api', { 'express.type': 'router', 'express.name': '/api' }), undefined, []],
    ['not a framework span', span('voucher.lookup'), undefined, []],
  ];
  for (const [name, s, flow, expected] of cases) assert.deepEqual(where(mapFrameworkSpan(ctx, s, flow)), expected, name);
});

test('flows → handlers: template spellings and concrete paths', () => {
  assert.equal(normalizeRoute('/orders/{orderId}/redeem/'), '/orders/:/redeem');
  assert.equal(normalizeRoute('/orders/:id(\\d+)/redeem'), '/orders/:/redeem');
  const cases: Array<[string, string[]]> = [
    ['POST /orders/:id/redeem', ['src/app.ts:10', 'src/routes/orders.ts:30']],
    ['POST /orders/{id}/redeem', ['src/app.ts:10', 'src/routes/orders.ts:30']],
    ['POST /orders/123/redeem', ['src/app.ts:10', 'src/routes/orders.ts:30']],
    ['GET /orders/:id', ['src/routes/orders.ts:5']],
    ['DELETE /orders/:id', []],
  ];
  for (const [flow, expected] of cases) assert.deepEqual(where(mapFlowToHandlers(ctx, flow)), expected, flow);
  const [middleware, own] = mapFlowToHandlers(ctx, 'POST /orders/:id/redeem');
  assert.ok(own.confidence > middleware.confidence, 'the route handler outranks middleware on the way');
  assert.equal(own.via, 'route');
});

test('mapEvidence aggregates per place and counts stuck requests; loop signatures map through the example span', () => {
  const lookup = span('voucher.lookup', {}, { traceId: 'stuck1' });
  const other = span('voucher.lookup', {}, { traceId: 'ok1' });
  const retry = log('retrying voucher X (attempt 2)', {}, { traceId: 'stuck1', level: 'warn' });
  const request = (id: string, state: RequestRecord['state'], loops: RequestRecord['loops'] = []): RequestRecord => ({
    id, traceId: id, flow: 'POST /orders/:id/redeem', state, confidence: 0.9, evidence: [], attributes: {}, spanIds: [], logCount: 0, loops,
  });
  const requests = [
    request('stuck1', 'incomplete', [{ operation: 'voucher.lookup', source: 'span', count: 40, periodMs: 100, periodJitter: 0.05, firstMs: 0, lastMs: 4000, exampleSpanId: lookup.spanId }]),
    request('ok1', 'completed'),
  ];
  const result = mapEvidence(ctx, { spans: [lookup, other], logs: [retry], exchanges: [], files: [] }, requests);
  const bySpan = result.mappings.find((m) => m.via === 'span-name');
  assert.ok(bySpan);
  assert.equal(bySpan.count, 2);
  assert.equal(bySpan.stuckCount, 1);
  assert.equal(bySpan.flow, 'POST /orders/:id/redeem');
  const route = result.mappings.filter((m) => m.via === 'route' && m.location.startLine === 30)[0];
  assert.equal(route.count, 2);
  assert.equal(route.stuckCount, 1);
  assert.ok(result.mappings.some((m) => m.via === 'log-template' && m.stuckCount === 1));
  assert.equal(result.loopSignatures.length, 1);
  assert.deepEqual(where(result.loopSignatures[0].mappings), ['src/services/vouchers.ts:12']);
  assert.equal(result.loopSignatures[0].requests, 1);
  // mapSpan/mapLog are the per-record entry points.
  assert.deepEqual(where(mapSpan(ctx, lookup)), ['src/services/vouchers.ts:12']);
  assert.deepEqual(where(mapLog(ctx, retry)), ['src/services/vouchers.ts:33']);
});

test('huge names and messages map in bounded time and produce bounded details', () => {
  const name = 'voucher.lookup'.repeat(200_000);
  const spanMaps = mapSpan(ctx, span(name));
  const logMaps = mapLog(ctx, log(`retrying voucher ${'x'.repeat(3_000_000)} (attempt 1)`));
  for (const m of [...spanMaps, ...logMaps]) assert.ok(m.detail.length < 1000, `${m.via} detail of ${m.detail.length} chars`);
  for (const key of ctx.memo.keys()) assert.ok(key.length < 10_000, `memo key of ${key.length} chars`);
});
