// Hostile and broken inputs: each must give a clear message naming the file and line, keep every
// valid record, and never crash or hang. Big inputs are generated here, in a temp dir.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestFile, ingestFiles } from '../../src/core/ingest/index';
import { run as inspect } from '../../src/cli/commands/inspect';
import { fixture } from '../helpers/paths';

const dir = mkdtempSync(join(tmpdir(), 'limbo-bad-input-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, data: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
};
const logLine = (msg: string, extra: object = {}) => JSON.stringify({ level: 30, time: 1700000000000, msg, ...extra });
const span = (id: string, name: string) => ({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: id, name, startTimeUnixNano: '1700000000000000000' });

test('empty file: error names the file', async () => {
  const path = file('empty.json', '');
  const r = await ingestFile(path);
  assert.equal(r.summary.format, 'unknown');
  assert.equal(r.summary.error, `${path}: line 1: unrecognized input: the file is empty`);
});

test('missing file: error names it, and the other files of the set are still read', async () => {
  const good = file('good.log', `${logLine('a')}\n`);
  const missing = join(dir, 'nope.json');
  const d = await ingestFiles([missing, good]);
  assert.match(d.files[0]!.error!, new RegExp(`^${missing.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: cannot read the file: ENOENT`));
  assert.equal(d.files[1]!.error, undefined);
  assert.equal(d.logs.length, 1);
});

test('truncated OTLP document: spans before the cut are kept, the warning names the line', async () => {
  const doc = JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 's' } }] }, scopeSpans: [{ spans: [span('aaaaaaaaaaaaaaaa', 'one'), span('bbbbbbbbbbbbbbbb', 'two')] }] }] }, null, 2);
  const cut = doc.slice(0, doc.indexOf('"bbbbbbbbbbbbbbbb"') + 5);
  const path = file('truncated.json', cut);
  const r = await ingestFile(path);
  assert.equal(r.summary.format, 'otlp-json');
  assert.deepEqual(r.spans.map((s) => s.name), ['one']);
  assert.equal(r.spans[0]!.service, 's');
  assert.equal(r.summary.error, undefined, 'a file with usable records is not an error');
  const lastLine = cut.split('\n').length;
  assert.ok(r.summary.warnings.some((w) => w.file === path && w.line !== undefined && w.line <= lastLine && /truncated JSON/.test(w.message)), JSON.stringify(r.summary.warnings));
});

test('truncated JSON with nothing usable: the error names file and line', async () => {
  const path = file('cut.har', '{\n  "log": {\n    "entries": [\n      {"request": {"method": "GET"');
  const r = await ingestFile(path);
  assert.equal(r.summary.harEntries, 0);
  assert.equal(r.summary.error, `${path}: line 4: truncated JSON: the input ends inside a value opened at line 4`);
});

test('wrong format: a plain text file is refused with line 1 quoted', async () => {
  const path = file('notes.json', 'Dear team,\nthe service hangs.\n');
  const r = await ingestFile(path);
  assert.equal(r.summary.error, `${path}: line 1: unrecognized input: line 1 is neither JSON, an access-log line nor logfmt: "Dear team,"`);
});

test('binary data is refused, not parsed', async () => {
  const bytes = Buffer.alloc(4096);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 131) % 256;
  const r = await ingestFile(file('image.json', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), bytes])));
  assert.match(r.summary.error!, /image\.json: line 1: unrecognized input: the file looks binary/);
});

test('invalid UTF-8 inside a log line: the record is kept and the line reported', async () => {
  const path = file('latin1.log', Buffer.concat([Buffer.from(`${logLine('ok')}\n{"level":30,"msg":"caf`), Buffer.from([0xe9]), Buffer.from(`"}\n${logLine('after')}\n`)]));
  const r = await ingestFile(path);
  assert.deepEqual(r.logs.map((l) => l.message), ['ok', 'caf\uFFFD', 'after']);
  assert.ok(r.summary.warnings.some((w) => w.line === 2 && /invalid UTF-8/.test(w.message)));
});

