// Edge cases of each importer, fed through the public in-memory API (ingestBuffer).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { ingestBuffer } from '../../../src/core/ingest/index';
import { detectRequests } from '../../../src/core/detect';
import type { Dataset } from '../../../src/core/model/telemetry';

const otlpLine = (spans: object[], extra: object = {}) =>
  JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] }, scopeSpans: [{ scope: { name: 'lib' }, spans }] }], ...extra });

test('OTLP: base64 and upper-case ids become lower-case hex; zero parent means root', async () => {
  const traceB64 = Buffer.from('0af7651916cd43dd8448eb211c80319c', 'hex').toString('base64');
  const spanB64 = Buffer.from('b7ad6b7169203331', 'hex').toString('base64');
  const r = await ingestBuffer('a.jsonl', `${otlpLine([
    { traceId: traceB64, spanId: spanB64, parentSpanId: 'AAAAAAAAAAA=', name: 'b64', startTimeUnixNano: '1700000000000000000' },
    { traceId: '0AF7651916CD43DD8448EB211C80319C', spanId: '00F067AA0BA902B7', parentSpanId: 'B7AD6B7169203331', name: 'upper' },
  ])}\n`);
  const [a, b] = r.spans;
  assert.equal(a!.traceId, '0af7651916cd43dd8448eb211c80319c');
  assert.equal(a!.spanId, 'b7ad6b7169203331');
  assert.equal(a!.parentSpanId, undefined);
  assert.equal(b!.spanId, '00f067aa0ba902b7');
  assert.equal(b!.parentSpanId, 'b7ad6b7169203331');
  assert.equal(r.summary.rootSpans, 1);
  assert.equal(r.summary.maxDepth, 2);
});

test('OTLP: old field names, string enums, intValue as string, AnyValue arrays and kvlists, unknown fields', async () => {
  const doc = {
    batches: [{
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'old' } }] },
      instrumentationLibrarySpans: [{
        instrumentationLibrary: { name: 'legacy' },
        spans: [{
          traceId: '11111111111111111111111111111111', spanId: '2222222222222222', name: 'GET /x', kind: 'SPAN_KIND_SERVER',
          startTimeUnixNano: 1700000000000000000, endTimeUnixNano: '1700000000250000000', status: { code: 'STATUS_CODE_ERROR', message: 'boom' },
          somethingNew: { ignored: true },
          attributes: [
            { key: 'http.status_code', value: { intValue: '504' } },
            { key: 'big', value: { intValue: '9007199254740993' } },
            { key: 'list', value: { arrayValue: { values: [{ stringValue: 'a' }, { boolValue: true }, { doubleValue: 1.5 }] } } },
            { key: 'map', value: { kvlistValue: { values: [{ key: 'k', value: { intValue: 7 } }] } } },
          ],
        }],
      }],
    }],
  };
  const r = await ingestBuffer('old.json', JSON.stringify(doc, null, 2));
  assert.equal(r.summary.format, 'otlp-json');
  const s = r.spans[0]!;
  assert.equal(s.service, 'old');
  assert.equal(s.scope, 'legacy');
  assert.equal(s.kind, 'server');
  assert.equal(s.status, 'error');
  assert.equal(s.statusMessage, 'boom');
  assert.equal(s.endMs! - s.startMs, 250);
  assert.deepEqual(s.attributes, { 'http.status_code': 504, big: '9007199254740993', list: ['a', true, 1.5], map: { k: 7 } });
});

test('OTLP document: resource after spans still names the service; each span gets its own line', async () => {
  const text = `{
  "resourceSpans": [
    {
      "scopeSpans": [
        { "spans": [
            { "traceId": "11111111111111111111111111111111", "spanId": "aaaaaaaaaaaaaaaa", "name": "first", "kind": 2 },
            { "traceId": "11111111111111111111111111111111", "spanId": "bbbbbbbbbbbbbbbb", "parentSpanId": "aaaaaaaaaaaaaaaa", "name": "second", "kind": 3 }
        ] }
      ],
      "resource": { "attributes": [ { "key": "service.name", "value": { "stringValue": "late" } } ] }
    }
  ]
}`;
  const r = await ingestBuffer('late.json', text);
  assert.deepEqual(r.spans.map((s) => [s.name, s.service, s.origin.line, s.kind]), [['first', 'late', 6, 'server'], ['second', 'late', 7, 'client']]);
});

