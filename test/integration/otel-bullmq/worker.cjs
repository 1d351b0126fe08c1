// A small BullMQ worker on a real Redis, with BullMQ's own OpenTelemetry telemetry (bullmq-otel) on
// the real SDK; the test adds the jobs. Jobs of the `coupons` queue settle a coupon; an unpaid one never settles and its
// processor polls for ever, starting a child span on every round. On SIGTERM the stuck processor keeps
// spinning, as in production: only the spans that ended are flushed.
const { Worker } = require('bullmq');
const { BullMQOtel } = require('bullmq-otel');
const { trace } = require('@opentelemetry/api');

const tracer = trace.getTracer('coupon-jobs');
const connection = { host: '127.0.0.1', port: Number(process.env.REDIS_PORT) };
const telemetry = new BullMQOtel({ tracerName: 'coupon-jobs' });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function settlementOf(code) {
  return tracer.startActiveSpan('coupon.settlement.check', { attributes: { 'coupon.code': code } }, async (span) => {
    await sleep(40);
    span.end();
    return code.startsWith('PAID-');
  });
}

// The bug under test: a coupon that is never paid is polled forever, with no deadline.
async function settleCoupon(job) {
  let settled = await settlementOf(job.data.code);
  while (!settled) settled = await settlementOf(job.data.code);
  return { ok: true };
}

const worker = new Worker('coupons', settleCoupon, { connection, telemetry, concurrency: 8 });
// The test waits for this line before it adds jobs (the port is Redis's, which the test chose).
worker.waitUntilReady().then(() => process.stdout.write(`listening on ${connection.port}\n`));

process.once('SIGTERM', async () => {
  await globalThis.__limboTestSdk.shutdown();
  process.exit(0);
});
