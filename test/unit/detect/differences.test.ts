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
  // A HAR entry that never got its response: no wait, no status text, no response at all.
  const har = Array.from({ length: 50 }, (_, i) =>
    request(i, 'GET /x', i < 5 ? 'incomplete' : 'completed', { 'har.timings.wait': i < 5 ? 0 : 10 + (i % 3), 'har.timings.send': 0, 'http.status_text': i < 5 ? '' : 'OK', 'har.no_response': String(i < 5) }),
  );
  assert.deepEqual(rankDifferences(har), []);
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

interface UrlCase {
  name: string;
  requests: RequestRecord[];
  skipKeys?: string[];
  /** [key, value, incompleteWith, healthyWith] that must be listed as its own difference. */
  shows: Array<[string, string, number, number]>;
  /** Keys that must not be listed as their own difference. */
  hides: string[];
  /** A listed difference ([key, value]) that must carry these key=value pairs in alsoSeenAs. */
  folds?: { into: [string, string]; seenAs: string[] };
}

/** 8 stuck requests out of 120; `attrs(i, stuck)` gives each request's attributes, `flow(i, stuck)` its flow. */
function traffic(attrs: (i: number, stuck: boolean) => Record<string, string | number>, flow: (i: number, stuck: boolean) => string = () => 'GET /x'): RequestRecord[] {
  return Array.from({ length: 120 }, (_, i) => request(i, flow(i, i < 8), i < 8 ? 'incomplete' : 'completed', attrs(i, i < 8)));
}

const urlCases: UrlCase[] = [
  {
    name: 'raw ids in a called URL collapse into one value (scheme and host kept, query values normalized)',
    // Stuck requests call the hold endpoint, each with its own hold id and attempt number; healthy ones call another.
    requests: traffic((i, stuck) => ({ 'url.full': stuck ? `https://pay.internal:8443/v1/holds/hold_${1000 + i}?attempt=${i}` : `https://pay.internal:8443/v1/cards/${i}` })),
    shows: [['url.full', 'https://pay.internal:8443/v1/holds/:id?attempt=:num', 8, 0]],
    hides: [],
  },
  {
    name: 'the collapsed URL is folded into the flow that selects exactly the same requests',
    requests: traffic(
      (i, stuck) => ({ 'req.url': stuck ? `/orders/o-${5000 + i}/gift-card/redeem` : `/orders/o-${5000 + i}`, 'url.path': stuck ? `/orders/o-${5000 + (i % 3)}/gift-card/redeem` : `/orders/o-${5000 + i}` }),
      (_, stuck) => (stuck ? 'POST /orders/:orderId/gift-card/redeem' : 'GET /orders/:orderId'),
    ),
    shows: [['flow', 'POST /orders/:orderId/gift-card/redeem', 8, 0]],
    hides: ['req.url', 'url.path'],
    folds: { into: ['flow', 'POST /orders/:orderId/gift-card/redeem'], seenAs: ['req.url=/orders/:id/gift-card/redeem', 'url.path=/orders/:id/gift-card/redeem'] },
  },
  {
    name: 'a URL that selects more than the flow (the same path under another method) is listed on its own',
    requests: traffic(
      (i) => ({ 'http.target': `/orders/${7000 + i}/gift-card` }),
      (i, stuck) => (stuck ? 'POST /orders/:id/gift-card' : i < 14 ? 'GET /orders/:id/gift-card' : 'GET /cart'),
    ).map((r, i) => (i >= 14 ? { ...r, attributes: { 'http.target': `/cart?session=${i}` } } : r)),
    shows: [
      ['flow', 'POST /orders/:id/gift-card', 8, 0],
      ['http.target', '/orders/:num/gift-card', 8, 6],
    ],
    hides: [],
  },
  {
    name: 'a query parameter pattern the flow does not capture still shows, page numbers and parameter order do not split it',
    requests: traffic((i, stuck) => ({ 'http.target': stuck ? (i % 2 ? `/search?page=${i}&all=true` : `/search?all=true&page=${i + 1}`) : `/search?page=${i % 7}` })),
    shows: [['http.target', '/search?all=true&page=:num', 8, 0]],
    hides: [],
  },
  {
    name: 'a bare query string key is normalized the same way',
    requests: traffic((i, stuck) => ({ 'url.query': stuck ? `cursor=c${100000 + i}&follow=true` : `cursor=c${100000 + i}` })),
    shows: [['url.query', 'cursor=:id&follow=true', 8, 0]],
    hides: [],
  },
  {
    name: 'within one flow, the route-only URL says nothing and is not listed',
    requests: traffic((i) => ({ 'req.url': `/orders/o-${5000 + i}/gift-card/redeem` }), () => 'POST /orders/:orderId/gift-card/redeem'),
    skipKeys: ['flow'],
    shows: [],
    hides: ['req.url'],
  },
  {
    name: 'non-URL keys keep their raw values, even id-looking ones and ones with a slash inside',
    // Each value on a different set of requests, so none is folded into another.
    requests: traffic((i, stuck) => ({ 'order.ref': stuck || i === 50 ? 'o-5028' : `o-${6000 + (i % 5)}`, 'app.variant': i < 7 ? 'checkout/v2-1234' : 'checkout/v1', target: stuck ? 'build-20240101' : 'stable', 'user.id': `u${i}` })),
    shows: [
      ['order.ref', 'o-5028', 8, 1],
      ['app.variant', 'checkout/v2-1234', 7, 0],
      ['target', 'build-20240101', 8, 0],
    ],
    hides: ['user.id'],
  },
];

