// Real tracers, queues: a BullMQ worker on a real Redis (redis-server from Debian, installed by
// scripts/setup.sh), with BullMQ's own OpenTelemetry telemetry (bullmq-otel) on the real SDK. One job
// kind never finishes: its `process coupons` span never ends, so only the processor's child spans
// arrive. Limbo must still give those jobs the queue's flow (inferred from the jobs that finished) and
// point at the processor's loop, which the analyzer reads as the entry point `JOB coupons`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { analyze } from '../../src/core/pipeline';
import { startOtlpReceiver, type Receiver } from './otel-real-sdk/receivers';
import { startService, type RunningService } from './otel-real-sdk/service';

const SERVICE_DIR = join(__dirname, 'otel-bullmq');
const STUCK = 3;
const PAID = 6;
const dir = mkdtempSync(join(tmpdir(), 'limbo-otel-bullmq-'));
const traces = join(dir, 'traces.otlp.jsonl');
let redis: ChildProcess | undefined;
let otlp: Receiver;
let service: RunningService | undefined;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A throwaway Redis: no persistence, on a free port, ready when it says so. */
function startRedis(port: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.once('error', (err) => reject(new Error(`redis-server did not start (scripts/setup.sh installs it): ${err.message}`)));
    child.stdout!.on('data', (c) => {
      out += c;
      if (/Ready to accept connections/.test(out)) resolve(child);
    });
    setTimeout(() => reject(new Error(`redis-server not ready in 10 s: ${out}`)), 10000).unref();
  });
}

before(async () => {
  const port = await freePort();
  redis = await startRedis(port);
  otlp = await startOtlpReceiver();
  service = await startService(join(SERVICE_DIR, 'instrument.cjs'), { OTLP_URL: otlp.url, REDIS_PORT: String(port) }, join(SERVICE_DIR, 'worker.cjs'));
  const queue = new Queue('coupons', { connection: { host: '127.0.0.1', port } });
  for (let i = 0; i < PAID + STUCK; i++) {
    await queue.add('settle', { code: i % 3 === 2 ? `SPRING-${i}` : `PAID-${i}` });
    await new Promise((r) => setTimeout(r, 20));
  }
  // The paid ones finish at once; the others keep polling.
  await new Promise((r) => setTimeout(r, 1500));
  await queue.close();
  await service.stop();
  writeFileSync(traces, otlp.received.map((l) => `${String(l)}\n`).join(''));
});

after(async () => {
  await service?.stop();
  await otlp?.close();
  redis?.kill('SIGKILL');
  if (!process.env.LIMBO_KEEP_TMP) rmSync(dir, { recursive: true, force: true });
});

test('the unpaid jobs are the stuck ones, in the queue\'s flow (inferred), and the processor loop is the suspect reached from it', async () => {
  const report = await analyze({ inputs: [traces], src: SERVICE_DIR });
  assert.equal(report.inputs[0]!.error, undefined);
  assert.equal(report.summary.incompleteRequests, STUCK, JSON.stringify(report.incomplete.map((r) => [r.flow, r.evidence.map((e) => e.kind)])));
  for (const r of report.incomplete) {
    assert.equal(r.flow, 'JOB coupons');
    const kinds = r.evidence.map((e) => e.kind);
    assert.ok(kinds.includes('orphan-children') && kinds.includes('loop-signature') && kinds.includes('flow-inferred'), kinds.join());
  }
  const flow = report.flows.find((f) => f.key === 'JOB coupons')!;
  assert.equal(flow.incomplete, STUCK);
  assert.equal(flow.requests, STUCK + PAID);
  const top = report.suspects[0]!;
  assert.equal(top.location.file, 'worker.cjs');
  assert.equal(top.finding.functionName, 'settleCoupon');
  assert.deepEqual(top.flows, ['JOB coupons']);
  assert.equal(top.stuckRequests, STUCK);
});
