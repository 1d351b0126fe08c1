// The incident report inside a real VS Code (code-server 4.99.4 = VS Code 1.99.3, through Chromium):
// analyze the demo incident, open "Limbo: Show Incident Report", check the top difference and the
// first suspect in the webview, click the suspect and check the editor opens at the loop.
// The analysis runs through the CLI (the same engine) and is saved as the workspace's result, so this
// test does not depend on the file dialog (the palette path is covered by extension.test.ts).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { repoRoot } from '../helpers/paths';
import type { AnalysisReport } from '../../src/core/model';
import { differenceLabel } from '../../webview/model/differenceChart';
import { launchVsCode, missingPrerequisite, type VsCodeSession } from './harness';

const demoWorkspace = join(repoRoot, 'examples', 'shop-express');
/** The real loop of the demo incident (examples/shop-express/README.md). */
const realLoop = { file: 'src/services/gift-card-service.ts', text: 'while (hold.capturedCents < amountDue)' };
const demoTruth = JSON.parse(readFileSync(join(demoWorkspace, 'recorded', 'summary.json'), 'utf8')) as { stuckFlow: string };

const skip = missingPrerequisite();
let session: VsCodeSession | undefined;
after(async () => session?.close());

describe('the incident report in a real VS Code', { timeout: 900_000, skip }, () => {
  test('shows the demo incident: top difference, first suspect, and opens the loop', async () => {
    const out = join(tmpdir(), `limbo-demo-report-${process.pid}.json`);
    const cli = spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'analyze', join(demoWorkspace, 'recorded', 'traces.otlp.jsonl.gz'), '--src', demoWorkspace, '--format', 'json', '--out', out], { encoding: 'utf8', timeout: 300_000 });
    assert.equal(cli.status, 0, cli.stderr);
    const report = JSON.parse(readFileSync(out, 'utf8')) as AnalysisReport;
    // Locations are relative to the source root; without it they resolve in the opened (copied) workspace.
    delete report.sourceRoot;
    assert.ok(report.differences.length > 0 && report.suspects.length > 0, 'the demo analysis found differences and suspects');
    session = await launchVsCode({ workspace: demoWorkspace, copyWorkspace: true, files: { '.limbo/report.json': JSON.stringify(report) } });
    const { page } = session;
    // The command activates Limbo, which restores the saved result in the background: until it has,
    // the command answers "no result yet", so try again for a while.
    const reportTab = page.locator('.tab', { hasText: 'Limbo: Incident Report' });
    for (let attempt = 0; attempt < 12 && !(await reportTab.isVisible()); attempt++) {
      await session.runCommand('Limbo: Show Incident Report');
      await reportTab.waitFor({ timeout: 10_000 }).catch(() => undefined);
    }
    await reportTab.waitFor({ timeout: 10_000 });
    // VS Code nests the page: iframe.webview → iframe#active-frame.
    const frame = page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
    const top = report.differences[0]!;
    const firstDifference = frame.locator('g.difference').first();
    await firstDifference.waitFor({ timeout: 60_000 });
    const label = (await firstDifference.getAttribute('aria-label')) ?? '';
    assert.ok(label.startsWith(`1. ${differenceLabel(top.key, top.value)}: ${top.incompleteWith} of ${top.incompleteTotal} stuck requests`), label);
    assert.match(await frame.locator('.summary').innerText(), new RegExp(`^${report.summary.requests} requests, ${report.summary.incompleteRequests} stuck requests`));
    // The longest-stuck request of the demo's stuck flow is selected, its waterfall shows the polling.
    await frame.locator('.wf-row').first().waitFor({ timeout: 30_000 });
    assert.equal(await frame.locator('.request-item[aria-selected="true"] .request-flow').innerText(), demoTruth.stuckFlow);
    assert.match(await frame.locator('.repeated-summary').innerText(), /Repeated (operation|log record):[\s\S]*× \d+, every \d+/);
    await session.screenshot('report-demo-differences');

    await frame.locator('vscode-tab-header', { hasText: 'Suspects' }).click();
    const suspect = report.suspects[0]!;
    const first = frame.locator('button.suspect').first();
    await first.waitFor({ timeout: 15_000 });
    assert.equal(await first.locator('.suspect-location').innerText(), `${suspect.location.file}:${suspect.location.startLine}`);
    assert.equal(suspect.location.file, realLoop.file, 'the real loop is the first suspect');
    await session.screenshot('report-demo-suspects');

    await first.click();
    await page.locator('.tab.active', { hasText: 'gift-card-service.ts' }).waitFor({ timeout: 30_000 });
    // The cursor is on the loop's line (the status bar says so), that line of the file is the loop,
    // and the editor has scrolled it into view.
    await page.locator('.statusbar-item', { hasText: `Ln ${suspect.location.startLine}, Col ${suspect.location.startColumn ?? 1}` }).waitFor({ timeout: 15_000 });
    const lines = readFileSync(join(session.workspace, realLoop.file), 'utf8').split('\n');
    assert.ok(lines[suspect.location.startLine - 1]!.includes(realLoop.text), lines[suspect.location.startLine - 1]);
    assert.ok(await page.locator('.editor-group-container.active .view-line', { hasText: realLoop.text }).first().isVisible());
    await session.screenshot('report-demo-opened-loop');

    // Hidden and shown again, then after a reload of the window right after the change (the serializer
    // restores the panel; the browser may not have saved VS Code's copy of the page state by then):
    // the page comes back on the tab it was left on, with the data reloaded from the saved result.
    await page.locator('.tab', { hasText: 'Limbo: Incident Report' }).click();
    await frame.locator('vscode-tab-header', { hasText: 'Flows' }).click();
    await frame.locator('vscode-table-row').first().waitFor({ timeout: 15_000 });
    await page.locator('.tab', { hasText: 'gift-card-service.ts' }).click();
    await page.locator('.tab', { hasText: 'Limbo: Incident Report' }).click();
    const restoredFlows = page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
    await restoredFlows.locator('vscode-tabs[selected-index="2"] vscode-table-row').first().waitFor({ timeout: 30_000 });
    assert.equal(await restoredFlows.locator('vscode-table-row').first().locator('vscode-table-cell').first().innerText(), report.flows[0]!.key);

    await page.reload();
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    const restoredTab = page.locator('.tab', { hasText: 'Limbo: Incident Report' });
    await restoredTab.waitFor({ timeout: 60_000 });
    await restoredTab.click();
    const afterReload = page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
    await afterReload.locator('vscode-tabs[selected-index="2"] vscode-table-row').first().waitFor({ timeout: 60_000 });
    assert.match(await afterReload.locator('.summary').innerText(), new RegExp(`^${report.summary.requests} requests`));
    await session.screenshot('report-demo-restored-after-reload');
  });
});
