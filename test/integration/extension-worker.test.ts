// The extension's worker bundle (dist/worker.js) on real inputs, outside VS Code: the demo trace with
// its source, the source alone (Analyze Workspace Code), a malformed file, and cancellation.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { AnalysisCancelledError, runAnalysisInWorker, type Cancellation } from '../../src/extension/engine/analysisRunner';
import type { EngineSettings } from '../../src/extension/worker/protocol';
import { repoRoot } from '../helpers/paths';

const workerScript = join(repoRoot, 'dist', 'worker.js');
const demo = join(repoRoot, 'examples', 'shop-express');
const settings: EngineSettings = { pathMappings: {}, requestIdFields: [], timeoutThresholdMs: 0, rules: {} };

before(() => {
  // Always the current sources: the bundle under test is rebuilt, not whatever dist/ holds.
  const r = spawnSync(process.execPath, ['scripts/build.mjs', '--only=worker'], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});

test('the demo trace with its source: the hung flow first, the real loop ranked first, progress reported', async () => {
  const progress: number[] = [];
  const { report } = await runAnalysisInWorker(workerScript, { inputs: [join(demo, 'recorded', 'traces.otlp.jsonl.gz')], src: demo, settings }, (_m, f) => {
    if (f !== undefined) progress.push(f);
  });
  assert.ok(report.summary.incompleteRequests > 0);
  assert.equal(report.flows[0]!.key, 'POST /orders/:orderId/gift-card/redeem');
  assert.equal(report.suspects[0]!.location.file, 'src/services/gift-card-service.ts');
  assert.ok(progress.length >= 3 && progress.at(-1) === 1, JSON.stringify(progress));
  assert.deepEqual([...progress].sort((a, b) => a - b), progress, 'progress only moves forward');
});

test('the source alone (Analyze Workspace Code): loop findings, no requests', async () => {
  const { report } = await runAnalysisInWorker(workerScript, { inputs: [], src: demo, settings }, () => {});
  assert.equal(report.summary.requests, 0);
  assert.ok((report.scan?.findings.length ?? 0) > 0, 'the analyzer ran');
});

test('turning a rule off in the settings removes its findings', async () => {
  const all = await runAnalysisInWorker(workerScript, { inputs: [], src: demo, settings }, () => {});
  const rule = all.report.scan!.findings[0]!.ruleId;
  const without = await runAnalysisInWorker(workerScript, { inputs: [], src: demo, settings: { ...settings, rules: { [rule]: false } } }, () => {});
  assert.ok(!without.report.scan!.findings.some((f) => f.ruleId === rule), `${rule} still reported`);
});

test('a malformed file is reported with its name; nothing usable means no report', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'limbo-worker-'));
  const broken = join(dir, 'broken.json');
  writeFileSync(broken, '{"resourceSpans": [{"scopeSpans": [{"spans": [{"traceId": "ab", ');
  const result = await runAnalysisInWorker(workerScript, { inputs: [broken], src: undefined, settings }, () => {}).then(
    (r) => ({ ok: true as const, report: r.report }),
    (e: Error) => ({ ok: false as const, message: e.message }),
  );
  if (result.ok) assert.match(result.report.inputs[0]!.error ?? '', /./, 'the file carries an error');
  else assert.match(result.message, /broken\.json/);
});

test('cancelling stops the worker', async () => {
  let cancel: () => void = () => {};
  const token: Cancellation = {
    isCancellationRequested: false,
    onCancellationRequested(listener) {
      cancel = listener;
      return { dispose() {} };
    },
  };
  const run = runAnalysisInWorker(workerScript, { inputs: [join(demo, 'recorded', 'traces.otlp.jsonl.gz')], src: demo, settings }, () => cancel(), token);
  await assert.rejects(run, AnalysisCancelledError);
});
