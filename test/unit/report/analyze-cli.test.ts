// `limbo analyze` end to end through runCli: formats, --out, progress lines, exit codes.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/run';
import type { CliIO } from '../../../src/cli/io';
import { healthyTrace, hex, hungTraceEnded } from '../detect/builders';
import { toOtlpLine } from './otlp';

const dir = mkdtempSync(join(tmpdir(), 'limbo-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function traces(): string {
  const lines: string[] = [];
  for (let i = 0; i < 40; i++) lines.push(toOtlpLine(healthyTrace(hex(i + 1), i % 2 ? '/cart' : '/search', 1.7e12 + i * 100, 30)));
  for (let i = 0; i < 2; i++) lines.push(toOtlpLine(hungTraceEnded(hex(500 + i), '/coupons/:code/redeem', 1.7e12 + 10000 + i * 700, 5000, 100, 60)));
  return `${lines.join('\n')}\n`;
}

const tracesFile = join(dir, 'traces.jsonl');
writeFileSync(tracesFile, traces());

async function cli(args: string[], isTTY = false): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), isTTY };
  const code = await runCli(args, io);
  return { code, out, err };
}

test('text (default): an incident summary with the hung flow', async () => {
  const r = await cli(['analyze', tracesFile]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /2 requests never finished/);
  assert.match(r.out, /POST \/coupons\/:code\/redeem: 2 of 2 stuck \(100%\)/);
  assert.equal(r.err, '', 'no progress for a small input');
});

test('markdown: the summary in tables, to paste', async () => {
  const r = await cli(['analyze', tracesFile, '--format', 'markdown']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^## Limbo incident summary\n\n\*\*2 of 42 requests never finished/);
  assert.match(r.out, /\| `POST \/coupons\/:code\/redeem` \| 2 \| 2 \| 100% \|/);
});

test('a directory stands for the files under it, sorted, hidden entries and node_modules left out', async () => {
  const incident = join(dir, 'incident');
  mkdirSync(join(incident, 'logs', 'node_modules'), { recursive: true });
  mkdirSync(join(incident, '.cache'), { recursive: true });
  writeFileSync(join(incident, 'traces.jsonl'), traces());
  writeFileSync(join(incident, 'logs', 'notes.txt'), 'not telemetry\n');
  writeFileSync(join(incident, 'logs', 'node_modules', 'x.jsonl'), traces());
  writeFileSync(join(incident, '.cache', 'y.jsonl'), traces());
  const r = await cli(['analyze', incident, '--format', 'json']);
  assert.equal(r.code, 0, r.err);
  const report = JSON.parse(r.out);
  assert.deepEqual(report.inputs.map((f: { file: string }) => f.file), [join(incident, 'logs', 'notes.txt'), join(incident, 'traces.jsonl')]);
  assert.equal(report.summary.incompleteRequests, 2);
  assert.equal(report.summary.spans, 40 * 3 + 2 * 61, 'the copies under node_modules and .cache were not read');
  const empty = join(dir, 'empty');
  mkdirSync(empty);
  const none = await cli(['analyze', empty]);
  assert.equal(none.code, 1);
  assert.match(none.err, /empty: no files in this directory\n.*no usable input/);
});

test('json: the report contract', async () => {
  const r = await cli(['analyze', tracesFile, '--format', 'json']);
  assert.equal(r.code, 0, r.err);
  const report = JSON.parse(r.out);
  assert.equal(report.summary.spans, 40 * 3 + 2 * 61);
  assert.equal(report.summary.traces, 42);
  assert.equal(report.summary.requests, 42);
  assert.equal(report.summary.incompleteRequests, 2);
  assert.equal(report.flows[0].key, 'POST /coupons/:code/redeem');
  assert.deepEqual(report.incomplete.map((x: { id: string }) => x.id).sort(), [hex(500), hex(501)]);
  assert.equal(report.incomplete[0].evidence[0].at.file, tracesFile);
});

test('sarif to a file with --out; the file is valid SARIF and stdout stays empty', async () => {
  const out = join(dir, 'report.sarif');
  const r = await cli(['analyze', '--format=sarif', '--out', out, tracesFile]);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, '');
  assert.match(r.err, /wrote .*report\.sarif \(2 stuck of 42 requests\)/);
  const sarif = JSON.parse(readFileSync(out, 'utf8'));
  assert.equal(sarif.version, '2.1.0');
  assert.equal(sarif.runs[0].results[0].ruleId, 'limbo/hung-flow');
});

test('progress: plain lines on a pipe, a redrawn bar on a TTY', async () => {
  const plain = await cli(['analyze', tracesFile, '--progress', '--format', 'json']);
  assert.match(plain.err, /^limbo: read \d+%: reading .*traces\.jsonl$/m);
  assert.match(plain.err, /^limbo: detect: judging requests in 242 spans/m);
  assert.ok(!plain.err.includes('\r'));
  const tty = await cli(['analyze', tracesFile, '--progress', '--format', 'json'], true);
  assert.match(tty.err, /\r\x1b\[2K\[[#.]{24}\]/);
  assert.ok(tty.err.endsWith('\r\x1b[2K'), 'the bar is cleared at the end');
  JSON.parse(tty.out);
});

test('exit codes: 1 when no input is usable (naming each file), 2 for usage errors, 0 when one of several inputs is usable', async () => {
  const garbage = join(dir, 'garbage.bin');
  writeFileSync(garbage, Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 0x1b, 0x5b]));
  const none = await cli(['analyze', garbage, join(dir, 'missing.json')]);
  assert.equal(none.code, 1);
  assert.match(none.err, /no usable input/);
  assert.match(none.err, /garbage\.bin/);
  assert.match(none.err, /missing\.json/);
  assert.ok(!none.err.includes('\u001b'), 'bytes from the input are escaped');

  const some = await cli(['analyze', garbage, tracesFile]);
  assert.equal(some.code, 0);
  assert.match(some.out, /Inputs not read:\n {2}.*garbage\.bin/);

  for (const args of [['analyze'], ['analyze', tracesFile, '--format', 'xml'], ['analyze', tracesFile, '--bogus'], ['analyze', tracesFile, '--timeout', '-5'], ['analyze', tracesFile, '--src', join(dir, 'nope')]]) {
    const r = await cli(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.ok(r.err.length > 0);
  }
  assert.equal((await cli(['analyze', '--help'])).code, 0);
});
