// The report's compact `timeline`: every request in columns, whatever their number, with the rows
// carrying each difference counted exactly as the difference itself was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { rankDifferences } from '../../../src/core/detect';
import type { Attributes, Difference, RequestRecord, RequestState, RequestTimeline } from '../../../src/core/model';
import { analyze, analyzeDataset, buildRequestTimeline } from '../../../src/core/pipeline';
import { dataset, healthyTrace, hex, hungTraceEnded } from '../detect/builders';

/** Gap-coded rows → rows. */
function rowsOf(steps: number[]): number[] {
  const rows: number[] = [];
  for (const [k, step] of steps.entries()) rows.push(k === 0 ? step : rows[k - 1] + step);
  return rows;
}

/** Each difference's rows hold exactly as many stuck and healthy requests as the difference counted. */
function assertMembersMatchCounts(timeline: RequestTimeline, differences: Difference[]): void {
  assert.equal(timeline.differenceMembers.length, differences.length);
  differences.forEach((d, i) => {
    const rows = rowsOf(timeline.differenceMembers[i]);
    assert.ok(rows.every((r, k) => r < timeline.id.length && (k === 0 || r > rows[k - 1])), `${d.key}=${d.value}: rows ascending and in range`);
    const stuck = rows.filter((r) => timeline.state[r] === 2).length;
    assert.deepEqual([stuck, rows.length - stuck], [d.incompleteWith, d.healthyWith], `${d.key}=${d.value}`);
  });
}

function spansOfIncident(healthy: number, hung: number) {
  const spans = [];
  for (let i = 0; i < healthy; i++) spans.push(...healthyTrace(hex(i + 1), i % 3 ? '/cart' : '/search', i * 40, 25, 1, { 'app.tier': i % 4 ? 'free' : 'gold', 'app.region': i % 2 ? 'eu' : 'us' }));
  for (let i = 0; i < hung; i++) spans.push(...hungTraceEnded(hex(5000 + i), '/coupons/:code/redeem', 2000 + i * 300, 5000, 100, 60, { 'app.tier': 'gold', 'app.region': i % 3 ? 'eu' : 'us' }));
  return spans;
}

test('the pipeline always fills the timeline, also when the request list is left out', () => {
  const spans = spansOfIncident(120, 6);
  const { report, requests } = analyzeDataset(dataset({ spans }), { includeRequests: false });
  assert.equal(report.requests, undefined);
  const t = report.timeline!;
  assert.deepEqual(t.id, requests.map((r) => r.id));
  assert.deepEqual(t.flow.map((f) => report.flows[f].key), requests.map((r) => r.flow));
  assert.deepEqual(t.state, requests.map((r) => ({ completed: 0, failed: 1, incomplete: 2 })[r.state]));
  assert.deepEqual(t.startMs, requests.map((r) => r.startMs ?? null));
  assert.deepEqual(t.endMs, requests.map((r) => r.endMs ?? null));
  assert.deepEqual(t.lastSeenMs, requests.map((r) => r.lastSeenMs ?? null));
  assert.ok(t.state.filter((s) => s === 2).length === 6 && t.state.filter((s) => s === 0).length >= 120, 'healthy requests are there too');
  assert.ok(report.differences.length > 0);
  assertMembersMatchCounts(t, report.differences);
  // Open-ended requests have no end, and say so with null (JSON has no undefined).
  assert.ok(JSON.parse(JSON.stringify(t)).endMs.includes(null) === requests.some((r) => r.endMs === undefined));
});

