// Real tracers: an Express service instrumented with the real OpenTelemetry JS SDK (sdk-node 0.223,
// instrumentation-http/express/pino), one route that never answers, a client that times out, the
// real OTLP/HTTP JSON and Zipkin exporters into local receivers, pino logs to a file — then Limbo
// on those files must report exactly the requests the client gave up on.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../src/core/pipeline';
import type { AnalysisReport } from '../../src/core/model';
import { startOtlpReceiver, startZipkinReceiver, type Receiver } from './otel-real-sdk/receivers';
import { driveTraffic, HEALTHY_REQUESTS, HUNG_REQUESTS, startService, type Outcome, type RunningService } from './otel-real-sdk/service';

const dir = mkdtempSync(join(tmpdir(), 'limbo-otel-'));
const files = { otlp: join(dir, 'traces.otlp.jsonl'), zipkin: join(dir, 'traces.zipkin.json'), log: join(dir, 'app.log.jsonl') };
let otlp: Receiver;
let zipkin: Receiver;
let service: RunningService | undefined;
let outcome: Outcome = { timedOut: 0, answered: 0 };

before(async () => {
  otlp = await startOtlpReceiver();
  zipkin = await startZipkinReceiver();
  service = await startService('instrument.cjs', { OTLP_URL: otlp.url, ZIPKIN_URL: zipkin.url, LOG_FILE: files.log });
  outcome = await driveTraffic(service.port);
  await service.stop();
  writeFileSync(files.otlp, otlp.received.map((l) => `${String(l)}\n`).join(''));
  writeFileSync(files.zipkin, JSON.stringify(zipkin.received));
});

after(async () => {
  await service?.stop();
  await otlp?.close();
  await zipkin?.close();
  if (!process.env.LIMBO_KEEP_TMP) rmSync(dir, { recursive: true, force: true });
});

function checkHungRequests(report: AnalysisReport): void {
  assert.equal(report.summary.incompleteRequests, outcome.timedOut, JSON.stringify(report.incomplete.map((r) => [r.id, r.flow, r.evidence.map((e) => e.kind)])));
  const flow = report.flows[0]!;
  assert.equal(flow.key, 'POST /coupons/:code/redeem');
  assert.equal(flow.incomplete, HUNG_REQUESTS);
  assert.equal(flow.requests, HUNG_REQUESTS);
  assert.ok(report.flows.slice(1).every((f) => f.incomplete === 0), 'only the coupon flow hangs');
  assert.deepEqual([report.differences[0]!.key, report.differences[0]!.value], ['flow', 'POST /coupons/:code/redeem']);
  for (const r of report.incomplete) {
    assert.equal(r.flow, 'POST /coupons/:code/redeem');
    const kinds = new Set(r.evidence.map((e) => e.kind));
    // instrumentation-http 0.22x ends the server span when the client disconnects: the handler's spans start after it.
    assert.ok(kinds.has('children-after-parent-end'), [...kinds].join());
    assert.ok(kinds.has('loop-signature'), [...kinds].join());
    assert.ok(r.loops.some((l) => l.operation.startsWith('coupon.settlement.check') && l.count >= 10 && Math.abs(l.periodMs - 40) < 25), JSON.stringify(r.loops));
    assert.ok(r.confidence >= 0.9);
  }
}

test('the client saw exactly the coupon requests time out', () => {
  assert.equal(outcome.timedOut, HUNG_REQUESTS);
  assert.equal(outcome.answered, HEALTHY_REQUESTS);
  assert.ok(otlp.received.length > 0, 'the OTLP exporter sent something');
  assert.ok(zipkin.received.length > 0, 'the Zipkin exporter sent something');
});

test('OTLP JSON lines + pino log: the hung requests, their flow and evidence', async () => {
  const report = await analyze({ inputs: [files.otlp, files.log] });
  assert.deepEqual(report.inputs.map((f) => f.error), [undefined, undefined]);
  checkHungRequests(report);
  const summary = report.summary;
  assert.equal(summary.requests, HEALTHY_REQUESTS + HUNG_REQUESTS);
  // The pino lines carry trace ids (instrumentation-pino), so each stuck request has its "request aborted" line.
  // (duration-at-timeout is not asserted here: on a loaded machine the server sees the request late, so its
  // span is shorter than the client's timeout by an unpredictable amount; the unit tests cover that detector.)
  for (const r of report.incomplete) {
    const kinds = r.evidence.map((e) => e.kind);
    assert.ok(kinds.includes('aborted-log'), kinds.join());
    const record = report.requests!.find((q) => q.id === r.id)!;
    assert.ok(record.logCount >= 3, String(record.logCount));
    assert.equal(record.httpStatus, 200, 'the server span looks successful');
  }
  const healthy = (report.requests ?? []).filter((r) => r.state !== 'incomplete');
  assert.equal(healthy.length, HEALTHY_REQUESTS);
  assert.ok(healthy.every((r) => r.state === 'completed'));
});

test('Zipkin v2 JSON: the same hung requests', async (t) => {
  const report = await analyze({ inputs: [files.zipkin] });
  const zipkinInput = report.inputs[0]!;
  if (zipkinInput.error && /no importer/.test(zipkinInput.error)) {
    t.skip(`the Zipkin importer is not in this build yet: ${zipkinInput.error}`);
    return;
  }
  assert.equal(zipkinInput.error, undefined);
  checkHungRequests(report);
});
