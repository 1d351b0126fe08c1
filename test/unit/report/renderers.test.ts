import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Log } from 'sarif';
import { renderJson } from '../../../src/core/report/json';
import { renderText } from '../../../src/core/report/text';
import { buildSarif, renderSarif } from '../../../src/core/report/sarif';
import { escapeTerminal } from '../../../src/core/report/escape';
import type { AnalysisReport, Suspect } from '../../../src/core/model';
import { HOSTILE_ROUTE, sampleReport } from './sample';

test('escapeTerminal neutralizes escape sequences, C1 controls, newlines and bidi overrides', () => {
  const cases: Array<[string, string]> = [
    ['plain text', 'plain text'],
    ['\u001b[2J', '\\x1b[2J'],
    ['a\nb\rc', 'a\\x0ab\\x0dc'],
    ['\u009b31m', '\\x9b31m'],
    ['\u202eexe.txt', '\\u202eexe.txt'],
    ['tab\tkept', 'tab\tkept'],
  ];
  for (const [input, want] of cases) assert.equal(escapeTerminal(input), want);
});

test('text: counts, the flows that hang, what is different, the strongest evidence', () => {
  const text = renderText(sampleReport());
  assert.match(text, /34 requests from \d+ spans, 34 traces/);
  assert.match(text, /4 requests never finished \(12%\)/);
  assert.match(text, /\nThe stuck requests started between 1970-01-01T00:00:05Z and 1970-01-01T00:00:09Z\.\n/);
  assert.match(text, /Flows that hang:\n {2}POST \/coupons\/:code\/redeem: 3 of 3 stuck \(100%\)/);
  assert.match(text, /What is different about the stuck requests:\n {2}flow POST \/coupons\/:code\/redeem: 3 of 4 stuck vs 0 of 30 healthy/);
  assert.match(text, /\+ children-after-parent-end: 'POST \/coupons\/:code\/redeem' ended after 5\.00 s/);
  assert.match(text, /\(spans\.jsonl:\d+\)/);
});

test('text: trace data cannot inject terminal control sequences', () => {
  const text = renderText(sampleReport());
  assert.ok(text.includes('/evil/\\x1b[31mred\\x1b[0m/\\u202egnp.exe'));
  assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/.test(text), 'no raw control characters');
});

test('text: a clean report says nothing looks stuck', () => {
  const r = sampleReport();
  const clean: AnalysisReport = { ...r, flows: [], differences: [], incomplete: [], summary: { ...r.summary, incompleteRequests: 0 } };
  assert.match(renderText(clean), /No request looks stuck/);
});

test('json: the contract fields, in rank order, and it round-trips', () => {
  const report = sampleReport();
  const parsed = JSON.parse(renderJson(report));
  for (const k of ['spans', 'traces', 'logRecords', 'requests', 'incompleteRequests']) assert.equal(typeof parsed.summary[k], 'number', k);
  assert.equal(parsed.summary.incompleteRequests, 4);
  assert.deepEqual(Object.keys(parsed.flows[0]).filter((k) => ['key', 'requests', 'incomplete'].includes(k)).sort(), ['incomplete', 'key', 'requests']);
  assert.equal(parsed.flows[0].key, 'POST /coupons/:code/redeem');
  for (let i = 1; i < parsed.differences.length; i++) assert.ok(parsed.differences[i - 1].score >= parsed.differences[i].score);
  assert.equal(parsed.incomplete.length, 4);
  for (const r of parsed.incomplete) {
    assert.ok(r.id && r.flow && Array.isArray(r.evidence) && r.evidence.length > 0);
  }
  // The hostile name survives intact in JSON (escaping is the reader's job there, and JSON.stringify escapes controls).
  assert.ok(parsed.incomplete.some((r: { flow: string }) => r.flow === `GET ${HOSTILE_ROUTE}`));
});

test('sarif: 2.1.0 log with one result per hung flow, rule indexes and input locations', () => {
  const log = JSON.parse(renderSarif(sampleReport())) as Log;
  assert.equal(log.version, '2.1.0');
  const run = log.runs[0]!;
  const results = run.results!;
  assert.equal(results.length, 2);
  for (const r of results) {
    assert.equal(run.tool.driver.rules![r.ruleIndex!]!.id, r.ruleId);
    assert.equal(r.ruleId, 'limbo/hung-flow');
    const loc = r.locations![0]!.physicalLocation!;
    assert.match(loc.artifactLocation!.uri!, /^file:\/\/.*spans\.jsonl$/);
    assert.ok(loc.region!.startLine! >= 1);
    assert.ok(r.partialFingerprints!['limboFlow/v1']);
  }
  assert.match(results[0]!.message.text!, /^3 of 3 requests of flow POST \/coupons\/:code\/redeem never finished/);
});

test('sarif: suspects become results in the source tree, relative to SRCROOT', () => {
  const report = sampleReport();
  report.sourceRoot = '/srv/app';
  const suspect: Suspect = {
    rank: 1,
    rule: 'exit-depends-on-flow-data',
    location: { file: 'src/redeem.ts', startLine: 12, endLine: 20 },
    score: 0.91,
    flows: ['POST /coupons/:code/redeem'],
    explanation: 'the loop exits only when the code is found',
    evidence: [],
    finding: { id: 'f1', ruleId: 'exit-depends-on-flow-data', severity: 'warning', message: 'm', loop: { file: 'src/redeem.ts', startLine: 12, startColumn: 3, endLine: 20, endColumn: 4 }, condition: { file: 'src/redeem.ts', startLine: 12, startColumn: 10, endLine: 12, endColumn: 30 }, loopKind: 'while', dataPath: [], sources: [], entryPoints: [], confidence: 0.8 },
    stuckRequests: 3,
  };
  report.suspects = [suspect];
  const run = buildSarif(report).runs[0]!;
  const result = run.results!.find((r) => r.ruleId === 'limbo/exit-depends-on-flow-data')!;
  assert.equal(result.locations![0]!.physicalLocation!.artifactLocation!.uriBaseId, 'SRCROOT');
  assert.equal(result.locations![0]!.physicalLocation!.artifactLocation!.uri, 'src/redeem.ts');
  assert.equal(run.originalUriBaseIds!.SRCROOT!.uri, 'file:///srv/app/');
});
