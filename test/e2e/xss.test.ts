// Trace data is untrusted: span names, attributes, log messages, flows, ids and suspect text full of
// HTML and script payloads must show literally in the real browser, and nothing may execute.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AnalysisReport } from '../../src/core/model/report';
import type { Span, LogRecord } from '../../src/core/model/telemetry';
import { missingBrowserPrerequisite, openReportPage, type ReportPage } from './report-page';

const PAYLOADS = {
  img: '<img src=x onerror="window.__pwned=\'img\';alert(1)">',
  script: '<script>window.__pwned="script"</script>',
  svg: '<svg onload="window.__pwned=\'svg\'"></svg>',
  iframe: '"><iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
  js: 'javascript:window.__pwned="href"',
  style: '<style>body{display:none}</style>',
  entity: '&lt;b&gt;not bold&lt;/b&gt;',
};
const flow = `POST /x ${PAYLOADS.img}`;

function hostileReport(): AnalysisReport {
  const origin = { file: 'trace.json', line: 1 };
  const span = (spanId: string, parentSpanId: string | undefined, name: string, startMs: number, endMs: number | undefined, attributes: Span['attributes'] = {}): Span =>
    ({ traceId: 't1', spanId, parentSpanId, name, kind: 'internal', startMs, endMs, status: 'unset', attributes, events: [], origin });
  const spans: Span[] = [
    span('root', undefined, `handler ${PAYLOADS.script}`, 1000, undefined),
    span('s1', 'root', `SELECT ${PAYLOADS.svg}`, 1010, 1011, { 'code.filepath': PAYLOADS.js, 'code.lineno': 3 }),
    span('s2', 'root', `SELECT ${PAYLOADS.svg}`, 1110, 1111),
    span('s3', 'root', `SELECT ${PAYLOADS.svg}`, 1210, 1211),
  ];
  const logs: LogRecord[] = [{ timeMs: 1300, level: 'warn', message: `retry ${PAYLOADS.iframe}`, spanId: 'root', attributes: {}, origin }];
  return {
    tool: { name: 'limbo', version: '0.1.0' },
    generatedAt: `2026-11-28 ${PAYLOADS.style}`,
    inputs: [],
    summary: { spans: 4, traces: 2, logRecords: 1, httpExchanges: 0, requests: 2, incompleteRequests: 1, failedRequests: 0, suspects: 1 },
    flows: [{ key: flow, requests: 2, incomplete: 1, failed: 0, incompleteShare: 0.5, differences: [] }],
    differences: [
      { key: `attr ${PAYLOADS.script}`, value: PAYLOADS.img, incompleteWith: 1, incompleteTotal: 1, healthyWith: 0, healthyTotal: 1, lift: 3, pValue: 0.5, score: 3 },
      { key: 'entity', value: PAYLOADS.entity, incompleteWith: 1, incompleteTotal: 1, healthyWith: 0, healthyTotal: 1, lift: 3, pValue: 0.5, score: 2 },
    ],
    incomplete: [],
    requests: [
      { id: `req-${PAYLOADS.svg}`, flow, state: 'incomplete', startMs: 1000, lastSeenMs: 1300, confidence: 0.9, evidence: [], attributes: { [`attr ${PAYLOADS.script}`]: PAYLOADS.img, entity: PAYLOADS.entity }, spanIds: [], logCount: 1, loops: [] },
      { id: 'ok', flow, state: 'completed', startMs: 900, endMs: 950, lastSeenMs: 950, confidence: 0.9, evidence: [], attributes: {}, spanIds: [], logCount: 0, loops: [] },
    ],
    suspects: [
      {
        rank: 1,
        rule: `rule ${PAYLOADS.svg}`,
        location: { file: PAYLOADS.js, startLine: 7, endLine: 9 },
        score: 0.9,
        flows: [flow],
        explanation: `exit depends on ${PAYLOADS.iframe}`,
        evidence: [{ kind: 'loop-signature', detail: `repeated ${PAYLOADS.script}`, weight: 0.5 }],
        finding: {
          id: 'f', ruleId: 'r', severity: 'warning', message: 'm',
          loop: { file: PAYLOADS.js, startLine: 7, startColumn: 1, endLine: 9, endColumn: 1 },
          condition: { file: PAYLOADS.js, startLine: 7, startColumn: 1, endLine: 7, endColumn: 1 },
          loopKind: 'while', functionName: `fn${PAYLOADS.img}`, dataPath: [], sources: [], entryPoints: [], confidence: 0.7,
        },
        stuckRequests: 1,
      },
    ],
    mappings: [],
    warnings: [],
    requestDetails: { [`req-${PAYLOADS.svg}`]: { spans, logs } },
  };
}

