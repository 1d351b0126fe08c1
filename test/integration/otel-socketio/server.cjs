// A small socket.io service: clients emit events with an acknowledgement callback. One event never
// acknowledges: its handler waits for a settlement that never comes, starting a child span on every
// round. The other events answer at once. On SIGTERM the stuck handlers keep spinning, as in
// production: only the spans that ended are flushed.
const http = require('node:http');
const { Server } = require('socket.io');
const { trace } = require('@opentelemetry/api');

const tracer = trace.getTracer('coupon-live');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function settlementOf(code) {
  return tracer.startActiveSpan('coupon.settlement.check', { attributes: { 'coupon.code': code } }, async (span) => {
    await sleep(40);
    span.end();
    return code.startsWith('PAID-');
  });
}

const httpServer = http.createServer();
const io = new Server(httpServer);

io.of('/shop').on('connection', (socket) => {
  socket.on('item:get', async (id, ack) => {
    await tracer.startActiveSpan('db.query', { attributes: { 'db.system': 'postgresql' } }, async (span) => {
      await sleep(5);
      span.end();
    });
    ack({ id, name: `item ${id}` });
  });
  // The bug under test: a coupon that is never paid is polled forever, with no deadline.
  socket.on('coupon:redeem', async (code, ack) => {
    let settled = await settlementOf(code);
    while (!settled) settled = await settlementOf(code);
    ack({ ok: true });
  });
});

httpServer.listen(0, '127.0.0.1', () => process.stdout.write(`listening on ${httpServer.address().port}\n`));

process.once('SIGTERM', async () => {
  io.close();
  await globalThis.__limboTestSdk.shutdown();
  process.exit(0);
});
