// A parser loop is cleared by what the helpers in another module do to its cursor object: an edit
// there must re-check the loop's file (the helper's body is read as a dependency).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScanner, scanProject } from '../../../../src/core/analysis/scan';
import { casesRoot } from '../../../helpers/analysis-suite';

const findingKeys = (r: { findings: Array<{ ruleId: string; loop: { file: string; startLine: number } }> }) => r.findings.map((f) => `${f.loop.file}:${f.loop.startLine}:${f.ruleId}`).sort();

test('rescanFile: a helper edited to move the cursor back brings the caller loops back; reverting clears them; same as a full scan', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'limbo-cursor-'));
  try {
    cpSync(join(casesRoot, 'exit-depends', 'neg-library-cursor-object-advanced-by-helpers'), dir, { recursive: true });
    const scanner = createScanner(dir);
    assert.deepEqual(findingKeys(await scanner.scan()), []);
    const path = join(dir, 'collect.js');
    const original = readFileSync(path, 'utf8');
    // collectUntil no longer checks for -1: the position may go back to -1.
    writeFileSync(path, original.replace('  if (idx === -1) {\n    position.position = input.length;\n    return input.slice(start);\n  }\n', ''));
    const edited = await scanner.rescanFile('collect.js');
    const full = await scanProject(dir);
    assert.deepEqual(findingKeys(edited.result), findingKeys(full.result));
    assert.ok(findingKeys(edited.result).includes('index.js:7:exit-depends-on-flow-data'), findingKeys(edited.result).join(' '));
    assert.ok(findingKeys(edited.result).includes('index.js:52:exit-depends-on-flow-data'));
    writeFileSync(path, original);
    assert.deepEqual(findingKeys((await scanner.rescanFile('collect.js')).result), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
