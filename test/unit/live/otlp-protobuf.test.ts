// The protobuf decoder against the OpenTelemetry JS SDK's own serializers: the same spans and log
// records serialized to protobuf and decoded by Limbo must equal the SDK's OTLP/JSON serialization
// (up to OTLP/JSON's allowed spellings: int64 as string, empty lists left out). Also hostile bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { JsonLogsSerializer, JsonTraceSerializer, ProtobufLogsSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { decodeLogsRequest, decodeTraceRequest } from '../../../src/core/live/otlp-protobuf';
import { ProtobufError } from '../../../src/core/live/protobuf-wire';

const resource = resourceFromAttributes({ 'service.name': 'coupon-shop', 'service.instance.id': 'pod-7', 'host.cpus': 4 });

function spans() {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ resource, spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = provider.getTracer('coupon-shop', '2.1.0');
  const server = tracer.startSpan('POST /coupons/:code/redeem', {
    kind: SpanKind.SERVER,
    attributes: { 'http.route': '/coupons/:code/redeem', 'http.response.status_code': 200, big: 2 ** 60, neg: -42, ratio: 0.25, ok: true, tags: ['a', 'b'], counts: [1, 2, 3], 'line\nbreak': 'two\nlines', unicode: 'café ✓ 𝄞' },
  });
  server.addEvent('settlement.pending', { attempt: 3 });
  const parent = trace.setSpan(context.active(), server);
  const child = tracer.startSpan('coupon.settlement.check', { kind: SpanKind.CLIENT, attributes: { 'coupon.code': 'SPRING-3' }, links: [{ context: server.spanContext(), attributes: { why: 'retry' } }] }, parent);
  child.setStatus({ code: SpanStatusCode.ERROR, message: 'not settled' });
  child.end();
  server.end();
  return exporter.getFinishedSpans();
}

function logRecords() {
  const exporter = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({ resource, processors: [new SimpleLogRecordProcessor({ exporter })] });
  const logger = provider.getLogger('pino', '9.0.0');
  const span = new BasicTracerProvider().getTracer('t').startSpan('s');
  logger.emit({ severityNumber: 13, severityText: 'warn', body: 'request aborted', attributes: { reqId: 'req-7', nested: { a: 1, b: ['x'] } }, context: trace.setSpan(context.active(), span), eventName: 'request.aborted' });
  logger.emit({ severityNumber: 9, body: { msg: 'coupon not settled yet', code: 'SPRING-3' }, timestamp: 1_700_000_000_123 });
  return exporter.getFinishedLogRecords();
}

/** OTLP/JSON allows int64 as a number or a string and lets empty repeated fields be left out; compare past that. */
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value).sort(([a], [b]) => a.localeCompare(b))) {
    if (Array.isArray(v) && v.length === 0) continue;
    out[k] = k === 'intValue' ? BigInt(v as number | string).toString() : normalize(v);
  }
  return out;
}

const json = (bytes: Uint8Array | undefined): unknown => JSON.parse(Buffer.from(bytes!).toString('utf8'));

test('traces: protobuf decoded equals the SDK\'s OTLP/JSON of the same spans', () => {
  const finished = spans();
  const decoded = decodeTraceRequest(ProtobufTraceSerializer.serializeRequest(finished)!);
  assert.deepEqual(normalize(decoded), normalize(json(JsonTraceSerializer.serializeRequest(finished))));
  const [server] = (decoded.resourceSpans as any)[0].scopeSpans[0].spans.filter((s: any) => s.kind === 2);
  assert.equal(server.attributes.find((a: any) => a.key === 'big').value.intValue, BigInt(2 ** 60).toString(), 'int64 keeps every bit as a string');
  assert.match(server.traceId, /^[0-9a-f]{32}$/);
});

test('logs: protobuf decoded equals the SDK\'s OTLP/JSON of the same records (trace context, kvlist body)', () => {
  const finished = logRecords();
  const decoded = decodeLogsRequest(ProtobufLogsSerializer.serializeRequest(finished)!);
  assert.deepEqual(normalize(decoded), normalize(json(JsonLogsSerializer.serializeRequest(finished))));
  const records = (decoded.resourceLogs as any)[0].scopeLogs[0].logRecords;
  assert.match(records[0].spanId, /^[0-9a-f]{16}$/);
  assert.equal(records[0].eventName, 'request.aborted');
});

test('truncated, corrupt or hostile protobuf: a ProtobufError with the byte offset, never a hang or a crash', () => {
  const bytes = ProtobufTraceSerializer.serializeRequest(spans())!;
  for (const cut of [1, 2, 7, Math.floor(bytes.length / 2), bytes.length - 1]) {
    assert.throws(() => decodeTraceRequest(bytes.subarray(0, cut)), (e: unknown) => e instanceof ProtobufError && /at byte \d+/.test((e as Error).message), `cut at ${cut}`);
  }
  // A length that points past the end, an endless varint, a group wire type.
  assert.throws(() => decodeTraceRequest(Uint8Array.from([0x0a, 0xff, 0xff, 0x03])), /truncated field/);
  assert.throws(() => decodeTraceRequest(Uint8Array.from([0x08, ...new Array(11).fill(0xff)])), /varint/);
  assert.throws(() => decodeTraceRequest(Uint8Array.from([0x0b])), /wire type 3/);
  // AnyValue arrays nested a thousand deep.
  let value: Uint8Array = Uint8Array.from([0x0a, 0x00]);
  for (let i = 0; i < 1000; i++) value = wrap(0x2a, wrap(0x0a, value));
  const kv = wrap(0x12, value);
  const body = wrap(0x0a, wrap(0x12, wrap(0x12, wrap(0x4a, kv))));
  assert.throws(() => decodeTraceRequest(body), /nested deeper than/);
});

test('unknown fields are skipped, as protobuf requires; an empty body is an empty request', () => {
  const bytes = ProtobufTraceSerializer.serializeRequest(spans())!;
  // Field 99 (varint) and field 100 (length-delimited) before the real content.
  const withUnknown = Uint8Array.from([0x98, 0x06, 0x05, 0xa2, 0x06, 0x02, 0x41, 0x42, ...bytes]);
  assert.deepEqual(decodeTraceRequest(withUnknown), decodeTraceRequest(bytes));
  assert.deepEqual(decodeTraceRequest(new Uint8Array()), { resourceSpans: [] });
});

/** A length-delimited field: tag byte, varint length, bytes. */
function wrap(tag: number, inner: Uint8Array): Uint8Array {
  const length: number[] = [];
  let n = inner.length;
  while (n >= 0x80) {
    length.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  length.push(n);
  return Uint8Array.from([tag, ...length, ...inner]);
}