test('JSON nested 100,000 levels deep: as a log line and inside a document, skipped with its line, no stack overflow', async () => {
  const deep = `{"level":30,"msg":"deep","a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
  const lines = file('deep.log', `${logLine('before')}\n${deep}\n${logLine('after')}\n`);
  const r1 = await ingestFile(lines);
  assert.deepEqual(r1.logs.map((l) => l.message), ['before', 'after']);
  assert.ok(r1.summary.warnings.some((w) => w.line === 2 && /nested deeper|not a JSON/.test(w.message)), JSON.stringify(r1.summary.warnings));

  const doc = `{\n "resourceSpans": [\n  ${JSON.stringify({ scopeSpans: [{ spans: [span('aaaaaaaaaaaaaaaa', 'kept')] }] })},\n  {"scopeSpans": [{"spans": [{"traceId": "0af7651916cd43dd8448eb211c80319c", "spanId": "bbbbbbbbbbbbbbbb", "attributes": ${'['.repeat(100_000)}${']'.repeat(100_000)}}]}]}\n ]\n}`;
  const r2 = await ingestFile(file('deep.json', doc));
  assert.deepEqual(r2.spans.map((s) => s.name), ['kept']);
  assert.ok(r2.summary.warnings.some((w) => w.line === 4 && /nested deeper than 256 levels/.test(w.message)), JSON.stringify(r2.summary.warnings));
});

test('a single 50 MB line: read within the default limit, skipped with a warning naming it under a lower limit', async () => {
  const path = join(dir, 'huge.log');
  const out = createWriteStream(path);
  out.write(`${logLine('first')}\n{"level":30,"msg":"huge","blob":"`);
  const block = 'x'.repeat(1 << 20);
  for (let i = 0; i < 50; i++) if (!out.write(block)) await once(out, 'drain');
  out.end(`"}\n${logLine('last')}\n`);
  await once(out, 'finish');

  const normal = await ingestFile(path);
  assert.deepEqual(normal.logs.map((l) => l.message), ['first', 'huge', 'last']);

  const capped = await ingestFile(path, { maxLineBytes: 8 << 20 });
  assert.deepEqual(capped.logs.map((l) => l.message), ['first', 'last']);
  assert.deepEqual(capped.summary.warnings.map((w) => [w.line, w.message]), [[2, 'line is 50.0 MiB, longer than the 8.0 MiB limit; skipped']]);
});

test('mixed formats in one file: JSON log lines kept, access-log and garbage lines reported by number', async () => {
  const path = file('mixed.log', [
    logLine('one'),
    '127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 2326',
    logLine('two'),
    '\u001b[31mpanic: boom',
    '[1, 2, 3]',
    logLine('three'),
  ].join('\n'));
  const r = await ingestFile(path);
  assert.equal(r.summary.format, 'jsonl-log');
  assert.deepEqual(r.logs.map((l) => [l.message, l.origin.line]), [['one', 1], ['two', 3], ['three', 6]]);
  assert.equal(r.summary.skippedLines, 3);
  assert.deepEqual(r.summary.warnings.map((w) => w.line), [2, 4, 5]);
});

test('cancellation: an aborted signal stops ingestFiles with an AbortError', async () => {
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(ingestFiles([fixture('otlp-jsonl/otel-tui__test_data.json')], { signal: controller.signal }), { name: 'AbortError' });
});

test('progress is reported up to the file size', async () => {
  const seen: Array<[number, number]> = [];
  await ingestFile(fixture('otlp-jsonl/otel-tui__test_data.json'), { onProgress: (read, total) => seen.push([read, total]) });
  assert.ok(seen.length > 1);
  const [read, total] = seen[seen.length - 1]!;
  assert.equal(read, total);
  assert.equal(total, 2323119);
});

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t), isTTY: false } };
}

test('limbo inspect: terminal escapes from the data are neutralized; exit 0 when one input is usable', async () => {
  const path = file('evil.log', `${JSON.stringify({ level: 'info\u001b[2J\u202e', msg: 'x' })}\nnot json \u001b]0;pwned\u0007\n`);
  const { out, io } = capture();
  const code = await inspect([path, join(dir, 'missing.json')], io);
  assert.equal(code, 0);
  assert.ok(!/[\u001b\u0007\u202e]/.test(out.stdout), out.stdout);
  assert.match(out.stdout, /levels\s+info\\u001b\[2j\\u202e 1/);
  assert.match(out.stdout, /warning: line 2: not a JSON object line; skipped/);
});

test('limbo inspect: non-zero exit and a clear message when no input is usable; JSON output parses', async () => {
  const empty = file('empty2.json', '');
  const { out, io } = capture();
  assert.equal(await inspect([empty, '--format', 'json'], io), 1);
  assert.equal(JSON.parse(out.stdout).files[0].error, `${empty}: line 1: unrecognized input: the file is empty`);
  assert.match(out.stderr, /limbo inspect: no usable input:/);
});
