// A small hand-made report: 6 requests in two flows, the stuck ones all with coupon.kind=legacy.
import type { AnalysisReport } from '../../../src/core/model/report';
import type { RequestRecord, RequestState } from '../../../src/core/model/request';

function request(id: string, flow: string, state: RequestState, startMs: number, endMs: number | undefined, lastSeenMs: number, attributes: Record<string, string | number>): RequestRecord {
  return { id, flow, state, startMs, endMs, lastSeenMs, confidence: 0.9, evidence: [], attributes, spanIds: [], logCount: 0, loops: [] };
}

export function sampleReport(): AnalysisReport {
  const requests = [
    request('a', 'POST /redeem', 'completed', 1000, 1100, 1100, { 'coupon.kind': 'new', tries: 1 }),
    request('b', 'POST /redeem', 'incomplete', 1200, undefined, 9000, { 'coupon.kind': 'legacy', tries: 3 }),
    request('c', 'POST /redeem', 'incomplete', 5000, undefined, 6000, { 'coupon.kind': 'legacy', tries: 3 }),
    request('d', 'GET /items', 'completed', 2000, 2050, 2050, { 'coupon.kind': 'legacy' }),
    request('e', 'GET /items', 'failed', 7000, 7010, 7010, {}),
    request('f', 'GET /items', 'completed', 8000, 8020, 8020, { 'coupon.kind': 'new' }),
  ];
  return {
    tool: { name: 'limbo', version: '0.1.0' },
    generatedAt: '2026-11-28T00:00:00Z',
    inputs: [],
    summary: { spans: 0, traces: 6, logRecords: 0, httpExchanges: 0, requests: 6, incompleteRequests: 2, failedRequests: 1, suspects: 1 },
    flows: [
      { key: 'POST /redeem', requests: 3, incomplete: 2, failed: 0, incompleteShare: 2 / 3, differences: [] },
      { key: 'GET /items', requests: 3, incomplete: 0, failed: 1, incompleteShare: 0, differences: [] },
    ],
    differences: [
      { key: 'coupon.kind', value: 'legacy', incompleteWith: 2, incompleteTotal: 2, healthyWith: 1, healthyTotal: 4, lift: 3.3, pValue: 0.2, score: 5 },
      { key: 'flow', value: 'POST /redeem', incompleteWith: 2, incompleteTotal: 2, healthyWith: 1, healthyTotal: 4, lift: 3.3, pValue: 0.2, score: 4 },
      { key: 'tries', value: '3', incompleteWith: 2, incompleteTotal: 2, healthyWith: 0, healthyTotal: 4, lift: 9, pValue: 0.07, score: 3 },
    ],
    incomplete: [],
    requests,
    suspects: [
      {
        rank: 1,
        rule: 'exit-depends-on-flow-data',
        location: { file: 'src/coupons.ts', startLine: 42, endLine: 50, startColumn: 3 },
        score: 0.9,
        flows: ['POST /redeem'],
        explanation: 'exit depends on body.code',
        evidence: [{ kind: 'loop-signature', detail: 'SELECT repeated 40 times', weight: 0.5 }],
        finding: {
          id: 'x', ruleId: 'exit-depends-on-flow-data', severity: 'warning', message: 'm',
          loop: { file: 'src/coupons.ts', startLine: 42, startColumn: 3, endLine: 50, endColumn: 4 },
          condition: { file: 'src/coupons.ts', startLine: 42, startColumn: 10, endLine: 42, endColumn: 20 },
          loopKind: 'while', functionName: 'redeem', dataPath: [], sources: ['req.body.code'], entryPoints: ['POST /redeem'], confidence: 0.8,
        },
        stuckRequests: 2,
      },
    ],
    mappings: [],
    warnings: [],
  };
}
