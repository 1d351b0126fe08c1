import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rankSuspects, type RankInput } from '../../../src/core/rank/index';
import { keyMatchesSource, specificWords } from '../../../src/core/rank/evidence/difference-on-data-path';
import { loopScope, type CallLookup } from '../../../src/core/rank/loop-scope';
import type { CodeLocation, EntryPoint, LoopFinding } from '../../../src/core/model/code';
import type { Difference, RequestRecord } from '../../../src/core/model/request';
import type { AggregatedMapping, LoopSignatureMapping } from '../../../src/core/mapping/index';

const loc = (file: string, startLine: number, endLine = startLine): CodeLocation => ({ file, startLine, startColumn: 1, endLine, endColumn: 1 });

function finding(id: string, file: string, start: number, end: number, extra: Partial<LoopFinding> = {}): LoopFinding {
  return {
    id, ruleId: 'exit-depends-on-flow-data', severity: 'warning', message: 'exit depends on flow data', loop: loc(file, start, end), condition: loc(file, start),
    loopKind: 'while', dataPath: [], sources: [], entryPoints: [], confidence: 0.8, ...extra,
  };
}

const entryPoints: EntryPoint[] = [
  { flow: 'POST /giftcards/:code/redeem', method: 'POST', route: '/giftcards/:code/redeem', framework: 'express', registration: loc('src/app.ts', 5), handlers: [loc('src/routes/giftcards.ts', 10, 30)], handlerNames: ['redeem'] },
  { flow: 'GET /products', method: 'GET', route: '/products', framework: 'express', registration: loc('src/app.ts', 6), handlers: [loc('src/routes/products.ts', 1, 20)], handlerNames: ['list'] },
];
const functions = [
  { id: 'redeem', name: 'redeem', location: loc('src/routes/giftcards.ts', 10, 30) },
  { id: 'waitForBalance', name: 'waitForBalance', location: loc('src/services/ledger.ts', 1, 40) },
  { id: 'fetchBalance', name: 'fetchBalance', location: loc('src/services/ledger.ts', 50, 60) },
  { id: 'list', name: 'list', location: loc('src/routes/products.ts', 1, 20) },
  { id: 'paginate', name: 'paginate', location: loc('src/lib/paginate.ts', 1, 30) },
  { id: 'orphan', name: 'orphan', location: loc('src/lib/unused.ts', 1, 30) },
];
const reachability = {
  'POST /giftcards/:code/redeem': [{ functionId: 'redeem', confidence: 1 }, { functionId: 'waitForBalance', confidence: 0.9 }, { functionId: 'fetchBalance', confidence: 0.9 }],
  'GET /products': [{ functionId: 'list', confidence: 1 }, { functionId: 'paginate', confidence: 1 }],
};
const calls: CallLookup = {
  functions,
  callsFrom(id, range) {
    const edges: Record<string, Array<{ calleeId: string; confidence: number; line: number }>> = {
      redeem: [{ calleeId: 'waitForBalance', confidence: 1, line: 20 }],
      waitForBalance: [{ calleeId: 'fetchBalance', confidence: 0.9, line: 12 }],
    };
    return (edges[id] ?? []).filter((e) => !range || (e.line >= range.startLine && e.line <= range.endLine));
  },
};

const realLoop = finding('real', 'src/services/ledger.ts', 8, 20, { functionName: 'waitForBalance', sources: ['req.body.kind'], entryPoints: ['POST /giftcards/:code/redeem'], confidence: 0.7 });
// Stronger static evidence, but in the healthy flow.
const benignLoop = finding('benign', 'src/lib/paginate.ts', 5, 25, { functionName: 'paginate', ruleId: 'infinite-loop-guarded-by-flow-data', sources: ['req.query.page'], entryPoints: ['GET /products'], confidence: 1 });
const unreachable = finding('unreached', 'src/lib/unused.ts', 3, 9, { functionName: 'orphan', ruleId: 'no-progress', confidence: 1, sources: ['req.body.kind'] });

