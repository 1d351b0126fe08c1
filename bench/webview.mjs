// Incident report in real Chromium: first render and brush response for 100,000 requests, and the
// waterfall of a 20,000-span request, each against a floor measured in the same run (a 6-request
// report and a 30-span request on the same page setup). A third report has 200,000 requests and no
// request list, only the compact `timeline` the engine always writes (what a large analysis carries).
// Run: npm run bench:webview
//   node --import tsx bench/webview.mjs [--requests 100000] [--timeline-requests 200000 (0: skip)] [--spans 20000] [--runs 3]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openReportPage, missingBrowserPrerequisite } from '../test/e2e/report-page.ts';
import { buildViewModel } from '../webview/model/viewModel.ts';
import { buildRequestTimeline } from '../src/core/pipeline.ts';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const REQUESTS = arg('requests', 100_000);
const TIMELINE_REQUESTS = arg('timeline-requests', 200_000);
const SPANS = arg('spans', 20_000);
const RUNS = arg('runs', 3);

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FLOWS = ['GET /products', 'GET /products/:id', 'GET /search', 'POST /login', 'GET /cart', 'POST /cart/items', 'POST /checkout', 'GET /orders', 'GET /orders/:id', 'POST /orders/:id/gift-card/redeem', 'GET /health', 'PUT /profile'];
const STUCK_FLOW = 'POST /orders/:id/gift-card/redeem';

/** A consistent synthetic report: requests, flows, differences and suspects computed from the same data. */
function syntheticReport(requestCount, spanCount, seed = 7) {
  const random = rng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const t0 = Date.UTC(2026, 10, 27, 10, 0, 0);
  const hour = 3_600_000;
  const requests = [];
  for (let i = 0; i < requestCount; i++) {
    const flow = random() < 0.03 ? STUCK_FLOW : pick(FLOWS);
    const startMs = t0 + random() * hour;
    const stuck = flow === STUCK_FLOW ? random() < 0.35 : random() < 0.0008;
    const failed = !stuck && random() < 0.015;
    const attributes = {
      region: pick(['eu-west-1', 'us-east-1', 'ap-south-1', 'sa-east-1']),
      'user.tier': pick(['free', 'plus', 'business']),
      'app.version': pick(['4.1.0', '4.1.1', '4.2.0']),
      'card.kind': stuck ? (random() < 0.9 ? 'legacy' : 'standard') : random() < 0.08 ? 'legacy' : 'standard',
    };
    const duration = Math.exp(3 + random() * 3);
    requests.push({
      id: `req-${i.toString(16).padStart(6, '0')}`,
      traceId: i.toString(16).padStart(32, '0'),
      flow,
      state: stuck ? 'incomplete' : failed ? 'failed' : 'completed',
      startMs,
      endMs: stuck ? undefined : startMs + duration,
      lastSeenMs: stuck ? startMs + 2000 + random() * 600_000 : startMs + duration,
      confidence: 0.9,
      evidence: [],
      attributes,
      spanIds: [],
      logCount: 0,
      loops: [],
    });
  }
  // The request with the big waterfall: stuck the longest, so the page selects it first.
  const big = requests.find((r) => r.state === 'incomplete');
  big.lastSeenMs = big.startMs + spanCount * 150 + 1000;
  const stuckReqs = requests.filter((r) => r.state === 'incomplete');
  const healthy = requests.length - stuckReqs.length;
  const flowsMap = new Map();
  for (const r of requests) {
    const f = flowsMap.get(r.flow) ?? { key: r.flow, requests: 0, incomplete: 0, failed: 0, incompleteShare: 0, differences: [] };
    f.requests++;
    if (r.state === 'incomplete') f.incomplete++;
    if (r.state === 'failed') f.failed++;
    flowsMap.set(r.flow, f);
  }
  const flows = [...flowsMap.values()].map((f) => ({ ...f, incompleteShare: f.incomplete / f.requests })).sort((a, b) => b.incompleteShare - a.incompleteShare);
  const differences = [];
  for (const key of ['card.kind', 'region', 'user.tier', 'app.version', 'flow']) {
    const values = new Set(requests.map((r) => (key === 'flow' ? r.flow : r.attributes[key])));
    for (const value of values) {
      let iw = 0;
      let hw = 0;
      for (const r of requests) if ((key === 'flow' ? r.flow : r.attributes[key]) === value) r.state === 'incomplete' ? iw++ : hw++;
      const lift = (iw + 0.5) / (stuckReqs.length + 1) / ((hw + 0.5) / (healthy + 1));
      differences.push({ key, value, incompleteWith: iw, incompleteTotal: stuckReqs.length, healthyWith: hw, healthyTotal: healthy, lift, pValue: 1 / (1 + lift * 100), score: lift });
    }
  }
  differences.sort((a, b) => b.score - a.score);
  const loc = (file, line) => ({ file, startLine: line, endLine: line + 6, startColumn: 3 });
  const suspects = [1, 2, 3, 4, 5].map((rank) => ({
    rank,
    rule: 'exit-depends-on-flow-data',
    location: loc(`src/services/service-${rank}.ts`, 40 + rank),
    score: 1 - rank / 10,
    flows: [STUCK_FLOW],
    explanation: `loop ${rank}: exit depends on hold.capturedCents reaching amountDue`,
    evidence: [{ kind: 'loop-signature', detail: 'GET /v1/holds/{holdId} repeated', weight: 0.6 }],
    finding: { id: `f${rank}`, ruleId: 'exit-depends-on-flow-data', severity: 'warning', message: 'm', loop: { ...loc('x', 1), endColumn: 1 }, condition: { ...loc('x', 1), endColumn: 1 }, loopKind: 'while', functionName: `redeem${rank}`, dataPath: [], sources: [], entryPoints: [], confidence: 0.8 },
    stuckRequests: stuckReqs.length,
  }));
  const origin = { file: 'traces.json', line: 1 };
  const spans = [{ traceId: big.traceId, spanId: 'root', name: `POST /orders/42/gift-card/redeem`, kind: 'server', startMs: big.startMs, status: 'unset', attributes: {}, events: [], origin }];
  for (let i = 1; i < spanCount; i++) {
    spans.push({ traceId: big.traceId, spanId: `s${i}`, parentSpanId: 'root', name: 'GET /v1/holds/{holdId}', kind: 'client', startMs: big.startMs + i * 150, endMs: big.startMs + i * 150 + 12, status: 'unset', attributes: { 'code.filepath': 'src/services/gift-card-service.ts', 'code.lineno': 88 }, events: [], origin });
  }
  return {
    tool: { name: 'limbo', version: '0.1.0' },
    generatedAt: new Date(t0 + hour).toISOString(),
    inputs: [],
    summary: { spans: spanCount, traces: requestCount, logRecords: 0, httpExchanges: 0, requests: requestCount, incompleteRequests: stuckReqs.length, failedRequests: requests.filter((r) => r.state === 'failed').length, suspects: suspects.length },
    flows,
    differences: differences.slice(0, 20),
    incomplete: [],
    requests,
    suspects,
    mappings: [],
    warnings: [],
    requestDetails: { [big.id]: { spans, logs: [] } },
  };
}

