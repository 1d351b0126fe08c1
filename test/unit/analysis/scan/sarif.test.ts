// `limbo scan --format sarif` validates against the official SARIF 2.1.0 schema (rtm.5, as shipped by
// @microsoft/jest-sarif) and carries what GitHub code scanning needs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { scanProject } from '../../../../src/core/analysis/scan';
import { buildScanSarif } from '../../../../src/core/analysis/sarif';
import { casesRoot } from '../../../helpers/analysis-suite';

function sarifValidator() {
  const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as Record<string, unknown>;
  // The schema is draft-04 (`id`); Ajv 8 reads it as draft-07 once the root id is spelled `$id`.
  schema.$id = schema.id;
  delete schema.id;
  delete schema.$schema;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false }) // the schema's `language` pattern is not valid with the u flag;
  addFormats(ajv);
  return ajv.compile(schema);
}

test('scan SARIF is valid SARIF 2.1.0 with codeFlows, relative URIs and fingerprints', async () => {
  const { result } = await scanProject(join(casesRoot, 'cross-module', 'ts-index-import'));
  assert.ok(result.findings.length >= 2);
  const log = buildScanSarif(result, '0.1.0');
  const validate = sarifValidator();
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  const run = log.runs[0]!;
  assert.equal(log.version, '2.1.0');
  assert.match(run.originalUriBaseIds!.SRCROOT!.uri!, /^file:\/\/.*\/$/);
  assert.ok(run.tool.driver.rules!.every((r) => r.help?.text && r.shortDescription?.text));
  for (const r of run.results!) {
    const loc = r.locations![0]!.physicalLocation!;
    assert.equal(loc.artifactLocation!.uriBaseId, 'SRCROOT');
    assert.ok(!loc.artifactLocation!.uri!.startsWith('/') && !loc.artifactLocation!.uri!.includes(':'), 'relative uri');
    assert.ok(r.partialFingerprints!['limboFinding/v1']);
    assert.equal(run.tool.driver.rules![r.ruleIndex!]!.id, r.ruleId);
  }
  const withFlow = run.results!.find((r) => r.ruleId === 'limbo/exit-depends-on-flow-data')!;
  const steps = withFlow.codeFlows![0]!.threadFlows[0]!.locations;
  assert.equal(steps[0]!.location!.physicalLocation!.artifactLocation!.uri, 'src/app.ts');
  assert.match(steps[0]!.location!.message!.text!, /req\.params\.id/);
  assert.equal(steps.at(-1)!.location!.physicalLocation!.artifactLocation!.uri, 'src/jobs/index.ts');
});

test('the validator rejects a broken log (the schema test can fail)', () => {
  const validate = sarifValidator();
  assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: {} }, results: [{ message: {} }] }] }), false);
});
