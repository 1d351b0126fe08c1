// The OTLP/gRPC receiver over real HTTP/2 on 127.0.0.1: unary Export calls framed by hand, gzip
// messages, and each refusal as a gRPC status in the trailers, the receiver still serving after.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http2 from 'node:http2';
import { gzipSync } from 'node:zlib';
import { startOtlpGrpcReceiver } from '../../../src/core/live/otlp-grpc-receiver';
import type { OtlpReceiver, ReceivedBatch } from '../../../src/core/live/otlp-receiver';

const TRACE_EXPORT = '/opentelemetry.proto.collector.trace.v1.TraceService/Export';
const LIMIT = 4096;
let receiver: OtlpReceiver;
const batches: ReceivedBatch[] = [];

before(async () => {
  receiver = await startOtlpGrpcReceiver({ port: 0, maxBodyBytes: LIMIT, onBatch: (b) => void batches.push(b) });
});
after(() => receiver.close());

// ExportTraceServiceRequest { resource_spans { scope_spans { spans { name: "GET /x" } } } }
const span = Uint8Array.from([0x2a, 0x06, ...Buffer.from('GET /x')]);
const request = Buffer.from([0x0a, 0x0c, 0x12, 0x0a, 0x12, 0x08, ...span]);

function frame(message: Buffer, compressed = false): Buffer {
  const prefix = Buffer.alloc(5);
  prefix[0] = compressed ? 1 : 0;
  prefix.writeUInt32BE(message.length, 1);
  return Buffer.concat([prefix, message]);
}

async function call(path: string, body: Buffer, headers: Record<string, string> = {}): Promise<{ status: string; message: string; data: Buffer }> {
  const client = http2.connect(receiver.url);
  try {
    return await new Promise((resolve, reject) => {
      const req = client.request({ ':method': 'POST', ':path': path, 'content-type': 'application/grpc', te: 'trailers', ...headers });
      const chunks: Buffer[] = [];
      let head: http2.IncomingHttpHeaders = {};
      req.on('response', (h) => (head = h));
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('trailers', (t) => (head = { ...head, ...t }));
      req.on('end', () => resolve({ status: String(head['grpc-status']), message: decodeURIComponent(String(head['grpc-message'] ?? '')), data: Buffer.concat(chunks) }));
      req.on('error', reject);
      req.end(body);
    });
  } finally {
    client.close();
  }
}

test('an Export call: decoded, handed on, answered with an empty message and grpc-status 0', async () => {
  const r = await call(TRACE_EXPORT, frame(request));
  assert.equal(r.status, '0', r.message);
  assert.deepEqual([...r.data], [0, 0, 0, 0, 0]);
  const last = batches.at(-1)!;
  assert.deepEqual([last.signal, last.encoding, last.spans], ['traces', 'protobuf', 1]);
  assert.equal((last.request as any).resourceSpans[0].scopeSpans[0].spans[0].name, 'GET /x');
});

test('a gzip-compressed message (grpc-encoding: gzip)', async () => {
  const r = await call(TRACE_EXPORT, frame(gzipSync(request), true), { 'grpc-encoding': 'gzip' });
  assert.equal(r.status, '0', r.message);
});

test('refusals: gRPC status and reason, nothing handed on, still serving', async () => {
  const before = batches.length;
  const cases: Array<[string, Buffer, Record<string, string>, string, RegExp]> = [
    ['/opentelemetry.proto.collector.trace.v1.TraceService/Other', frame(request), {}, '12', /unknown method/],
    [TRACE_EXPORT, Buffer.from([0, 0]), {}, '3', /shorter than its 5-byte prefix/],
    [TRACE_EXPORT, Buffer.concat([frame(request), frame(request)]), {}, '3', /one message per Export call/],
    [TRACE_EXPORT, frame(Buffer.from([0x0a, 0x7f])), {}, '3', /truncated field/],
    [TRACE_EXPORT, frame(request, true), { 'grpc-encoding': 'snappy' }, '3', /grpc-encoding snappy/],
    [TRACE_EXPORT, frame(Buffer.alloc(LIMIT + 100)), {}, '8', /limit/],
    [TRACE_EXPORT, frame(gzipSync(Buffer.alloc(LIMIT * 8)), true), { 'grpc-encoding': 'gzip' }, '8', /decompresses to more than/],
    [TRACE_EXPORT, frame(request), { 'content-type': 'application/json' }, '3', /content-type must be application\/grpc/],
  ];
  for (const [path, body, headers, status, reason] of cases) {
    const r = await call(path, body, headers);
    assert.equal(r.status, status, `${path}: ${r.message}`);
    assert.match(r.message, reason);
  }
  assert.equal(batches.length, before);
  assert.equal((await call(TRACE_EXPORT, frame(request))).status, '0');
});

test('metrics Export calls are accepted and dropped', async () => {
  const before = batches.length;
  const r = await call('/opentelemetry.proto.collector.metrics.v1.MetricsService/Export', frame(Buffer.alloc(0)));
  assert.equal(r.status, '0');
  assert.equal(batches.length, before);
  assert.ok(receiver.stats.metricsDropped >= 1);
});