/** The report as the engine writes a large analysis: no request list, every request in the timeline columns. */
function withTimelineOnly(report) {
  const { requests, ...rest } = report;
  const incomplete = requests
    .filter((r) => r.state === 'incomplete')
    .map((r) => ({ id: r.id, flow: r.flow, state: r.state, confidence: r.confidence, evidence: r.evidence, startMs: r.startMs, lastSeenMs: r.lastSeenMs, loops: r.loops, traceId: r.traceId }));
  return { ...rest, incomplete, timeline: buildRequestTimeline(requests, report.flows, report.differences) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const nextFrame = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(undefined)))));
const lastMeasure = (page, name) => page.evaluate((n) => performance.getEntriesByName(n, 'measure').at(-1)?.duration ?? NaN, name);

/** One page: init (first render), the auto-selected request's waterfall, then brushes. */
async function measure(report, brushes) {
  const rp = await openReportPage(report, { width: 1600, height: 1000 });
  try {
    const page = rp.page;
    if (process.env.LIMBO_BENCH_CONSOLE) page.on('console', (m) => console.log(`  page: ${m.text()}`));
    // First render, timed inside the page: from posting the init snapshot (structured clone, as
    // VS Code delivers it) until the frame after the page has drawn it.
    const json = JSON.stringify({ type: 'init', model: buildViewModel(report), uiState: null });
    const firstRenderWall = await page.evaluate(async (text) => {
      const message = JSON.parse(text);
      const drawn = new Promise((resolve) =>
        new PerformanceObserver((list, observer) => {
          if (list.getEntriesByName('limbo:init').length) {
            observer.disconnect();
            resolve(undefined);
          }
        }).observe({ entryTypes: ['measure'] }),
      );
      const t = performance.now();
      window.postMessage(message, '*');
      await drawn;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return performance.now() - t;
    }, json);
    await page.locator('g.difference').first().waitFor();
    const firstRenderScript = await lastMeasure(page, 'limbo:init');
    await page.locator('.wf-row').first().waitFor({ timeout: 60_000 });
    await nextFrame(page);
    const waterfallScript = await lastMeasure(page, 'limbo:waterfall');
    const rows = await page.evaluate(() => document.querySelector('.waterfall-spacer')?.getBoundingClientRect().height / 22);
    // Scroll the waterfall to its middle: only the rows on screen are built.
    const scrollStart = performance.now();
    await page.evaluate(() => {
      const v = document.querySelector('.waterfall-viewport');
      v.scrollTop = v.scrollHeight / 2;
    });
    await nextFrame(page);
    const scrollWall = performance.now() - scrollStart;
    const box = await page.locator('svg.histogram').boundingBox();
    const brushWall = [];
    const brushScript = [];
    for (let i = 0; i < brushes; i++) {
      const a = box.x + 200 + ((box.width - 260) * i) / (brushes + 1);
      const b = a + (box.width - 260) / 6;
      await page.mouse.move(a, box.y + 20);
      await page.mouse.down();
      await page.mouse.move(b, box.y + 20, { steps: 3 });
      const t = performance.now();
      await page.mouse.up();
      await nextFrame(page);
      brushWall.push(performance.now() - t);
      brushScript.push(await lastMeasure(page, 'limbo:window'));
    }
    if (rp.errors.length) throw new Error(`page errors: ${rp.errors.join('; ')}`);
    return { firstRenderWall, firstRenderScript, waterfallScript, waterfallRows: rows, scrollWall, brushWall: median(brushWall), brushScript: median(brushScript) };
  } finally {
    await rp.close();
  }
}