test('OTLP JSON lines: a metrics line is skipped, a logs line read, a broken line reported with its number', async () => {
  const text = [
    otlpLine([{ traceId: '11111111111111111111111111111111', spanId: 'aaaaaaaaaaaaaaaa', name: 's' }]),
    JSON.stringify({ resourceMetrics: [{ scopeMetrics: [] }] }),
    '{"resourceSpans": [ broken',
    JSON.stringify({ resourceLogs: [{ resource: {}, scopeLogs: [{ logRecords: [{ timeUnixNano: '1700000000000000000', severityNumber: 17, body: { stringValue: 'oops' }, traceId: '11111111111111111111111111111111', spanId: 'AAAAAAAAAAAAAAAA' }] }] }] }),
  ].join('\n');
  const r = await ingestBuffer('mixed.jsonl', text);
  assert.equal(r.summary.format, 'otlp-jsonl');
  assert.equal(r.spans.length, 1);
  assert.equal(r.logs.length, 1);
  assert.deepEqual([r.logs[0]!.level, r.logs[0]!.message, r.logs[0]!.spanId, r.logs[0]!.origin.line], ['error', 'oops', 'aaaaaaaaaaaaaaaa', 4]);
  assert.equal(r.summary.ignoredRecords, 1);
  assert.ok(r.summary.warnings.some((w) => w.line === 3 && /not a JSON line/.test(w.message)), JSON.stringify(r.summary.warnings));
});

test('Jaeger: ids without zero padding are padded; parent is the first CHILD_OF, else the first reference; processes after spans', async () => {
  const trace = {
    traceID: 'abc',
    spans: [
      { traceID: 'abc', spanID: '1', operationName: 'root', references: [], startTime: 1700000000000000, duration: 1000, processID: 'p1', tags: [{ key: 'span.kind', type: 'string', value: 'server' }] },
      { traceID: 'abc', spanID: '2', operationName: 'follows', references: [{ refType: 'FOLLOWS_FROM', traceID: 'abc', spanID: '1' }], startTime: 1700000000000100, duration: 10, processID: 'p2', tags: [{ key: 'error', type: 'bool', value: true }] },
      { traceID: 'abc', spanID: '3', operationName: 'child', references: [{ refType: 'FOLLOWS_FROM', traceID: 'abc', spanID: '2' }, { refType: 'CHILD_OF', traceID: 'abc', spanID: '1' }], startTime: 1700000000000200, processID: 'p1' },
    ],
    processes: { p1: { serviceName: 'front', tags: [{ key: 'hostname', type: 'string', value: 'h1' }] }, p2: { serviceName: 'back' } },
  };
  const r = await ingestBuffer('trace.json', JSON.stringify(trace, null, 1));
  assert.equal(r.summary.format, 'jaeger');
  const [root, follows, child] = r.spans;
  assert.equal(root!.traceId, '0000000000000abc');
  assert.equal(root!.spanId, '0000000000000001');
  assert.equal(root!.kind, 'server');
  assert.equal(root!.endMs! - root!.startMs, 1);
  assert.equal(follows!.parentSpanId, '0000000000000001');
  assert.equal(follows!.status, 'error');
  assert.equal(follows!.service, 'back');
  assert.equal(child!.parentSpanId, '0000000000000001');
  assert.deepEqual(child!.links, [{ traceId: '0000000000000abc', spanId: '0000000000000002', kind: 'FOLLOWS_FROM' }]);
  assert.deepEqual(root!.resource, { hostname: 'h1' });
});

test('Zipkin: single object, shared halves, microseconds, missing duration', async () => {
  const r = await ingestBuffer('one.json', JSON.stringify({ traceId: '463ac35c9f6413ad', id: 'a2fb4a1d1a96d312', kind: 'SERVER', name: 'get', timestamp: 1700000000123456, shared: true, localEndpoint: { serviceName: 'api' }, tags: { error: '' } }));
  assert.equal(r.summary.format, 'zipkin');
  const s = r.spans[0]!;
  assert.equal(s.startMs, 1700000000123.456);
  assert.equal(s.endMs, undefined);
  assert.equal(s.shared, true);
  assert.equal(s.status, 'error');
  assert.equal(s.kind, 'server');
});

