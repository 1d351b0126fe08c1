// The README's main command, `npm run demo` (scripts/demo.mjs), run as a user runs it, with --check:
// it builds and packages Limbo, installs it into code-server, analyzes the demo incident with the CLI
// (the answer is printed, and saved where the extension restores it), starts VS Code and stops it once
// it answers. The incident report and the editor views on that result are checked by report.test.ts
// and extension.test.ts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../helpers/paths';
import type { AnalysisReport } from '../../src/core/model';
import { missingPrerequisite } from './harness';

const workspace = join(repoRoot, 'examples', 'shop-express');
const truth = JSON.parse(readFileSync(join(workspace, 'recorded', 'summary.json'), 'utf8')) as { stuckFlow: string; totals: { requests: number; timedOut: number } };

test('npm run demo: prints the incident and the suspect loop, then serves VS Code with the result', { timeout: 600_000, skip: missingPrerequisite() }, () => {
  const result = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'demo.mjs'), '--check', '--port', '18080'], { cwd: repoRoot, encoding: 'utf8', timeout: 540_000 });
  try {
    assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
    const out = result.stdout;
    assert.match(out, new RegExp(`${truth.totals.timedOut} requests never finished`));
    assert.ok(out.includes(`${truth.stuckFlow}: ${truth.totals.timedOut} of ${truth.totals.timedOut} stuck`), out);
    assert.match(out, /Suspect loops:\n {2}1\. src\/services\/gift-card-service\.ts:\d+ /);
    assert.match(out, /Limbo is running in VS Code \(code-server [\d.]+\) with the demo incident loaded:\n\n {2}http:\/\/127\.0\.0\.1:\d+\/\?folder=/);
    // The result the extension restores when the folder opens.
    const saved = JSON.parse(readFileSync(join(workspace, '.limbo', 'report.json'), 'utf8')) as AnalysisReport;
    assert.equal(saved.summary.incompleteRequests, truth.totals.timedOut);
    assert.equal(saved.suspects[0]?.location.file, 'src/services/gift-card-service.ts');
  } finally {
    rmSync(join(workspace, '.limbo'), { recursive: true, force: true });
  }
});