for (const c of urlCases) {
  test(`URL values: ${c.name}`, () => {
    const diffs = rankDifferences(c.requests, undefined, new Set(c.skipKeys ?? []));
    const listed = diffs.map((d) => [d.key, d.value, d.incompleteWith, d.healthyWith]);
    for (const expected of c.shows) assert.ok(listed.some((l) => JSON.stringify(l) === JSON.stringify(expected)), `${JSON.stringify(expected)} not in ${JSON.stringify(listed)}`);
    for (const key of c.hides) assert.ok(!diffs.some((d) => d.key === key), `${key} listed: ${JSON.stringify(listed)}`);
    // One entry per key for URL keys: ids never split a URL into several listed values.
    for (const [key] of c.shows) assert.equal(diffs.filter((d) => d.key === key).length, 1, `${key}: ${JSON.stringify(listed)}`);
    if (c.folds) {
      const into = diffs.find((d) => d.key === c.folds!.into[0] && d.value === c.folds!.into[1]);
      assert.ok(into, JSON.stringify(listed));
      for (const seen of c.folds.seenAs) assert.ok(into.alsoSeenAs?.includes(seen), `${seen} not in ${JSON.stringify(into.alsoSeenAs)}`);
    }
  });
}

test('values that a flow which always hangs explains move after the rest and say so; per-request ids seen once are not listed', () => {
  const requests: RequestRecord[] = [];
  let i = 0;
  // The demo's shape: every request of one POST flow hangs, each with its own hold id; other POST and GET flows are healthy.
  for (let k = 0; k < 18; k++) requests.push(request(i++, 'POST /orders/:id/redeem', 'incomplete', { 'http.request.method': 'POST', holdId: `hold_${k}`, 'app.region': k % 2 ? 'eu' : 'us' }));
  for (let k = 0; k < 300; k++) requests.push(request(i++, k % 3 ? 'GET /products' : 'POST /cart', 'completed', { 'http.request.method': k % 3 ? 'GET' : 'POST', 'app.region': k % 2 ? 'eu' : 'us' }));
  // A separate cause: a few stuck GETs that carry a rare feature flag (not inside the always-hanging flow).
  for (let k = 0; k < 4; k++) requests.push(request(i++, 'GET /products', 'incomplete', { 'http.request.method': 'GET', 'feature.beta': 'on', 'app.region': 'eu' }));
  for (let k = 0; k < 2; k++) requests.push(request(i++, 'GET /products', 'completed', { 'http.request.method': 'GET', 'feature.beta': 'on', 'app.region': 'us' }));
  const diffs = rankDifferences(requests, { maxPValue: 1 });
  const at = (key: string, value: string) => diffs.findIndex((d) => d.key === key && d.value === value);
  assert.deepEqual([diffs[0]!.key, diffs[0]!.value], ['flow', 'POST /orders/:id/redeem']);
  assert.equal(diffs[0]!.explainedBy, undefined);
  // POST: all 18 of its stuck requests are in the flow that always hangs → explained, after the unexplained ones.
  const post = diffs[at('http.request.method', 'POST')]!;
  assert.equal(post.explainedBy, 'flow=POST /orders/:id/redeem');
  const firstExplained = diffs.findIndex((d) => d.explainedBy !== undefined);
  assert.ok(diffs.slice(firstExplained).every((d) => d.explainedBy !== undefined), 'explained values come last');
  // The beta flag's stuck requests are outside that flow: it stays a difference of its own, before POST.
  assert.ok(at('feature.beta', 'on') >= 0 && at('feature.beta', 'on') < at('http.request.method', 'POST'));
  assert.equal(diffs[at('feature.beta', 'on')]!.explainedBy, undefined);
  // Ids that each appear once are no trait, even on a key seen on few requests.
  assert.equal(diffs.filter((d) => d.key === 'holdId').length, 0);
});

test('a value is not explained by a flow that also has healthy requests (it may be the cause inside it)', () => {
  const requests: RequestRecord[] = [];
  let i = 0;
  for (let k = 0; k < 10; k++) requests.push(request(i++, 'POST /pay', 'incomplete', { 'card.type': 'gift' }));
  for (let k = 0; k < 10; k++) requests.push(request(i++, 'POST /pay', 'completed', { 'card.type': 'credit' }));
  for (let k = 0; k < 200; k++) requests.push(request(i++, 'GET /home', 'completed', { 'card.type': 'none' }));
  const diffs = rankDifferences(requests);
  const gift = diffs.find((d) => d.key === 'card.type' && d.value === 'gift')!;
  const flow = diffs.find((d) => d.key === 'flow' && d.value === 'POST /pay')!;
  assert.ok(gift && flow);
  assert.equal(gift.explainedBy, undefined);
  // The card type carries only stuck requests, so the flow (all of whose stuck requests have it) is explained by it.
  assert.equal(flow.explainedBy, 'card.type=gift');
  assert.equal(diffs[0], gift);
});