test('Zipkin: a span without timestamp borrows its parent\'s or trace\'s start, is marked, and is no timing evidence', async () => {
  const t0 = 1700000000000000;
  const spans = [
    { traceId: '1', id: 'a', kind: 'SERVER', name: 'get /x', timestamp: t0, duration: 40000, localEndpoint: { serviceName: 'api' }, tags: { 'http.route': '/x' } },
    { traceId: '1', id: 'b', parentId: 'a', name: 'query', localEndpoint: { serviceName: 'api' } },
    { traceId: '1', id: 'c', parentId: 'gone', name: 'late', localEndpoint: { serviceName: 'api' } },
    { traceId: '2', id: 'd', kind: 'SERVER', name: 'get /y', localEndpoint: { serviceName: 'api' } },
  ];
  const r = await ingestBuffer('z.json', JSON.stringify(spans));
  const byId = new Map(r.spans.map((s) => [s.spanId, s]));
  assert.equal(byId.get('000000000000000a')!.startEstimated, undefined);
  assert.equal(byId.get('000000000000000b')!.startMs, t0 / 1000, 'the parent\'s start');
  assert.equal(byId.get('000000000000000b')!.startEstimated, true);
  assert.equal(byId.get('000000000000000c')!.startMs, t0 / 1000, 'the trace\'s earliest start');
  assert.equal(byId.get('000000000000000d')!.startEstimated, true);
  const warning = r.summary.warnings.find((w) => w.message.includes('no timestamp'));
  assert.match(warning!.message, /^3 spans have no timestamp or annotation: 2 placed at their parent's or trace's start, 1 with no timed span/);
  const requests = detectRequests({ spans: r.spans, logs: [], exchanges: [], files: [] } as Dataset);
  const y = requests.find((q) => q.spanIds.includes('000000000000000d'))!;
  assert.equal(y.startMs, undefined, 'no time rather than 1970');
  const x = requests.find((q) => q.spanIds.includes('000000000000000a'))!;
  assert.equal(x.startMs, t0 / 1000);
  assert.ok(!x.evidence.some((e) => e.kind === 'children-after-parent-end'));
});

