import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { test } from 'node:test';
import type { AnalysisReport } from '../../../src/core/model';
import { planRecheck } from '../../../src/extension/model/recheck';
import { syntheticReport } from '../../e2e/syntheticReport';

const folder = resolve('/work/ws');
const root = resolve(folder, 'service');

function reportWith(sourceRoot: string | undefined, inputs: Array<{ file: string; error?: string }>): AnalysisReport {
  const report = syntheticReport();
  report.sourceRoot = sourceRoot;
  report.inputs = inputs.map((input) => ({ ...input })) as AnalysisReport['inputs'];
  return report;
}

test('a saved source file under the root re-runs the last analysis on the inputs it read', () => {
  const report = reportWith(root, [{ file: '/data/traces.jsonl' }, { file: '/data/app.log' }, { file: '/data/bad.json', error: 'no format' }]);
  assert.deepEqual(planRecheck(report, resolve(root, 'src/orders.ts'), root, folder), { inputs: ['/data/traces.jsonl', '/data/app.log'] });
  for (const ext of ['.js', '.mjs', '.cjs', '.tsx', '.jsx', '.mts', '.cts', '.TS']) {
    assert.ok(planRecheck(report, resolve(root, `src/a${ext}`), root, folder), ext);
  }
});

test('a code-only analysis is re-checked with no inputs', () => {
  assert.deepEqual(planRecheck(reportWith(root, []), resolve(root, 'a.ts'), root, folder), { inputs: [] });
});

test('relative paths of a report the CLI wrote in the workspace folder resolve inside it only', () => {
  const report = reportWith('.', [{ file: 'recorded/traces.jsonl.gz' }, { file: '../../etc/passwd' }]);
  assert.deepEqual(planRecheck(report, resolve(folder, 'src/a.ts'), folder, folder), { inputs: [resolve(folder, 'recorded/traces.jsonl.gz')] });
  // Without a workspace folder nothing relative can be placed.
  assert.equal(planRecheck(report, resolve(folder, 'src/a.ts'), folder, undefined), undefined);
});

test('no re-check for files the analysis does not cover or results it did not produce', () => {
  const report = reportWith(root, [{ file: '/data/traces.jsonl' }]);
  assert.equal(planRecheck(undefined, resolve(root, 'a.ts'), root, folder), undefined, 'no result');
  assert.equal(planRecheck(reportWith(undefined, [{ file: '/data/traces.jsonl' }]), resolve(root, 'a.ts'), root, folder), undefined, 'no code step');
  assert.equal(planRecheck(report, resolve(root, 'a.ts'), undefined, folder), undefined, 'no source root');
  assert.equal(planRecheck(report, resolve(root, 'README.md'), root, folder), undefined, 'not analyzed');
  assert.equal(planRecheck(report, resolve(root, 'types.d.ts'), root, folder), undefined, 'declarations');
  assert.equal(planRecheck(report, resolve(folder, 'other/a.ts'), root, folder), undefined, 'outside the root');
  assert.equal(planRecheck(report, resolve(root, 'node_modules/x/index.js'), root, folder), undefined, 'node_modules');
  assert.equal(planRecheck(report, resolve(root, 'a.ts'), resolve(folder, 'elsewhere'), folder), undefined, 'the source root setting changed');
  const allFailed = reportWith(root, [{ file: '/data/x.json', error: 'truncated' }]);
  assert.equal(planRecheck(allFailed, resolve(root, 'a.ts'), root, folder), undefined, 'every input failed');
});
