// The report page in the real browser (Chromium, the panel's own HTML and CSP, a fake VS Code API):
// views render from the init snapshot, brushing recounts the other views, clicks and the keyboard
// post openLocation, UI state survives a reload, colors come from the theme's CSS variables.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AnalysisReport } from '../../src/core/model/report';
import type { Span } from '../../src/core/model/telemetry';
import { sampleReport } from '../unit/webview/sample';
import { missingBrowserPrerequisite, openReportPage, type ReportPage } from './report-page';

function report(): AnalysisReport {
  const r = sampleReport();
  const origin = { file: 'trace.json', line: 1 };
  const span = (spanId: string, parentSpanId: string | undefined, name: string, startMs: number, endMs?: number, attributes: Span['attributes'] = {}): Span =>
    ({ traceId: 'tb', spanId, parentSpanId, name, kind: 'internal', startMs, endMs, status: 'unset', attributes, events: [], origin });
  r.requestDetails = {
    b: {
      spans: [
        span('root', undefined, 'POST /redeem', 1200, undefined, { 'code.filepath': 'src/routes.ts', 'code.lineno': 10 }),
        ...Array.from({ length: 30 }, (_, i) => span(`q${i}`, 'root', 'SELECT coupon', 1300 + i * 250, 1302 + i * 250, { 'code.filepath': 'src/coupons.ts', 'code.lineno': 44 })),
      ],
      logs: [],
    },
  };
  return r;
}

const skip = missingBrowserPrerequisite();
let rp: ReportPage;
before(async () => {
  if (skip) return;
  rp = await openReportPage(report());
  await rp.init(report());
  await rp.page.locator('.wf-row').first().waitFor();
});
after(async () => rp?.close());

const lastUiState = () => [...rp.posted].reverse().find((m) => 'type' in m && m.type === 'uiState') as { state: { window: [number, number] | null; tab: string; selectedRequestId: string | null } } | undefined;

/** Page x of time t on the histogram (domain 1000..9000 ms, drawn from x=170 to width-12). */
async function xOf(t: number): Promise<{ x: number; y: number }> {
  const box = (await rp.page.locator('svg.histogram').boundingBox())!;
  return { x: box.x + 170 + ((t - 1000) / 8000) * (box.width - 12 - 170), y: box.y + box.height / 2 };
}

test('the views render from the snapshot', { skip }, async () => {
  const p = rp.page;
  assert.match(await p.locator('.summary').innerText(), /^6 requests, 2 stuck requests \(never finished\), 1 failed request, 1 suspect loop/);
  assert.deepEqual(await p.locator('g.difference .difference-label').allTextContents(), ['1. coupon.kind = legacy', '2. flow POST /redeem', '3. tries = 3']);
  assert.deepEqual(await p.locator('.request-item .request-flow').allInnerTexts(), ['POST /redeem', 'POST /redeem']);
  // The longest-stuck request (b) is selected and its waterfall shows the repeated query.
  assert.equal(await p.locator('.request-item[aria-selected="true"]').getAttribute('data-index'), '1');
  assert.match(await p.locator('.repeated-summary').innerText(), /SELECT coupon\s*× 30, every 250 ms/);
  // Virtualized: only the rows on screen exist; every query row among them is marked.
  const rendered = await p.locator('.wf-row.span').count();
  assert.ok(rendered > 10 && rendered < 31, `rendered rows: ${rendered}`);
  assert.equal(await p.locator('.wf-row.span.repeated').count(), rendered - 1);
  // Something was drawn on the lanes canvas.
  const painted = await p.evaluate(() => {
    const c = document.querySelector<HTMLCanvasElement>('canvas.lanes-canvas')!;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
    return n;
  });
  assert.ok(painted > 100, `painted pixels: ${painted}`);
  await p.locator('vscode-tab-header', { hasText: 'Flows' }).click();
  await rp.screenshot('report-page-flows');
  await p.locator('vscode-table-row').nth(1).waitFor();
  assert.equal(await p.locator('vscode-table-row').count(), 2);
  assert.deepEqual(await p.locator('vscode-table-row').first().locator('vscode-table-cell').allInnerTexts(), ['POST /redeem', '3', '2', '0', '66.7%']);
  assert.deepEqual(rp.errors, []);
  await rp.screenshot('report-page-initial');
});

