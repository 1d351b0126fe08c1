// Real tracers, socket.io: a socket.io service instrumented with the real OpenTelemetry SDK
// (instrumentation-socket.io), a socket.io client that gives up waiting for acknowledgements, and one
// event whose handler never ends. The receive span of that event never ends either, so only the
// handler's child spans arrive: Limbo must still give those requests the event's flow (inferred from
// the event's healthy requests) and point at the handler's loop, which the analyzer reads as the
// socket entry point `SOCKET /shop coupon:redeem`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { analyze } from '../../src/core/pipeline';
import { startOtlpReceiver, type Receiver } from './otel-real-sdk/receivers';
import { CLIENT_TIMEOUT_MS, startService, type RunningService } from './otel-real-sdk/service';

const SERVICE_DIR = join(__dirname, 'otel-socketio');
const STUCK = 3;
const PAID = 3;
const ITEMS = 8;
const dir = mkdtempSync(join(tmpdir(), 'limbo-otel-socketio-'));
const traces = join(dir, 'traces.otlp.jsonl');
let otlp: Receiver;
let service: RunningService | undefined;
let socket: Socket | undefined;
const outcomes = { timedOut: 0, answered: 0 };

function emit(event: string, arg: string): Promise<'answered' | 'timed-out'> {
  return new Promise((resolve) => socket!.timeout(CLIENT_TIMEOUT_MS).emit(event, arg, (err: unknown) => resolve(err ? 'timed-out' : 'answered')));
}

before(async () => {
  otlp = await startOtlpReceiver();
  service = await startService(join(SERVICE_DIR, 'instrument.cjs'), { OTLP_URL: otlp.url }, join(SERVICE_DIR, 'server.cjs'));
  socket = io(`http://127.0.0.1:${service.port}/shop`, { transports: ['websocket'], reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket!.once('connect', () => resolve());
    socket!.once('connect_error', reject);
  });
  const calls: Array<Promise<'answered' | 'timed-out'>> = [];
  for (let i = 0; i < ITEMS; i++) {
    calls.push(emit('item:get', String(i)));
    if (i < STUCK) calls.push(emit('coupon:redeem', `SPRING-${i}`));
    if (i < PAID) calls.push(emit('coupon:redeem', `PAID-${i}`));
    await new Promise((r) => setTimeout(r, 20));
  }
  for (const result of await Promise.all(calls)) outcomes[result === 'timed-out' ? 'timedOut' : 'answered']++;
  socket.close();
  await new Promise((r) => setTimeout(r, 500));
  await service.stop();
  writeFileSync(traces, otlp.received.map((l) => `${String(l)}\n`).join(''));
});

after(async () => {
  socket?.close();
  await service?.stop();
  await otlp?.close();
  if (!process.env.LIMBO_KEEP_TMP) rmSync(dir, { recursive: true, force: true });
});

test('the client saw exactly the unpaid redemptions go unacknowledged', () => {
  assert.equal(outcomes.timedOut, STUCK);
  assert.equal(outcomes.answered, ITEMS + PAID);
});

test('the stuck events get their event flow (inferred), and the handler loop is the suspect reached from it', async () => {
  const report = await analyze({ inputs: [traces], src: SERVICE_DIR });
  assert.equal(report.inputs[0]!.error, undefined);
  assert.equal(report.summary.incompleteRequests, STUCK, JSON.stringify(report.incomplete.map((r) => [r.flow, r.evidence.map((e) => e.kind)])));
  for (const r of report.incomplete) {
    assert.equal(r.flow, 'SOCKET /shop coupon:redeem');
    const kinds = r.evidence.map((e) => e.kind);
    assert.ok(kinds.includes('orphan-children') && kinds.includes('loop-signature') && kinds.includes('flow-inferred'), kinds.join());
  }
  const flows = new Map(report.flows.map((f) => [f.key, f]));
  assert.equal(flows.get('SOCKET /shop coupon:redeem')?.incomplete, STUCK);
  assert.equal(flows.get('SOCKET /shop coupon:redeem')?.requests, STUCK + PAID);
  assert.equal(flows.get('SOCKET /shop item:get')?.incomplete, 0);
  const top = report.suspects[0]!;
  assert.equal(top.location.file, 'server.cjs');
  assert.equal(top.finding.loopKind, 'while');
  assert.deepEqual(top.flows, ['SOCKET /shop coupon:redeem']);
  assert.equal(top.stuckRequests, STUCK);
});