test('members follow the difference counting: nested keys, short lists, the first value of a repeated key, long values, "flow"', () => {
  const requests: RequestRecord[] = [];
  const add = (state: RequestState, flow: string, attributes: Attributes) =>
    requests.push({ id: `r${requests.length}`, flow, state, startMs: requests.length, confidence: 1, evidence: [], attributes, spanIds: [], logCount: 0, loops: [] });
  const long = 'x'.repeat(300);
  for (let i = 0; i < 40; i++) {
    const stuck = i < 8;
    add(stuck ? 'incomplete' : i % 7 ? 'completed' : 'failed', stuck || i % 5 === 0 ? 'POST /redeem' : 'GET /a', {
      // Nested (a pino log's req object) and the same key written flat before it: only the first counts.
      ...(i % 2 ? { 'req.kind': stuck ? 'legacy' : 'new' } : {}),
      req: { kind: stuck || i % 2 || i === 30 ? 'legacy' : 'new', deep: { tags: stuck ? ['a', 'b'] : ['a'] } },
      flow: 'not the flow',
      blob: stuck ? long : 'short',
      empty: '',
    });
  }
  const differences = rankDifferences(requests, { maxPValue: 1 });
  const keys = new Set(differences.map((d) => d.key));
  for (const key of ['flow', 'req.kind', 'req.deep.tags']) assert.ok(keys.has(key), `${key} in ${[...keys].join(', ')}`);
  const flows = [...new Set(requests.map((r) => r.flow))].map((key) => ({ key }));
  assertMembersMatchCounts(buildRequestTimeline(requests, flows, differences), differences);
  // A difference the counting never made (a value too long to compare) has no members.
  const timeline = buildRequestTimeline(requests, flows, [{ key: 'blob', value: long }, { key: 'flow', value: 'not the flow' }]);
  assert.deepEqual(timeline.differenceMembers, [[], []]);
});

test('members of URL differences are matched through their templates, as they were counted', () => {
  const requests: RequestRecord[] = [];
  for (let i = 0; i < 60; i++) {
    const stuck = i % 6 === 0;
    // The stuck requests call one upstream route with ids that differ per request; the healthy ones another.
    const url = stuck ? `https://pay.example/v1/holds/h-${1000 + i}?attempt=${i}` : `https://pay.example/v1/cards/c-${2000 + i}`;
    requests.push({ id: `r${i}`, flow: i % 2 ? 'GET /a' : 'GET /b', state: stuck ? 'incomplete' : 'completed', confidence: 1, evidence: [], attributes: { 'url.full': url }, spanIds: [], logCount: 0, loops: [] });
  }
  const differences = rankDifferences(requests);
  const urlDifference = differences.find((d) => d.key === 'url.full');
  assert.ok(urlDifference && !urlDifference.value.includes('1000'), `one templated URL difference: ${JSON.stringify(differences)}`);
  const flows = [...new Set(requests.map((r) => r.flow))].map((key) => ({ key }));
  assertMembersMatchCounts(buildRequestTimeline(requests, flows, differences), differences);
});

test('rows are gap-coded: [first row, distance, distance, …]', () => {
  const request = (id: string, flow: string, kind: string): RequestRecord => ({ id, flow, state: 'completed', confidence: 1, evidence: [], attributes: { kind }, spanIds: [], logCount: 0, loops: [] });
  const requests = [request('a', 'f', 'x'), request('b', 'f', 'y'), request('c', 'g', 'x'), request('d', 'f', 'x'), request('e', 'f', 'y')];
  const t = buildRequestTimeline(requests, [{ key: 'g' }, { key: 'f' }], [{ key: 'kind', value: 'x' }, { key: 'flow', value: 'f' }, { key: 'kind', value: 'z' }]);
  assert.deepEqual(t.differenceMembers, [[0, 2, 1], [0, 1, 2, 1], []]);
  assert.deepEqual(t.flow, [1, 1, 0, 1, 1]);
  assert.deepEqual([t.startMs, t.endMs, t.lastSeenMs], [[null, null, null, null, null], [null, null, null, null, null], [null, null, null, null, null]]);
  assert.throws(() => buildRequestTimeline(requests, [{ key: 'f' }], []), /flow "g" is not in the flows list/);
});

test('a recorded incident: members match every difference; bytes per request', async () => {
  const dir = join(__dirname, '../../../examples/shop-express/recorded');
  const report = await analyze({ inputs: ['traces.otlp.jsonl.gz', 'app.log.jsonl', 'access.log'].map((f) => join(dir, f)), includeRequests: true, requestDetails: false });
  const t = report.timeline!;
  assert.equal(t.id.length, report.summary.requests);
  assertMembersMatchCounts(t, report.differences);
  const perRequest = (value: unknown) => JSON.stringify(value).length / report.summary.requests;
  const timelineBytes = perRequest(t);
  console.log(`timeline: ${timelineBytes.toFixed(1)} bytes per request as JSON (full request list: ${perRequest(report.requests).toFixed(0)})`);
  // 32-hex trace ids (35 bytes with quotes and comma) and three epoch times with fractions dominate.
  assert.ok(timelineBytes < 120, `${timelineBytes} bytes per request`);
  assert.ok(timelineBytes * 10 < perRequest(report.requests));
});
