// analyze()/analyzeDataset() options: cancellation, request-id fields, a known client timeout.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze, analyzeDataset, NoUsableInputError } from '../../../src/core/pipeline';
import type { Span } from '../../../src/core/model';
import { dataset, healthyTrace, hex, log } from '../detect/builders';

const dir = mkdtempSync(join(tmpdir(), 'limbo-pipeline-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('an aborted signal stops the analysis with an AbortError', async () => {
  const file = join(dir, 'app.log');
  writeFileSync(file, `${JSON.stringify({ level: 30, time: 1, msg: 'incoming request', reqId: 'a' })}\n`);
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(analyze({ inputs: [file], signal: controller.signal }), (err: Error) => err.name === 'AbortError');
});

test('nothing to analyze, and no usable input, are errors that say so', async () => {
  await assert.rejects(analyze({ inputs: [] }), /nothing to analyze/);
  const empty = join(dir, 'empty.json');
  writeFileSync(empty, '');
  await assert.rejects(analyze({ inputs: [empty] }), (err: unknown) => err instanceof NoUsableInputError && /empty\.json/.test(err.message));
});

test('requestIdFields: logs grouped by a custom correlation field', () => {
  const logs = [
    log({ message: 'incoming request', timeMs: 1, attributes: { corr: 'x1', req: { method: 'GET', url: '/a' } } }),
    log({ message: 'incoming request', timeMs: 2, attributes: { corr: 'x2', req: { method: 'GET', url: '/a' } } }),
    log({ message: 'request completed', timeMs: 9, attributes: { corr: 'x2', res: { statusCode: 200 } } }),
  ];
  const without = analyzeDataset(dataset({ logs })).report;
  assert.equal(without.summary.requests, 0, 'no conventional request id: no requests');
  const withField = analyzeDataset(dataset({ logs }), { requestIdFields: ['corr'] }).report;
  assert.equal(withField.summary.requests, 2);
  assert.deepEqual(withField.incomplete.map((r) => r.id), ['req:x1']);
});

test('timeoutMs: a server span at an unusual client timeout is recognized only when the timeout is given', () => {
  const spans: Span[] = [];
  for (let i = 0; i < 10; i++) spans.push(...healthyTrace(hex(i + 1), '/a', i * 100, 20));
  const slow = healthyTrace(hex(99), '/a', 5000, 7300, 0);
  spans.push(...slow);
  const kinds = (timeoutMs?: number): string[] => analyzeDataset(dataset({ spans }), { timeoutMs, includeRequests: true }).report.requests!.find((r) => r.id === hex(99))!.evidence.map((e) => e.kind);
  assert.ok(!kinds().includes('duration-at-timeout'));
  assert.ok(kinds(7300).includes('duration-at-timeout'));
});
