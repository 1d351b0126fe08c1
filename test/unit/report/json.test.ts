import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderJson } from '../../../src/core/report/json';
import type { AnalysisReport } from '../../../src/core/model';
import { sampleReport } from './sample';

test('json: the same document JSON.stringify writes, indented, with the timeline columns one line each', () => {
  const report = sampleReport();
  assert.ok(report.timeline && report.timeline.id.length === 34);
  const text = renderJson(report);
  assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(report)));
  assert.deepEqual(Object.keys(JSON.parse(text)), Object.keys(report).filter((k) => report[k as keyof AnalysisReport] !== undefined));
  // Everything but the timeline is byte for byte what JSON.stringify(…, null, 2) writes.
  const { timeline, ...rest } = report;
  const withoutTimeline = renderJson(rest as AnalysisReport);
  assert.equal(withoutTimeline, `${JSON.stringify(rest, null, 2)}\n`);
  const lines = text.split('\n');
  const idLine = lines.find((l) => l.startsWith('    "id": ['));
  assert.equal(idLine, `    "id": ${JSON.stringify(timeline!.id)},`);
  assert.ok(lines.includes(`    "differenceMembers": ${JSON.stringify(timeline!.differenceMembers)}`));
  assert.ok(text.endsWith('}\n'));
});

test('json: non-finite numbers are written as text, not null', () => {
  const report = sampleReport();
  report.differences[0]!.lift = Infinity;
  report.flows[0]!.incompleteShare = NaN;
  const parsed = JSON.parse(renderJson(report));
  assert.equal(parsed.differences[0].lift, 'Infinity');
  assert.equal(parsed.flows[0].incompleteShare, 'NaN');
  assert.equal(parsed.timeline.id.length, 34);
});

test('json: members without a JSON form are left out, as JSON.stringify does', () => {
  const report = { ...sampleReport(), sourceRoot: undefined, timeline: undefined } as AnalysisReport;
  const parsed = JSON.parse(renderJson(report));
  assert.ok(!('sourceRoot' in parsed) && !('timeline' in parsed));
  assert.equal(renderJson({} as AnalysisReport), '{}\n');
});
