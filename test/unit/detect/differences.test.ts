// Ranking what separates stuck requests from healthy ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectRequests, rankDifferences } from '../../../src/core/detect';
import type { RequestRecord, RequestState } from '../../../src/core/model';
import { dataset, healthyTrace, hex, hungTraceEnded } from './builders';

/** A deterministic pseudo-random sequence, so generated traffic is the same on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function request(i: number, flow: string, state: RequestState, attributes: Record<string, string | number>): RequestRecord {
  return { id: `r${i}`, flow, state, confidence: 1, evidence: [], attributes, spanIds: [], logCount: 0, loops: [] };
}

test('when 2% of traffic is one flow and all of it hangs, that flow comes first (generated traces through detection)', () => {
  const random = rng(7);
  const spans = [];
  const common = ['/cart', '/products/:id', '/checkout', '/search', '/profile'];
  let n = 0;
  for (let i = 0; i < 980; i++) {
    const route = common[Math.floor(random() * common.length)]!;
    // Noise: a few healthy requests of every flow carry the same tier values as the stuck ones.
    spans.push(...healthyTrace(hex(++n), route, i * 50, 20 + random() * 40, 2, { 'app.tier': random() < 0.3 ? 'gold' : 'free', 'user.id': `u${i}`, 'app.region': random() < 0.5 ? 'eu' : 'us' }));
  }
  for (let i = 0; i < 20; i++) {
    spans.push(...hungTraceEnded(hex(++n), '/coupons/:code/redeem', 60000 + i * 300, 5000, 100, 60, { 'app.tier': random() < 0.6 ? 'gold' : 'free', 'user.id': `h${i}`, 'app.region': 'eu' }));
  }
  // Two unrelated stuck requests elsewhere, so the flow is not the only thing incomplete.
  spans.push(...hungTraceEnded(hex(++n), '/cart', 90000, 5000, 100, 60, { 'http.request.method': 'GET', 'app.tier': 'free', 'user.id': 'x1', 'app.region': 'us' }));
  spans.push(...hungTraceEnded(hex(++n), '/search', 91000, 5000, 100, 60, { 'http.request.method': 'GET', 'app.tier': 'gold', 'user.id': 'x2', 'app.region': 'eu' }));
  const requests = detectRequests(dataset({ spans }));
  assert.equal(requests.filter((r) => r.state === 'incomplete').length, 22);
  const diffs = rankDifferences(requests);
  assert.ok(diffs.length > 0);
  assert.deepEqual([diffs[0]!.key, diffs[0]!.value], ['flow', 'POST /coupons/:code/redeem']);
  assert.equal(diffs[0]!.incompleteWith, 20);
  assert.equal(diffs[0]!.healthyWith, 0);
  assert.ok(diffs[0]!.pValue < 1e-20);
  // The route attribute says the same thing about the same requests: folded into the flow, not a second entry.
  assert.ok(!diffs.some((d) => d.key === 'http.route'), JSON.stringify(diffs.map((d) => d.key)));
  assert.ok((diffs[0] as { alsoSeenAs?: string[] }).alsoSeenAs?.includes('http.route=/coupons/:code/redeem'));
  // Ids never appear: each user.id is unique.
  assert.ok(!diffs.some((d) => d.key === 'user.id'));
});

test('a rare value carried by every stuck request outranks a common one that is only mildly enriched', () => {
  const random = rng(3);
  const requests: RequestRecord[] = [];
  for (let i = 0; i < 2000; i++) {
    const stuck = i < 8;
    requests.push(
      request(i, 'GET /x', stuck ? 'incomplete' : 'completed', {
        // 8 stuck requests all use the rare code; 2 healthy ones use it too.
        'coupon.code': stuck || i === 100 || i === 200 ? 'SPRING-0' : `C${Math.floor(random() * 300)}`,
        // Common everywhere, a little more among stuck ones.
        'client.kind': stuck ? (i < 6 ? 'mobile' : 'web') : random() < 0.5 ? 'mobile' : 'web',
        'request.nonce': `${random()}`,
      }),
    );
  }
  const diffs = rankDifferences(requests);
  assert.deepEqual([diffs[0]!.key, diffs[0]!.value, diffs[0]!.incompleteWith, diffs[0]!.healthyWith], ['coupon.code', 'SPRING-0', 8, 2]);
  const mobile = diffs.findIndex((d) => d.value === 'mobile');
  assert.ok(mobile === -1 || mobile > 0);
  assert.ok(!diffs.some((d) => d.key === 'request.nonce'));
  for (let i = 1; i < diffs.length; i++) assert.ok(diffs[i - 1]!.score >= diffs[i]!.score, 'rank order');
});

test('symptoms and ids are not differences; no stuck or no healthy requests gives none', () => {
  const requests = Array.from({ length: 50 }, (_, i) =>
    request(i, 'GET /x', i < 5 ? 'incomplete' : 'completed', { 'http.response.status_code': i < 5 ? 499 : 200, 'event.duration': i < 5 ? 30000 : 20, trace_id: hex(i) }),
  );
  assert.deepEqual(rankDifferences(requests), []);
  assert.deepEqual(rankDifferences(requests.map((r) => ({ ...r, state: 'completed' as const }))), []);
  assert.deepEqual(rankDifferences(requests.map((r) => ({ ...r, state: 'incomplete' as const }))), []);
});

test('nested log fields are compared as dotted keys', () => {
  const requests = Array.from({ length: 60 }, (_, i) =>
    request(i, 'GET /x', i < 6 ? 'incomplete' : 'completed', { req: { headers: { 'x-client': i < 6 ? 'legacy-app' : i % 2 ? 'web' : 'ios' } } } as never),
  );
  const [top] = rankDifferences(requests);
  assert.deepEqual([top!.key, top!.value], ['req.headers.x-client', 'legacy-app']);
});
