import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../../src/cli/run';
import { casesRoot } from '../../../helpers/analysis-suite';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t), isTTY: false }, out, err };
}

test('limbo scan prints findings with data path and flows (text)', async () => {
  const { io: cli, out } = io();
  const code = await runCli(['scan', '--src', join(casesRoot, 'exit-depends', 'interprocedural-helper-cjs')], cli);
  assert.equal(code, 0);
  const text = out.join('');
  assert.match(text, /settle\.js:3:3 {2}warning {2}exit-depends-on-flow-data/);
  assert.match(text, /data path:\n {4}app\.js:6 {2}req\.body\.target: request input/);
  assert.match(text, /reached from: POST \/settle/);
  assert.match(text, /1 finding\(s\); 2 files/);
});

test('limbo scan --format json --out writes the ScanResult', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'limbo-scan-'));
  try {
    const { io: cli, err } = io();
    const outFile = join(dir, 'scan.json');
    assert.equal(await runCli(['scan', '--src', join(casesRoot, 'poll', 'sleep-until-status'), '--format', 'json', '--out', outFile], cli), 0);
    const result = JSON.parse(readFileSync(outFile, 'utf8'));
    assert.deepEqual(result.findings.map((f: { ruleId: string }) => f.ruleId).sort(), ['exit-depends-on-flow-data', 'unbounded-poll-or-retry']);
    assert.ok(result.functions.length > 0 && result.reachability['POST /export'].length > 0);
    assert.match(err.join(''), /2 finding\(s\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('limbo scan: usage errors, missing folder, unparsable file reported with its line, control characters escaped', async () => {
  assert.equal(await runCli(['scan'], io().io), 2);
  assert.equal(await runCli(['scan', '--src', 'x', '--format', 'xml'], io().io), 2);
  assert.equal(await runCli(['scan', '--src', '/nonexistent/limbo'], io().io), 1);
  const dir = mkdtempSync(join(tmpdir(), 'limbo-scan-'));
  try {
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'broken.js'), 'function (\n');
    writeFileSync(join(dir, 'src', 'ok.js'), 'function f() {\n  let n = 0;\n  while (true) {\n    n++; // \u001b[31m\n  }\n}\nf();\n');
    const { io: cli, out } = io();
    assert.equal(await runCli(['scan', '--src', dir], cli), 0);
    const text = out.join('');
    assert.match(text, /src\/broken\.js:1: does not parse/);
    assert.match(text, /src\/ok\.js:3:3 {2}error {2}infinite-loop-guarded-by-flow-data/);
    assert.ok(!text.includes('\u001b'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