const missing = missingBrowserPrerequisite();
if (missing) {
  console.error(missing);
  process.exit(1);
}
const small = syntheticReport(6, 30, 3);
const large = syntheticReport(REQUESTS, SPANS);
const modelBytes = JSON.stringify(buildViewModel(large)).length;
let timelineReport;
let timelineFigures;
if (TIMELINE_REQUESTS > 0) {
  timelineReport = withTimelineOnly(syntheticReport(TIMELINE_REQUESTS, SPANS, 11));
  const t = performance.now();
  const model = buildViewModel(timelineReport);
  const buildMs = performance.now() - t;
  timelineFigures = {
    requests: TIMELINE_REQUESTS,
    timelineBytesPerRequest: JSON.stringify(timelineReport.timeline).length / TIMELINE_REQUESTS,
    reportJsonBytes: JSON.stringify({ ...timelineReport, requestDetails: undefined }).length,
    viewModelJsonBytes: JSON.stringify(model).length,
    hostViewModelBuildMs: buildMs,
    requestsOnTimeline: model.requests.id.length,
  };
}
const runs = { floor: [], large: [], timeline: [] };
for (let i = 0; i < RUNS; i++) {
  runs.floor.push(await measure(small, 5));
  runs.large.push(await measure(large, 5));
  if (timelineReport) runs.timeline.push(await measure(timelineReport, 5));
}
const pick = (list, key) => median(list.map((r) => r[key]));
const rows = [
  ['first render (init posted → painted)', 'firstRenderWall'],
  ['first render, page script', 'firstRenderScript'],
  ['brush response, wall (mouse up → painted)', 'brushWall'],
  ['brush response, page script', 'brushScript'],
  ['waterfall build, page script', 'waterfallScript'],
  ['waterfall scroll to middle, wall', 'scrollWall'],
];
const result = { requests: REQUESTS, spans: SPANS, runs: RUNS, viewModelJsonBytes: modelBytes, timelineOnly: timelineFigures, figures: {} };
const withTimeline = runs.timeline.length > 0;
console.log(
  `incident report in Chromium — ${REQUESTS.toLocaleString('en-US')} requests` +
    (withTimeline ? ` (full list), ${TIMELINE_REQUESTS.toLocaleString('en-US')} requests (timeline only)` : '') +
    ` and a ${SPANS.toLocaleString('en-US')}-span request vs floor (6 requests, 30 spans); median of ${RUNS} runs`,
);
console.log(withTimeline ? '| measure | floor ms | large ms | ratio | timeline ms | ratio |' : '| measure | floor ms | large ms | ratio |');
console.log(withTimeline ? '|---|---:|---:|---:|---:|---:|' : '|---|---:|---:|---:|');
for (const [label, key] of rows) {
  const f = pick(runs.floor, key);
  const l = pick(runs.large, key);
  result.figures[key] = { floorMs: f, largeMs: l, ratio: l / f };
  let line = `| ${label} | ${f.toFixed(1)} | ${l.toFixed(1)} | ${(l / f).toFixed(1)}× |`;
  if (withTimeline) {
    const t = pick(runs.timeline, key);
    Object.assign(result.figures[key], { timelineMs: t, timelineRatio: t / f });
    line += ` ${t.toFixed(1)} | ${(t / f).toFixed(1)}× |`;
  }
  console.log(line);
}
console.log(`view model posted to the page: ${(modelBytes / 1e6).toFixed(1)} MB as JSON; waterfall rows: ${pick(runs.large, 'waterfallRows')}`);
if (timelineFigures) {
  const t = timelineFigures;
  console.log(
    `timeline-only report (${t.requests.toLocaleString('en-US')} requests, ${t.requestsOnTimeline.toLocaleString('en-US')} on the timeline): ` +
      `timeline ${t.timelineBytesPerRequest.toFixed(1)} bytes per request, report ${(t.reportJsonBytes / 1e6).toFixed(1)} MB as JSON (without the waterfall's spans), ` +
      `view model ${(t.viewModelJsonBytes / 1e6).toFixed(1)} MB, built on the host in ${t.hostViewModelBuildMs.toFixed(0)} ms`,
  );
}
mkdirSync('bench/out', { recursive: true });
writeFileSync(join('bench/out', 'webview.json'), JSON.stringify(result, null, 2));
