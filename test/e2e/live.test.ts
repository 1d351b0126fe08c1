// Live sources in a real VS Code (code-server): the OTLP receiver started from the palette, fed the
// demo incident over OTLP/HTTP, stopped and analyzed; and a fetch from a Tempo stand-in through the
// command's quick inputs. Both must end with the demo's known answer in the status bar and result.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { repoRoot } from '../helpers/paths';
import { fakeTempo, otlpTraces } from '../helpers/fake-backends';
import type { AnalysisReport } from '../../src/core/model';
import { launchVsCode, type VsCodeSession } from './harness';

const demoWorkspace = join(repoRoot, 'examples', 'shop-express');
const demoTruth = JSON.parse(readFileSync(join(demoWorkspace, 'recorded', 'summary.json'), 'utf8')) as { stuckFlow: string; totals: { requests: number; timedOut: number } };
const traceLines = gunzipSync(readFileSync(join(demoWorkspace, 'recorded', 'traces.otlp.jsonl.gz'))).toString('utf8').split('\n').filter(Boolean);
const ANSWER = new RegExp(`Limbo: ${demoTruth.totals.timedOut} of ${demoTruth.totals.requests} requests never finished`);

let session: VsCodeSession | undefined;
after(async () => {
  await session?.close();
});

/** Answers the quick input titled `title` with `value` (a quick pick: the row it filters to). */
async function answer(page: Page, title: RegExp, value: string): Promise<void> {
  await page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor({ state: 'visible', timeout: 60_000 });
  const input = page.locator('.quick-input-widget input.input');
  await input.fill(value);
  await page.waitForTimeout(200);
  await input.press('Enter');
  await page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor({ state: 'hidden', timeout: 10_000 });
}

function tryReport(workspace: string): AnalysisReport | undefined {
  try {
    return savedReport(workspace);
  } catch {
    return undefined; // not written yet, or being written
  }
}

async function poll<T>(probe: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not there after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

function savedReport(workspace: string): AnalysisReport {
  return JSON.parse(readFileSync(join(workspace, '.limbo', 'report.json'), 'utf8')) as AnalysisReport;
}

describe('Limbo live sources in a real VS Code', { timeout: 900_000 }, () => {
  test('Receive Live Telemetry: the demo incident sent over OTLP/HTTP, stopped from the status bar, analyzed', async () => {
    session = await launchVsCode({ workspace: demoWorkspace, copyWorkspace: true, settings: { 'limbo.receiver.port': 0, 'limbo.receiver.grpcPort': 0 } });
    const { page } = session;
    await session.runCommand('Limbo: Receive Live Telemetry (OTLP)');
    const status = page.locator('.statusbar-item', { hasText: /Limbo: receiving on http:\/\/127\.0\.0\.1:\d+/ });
    await status.first().waitFor({ timeout: 60_000 });
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(await status.first().innerText())![0];
    await session.screenshot('live-receiving');
    for (const line of traceLines) {
      const res = await fetch(`${url}/v1/traces`, { method: 'POST', body: line, headers: { 'content-type': 'application/json' } });
      assert.equal(res.status, 200);
    }
    // While it still listens: what was received so far.
    await session.runCommand('Limbo: Analyze Received So Far');
    await page.locator('.statusbar', { hasText: ANSWER }).waitFor({ timeout: 240_000 });
    assert.equal(await status.count(), 1, 'still receiving');
    await session.runCommand('Limbo: Clear Results');
    await poll(() => (tryReport(session!.workspace) ? undefined : true), 30_000);
    // The status bar item stops the receiver and starts the analysis, whose result is saved anew.
    await status.first().click();
    await poll(() => tryReport(session!.workspace), 240_000);
    await page.locator('.statusbar', { hasText: ANSWER }).waitFor({ timeout: 30_000 });
    await session.screenshot('live-analyzed');
    const received = readFileSync(join(session.workspace, '.limbo', 'live.otlp.jsonl'), 'utf8').split('\n').filter(Boolean);
    assert.equal(received.length, traceLines.length);
    const report = savedReport(session.workspace);
    assert.equal(report.summary.incompleteRequests, demoTruth.totals.timedOut);
    assert.equal(report.flows[0]!.key, demoTruth.stuckFlow);
    assert.ok(report.suspects.length > 0, 'the workspace code was analyzed with it');
    assert.equal(await status.count(), 0, 'the receiver\'s status bar item is gone');
  });

  test('Fetch from Tempo: the quick inputs, the fetch in a child process, the analysis', async (t) => {
    if (!session) return t.skip('no session');
    const { page } = session;
    const traces = otlpTraces(traceLines);
    const tempo = await fakeTempo(traces);
    try {
      await session.runCommand('Limbo: Clear Results');
      const oldest = [...traces.values()].reduce((min, tr) => (tr.startNs < min ? tr.startNs : min), BigInt(Date.now()) * 1_000_000n);
      const days = Math.ceil((Date.now() - Number(oldest / 1_000_000n)) / 86_400_000) + 1;
      await session.runCommand('Limbo: Fetch from Tempo, Jaeger or Loki…');
      await answer(page, /fetch an incident window from/, 'Tempo');
      await answer(page, /Tempo URL/, tempo.url);
      await answer(page, /TraceQL filter/, '');
      await answer(page, /how far back/, `${days}d`);
      // The previous test's answer may still be in the status bar: wait for the fetch's own result.
      const fetched = await poll(() => {
        const r = tempo.requests.some((p) => p.startsWith('/api/traces/')) ? tryReport(session!.workspace) : undefined;
        return r && r.summary.traces === traces.size ? r : undefined;
      }, 240_000).catch(async (error) => {
        await session!.screenshot('fetch-from-tempo-stuck');
        throw new Error(`no fetched result; Tempo saw ${tempo.requests.length} request(s): ${tempo.requests.slice(0, 2).join(' ')}`, { cause: error });
      });
      await page.locator('.statusbar', { hasText: ANSWER }).waitFor({ timeout: 30_000 });
      await session.screenshot('fetched-from-tempo');
      assert.ok(tempo.requests.some((r) => r.startsWith('/api/search?q=%7B%7D')), tempo.requests.slice(0, 3).join(' '));
      assert.equal(tempo.requests.filter((r) => r.startsWith('/api/traces/')).length, traces.size);
      assert.equal(fetched.summary.incompleteRequests, demoTruth.totals.timedOut);
      assert.equal(fetched.flows[0]!.key, demoTruth.stuckFlow);
    } finally {
      await tempo.close();
    }
  });
});
