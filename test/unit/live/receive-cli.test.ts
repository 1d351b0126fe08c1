// `limbo receive` through runCli: usage errors, a short --duration run that writes what it was sent
// as JSON lines, and a file it cannot write.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/run';
import type { CliIO } from '../../../src/cli/io';

const dir = mkdtempSync(join(tmpdir(), 'limbo-receive-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function io(onStderr: (all: string) => void = () => {}) {
  const out = { stdout: '', stderr: '' };
  const cliIO: CliIO = {
    stdout: (t) => void (out.stdout += t),
    stderr: (t) => {
      out.stderr += t;
      onStderr(out.stderr);
    },
    isTTY: false,
  };
  return { out, cliIO };
}

test('usage errors exit 2 with the reason', async () => {
  for (const [args, reason] of [
    [[], /--out FILE is required/],
    [['--out', 'x', '--port', '70000'], /--port must be/],
    [['--out', 'x', '--duration', '0'], /--duration must be/],
    [['--out', 'x', '--src', 'app'], /--src is used with --analyze/],
    [['--out', 'x', '--bogus\u202e'], /unknown argument --bogus\\u202e/],
  ] as const) {
    const { out, cliIO } = io();
    assert.equal(await runCli(['receive', ...args], cliIO), 2, args.join(' '));
    assert.match(out.stderr, reason);
  }
});

test('a --duration run writes each export request as one line and reports the totals', async () => {
  const file = join(dir, 'received.jsonl');
  let posted: Promise<number> | undefined;
  const { out, cliIO } = io((all) => {
    const url = /listening on (http:\/\/[\d.:]+)/.exec(all)?.[1];
    if (url && !posted) {
      const body = JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: '01'.repeat(16), spanId: '02'.repeat(8), name: 'a\nb', startTimeUnixNano: '5' }] }] }] }, null, 2);
      posted = fetch(`${url}/v1/traces`, { method: 'POST', body, headers: { 'content-type': 'application/json' } }).then((r) => r.status);
    }
  });
  assert.equal(await runCli(['receive', '--port', '0', '--grpc-port', '0', '--out', file, '--duration', '1.5'], cliIO), 0, out.stderr);
  assert.equal(await posted, 200);
  const lines = readFileSync(file, 'utf8').split('\n');
  assert.equal(lines.length, 2, 'one line and the final newline');
  assert.equal(JSON.parse(lines[0]!).resourceSpans[0].scopeSpans[0].spans[0].name, 'a\nb');
  assert.match(out.stderr, /1 export request\(s\), 1 span\(s\), 0 log record\(s\)/);
  assert.match(out.stderr, /next: limbo analyze /);
});

test('an output file that cannot be written exits 1 naming it', async () => {
  const { out, cliIO } = io();
  assert.equal(await runCli(['receive', '--port', '0', '--no-grpc', '--out', join(dir, 'missing', 'dir', 'f.jsonl'), '--duration', '1'], cliIO), 1);
  assert.match(out.stderr, /cannot write .*missing\/dir\/f\.jsonl/);
});

test('a file that stops taking writes (a full disk): exporters are refused with the reason, exit 1', { skip: process.platform !== 'linux' && 'needs /dev/full' }, async () => {
  const statuses: number[] = [];
  let sending: Promise<void> | undefined;
  const { out, cliIO } = io((all) => {
    const url = /listening on (http:\/\/[\d.:]+)/.exec(all)?.[1];
    if (!url || sending) return;
    sending = (async () => {
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${url}/v1/traces`, { method: 'POST', body: JSON.stringify({ resourceSpans: [] }), headers: { 'content-type': 'application/json' } });
        statuses.push(res.status);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
  });
  assert.equal(await runCli(['receive', '--port', '0', '--no-grpc', '--out', '/dev/full', '--duration', '1.5'], cliIO), 1, out.stderr);
  await sending;
  assert.equal(statuses.at(-1), 500, statuses.join());
  assert.match(out.stderr, /writing \/dev\/full failed: ENOSPC/);
});
