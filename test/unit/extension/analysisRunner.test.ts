import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { AnalysisCancelledError, AnalysisWorker, runAnalysisInWorker, type Cancellation } from '../../../src/extension/engine/analysisRunner';
import type { AnalyzeRequest } from '../../../src/extension/worker/protocol';

const fakeWorker = join(__dirname, 'fixtures', 'fake-worker.mjs');
const settings = { pathMappings: { '/app': 'src' }, requestIdFields: ['rid'], timeoutThresholdMs: 0, rules: {} };
const request = (mode: string): AnalyzeRequest => ({ inputs: [mode], src: '/ws', settings });

class TestToken implements Cancellation {
  isCancellationRequested = false;
  private listeners: Array<() => void> = [];
  onCancellationRequested(listener: () => void) {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  }
  cancel(): void {
    this.isCancellationRequested = true;
    for (const l of this.listeners) l();
  }
}

test('the result and progress come back from the worker', async () => {
  const progress: Array<[string, number | undefined]> = [];
  const result = await runAnalysisInWorker(fakeWorker, request('result'), (m, f) => progress.push([m, f]));
  assert.equal(result.report.summary.requests, 7);
  assert.deepEqual((result.report as unknown as { echo: AnalyzeRequest }).echo, request('result'));
  assert.deepEqual(progress, [['reading', 0.5]]);
});

test('an engine error becomes a rejected promise with its message', async () => {
  await assert.rejects(runAnalysisInWorker(fakeWorker, request('error'), () => {}), /bad\.json line 3: unexpected end of JSON/);
});

test('a worker that dies is reported, not awaited forever', async () => {
  await assert.rejects(runAnalysisInWorker(fakeWorker, request('crash'), () => {}), /stopped unexpectedly \(exit code 3\)/);
});

test('cancellation terminates a worker stuck in a busy loop', async () => {
  const token = new TestToken();
  const started = Date.now();
  const run = runAnalysisInWorker(fakeWorker, request('hang'), () => token.cancel(), token);
  await assert.rejects(run, AnalysisCancelledError);
  assert.ok(Date.now() - started < 10_000);
});

test('an already cancelled token never starts a worker', async () => {
  const token = new TestToken();
  token.cancel();
  await assert.rejects(runAnalysisInWorker('/nonexistent/worker.js', request('result'), () => {}, token), AnalysisCancelledError);
});

test('one worker answers analyses and re-checks in turn, and a cancel replaces it with a fresh one', async () => {
  const worker = new AnalysisWorker(fakeWorker);
  try {
    const seen = (r: { report: unknown }) => (r.report as unknown as { seen: number; kind: string; changedFiles?: string[] });
    const first = await worker.analyze(request('result'), () => {});
    assert.deepEqual([seen(first).seen, seen(first).kind], [1, 'analyze']);
    const second = await worker.recheck(request('result'), ['/ws/a.ts'], () => {});
    assert.deepEqual([seen(second).seen, seen(second).kind, seen(second).changedFiles], [2, 'recheck', ['/ws/a.ts']], 'the same worker, kept between requests');
    const token = new TestToken();
    await assert.rejects(worker.analyze(request('hang'), () => token.cancel(), token), AnalysisCancelledError);
    const after = await worker.analyze(request('result'), () => {});
    assert.equal(seen(after).seen, 1, 'a fresh worker after the cancel');
    await assert.rejects(worker.analyze(request('crash'), () => {}), /stopped unexpectedly/);
    assert.equal(seen(await worker.analyze(request('result'), () => {})).seen, 1, 'a fresh worker after a crash');
  } finally {
    worker.dispose();
  }
});
