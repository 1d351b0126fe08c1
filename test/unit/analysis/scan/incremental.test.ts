import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScanner, scanProject } from '../../../../src/core/analysis/scan';
import { casesRoot } from '../../../helpers/analysis-suite';

const findingKeys = (r: { findings: Array<{ ruleId: string; loop: { file: string; startLine: number } }> }) => r.findings.map((f) => `${f.loop.file}:${f.loop.startLine}:${f.ruleId}`).sort();

test('rescanFile: an edit that removes the cap brings the finding; reverting removes it; same result as a full scan', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'limbo-incr-'));
  try {
    cpSync(join(casesRoot, 'cross-module', 'ts-index-import'), dir, { recursive: true });
    const scanner = createScanner(dir);
    const first = await scanner.scan();
    assert.deepEqual(findingKeys(first), ['src/jobs/index.ts:5:exit-depends-on-flow-data', 'src/jobs/index.ts:5:unbounded-poll-or-retry']);
    const appBefore = scanner.project!.files.get('src/app.ts');

    const path = join(dir, 'src/jobs/index.ts');
    const original = readFileSync(path, 'utf8');
    // Add a deadline: both findings go away.
    writeFileSync(path, original.replace("while (job.state !== 'finished') {", "const deadline = Date.now() + 5000;\n  while (job.state !== 'finished' && Date.now() < deadline) {"));
    const edited = await scanner.rescanFile('src/jobs/index.ts');
    assert.deepEqual(findingKeys(edited.result), []);
    assert.ok(edited.filesRechecked >= 1 && edited.filesRechecked <= 3);
    // The unchanged file's parse is the cached one.
    assert.equal(scanner.project!.files.get('src/app.ts'), appBefore);

    writeFileSync(path, original);
    const restored = await scanner.rescanFile('src/jobs/index.ts');
    assert.deepEqual(findingKeys(restored.result), findingKeys(first));
    const full = await scanProject(dir);
    assert.deepEqual(findingKeys(restored.result), findingKeys(full.result));
    // The data path still crosses into the unchanged caller's file.
    assert.equal(restored.result.findings[0]!.dataPath[0]!.location.file, 'src/app.ts');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('rescanFile: a caller edited to pass a constant loses the flow-data finding in the callee file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'limbo-incr-'));
  try {
    cpSync(join(casesRoot, 'cross-module', 'cjs-exports-object'), dir, { recursive: true });
    const scanner = createScanner(dir);
    assert.deepEqual(findingKeys(await scanner.scan()), ['lib/service.js:3:exit-depends-on-flow-data']);
    const path = join(dir, 'index.js');
    writeFileSync(path, readFileSync(path, 'utf8').replace('req.body.units', '7'));
    const { result } = await scanner.rescanFile('index.js');
    assert.deepEqual(findingKeys(result), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
