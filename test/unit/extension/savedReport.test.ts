import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSavedReport } from '../../../src/extension/model/savedReport';
import { syntheticReport } from '../../e2e/syntheticReport';

test('a saved report round-trips', () => {
  const parsed = parseSavedReport(JSON.stringify(syntheticReport()));
  assert.equal(parsed.ok, true);
  if (parsed.ok) assert.equal(parsed.report.suspects[0]!.location.startLine, 8);
});

test('missing optional lists are filled, wrong shapes are rejected with a reason', () => {
  const minimal = parseSavedReport(JSON.stringify({ summary: { requests: 0 } }));
  assert.ok(minimal.ok && Array.isArray(minimal.report.suspects) && Array.isArray(minimal.report.flows));
  const cases: Array<[string, RegExp]> = [
    ['{"summary": {"requests": 1}', /not valid JSON/],
    ['[]', /expected a JSON object/],
    ['{"suspects": []}', /no summary\.requests/],
    ['{"summary": {"requests": 1}, "flows": {}}', /flows is not a list/],
    ['{"summary": {"requests": 1}, "suspects": [{"location": {"file": 3}}]}', /suspect 1 has no location/],
  ];
  for (const [text, reason] of cases) {
    const parsed = parseSavedReport(text);
    assert.equal(parsed.ok, false, text);
    if (!parsed.ok) assert.match(parsed.error, reason);
  }
});