function request(id: string, flow: string, state: RequestRecord['state']): RequestRecord {
  return { id, flow, state, confidence: 0.9, evidence: [], attributes: {}, spanIds: [], logCount: 0, loops: [] };
}
const requests = [
  ...Array.from({ length: 4 }, (_, i) => request(`s${i}`, 'POST /giftcards/:num/redeem', 'incomplete')),
  ...Array.from({ length: 6 }, (_, i) => request(`r${i}`, 'POST /giftcards/:num/redeem', 'completed')),
  ...Array.from({ length: 90 }, (_, i) => request(`p${i}`, 'GET /products', 'completed')),
];
const signature: LoopSignatureMapping = {
  flow: 'POST /giftcards/:num/redeem', operation: 'GET /ledger/:num', source: 'span', requests: 4, maxCount: 120,
  mappings: [{ location: loc('src/services/ledger.ts', 55), via: 'client-call', confidence: 0.8, detail: 'GET {}/ledger/{}' }],
};
const kindDifference: Difference = { key: 'http.request.body.kind', value: 'gift', incompleteWith: 4, incompleteTotal: 4, healthyWith: 1, healthyTotal: 96, lift: 40, pValue: 1e-5, score: 10 };

const base = (over: Partial<RankInput> = {}): RankInput => ({
  scan: { findings: [benignLoop, unreachable, realLoop], entryPoints, reachability, functions },
  requests, differences: [], mappings: [], loopSignatures: [], calls, ...over,
});

test('the loop stuck flows reach outranks a statically stronger loop in a healthy flow; unreached loops sink', () => {
  const suspects = rankSuspects(base());
  assert.deepEqual(suspects.map((s) => s.finding.id), ['real', 'benign', 'unreached']);
  assert.deepEqual(suspects.map((s) => s.rank), [1, 2, 3]);
  assert.deepEqual(suspects[0].flows, ['POST /giftcards/:num/redeem']);
  assert.equal(suspects[0].stuckRequests, 4);
  assert.equal(suspects[1].stuckRequests, 0);
  assert.match(suspects[0].explanation, /reached by POST \/giftcards\/:num\/redeem, the flow of 4 of 4 stuck requests/);
  assert.match(suspects[2].explanation, /no stuck flow reaches it/);
  assert.ok(suspects[2].score < suspects[1].score);
});

test('without stuck flows reaching it, static evidence alone would put the benign loop first (so the test above measures something)', () => {
  const suspects = rankSuspects(base({ requests: requests.filter((r) => r.state !== 'incomplete') }));
  assert.deepEqual(suspects.map((s) => s.finding.id), ['benign', 'unreached', 'real']);
  assert.match(suspects[0].explanation, /static evidence only/);
});

test('each kind of runtime evidence raises the real loop, and is named in evidence and explanation', () => {
  const plain = rankSuspects(base()).find((s) => s.finding.id === 'real')!;
  const cases: Array<[string, Partial<RankInput>, string, RegExp]> = [
    ['loop signature issued in a callee', { loopSignatures: [signature] }, 'loop-signature', /repeated operation 'GET \/ledger\/:num'.*in fetchBalance\(\) which the loop calls/],
    ['mapped stack frame inside the loop', { mappings: [mapping('stack-trace', loc('src/services/ledger.ts', 12), 4, 4)] }, 'mapped-stack-trace', /records of stuck requests map here/],
    ['difference on the data path', { differences: [kindDifference] }, 'difference-on-data-path', /http\.request\.body\.kind=gift separates stuck from healthy requests \(4\/4 vs 1\/96\) and the exit depends on req\.body\.kind/],
  ];
  for (const [name, over, kind, phrase] of cases) {
    const s = rankSuspects(base(over)).find((x) => x.finding.id === 'real')!;
    assert.ok(s.score > plain.score, `${name}: ${s.score} > ${plain.score}`);
    assert.ok(s.evidence.some((e) => e.kind === kind && e.weight > 0), name);
    assert.match(s.explanation, phrase, name);
  }
});

function mapping(via: string, location: CodeLocation, stuckCount: number, count: number): AggregatedMapping {
  return { location, via, confidence: 0.9, detail: `${via} at ${location.file}:${location.startLine}`, count, stuckCount };
}