const skip = missingBrowserPrerequisite();
let rp: ReportPage;
before(async () => {
  if (skip) return;
  rp = await openReportPage(hostileReport());
  await rp.init(hostileReport());
  // The longest-stuck request is selected on its own: wait for its waterfall.
  await rp.page.locator('.wf-row').first().waitFor();
});
after(async () => rp?.close());

const text = () => rp.page.evaluate(() => document.body.innerText);

test('no payload executes: no flag, no dialog, no injected element, no CSP violation', { skip }, async () => {
  const state = await rp.page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned,
    imgs: document.querySelectorAll('img').length,
    iframes: document.querySelectorAll('iframe').length,
    scripts: document.querySelectorAll('script').length,
    styles: document.querySelectorAll('body style').length,
    injectedSvgWithOnload: document.querySelectorAll('svg[onload]').length,
    bodyVisible: getComputedStyle(document.body).display !== 'none',
  }));
  assert.deepEqual(state, { pwned: undefined, imgs: 0, iframes: 0, scripts: 1, styles: 0, injectedSvgWithOnload: 0, bodyVisible: true });
  assert.deepEqual(rp.dialogs, []);
  assert.deepEqual(rp.errors, []);
});

test('each payload shows literally where it belongs', { skip }, async () => {
  const body = await text();
  for (const expected of [
    flow, // flows table / picker
    `attr ${PAYLOADS.script} = ${PAYLOADS.img}`.slice(0, 20), // difference label (truncated in the chart)
    `handler ${PAYLOADS.script}`, // span name in the waterfall
    `retry ${PAYLOADS.iframe}`, // log message
    PAYLOADS.style,
  ]) assert.ok(body.includes(expected), `page text should contain ${expected}`);
  assert.equal(await rp.page.locator('.repeated-summary code').innerText(), `SELECT ${PAYLOADS.svg}`);
  // The full difference label survives in the chart's accessible name and tooltip.
  const label = await rp.page.locator('g.difference').first().getAttribute('aria-label');
  assert.ok(label?.includes(`attr ${PAYLOADS.script} = ${PAYLOADS.img}`));
  // Entities are not decoded: the text shows the ampersands.
  assert.ok((await rp.page.locator('g.difference').nth(1).getAttribute('aria-label'))?.includes(PAYLOADS.entity));
});

test('suspect text shows literally, and clicking it only asks the host to open the (hostile) path', { skip }, async () => {
  await rp.page.locator('vscode-tab-header', { hasText: 'Suspects' }).click();
  const button = rp.page.locator('button.suspect').first();
  await button.waitFor();
  const shown = await button.innerText();
  assert.ok(shown.includes(`${PAYLOADS.js}:7`));
  assert.ok(shown.includes(`exit depends on ${PAYLOADS.iframe}`));
  assert.ok((await rp.page.locator('.evidence li').first().innerText()).includes(`repeated ${PAYLOADS.script}`));
  const urlBefore = rp.page.url();
  const count = rp.posted.length;
  await button.click();
  await rp.waitForMessage('openLocation', 5000, count);
  assert.deepEqual(rp.posted.slice(count).find((m) => 'type' in m && m.type === 'openLocation'), { type: 'openLocation', location: { file: PAYLOADS.js, line: 7, column: undefined } });
  assert.equal(rp.page.url(), urlBefore);
  assert.equal(await rp.page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined);
  await rp.screenshot('xss-report');
});

test('a waterfall row whose code attribute is a javascript: URL posts it as a path and runs nothing', { skip }, async () => {
  const row = rp.page.locator('.wf-row.linked').first();
  await row.waitFor();
  const count = rp.posted.length;
  await row.click();
  await rp.waitForMessage('openLocation', 5000, count);
  assert.equal(await rp.page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined);
  assert.deepEqual(rp.errors, []);
});
