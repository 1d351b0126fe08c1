import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCodeStep } from '../../../src/core/rank/code-step';
import { analyzeDataset } from '../../../src/core/pipeline';
import { emptyScan, loc, makeWorkspace } from '../mapping/workspace';
import type { Dataset, Span } from '../../../src/core/model';

const span = (traceId: string, spanId: string, name: string, kind: Span['kind'], startMs: number, endMs: number, attributes: Span['attributes'] = {}, parentSpanId?: string): Span => ({
  traceId, spanId, parentSpanId, name, kind, startMs, endMs, status: 'unset', attributes, events: [], origin: { file: 'in.json', line: 1 },
});

function dataset(): Dataset {
  const spans: Span[] = [];
  for (let i = 0; i < 20; i++) {
    const hung = i < 3;
    const t = `trace${i}`;
    const start = i * 5000;
    spans.push(span(t, `root${i}`, hung ? 'POST /jobs/:id/run' : 'GET /health', 'server', start, start + (hung ? 2000 : 5), { 'http.route': hung ? '/jobs/:id/run' : '/health', 'http.request.method': hung ? 'POST' : 'GET', 'http.response.status_code': 200 }));
    if (hung) for (let s = 0; s < 30; s++) spans.push(span(t, `c${i}-${s}`, 'job.step', 'internal', start + 10 + s * 100, start + 12 + s * 100, {}, `root${i}`));
  }
  return { spans, logs: [], exchanges: [], files: [] };
}

test('the code step fills suspects, mappings and scan from an injected scan', async (t) => {
  const ws = makeWorkspace({ 'src/jobs.ts': '' });
  t.after(ws.cleanup);
  const ds = dataset();
  const { report, requests } = analyzeDataset(ds);
  assert.equal(report.summary.incompleteRequests, 3);
  const finding = {
    id: 'f1', ruleId: 'no-progress', severity: 'warning' as const, message: 'never changes', loop: loc('src/jobs.ts', 5, 9), condition: loc('src/jobs.ts', 5),
    loopKind: 'while' as const, dataPath: [], sources: [], entryPoints: ['POST /jobs/:id/run'], confidence: 0.9, functionName: 'runJob',
  };
  const scan = emptyScan(ws.root, {
    findings: [finding],
    entryPoints: [{ flow: 'POST /jobs/:id/run', method: 'POST', route: '/jobs/:id/run', framework: 'express', registration: loc('src/jobs.ts', 1), handlers: [loc('src/jobs.ts', 2, 12)], handlerNames: ['run'] }],
    spanSites: [{ name: 'job.step', location: loc('src/jobs.ts', 7) }],
    functions: [{ id: 'src/jobs.ts:2:1', name: 'runJob', location: loc('src/jobs.ts', 2, 12) }],
    reachability: { 'POST /jobs/:id/run': [{ functionId: 'src/jobs.ts:2:1', confidence: 1 }] },
  });
  const step = createCodeStep(async () => ({ result: scan }));
  await step({ src: ws.root, dataset: ds, requests, report, options: { inputs: [] }, progress: () => {} });
  assert.equal(report.suspects.length, 1);
  assert.equal(report.suspects[0].stuckRequests, 3);
  assert.ok(report.suspects[0].evidence.some((e) => e.kind === 'loop-signature'), report.suspects[0].evidence.map((e) => e.kind).join());
  assert.ok(report.mappings.some((m) => m.via === 'span-name' && m.location.startLine === 7));
  assert.ok(report.scan && !('reachability' in report.scan) && !('functions' in report.scan));
});

test('a failing scan leaves the runtime report intact with a warning', async (t) => {
  const ws = makeWorkspace({ 'src/a.ts': '' });
  t.after(ws.cleanup);
  const ds = dataset();
  const { report, requests } = analyzeDataset(ds);
  const step = createCodeStep(async () => {
    throw new Error('parser exploded');
  });
  await step({ src: ws.root, dataset: ds, requests, report, options: { inputs: [] }, progress: () => {} });
  assert.deepEqual(report.suspects, []);
  assert.equal(report.summary.incompleteRequests, 3);
  assert.ok(report.warnings.some((w) => /static analysis of the source root failed.*parser exploded/.test(w.message)));
});
