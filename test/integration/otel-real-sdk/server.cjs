// A small Express service with one route that never answers: its handler polls forever, starting a
// child span and writing a log line on every round. Healthy routes answer at once.
const express = require('express');
const pino = require('pino');
const { trace } = require('@opentelemetry/api');

const tracer = trace.getTracer('coupon-shop');
const logger = pino({ base: { service: 'coupon-shop' } }, pino.destination({ dest: process.env.LOG_FILE, sync: true }));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
let stopping = false;

const app = express();
let nextId = 0;
// The request log lines pino-http would write: start, completion, abort.
app.use((req, res, next) => {
  const reqId = `req-${++nextId}`;
  req.log = logger.child({ reqId });
  req.log.info({ req: { method: req.method, url: req.url } }, 'incoming request');
  res.on('finish', () => req.log.info({ res: { statusCode: res.statusCode } }, 'request completed'));
  res.on('close', () => {
    if (!res.writableFinished) req.log.warn('request aborted');
  });
  next();
});

app.get('/health', (_req, res) => res.send('ok'));

app.get('/items/:id', async (req, res) => {
  await tracer.startActiveSpan('db.query', { attributes: { 'db.system': 'postgresql', 'db.statement': 'SELECT * FROM items WHERE id = $1' } }, async (span) => {
    await sleep(5);
    span.end();
  });
  req.log.info({ itemId: req.params.id }, 'item loaded');
  res.json({ id: req.params.id });
});

app.post('/coupons/:code/redeem', async (req) => {
  // The bug under test: the settlement never arrives for this coupon, and nothing bounds the wait.
  let settled = false;
  while (!settled && !stopping) {
    await tracer.startActiveSpan('coupon.settlement.check', { attributes: { 'coupon.code': req.params.code } }, async (span) => {
      await sleep(40);
      span.end();
    });
    req.log.info({ code: req.params.code }, 'coupon not settled yet');
  }
});

const server = app.listen(0, '127.0.0.1', () => process.stdout.write(`listening on ${server.address().port}\n`));

process.once('SIGTERM', async () => {
  stopping = true;
  server.closeAllConnections();
  server.close();
  await sleep(100);
  await globalThis.__limboTestSdk.shutdown();
  process.exit(0);
});
