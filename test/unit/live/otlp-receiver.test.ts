// The OTLP/HTTP receiver over real HTTP on 127.0.0.1: both encodings, compression, and every way a
// request can be refused, each answered with OTLP/HTTP's status and reason, the receiver still up.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync, deflateSync } from 'node:zlib';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedBatch } from '../../../src/core/live/otlp-receiver';
import { ProtobufReader } from '../../../src/core/live/protobuf-wire';

const LIMIT = 64 * 1024;
let receiver: OtlpReceiver;
const batches: ReceivedBatch[] = [];

before(async () => {
  receiver = await startOtlpReceiver({ port: 0, maxBodyBytes: LIMIT, onBatch: (b) => void batches.push(b) });
});
after(() => receiver.close());

const traceRequest = { resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ spans: [{ traceId: 'aa'.repeat(16), spanId: 'bb'.repeat(8), name: 'GET /x', startTimeUnixNano: '1', endTimeUnixNano: '2' }, { traceId: 'aa'.repeat(16), spanId: 'cc'.repeat(8), name: 'db', startTimeUnixNano: '1' }] }] }] };

async function post(path: string, body: Uint8Array | Buffer | string, headers: Record<string, string>): Promise<{ status: number; type: string | null; body: Buffer }> {
  const res = await fetch(`${receiver.url}${path}`, { method: 'POST', body: typeof body === 'string' ? body : Buffer.from(body), headers });
  return { status: res.status, type: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
}

test('listens on 127.0.0.1 by default', () => {
  assert.match(receiver.url, /^http:\/\/127\.0\.0\.1:\d+$/);
});

test('JSON traces, plain and gzip: handed on in OTLP/JSON form with their span counts, answered {} 200', async () => {
  const before = batches.length;
  const plain = await post('/v1/traces', JSON.stringify(traceRequest, null, 2), { 'content-type': 'application/json; charset=utf-8' });
  assert.equal(plain.status, 200);
  assert.equal(plain.body.toString(), '{}');
  const zipped = await post('/v1/traces', gzipSync(JSON.stringify(traceRequest)), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
  assert.equal(zipped.status, 200);
  assert.equal(batches.length, before + 2);
  for (const b of batches.slice(before)) {
    assert.deepEqual([b.signal, b.encoding, b.spans, b.logRecords], ['traces', 'json', 2, 0]);
    assert.deepEqual(b.request, traceRequest);
  }
});

test('protobuf logs (deflate): decoded, answered with an empty protobuf body', async () => {
  // ExportLogsServiceRequest { resource_logs { scope_logs { log_records { severity_text: "warn" } } } }
  const record = Uint8Array.from([0x1a, 0x04, ...Buffer.from('warn')]);
  const body = nest([0x0a, 0x12, 0x12], record);
  const res = await post('/v1/logs', deflateSync(body), { 'content-type': 'application/x-protobuf', 'content-encoding': 'deflate' });
  assert.equal(res.status, 200);
  assert.equal(res.type, 'application/x-protobuf');
  assert.equal(res.body.length, 0);
  const last = batches.at(-1)!;
  assert.deepEqual([last.signal, last.encoding, last.logRecords], ['logs', 'protobuf', 1]);
  assert.equal((last.request as any).resourceLogs[0].scopeLogs[0].logRecords[0].severityText, 'warn');
});

test('metrics are accepted and dropped, so an SDK exporting all signals does not log errors', async () => {
  const before = batches.length;
  const res = await post('/v1/metrics', JSON.stringify({ resourceMetrics: [] }), { 'content-type': 'application/json' });
  assert.equal(res.status, 200);
  assert.equal(batches.length, before);
  assert.ok(receiver.stats.metricsDropped >= 1);
});

test('refusals: status, reason in the request\'s encoding, nothing handed on', async () => {
  const before = batches.length;
  const cases: Array<[string, Uint8Array | string, Record<string, string>, number, RegExp]> = [
    ['/v1/spans', '{}', { 'content-type': 'application/json' }, 404, /\/v1\/traces/],
    ['/v1/traces', 'x', { 'content-type': 'text/plain' }, 415, /content-type/],
    ['/v1/traces', '{"resourceSpans": [', { 'content-type': 'application/json' }, 400, /not JSON/],
    ['/v1/traces', '{"resourceLogs": []}', { 'content-type': 'application/json' }, 400, /no resourceSpans/],
    ['/v1/traces', '[1,2]', { 'content-type': 'application/json' }, 400, /no resourceSpans/],
    ['/v1/traces', 'not gzip', { 'content-type': 'application/json', 'content-encoding': 'gzip' }, 400, /not valid gzip/],
    ['/v1/traces', '{}', { 'content-type': 'application/json', 'content-encoding': 'br' }, 415, /br is not supported/],
    ['/v1/traces', 'x'.repeat(LIMIT + 1), { 'content-type': 'application/json' }, 413, /limit/],
    ['/v1/traces', gzipSync(Buffer.alloc(LIMIT * 4, 0x20)), { 'content-type': 'application/json', 'content-encoding': 'gzip' }, 413, /decompresses to more than/],
  ];
  for (const [path, body, headers, status, reason] of cases) {
    const res = await post(path, body, headers);
    assert.equal(res.status, status, `${path} ${JSON.stringify(headers)}: ${res.body}`);
    assert.match(JSON.parse(res.body.toString()).message, reason);
  }
  const pb = await post('/v1/traces', Uint8Array.from([0x0a, 0x7f]), { 'content-type': 'application/x-protobuf' });
  assert.equal(pb.status, 400);
  const rpc = rpcStatus(pb.body);
  assert.equal(rpc.code, 3);
  assert.match(rpc.message, /not an OTLP traces protobuf request: truncated field/);
  const get = await fetch(`${receiver.url}/v1/traces`);
  assert.equal(get.status, 405);
  assert.equal(get.headers.get('allow'), 'POST');
  assert.equal(batches.length, before);
  assert.ok(receiver.stats.rejected >= cases.length + 2);
  // Still serving.
  assert.equal((await post('/v1/traces', JSON.stringify(traceRequest), { 'content-type': 'application/json' })).status, 200);
});

test('a failing consumer (e.g. a full disk) is a 500 with the reason, and the receiver goes on', async () => {
  const failing = await startOtlpReceiver({ port: 0, onBatch: () => Promise.reject(new Error('ENOSPC: no space left on device')) });
  try {
    const res = await fetch(`${failing.url}/v1/traces`, { method: 'POST', body: JSON.stringify(traceRequest), headers: { 'content-type': 'application/json' } });
    assert.equal(res.status, 500);
    assert.match(((await res.json()) as { message: string }).message, /ENOSPC/);
    assert.equal(failing.stats.batches, 0);
  } finally {
    await failing.close();
  }
});

/** Wraps `inner` in nested length-delimited fields, outermost tag first. */
function nest(tags: number[], inner: Uint8Array): Uint8Array {
  return tags.reduceRight((acc, tag) => Uint8Array.from([tag, acc.length, ...acc]), inner);
}

function rpcStatus(body: Buffer): { code: number; message: string } {
  const out = { code: -1, message: '' };
  const r = new ProtobufReader(body);
  r.each((field) => {
    if (field === 1) out.code = r.int32();
    else if (field === 2) out.message = r.string();
    else return false;
    return true;
  });
  return out;
}