const logCases: Array<{ name: string; line: object; options?: object; expect: Record<string, unknown> }> = [
  { name: 'pino numeric level, epoch ms, reqId', line: { level: 50, time: 1700000000123, msg: 'failed', reqId: 'r-1' }, expect: { level: 'error', timeMs: 1700000000123, message: 'failed', requestId: 'r-1' } },
  { name: 'pino string level, ISO time', line: { level: 'warn', time: '2024-01-02T03:04:05.678Z', msg: 'slow' }, expect: { level: 'warn', timeMs: Date.parse('2024-01-02T03:04:05.678Z') } },
  { name: 'bunyan req.id nested', line: { v: 0, level: 30, name: 'app', time: '2024-01-02T03:04:05Z', msg: 'x', req: { id: 'abc' } }, expect: { requestId: 'abc', service: 'app' } },
  { name: 'x-request-id header', line: { level: 30, msg: 'in', req: { headers: { 'x-request-id': 'hdr-9' } } }, expect: { requestId: 'hdr-9' } },
  { name: 'winston json without timestamp', line: { level: 'info', message: 'hello' }, expect: { level: 'info', message: 'hello', timeMs: undefined } },
  { name: 'ECS dotted keys', line: { '@timestamp': '2024-01-02T03:04:05Z', 'log.level': 'warning', message: 'm', 'trace.id': '0AF7651916CD43DD8448EB211C80319C', 'span.id': 'B7AD6B7169203331' }, expect: { level: 'warn', traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331' } },
  { name: 'ECS nested', line: { log: { level: 'CRITICAL' }, trace: { id: '0af7651916cd43dd8448eb211c80319c' }, span: { id: 'b7ad6b7169203331' }, message: 'm' }, expect: { level: 'fatal', traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331' } },
  { name: 'OTel pino trace_id/span_id', line: { level: 30, trace_id: '0af7651916cd43dd8448eb211c80319c', span_id: 'b7ad6b7169203331', msg: 'x' }, expect: { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331' } },
  { name: 'configured request id field', line: { level: 30, msg: 'x', ctx: { corr: 'c-7' }, reqId: 'ignored' }, options: { requestIdFields: ['ctx.corr'] }, expect: { requestId: 'c-7' } },
  { name: 'configured trace id field', line: { level: 30, msg: 'x', tid: '0af7651916cd43dd8448eb211c80319c' }, options: { traceIdFields: ['tid'] }, expect: { traceId: '0af7651916cd43dd8448eb211c80319c' } },
];
for (const c of logCases) {
  test(`JSON-lines log: ${c.name}`, async () => {
    const r = await ingestBuffer('app.log', `${JSON.stringify(c.line)}\n`, c.options);
    assert.equal(r.summary.format, 'jsonl-log');
    const rec = r.logs[0] as unknown as Record<string, unknown>;
    for (const [k, v] of Object.entries(c.expect)) assert.deepEqual(rec[k], v, k);
  });
}

test('JSON-lines log: other fields are kept as attributes, extracted ones are not repeated', async () => {
  const r = await ingestBuffer('app.log', `${JSON.stringify({ level: 30, time: 1700000000000, msg: 'x', user: { plan: 'pro' }, code: 'A1' })}\n`);
  assert.deepEqual(r.logs[0]!.attributes, { user: { plan: 'pro' }, code: 'A1' });
});

const accessCases: Array<{ line: string; expect: Record<string, unknown>; attrs?: Record<string, unknown>; strict: boolean }> = [
  { line: '10.0.0.1 - - [10/Oct/2023:13:55:36 +0000] "POST /api/redeem HTTP/1.1" 499 0 "-" "curl/8" rt=30.001', expect: { status: 499, method: 'POST', path: '/api/redeem', durationMs: 30001, client: '10.0.0.1' }, attrs: { 'http.client_gave_up': true, 'http.gave_up_by': 'client' }, strict: true },
  { line: '10.0.0.1 - bob [10/Oct/2023:13:55:36 -0700] "GET /a?b=1 HTTP/1.1" 504 12 "-" "ua" 0.250', expect: { status: 504, path: '/a', durationMs: 250, startMs: Date.UTC(2023, 9, 10, 20, 55, 36) }, attrs: { 'http.gave_up_by': 'proxy', 'user.name': 'bob' }, strict: true },
  { line: '::1 - - [26/Dec/2016:16:16:48 +0200] "-" 408 -', expect: { status: 408, method: '' }, attrs: { 'http.client_gave_up': true }, strict: true },
  { line: '10.0.0.2, 10.0.0.1, 127.0.0.1 - - [07/Dec/2016:11:05:07 +0100] "GET /ocelot HTTP/1.1" 200 571 "-" "ua"', expect: { status: 200, client: '10.0.0.2' }, attrs: { 'http.forwarded_for': '10.0.0.2, 10.0.0.1, 127.0.0.1' }, strict: false },
];
for (const c of accessCases) {
  test(`access log: ${c.line.slice(0, 60)}`, async () => {
    const r = await ingestBuffer('access.log', `${c.line}\n`);
    assert.equal(r.summary.format, 'access-log');
    assert.equal(r.summary.accessLinesParsed, c.strict ? 1 : 0);
    assert.equal(r.summary.accessLinesRecovered ?? 0, c.strict ? 0 : 1);
    const x = r.exchanges[0] as unknown as Record<string, unknown>;
    for (const [k, v] of Object.entries(c.expect)) assert.deepEqual(x[k], v, k);
    for (const [k, v] of Object.entries(c.attrs ?? {})) assert.deepEqual((x.attributes as Record<string, unknown>)[k], v, k);
  });
}

test('HAR: entry without response, _error, timings; credentials never copied', async () => {
  const har = {
    log: {
      version: '1.2', creator: { name: 't' },
      entries: [
        { startedDateTime: '2024-01-02T03:04:05.000Z', time: 30000, request: { method: 'post', url: 'https://x.test/api/redeem?c=1', headers: [{ name: 'Cookie', value: 'secret' }, { name: 'X-Request-Id', value: 'rid-1' }, { name: 'traceparent', value: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' }] }, timings: { wait: 30000, send: 1, blocked: -1 }, _error: 'net::ERR_TIMED_OUT' },
        { startedDateTime: '2024-01-02T03:04:06.000Z', time: 12, request: { method: 'GET', url: 'https://x.test/' }, response: { status: 200 } },
      ],
    },
  };
  const r = await ingestBuffer('x.har', JSON.stringify(har, null, 2));
  assert.equal(r.summary.format, 'har');
  assert.equal(r.summary.harEntries, 2);
  const [hung, ok] = r.exchanges;
  assert.deepEqual([hung!.status, hung!.method, hung!.path, hung!.requestId, hung!.traceId, hung!.durationMs], [0, 'POST', '/api/redeem', 'rid-1', '0af7651916cd43dd8448eb211c80319c', 30000]);
  assert.equal(hung!.attributes['http.client_gave_up'], true);
  assert.equal(hung!.attributes['har.error'], 'net::ERR_TIMED_OUT');
  assert.equal(hung!.attributes['har.timings.wait'], 30000);
  assert.equal(hung!.attributes['har.timings.blocked'], undefined);
  assert.equal(JSON.stringify(r.exchanges).includes('secret'), false);
  assert.equal(ok!.attributes['http.client_gave_up'], undefined);
  assert.equal(hung!.origin.line, 8, 'the line the entry starts on');
});

test('HAR: a GraphQL body names the operation\'s flow; the document stays out of the attributes', async () => {
  const entry = (time: number, body: unknown, response?: object) => ({ startedDateTime: `2024-01-02T03:04:0${time}.000Z`, time: 20, request: { method: 'POST', url: 'https://x.test/graphql', postData: { mimeType: 'application/json', text: typeof body === 'string' ? body : JSON.stringify(body) } }, ...(response ? { response } : {}) });
  const har = {
    log: {
      version: '1.2', creator: { name: 't' },
      entries: [
        entry(1, { query: 'query Item($id: ID!) { product(id: $id) { id } }', variables: { id: '7' }, operationName: 'Item' }, { status: 200 }),
        entry(2, { query: 'mutation Login { login(password: "hunter2") { token } } mutation Redeem($c: String!) { redeemCoupon(code: $c) { ok } }', operationName: 'Redeem', variables: { c: 'X' } }),
        entry(3, 'not json {', { status: 200 }),
        entry(4, [{ query: '{ a }' }, { query: '{ b }' }], { status: 200 }),
      ],
    },
  };
  const r = await ingestBuffer('x.har', JSON.stringify(har));
  assert.deepEqual(r.exchanges.map((e) => e.graphql?.operationName ?? (e.graphql ? '(unnamed)' : null)), ['Item', 'Redeem', null, null]);
  assert.equal(JSON.stringify(r.exchanges.map((e) => e.attributes)).includes('hunter2'), false);
  const flows = detectRequests({ spans: r.spans, logs: r.logs, exchanges: r.exchanges, files: [] }).map((q) => [q.flow, q.state]);
  assert.deepEqual(flows, [['GRAPHQL Query.product', 'completed'], ['GRAPHQL Mutation.redeemCoupon', 'incomplete'], ['POST /graphql', 'completed'], ['POST /graphql', 'completed']]);
});

test('gzip input is recognized by its bytes, whatever the name', async () => {
  const r = await ingestBuffer('trace.bin', gzipSync(Buffer.from(`${otlpLine([{ traceId: '11111111111111111111111111111111', spanId: 'aaaaaaaaaaaaaaaa', name: 's' }])}\n`)));
  assert.equal(r.summary.format, 'otlp-jsonl');
  assert.equal(r.spans.length, 1);
});

test('BOM and CRLF are accepted', async () => {
  const r = await ingestBuffer('w.log', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"level":30,"msg":"a"}\r\n{"level":40,"msg":"b"}\r\n')]));
  assert.deepEqual(r.logs.map((l) => [l.message, l.origin.line]), [['a', 1], ['b', 2]]);
});