test('brushing a time window recounts flows, differences and the stuck list', { skip }, async () => {
  const p = rp.page;
  const a = await xOf(7500);
  const b = await xOf(8500);
  await p.mouse.move(a.x, a.y);
  await p.mouse.down();
  await p.mouse.move(b.x, b.y, { steps: 5 });
  await p.mouse.up();
  // In the window: b (stuck, still open until 9000) and f (8000-8020).
  await p.locator('vscode-table-row').nth(1).waitFor();
  assert.deepEqual(await p.locator('vscode-table-row').first().locator('vscode-table-cell').allInnerTexts(), ['POST /redeem', '1', '1', '0', '100.0%']);
  assert.deepEqual(await p.locator('vscode-table-row').nth(1).locator('vscode-table-cell').allInnerTexts(), ['GET /items', '1', '0', '0', '0.0%']);
  assert.equal(await p.locator('.request-item').count(), 1);
  assert.match(await p.locator('.window-label').innerText(), /: 2 requests$/);
  const window = lastUiState()?.state.window;
  assert.ok(window && Math.abs(window[0] - 7500) < 40 && Math.abs(window[1] - 8500) < 40, JSON.stringify(window));
  await p.locator('vscode-tab-header', { hasText: 'What is different' }).click();
  assert.match(await p.locator('.panel-differences .caption').innerText(), /recounted inside the selected time window/);
  assert.match(await p.locator('g.difference').first().getAttribute('aria-label') ?? '', /1 of 1 stuck requests/);
  await rp.screenshot('report-page-brushed');
});

test('the keyboard clears and moves the window', { skip }, async () => {
  const p = rp.page;
  await p.locator('svg.histogram').focus();
  await p.keyboard.press('Escape');
  assert.equal(lastUiState()?.state.window, null);
  assert.equal(await p.locator('.request-item').count(), 2);
  await p.keyboard.press('ArrowRight');
  const w = lastUiState()?.state.window;
  assert.ok(w && w[0] > 1000 && w[1] < 9000, JSON.stringify(w));
  await p.keyboard.press('Escape');
});

test('clicking a suspect posts openLocation for the loop', { skip }, async () => {
  await rp.page.locator('vscode-tab-header', { hasText: 'Suspects' }).click();
  const before = rp.posted.length;
  await rp.page.locator('button.suspect').first().click();
  assert.deepEqual(await rp.waitForMessage('openLocation', 5000, before), { type: 'openLocation', location: { file: 'src/coupons.ts', line: 42, column: 3 } });
});

test('waterfall: arrows move through the rows, Enter opens the row’s source', { skip }, async () => {
  const p = rp.page;
  await p.locator('.waterfall-viewport').focus();
  await p.keyboard.press('ArrowDown');
  assert.equal(await p.locator('.waterfall-viewport').getAttribute('aria-activedescendant'), 'wf-row-1');
  const before = rp.posted.length;
  await p.keyboard.press('Enter');
  assert.deepEqual(await rp.waitForMessage('openLocation', 5000, before), { type: 'openLocation', location: { file: 'src/coupons.ts', line: 44, column: undefined } });
  await p.keyboard.press('End');
  assert.equal(await p.locator('.waterfall-viewport').getAttribute('aria-activedescendant'), 'wf-row-30');
});

test('UI state survives a reload of the page; the data comes from the host again', { skip }, async () => {
  const p = rp.page;
  await p.locator('vscode-tab-header', { hasText: 'Flows' }).click();
  await p.locator('.request-item').nth(1).click(); // c
  const a = await xOf(4000);
  const b = await xOf(6500);
  await p.mouse.move(a.x, a.y);
  await p.mouse.down();
  await p.mouse.move(b.x, b.y, { steps: 5 });
  await p.mouse.up();
  // The page posts its state as a message: wait for the one that carries the brushed window.
  for (let waited = 0; !lastUiState()?.state.window && waited < 5000; waited += 50) await p.waitForTimeout(50);
  const saved = lastUiState()!.state;
  assert.ok(saved.window, 'the brushed window was saved');
  assert.equal(saved.tab, 'flows');
  assert.equal(saved.selectedRequestId, 'c');
  await rp.reload();
  await rp.init(report(), null); // like a host that lost its copy: the page falls back to getState()
  await p.locator('.window-label').filter({ hasText: 'Time window' }).waitFor();
  assert.equal(await p.locator('vscode-tabs').getAttribute('selected-index'), '2');
  assert.equal(await p.locator('.request-item[aria-selected="true"] .muted').innerText().then((t) => t.endsWith(' c')), true);
  assert.deepEqual(lastUiState()?.state.window, saved.window);
  const stored = await p.evaluate(() => sessionStorage.getItem('__limboSavedState'));
  assert.ok(stored && !stored.includes('coupon.kind') && stored.length < 200, `only navigation state is stored: ${stored}`);
});

test('colors follow the theme variables (light, dark, high contrast)', { skip }, async () => {
  const p = rp.page;
  await p.evaluate(() => {
    document.body.classList.add('vscode-high-contrast');
    document.body.style.setProperty('--vscode-charts-red', 'rgb(1, 2, 3)');
    document.body.style.setProperty('--vscode-foreground', 'rgb(4, 5, 6)');
  });
  const fill = await p.locator('svg.histogram rect.bar.incomplete').first().evaluate((e) => getComputedStyle(e).fill);
  assert.equal(fill, 'rgb(1, 2, 3)');
  assert.equal(await p.locator('h1').evaluate((e) => getComputedStyle(e).color), 'rgb(4, 5, 6)');
  assert.deepEqual(rp.errors, []);
});
