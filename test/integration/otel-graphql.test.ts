// Real tracers, GraphQL: a graphql-js service over Express instrumented with the real OpenTelemetry
// SDK (instrumentation-http, -express and -graphql), where every request is `POST /graphql` and one
// mutation never answers. Limbo must tell the stuck requests apart by operation (their execute and
// resolve spans never end: only the parse span keeps the document), name the flow as the resolver
// map names it, and point at the resolver's loop.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../src/core/pipeline';
import { startOtlpReceiver, type Receiver } from './otel-real-sdk/receivers';
import { call, startService, type RunningService } from './otel-real-sdk/service';

const SERVICE_DIR = join(__dirname, 'otel-graphql');
const STUCK = 3;
const dir = mkdtempSync(join(tmpdir(), 'limbo-otel-graphql-'));
const traces = join(dir, 'traces.otlp.jsonl');
let otlp: Receiver;
let service: RunningService | undefined;
const outcomes = { timedOut: 0, answered: 0 };

/** One GraphQL request with the shared client's timeout. */
function graphql(port: number, body: object): Promise<'answered' | 'timed-out'> {
  return call(port, 'POST', '/graphql', { 'content-type': 'application/json' }, JSON.stringify(body));
}

before(async () => {
  otlp = await startOtlpReceiver();
  service = await startService(join(SERVICE_DIR, 'instrument.cjs'), { OTLP_URL: otlp.url }, join(SERVICE_DIR, 'server.cjs'));
  const calls: Array<Promise<'answered' | 'timed-out'>> = [];
  for (let i = 0; i < 12; i++) {
    calls.push(i % 3 ? graphql(service.port, { query: 'query Product($id: ID!) { product(id: $id) { id name } }', variables: { id: String(i) }, operationName: 'Product' }) : graphql(service.port, { query: '{ health }' }));
    // Paid coupons settle at once; the others never do.
    if (i % 4 === 1) calls.push(graphql(service.port, { query: 'mutation Redeem($code: String!) { redeemCoupon(code: $code) { ok } }', variables: { code: `SPRING-${i}` }, operationName: 'Redeem' }));
    if (i % 4 === 3) calls.push(graphql(service.port, { query: 'mutation Redeem($code: String!) { redeemCoupon(code: $code) { ok } }', variables: { code: `PAID-${i}` }, operationName: 'Redeem' }));
    await new Promise((r) => setTimeout(r, 20));
  }
  for (const result of await Promise.all(calls)) outcomes[result === 'timed-out' ? 'timedOut' : 'answered']++;
  await new Promise((r) => setTimeout(r, 500));
  await service.stop();
  writeFileSync(traces, otlp.received.map((l) => `${String(l)}\n`).join(''));
});

after(async () => {
  await service?.stop();
  await otlp?.close();
  if (!process.env.LIMBO_KEEP_TMP) rmSync(dir, { recursive: true, force: true });
});

test('the client saw exactly the unpaid redemptions time out', () => {
  assert.equal(outcomes.timedOut, STUCK);
  assert.equal(outcomes.answered, 12 + 3);
});

test('GraphQL operations are the flows; the stuck mutation is the one that hangs, and its resolver loop is the suspect', async () => {
  const report = await analyze({ inputs: [traces], src: SERVICE_DIR });
  assert.equal(report.inputs[0]!.error, undefined);
  assert.equal(report.summary.incompleteRequests, STUCK, JSON.stringify(report.incomplete.map((r) => [r.flow, r.evidence.map((e) => e.kind)])));
  assert.ok(report.incomplete.every((r) => r.flow === 'GRAPHQL Mutation.redeemCoupon'));
  const flows = new Map(report.flows.map((f) => [f.key, f]));
  // (The schema's parse at startup is a trace of its own, `coupon-graph: graphql.parseSchema`.)
  assert.deepEqual([...flows.keys()].filter((k) => k.startsWith('GRAPHQL ')).sort(), ['GRAPHQL Mutation.redeemCoupon', 'GRAPHQL Query.health', 'GRAPHQL Query.product']);
  assert.ok(!flows.has('POST /graphql'), 'no request is left on the shared endpoint');
  assert.equal(flows.get('GRAPHQL Mutation.redeemCoupon')!.incomplete, STUCK);
  assert.equal(flows.get('GRAPHQL Mutation.redeemCoupon')!.requests, STUCK + 3);
  assert.ok(report.differences.some((d) => d.key === 'flow' && d.value === 'GRAPHQL Mutation.redeemCoupon'));
  const top = report.suspects[0]!;
  assert.equal(top.location.file, 'server.cjs');
  assert.equal(top.finding.functionName, 'redeemCoupon');
  assert.equal(top.finding.loopKind, 'while');
  assert.deepEqual(top.finding.entryPoints, ['GRAPHQL Mutation.redeemCoupon']);
  assert.deepEqual(top.flows, ['GRAPHQL Mutation.redeemCoupon']);
  assert.equal(top.stuckRequests, STUCK);
});
