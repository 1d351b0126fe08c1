// A small analysis report built through the real detection, for the renderer tests.
import { analyzeDataset } from '../../../src/core/pipeline';
import type { AnalysisReport } from '../../../src/core/model';
import { dataset, healthyTrace, hex, hungTraceEnded } from '../detect/builders';

export const HOSTILE_ROUTE = '/evil/\u001b[31mred\u001b[0m/\u202egnp.exe';

export function sampleReport(): AnalysisReport {
  const spans = [];
  for (let i = 0; i < 30; i++) spans.push(...healthyTrace(hex(i + 1), i % 2 ? '/cart' : '/search', i * 100, 30, 2, { 'app.tier': i % 3 ? 'free' : 'gold' }));
  for (let i = 0; i < 3; i++) spans.push(...hungTraceEnded(hex(100 + i), '/coupons/:code/redeem', 5000 + i * 500, 5000, 100, 60, { 'app.tier': 'gold' }));
  spans.push(...hungTraceEnded(hex(200), HOSTILE_ROUTE, 9000, 5000, 100, 60, { 'http.request.method': 'GET' }));
  const report = analyzeDataset(dataset({ spans })).report;
  report.inputs = [{ file: 'traces.jsonl', format: 'otlp-jsonl', spans: spans.length, uniqueSpanIds: spans.length, traces: 34, services: [], rootSpans: 34, missingParentSpans: 0, errorSpans: 0, maxDepth: 2, logRecords: 0, logLevels: {}, harEntries: 0, accessLinesParsed: 0, accessLinesRejected: 0, skippedLines: 0, warnings: [] }];
  return report;
}
