import assert from 'node:assert/strict';
import { test } from 'node:test';
import { savedUiStateForReport } from '../../../src/extension/model/savedUiState';

const report = { generatedAt: '2026-11-28T12:00:00.000Z' };
const state = { tab: 'flows', window: [1000, 2000], selectedRequestId: 'r1' };

test('the state saved for this report comes back', () => {
  assert.deepEqual(savedUiStateForReport(JSON.stringify({ generatedAt: report.generatedAt, state }), report), state);
});

const rejected: Array<[string, string]> = [
  ['saved for another report', JSON.stringify({ generatedAt: '2026-11-27T00:00:00.000Z', state })],
  ['unknown tab', JSON.stringify({ generatedAt: report.generatedAt, state: { ...state, tab: 'everything' } })],
  ['window of strings', JSON.stringify({ generatedAt: report.generatedAt, state: { ...state, window: ['a', 'b'] } })],
  ['no state', JSON.stringify({ generatedAt: report.generatedAt })],
  ['truncated file', JSON.stringify({ generatedAt: report.generatedAt, state }).slice(0, 30)],
  ['null', 'null'],
  ['empty', ''],
];
for (const [name, text] of rejected) {
  test(`a saved state is ignored when: ${name}`, () => {
    assert.equal(savedUiStateForReport(text, report), null);
  });
}
