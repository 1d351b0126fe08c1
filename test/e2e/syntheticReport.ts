// A hand-written AnalysisReport for test/fixtures/e2e-workspace: lets the e2e tests check how the
// extension presents a saved result (activation on .limbo/report.json, lenses, problems, tree)
// independently of the engine, including hostile trace text that must show literally.
import type { AnalysisReport } from '../../src/core/model';

export const HOSTILE = '<img src=x onerror="document.title=\'pwned\'">';

export function syntheticReport(): AnalysisReport {
  const loop = { file: 'src/orders.ts', startLine: 8, startColumn: 3, endLine: 11, endColumn: 4 };
  const condition = { file: 'src/orders.ts', startLine: 8, startColumn: 10, endLine: 8, endColumn: 36 };
  const flow = 'POST /orders/:id/redeem';
  return {
    tool: { name: 'limbo', version: '0.1.0' },
    generatedAt: '2026-11-28T00:00:00.000Z',
    inputs: [],
    summary: { spans: 120, traces: 40, logRecords: 0, httpExchanges: 0, requests: 40, incompleteRequests: 3, failedRequests: 0, suspects: 1 },
    flows: [
      { key: 'GET /orders/:id', requests: 30, incomplete: 0, failed: 0, incompleteShare: 0, differences: [] },
      { key: flow, requests: 10, incomplete: 3, failed: 0, incompleteShare: 0.3, differences: [] },
    ],
    differences: [
      { key: 'voucher.kind', value: `legacy ${HOSTILE}`, incompleteWith: 3, incompleteTotal: 3, healthyWith: 0, healthyTotal: 37, lift: 25, pValue: 0.0001, score: 9 },
    ],
    incomplete: [1, 2, 3].map((n) => ({
      id: `trace-${n}`,
      flow,
      state: 'incomplete' as const,
      confidence: 0.9,
      evidence: [{ kind: 'orphan-children' as const, weight: 0.7, detail: `children of a server span that never arrived ${HOSTILE}` }],
      loops: [{ operation: 'GET /vouchers/:code', source: 'span' as const, count: 40, periodMs: 50, periodJitter: 0.05, firstMs: 0, lastMs: 2000 }],
    })),
    suspects: [
      {
        rank: 1,
        rule: 'exit-depends-on-flow-data',
        location: { file: loop.file, startLine: loop.startLine, endLine: loop.endLine },
        score: 0.93,
        flows: [flow],
        explanation: `3 stuck requests repeat GET /vouchers/:code inside this loop ${HOSTILE}`,
        evidence: [{ kind: 'loop-signature', detail: 'GET /vouchers/:code repeated 40 times every 50 ms', weight: 0.8 }],
        stuckRequests: 3,
        finding: {
          id: 'exit-depends-on-flow-data:src/orders.ts:8',
          ruleId: 'exit-depends-on-flow-data',
          severity: 'warning',
          message: 'The loop exits only when the voucher settles, which depends on req.body.code.',
          loop,
          condition,
          loopKind: 'while',
          functionName: 'redeem',
          dataPath: [
            { location: { file: 'src/orders.ts', startLine: 5, startColumn: 3, endLine: 5, endColumn: 30 }, message: 'req.body.code flows into `code`' },
            { location: { file: 'src/vouchers.ts', startLine: 8, startColumn: 3, endLine: 8, endColumn: 70 }, message: 'state depends on `code`' },
            { location: condition, message: 'read by the loop condition' },
          ],
          sources: ['req.body.code'],
          entryPoints: [flow],
          confidence: 0.8,
        },
      },
    ],
    mappings: [
      { location: { file: 'src/orders.ts', startLine: 4, startColumn: 1, endLine: 4, endColumn: 1 }, via: 'route', confidence: 0.9, detail: flow, flow },
    ],
    warnings: [],
  };
}