test('evidence outside the loop scope does not count; route mappings and healthy-only places do not count', () => {
  const plain = rankSuspects(base()).find((s) => s.finding.id === 'real')!;
  const noise: Partial<RankInput> = {
    mappings: [mapping('stack-trace', loc('src/services/ledger.ts', 30), 4, 4), mapping('route', loc('src/services/ledger.ts', 10), 4, 4), mapping('log-template', loc('src/services/ledger.ts', 10), 0, 50)],
    loopSignatures: [{ ...signature, mappings: [{ ...signature.mappings[0], location: loc('src/routes/products.ts', 5) }] }],
    differences: [{ ...kindDifference, key: 'user.tier' }, { ...kindDifference, pValue: 0.5 }, { ...kindDifference, key: 'flow', value: 'POST /giftcards/:num/redeem' }],
  };
  const s = rankSuspects(base(noise)).find((x) => x.finding.id === 'real')!;
  assert.equal(s.score, plain.score);
  assert.deepEqual(s.evidence.map((e) => e.kind), ['static-rule', 'stuck-flow-reaches-loop']);
});

test('runtime evidence inside a loop lifts it from the bottom tier even when the call graph missed the flow', () => {
  const hit = { ...signature, mappings: [{ ...signature.mappings[0], location: loc('src/lib/unused.ts', 5) }] };
  const suspects = rankSuspects(base({ loopSignatures: [hit] }));
  const unreachedRank = suspects.find((s) => s.finding.id === 'unreached')!.rank;
  assert.ok(unreachedRank < 3, `rank ${unreachedRank}`);
});

test('loop scope follows calls made inside the loop only, with the weakest edge', () => {
  const scope = loopScope(realLoop, calls, functions);
  assert.equal(scope.container?.id, 'waitForBalance');
  assert.deepEqual(scope.callees.map((c) => [c.id, c.confidence]), [['fetchBalance', 0.9]]);
  const outside = loopScope(finding('x', 'src/services/ledger.ts', 20, 30), calls, functions);
  assert.deepEqual(outside.callees, [], 'the call at line 12 is not inside lines 20-30');
});

test('difference keys match data-path sources by their specific words', () => {
  assert.deepEqual(specificWords('ctx.request.body.voucherKind'), ['voucher', 'kind']);
  const cases: Array<[string, string, number]> = [
    ['http.request.body.kind', 'req.body.kind', 1],
    ['kind', 'ctx.request.body.kind', 1],
    ['giftcard.kind', 'req.body.kind', 0.8],
    ['voucher', 'req.body.voucher.code', 0.5],
    ['http.request.header.x-client', "req.headers['x-client']", 1],
    ['user.tier', 'req.body.kind', 0],
    ['supplierId', 'ctx.params.brandId', 0],
    ['brand.id', 'ctx.params.brandId', 1],
    ['http.request.method', 'req.body.kind', 0],
  ];
  for (const [key, source, expected] of cases) assert.equal(keyMatchesSource(key, source), expected, `${key} ~ ${source}`);
});

test('two rules on the same loop make one suspect that names both', () => {
  const second = { ...realLoop, id: 'real-2', ruleId: 'unbounded-poll-or-retry', message: 'polls without a cap' };
  const suspects = rankSuspects(base({ scan: { findings: [benignLoop, realLoop, second], entryPoints, reachability, functions } }));
  assert.equal(suspects.length, 2);
  const first = suspects[0];
  assert.equal(first.location.file, 'src/services/ledger.ts');
  assert.ok(first.evidence.some((e) => e.kind === 'also-rule' && e.detail.startsWith(first.rule === 'exit-depends-on-flow-data' ? 'unbounded-poll-or-retry' : 'exit-depends-on-flow-data')));
  assert.match(first.explanation, /also flagged by /);
});

test('two loops on the stuck flow: the one the loop signature points into wins over a statically stronger one', () => {
  // A decoy on the same flow, with the strongest static evidence there is.
  const decoy = finding('decoy', 'src/routes/giftcards.ts', 12, 18, { functionName: 'redeem', ruleId: 'infinite-loop-guarded-by-flow-data', sources: ['req.body.items'], entryPoints: ['POST /giftcards/:code/redeem'], confidence: 1 });
  const findings = [decoy, realLoop];
  const staticOnly = rankSuspects(base({ scan: { findings, entryPoints, reachability, functions } }));
  assert.deepEqual(staticOnly.map((s) => s.finding.id), ['decoy', 'real'], 'without runtime evidence inside a loop, static evidence decides');
  const withSignature = rankSuspects(base({ scan: { findings, entryPoints, reachability, functions }, loopSignatures: [signature] }));
  assert.deepEqual(withSignature.map((s) => s.finding.id), ['real', 'decoy']);
  assert.equal(withSignature[1].stuckRequests, 4, 'the decoy is reached by the stuck flow too');
});
