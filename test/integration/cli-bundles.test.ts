// The built CLI: each command works from dist/, and the commands that read traces only do not need
// the analyzer's bundles (dist/cli-scan.js, dist/code-step.js), which are most of the CLI's size.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repoRoot = resolve(__dirname, '..', '..');
const dist = join(repoRoot, 'dist');
const demo = join(repoRoot, 'examples', 'shop-express');
const trace = join(demo, 'recorded', 'traces.otlp.jsonl.gz');
let cliAlone: string;

function run(cli: string, args: string[]) {
  return spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 });
}

before(() => {
  assert.ok(existsSync(join(dist, 'cli.js')), 'dist/cli.js is missing: run `npm run build` first');
  cliAlone = mkdtempSync(join(tmpdir(), 'limbo-cli-alone-'));
  copyFileSync(join(dist, 'cli.js'), join(cliAlone, 'cli.js'));
});
after(() => rmSync(cliAlone, { recursive: true, force: true }));

test('dist/cli.js scan runs the analyzer from its own bundle', () => {
  const r = run(join(dist, 'cli.js'), ['scan', '--src', demo, '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  const result = JSON.parse(r.stdout);
  assert.ok(result.findings.some((f: { loop: { file: string } }) => f.loop.file.endsWith('gift-card-service.ts')));
});

test('inspect and a trace-only analyze work with dist/cli.js alone; scan and --src need the other bundles', () => {
  const cli = join(cliAlone, 'cli.js');
  const inspect = run(cli, ['inspect', trace, '--format', 'json']);
  assert.equal(inspect.status, 0, inspect.stderr);
  assert.ok(JSON.stringify(JSON.parse(inspect.stdout)).includes('otlp'));
  const report = join(cliAlone, 'report.json');
  const analyze = run(cli, ['analyze', trace, '--format', 'json', '--out', report]);
  assert.equal(analyze.status, 0, analyze.stderr);
  assert.ok(JSON.parse(readFileSync(report, 'utf8')).summary.incompleteRequests > 0);
  const scan = run(cli, ['scan', '--src', demo]);
  assert.notEqual(scan.status, 0, 'scan cannot run without dist/cli-scan.js');
});

test('a reader that closes the pipe early ends the CLI quietly (no EPIPE stack trace)', () => {
  const r = spawnSync('bash', ['-c', `"${process.execPath}" "${join(dist, 'cli.js')}" analyze "${trace}" --format json | head -c 100 >/dev/null; echo "status \${PIPESTATUS[0]}" >&2`], { encoding: 'utf8', timeout: 120_000 });
  assert.doesNotMatch(r.stderr, /EPIPE|Unhandled/);
  assert.match(r.stderr, /status 0/);
});
