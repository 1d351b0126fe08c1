// Limbo: Copy Incident Summary (Markdown), against the recording fake `vscode`: the current result's
// Markdown goes to the clipboard; without a result nothing is copied and the user is told why.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderMarkdown } from '../../../src/core/report/markdown';
import { sampleReport } from '../report/sample';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createFakeVscode, installFakeVscode } = require('../../helpers/fake-vscode.cjs');

test('copies the current result as Markdown, or says there is none', async () => {
  const fake = createFakeVscode();
  const uninstall = installFakeVscode(fake.vscode);
  try {
    const { copyIncidentSummary } = await import('../../../src/extension/commands/copyIncidentSummary');
    const named = (name: string) => fake.calls.filter((c: { name: string }) => c.name === name).map((c: { args: unknown[] }) => c.args[0]);

    await copyIncidentSummary.run({ store: { report: undefined } } as never);
    assert.deepEqual(named('clipboard.writeText'), []);
    assert.match(String(named('showInformationMessage')[0]), /no result yet/);

    const report = sampleReport();
    await copyIncidentSummary.run({ store: { report } } as never);
    assert.deepEqual(named('clipboard.writeText'), [renderMarkdown(report)]);
    assert.match(String(named('showInformationMessage')[1]), /copied as Markdown \(4 stuck of 34 requests\)/);
  } finally {
    uninstall();
  }
});
