// The extension's worker bundle (dist/worker.js) on real inputs, outside VS Code: the demo trace with
// its source, the source alone (Analyze Workspace Code), a malformed file, cancellation, and the
// re-check after a save that reuses the worker's last analysis.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { AnalysisCancelledError, AnalysisWorker, runAnalysisInWorker, type Cancellation } from '../../src/extension/engine/analysisRunner';
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

test('a re-check after a save re-analyzes the saved file in the same worker and answers as a full analysis does', async () => {
  const workspace = join(mkdtempSync(join(tmpdir(), 'limbo-recheck-')), 'shop-express');
  cpSync(demo, workspace, { recursive: true, filter: (p) => !/[\\/](node_modules|\.limbo)([\\/]|$)/.test(p) });
  const request = { inputs: [join(workspace, 'recorded', 'traces.otlp.jsonl.gz')], src: workspace, settings };
  const loopFile = join(workspace, 'src', 'services', 'gift-card-service.ts');
  const worker = new AnalysisWorker(workerScript);
  try {
    const first = await worker.analyze(request, () => {});
    const suspect = first.report.suspects[0]!;
    assert.equal(suspect.location.file, 'src/services/gift-card-service.ts');
    // The fix a person might try first: wait for the capture once instead of polling forever.
    writeFileSync(loopFile, readFileSync(loopFile, 'utf8').replace('while (hold.capturedCents < amountDue)', 'if (hold.capturedCents < amountDue)'));
    const rechecked = await worker.recheck(request, [loopFile], () => {});
    assert.deepEqual(rechecked.recheck?.incremental, true, JSON.stringify(rechecked.recheck));
    assert.ok((rechecked.recheck?.filesRechecked ?? 0) >= 1);
    assert.equal(rechecked.report.summary.requests, first.report.summary.requests, 'the same records, not read again');
    assert.ok(!rechecked.report.suspects.some((s) => s.location.file === suspect.location.file && s.location.startLine === suspect.location.startLine), 'the fixed loop is no suspect');
    // What a full analysis of the edited tree says, from a fresh worker.
    const full = await runAnalysisInWorker(workerScript, request, () => {});
    const view = (r: typeof full.report) => ({ summary: r.summary, suspects: r.suspects.map((s) => [s.rule, s.location, s.score, s.explanation]), findings: r.scan?.findings.length, mappings: r.mappings.length });
    assert.deepEqual(view(rechecked.report), view(full.report));
    // Other settings: the kept analysis does not answer, a full one does.
    const other = await worker.recheck({ ...request, settings: { ...settings, rules: { 'exit-depends-on-flow-data': false } } }, [loopFile], () => {});
    assert.deepEqual(other.recheck, { incremental: false, reason: 'the inputs, their files or the settings changed' });
    // A trace file rewritten since it was read (a live capture that grew): read again.
    const again = await worker.analyze(request, () => {});
    assert.equal(again.recheck, undefined);
    const traces = request.inputs[0]!;
    writeFileSync(traces, readFileSync(traces));
    const reread = await worker.recheck(request, [loopFile], () => {});
    assert.deepEqual(reread.recheck, { incremental: false, reason: 'the inputs, their files or the settings changed' });
  } finally {
    worker.dispose();
  }
});

test('a re-check in a fresh worker (after a reload or a cancel) is a full analysis', async () => {
  const worker = new AnalysisWorker(workerScript);
  try {
    const result = await worker.recheck({ inputs: [], src: demo, settings }, [join(demo, 'src', 'app.ts')], () => {});
    assert.deepEqual(result.recheck, { incremental: false, reason: 'no earlier analysis in this worker' });
    assert.ok((result.report.scan?.findings.length ?? 0) > 0);
  } finally {
    worker.dispose();
  }
});
