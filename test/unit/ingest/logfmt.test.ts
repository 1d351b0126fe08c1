// logfmt logs: the parser (quoting, escapes, words outside pairs), format detection against JSON lines
// and access logs, and records read by the same conventions as JSON logs, through the public ingest API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectFormat, ingestBuffer } from '../../../src/core/ingest/index';
import { parseLogfmt } from '../../../src/core/ingest/logfmt';
import { analyzeDataset } from '../../../src/core/pipeline';
import type { Dataset } from '../../../src/core/model/telemetry';

test('logfmt pairs: bare and quoted values, Go escapes, an unterminated quote, words outside pairs', () => {
  assert.deepEqual(parseLogfmt('time=2024-01-02T03:04:05Z level=info msg="incoming \\"request\\"\\n" path=/a?b=1 empty= x=\\u0041'), {
    pairs: [['time', '2024-01-02T03:04:05Z'], ['level', 'info'], ['msg', 'incoming "request"\n'], ['path', '/a?b=1'], ['empty', ''], ['x', '\\u0041']],
    words: [],
  });
  assert.deepEqual(parseLogfmt('msg="\\u00e9t\\u00e9" note="never closed'), { pairs: [['msg', 'été'], ['note', 'never closed']], words: [] });
  assert.deepEqual(parseLogfmt('2024-01-02T03:04:05Z INFO "quoted words" incoming request req_id=7 =odd'), {
    pairs: [['req_id', '7']],
    words: ['2024-01-02T03:04:05Z', 'INFO', 'quoted words', 'incoming', 'request', '=odd'],
  });
});

test('format detection: logfmt, but access logs with key=value tails and JSON lines keep their formats', () => {
  assert.equal(detectFormat('time=2024-01-02T03:04:05Z level=info msg="incoming request" req_id=a\nlevel=warn msg=aborted req_id=a\n').format, 'logfmt');
  assert.equal(detectFormat('10.0.0.1 - - [10/Oct/2023:13:55:36 +0000] "GET /a?x=1 HTTP/1.1" 499 0 "-" "curl" rt=2.001 uct=0.000\n').format, 'access-log');
  assert.equal(detectFormat('{"level":30,"msg":"a=b c=d"}\nlevel=info msg=x\n{"level":30,"msg":"y"}\n').format, 'jsonl-log');
  assert.equal(detectFormat('just some words\nand more words\n').format, 'unknown');
});

test('logfmt records: time, level, message, ids and service by convention; words before the pairs; other lines reported', async () => {
  const text = [
    'time=2024-01-02T03:04:05.123Z level=INFO msg="incoming request" req_id=r-1 trace_id=0AF7651916CD43DD8448EB211C80319C service=shop http.method=POST',
    'ts=1704164646.5 lvl=warn msg="request aborted" req_id=r-1',
    '2024-01-02T03:04:07Z ERROR payment failed req_id=r-2 code=E42',
    'Traceback (most recent call last):',
    '',
  ].join('\n');
  const r = await ingestBuffer('app.log', text);
  assert.equal(r.summary.format, 'logfmt');
  assert.equal(r.logs.length, 3);
  const [a, b, c] = r.logs;
  assert.deepEqual([a!.timeMs, a!.level, a!.message, a!.requestId, a!.traceId, a!.service], [Date.parse('2024-01-02T03:04:05.123Z'), 'info', 'incoming request', 'r-1', '0af7651916cd43dd8448eb211c80319c', 'shop']);
  assert.equal(a!.attributes['http.method'], 'POST');
  assert.deepEqual([b!.timeMs, b!.level, b!.message], [1704164646500, 'warn', 'request aborted']);
  assert.deepEqual([c!.timeMs, c!.level, c!.message, c!.requestId, c!.attributes.code], [Date.parse('2024-01-02T03:04:07Z'), 'error', 'payment failed', 'r-2', 'E42']);
  assert.equal(r.summary.skippedLines, 1);
  assert.ok(r.summary.warnings.some((w) => w.line === 4 && /not a logfmt line/.test(w.message)));
});

test('a logfmt request log finds the request that started and never completed', async () => {
  const lines: string[] = [];
  for (let i = 0; i < 20; i++) {
    const t = Date.UTC(2024, 0, 2, 3, 4, 5) + i * 1000;
    const route = i === 7 ? '/coupons/c-7/redeem' : `/items/${i}`;
    lines.push(`time=${new Date(t).toISOString()} level=info msg="incoming request" req_id=q${i} method=POST url=${route}`);
    if (i !== 7) lines.push(`time=${new Date(t + 20).toISOString()} level=info msg="request completed" req_id=q${i} status=200`);
  }
  for (let k = 0; k < 8; k++) lines.push(`time=${new Date(Date.UTC(2024, 0, 2, 3, 4, 12) + k * 250).toISOString()} level=info msg="coupon not settled yet" req_id=q7`);
  const r = await ingestBuffer('app.log', lines.join('\n'));
  const { report } = analyzeDataset({ spans: [], logs: r.logs, exchanges: [], files: [r.summary] } as Dataset);
  assert.deepEqual(report.incomplete.map((x) => x.requestId), ['q7']);
  assert.match(report.incomplete[0]!.flow, /^POST \/coupons\//);
  assert.ok(report.incomplete[0]!.evidence.some((e) => e.kind === 'loop-signature'), JSON.stringify(report.incomplete[0]!.evidence.map((e) => e.kind)));
});
