// The finite-walk checks read code in other files (a callee's body, a module's export): an edit there
// must re-check the loop's file, with the same result as a full scan.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScanner, scanProject } from '../../../../src/core/analysis/scan';

const findingKeys = (r: { findings: Array<{ ruleId: string; loop: { file: string; startLine: number } }> }) => r.findings.map((f) => `${f.loop.file}:${f.loop.startLine}:${f.ruleId}`).sort();

async function editedElsewhere(files: Record<string, string>, edit: [string, string], expected: string[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'limbo-walks-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const scanner = createScanner(dir, { withoutReachability: true });
    assert.deepEqual(findingKeys(await scanner.scan()), []);
    writeFileSync(join(dir, edit[0]), edit[1]);
    const { result } = await scanner.rescanFile(edit[0]);
    assert.deepEqual(findingKeys(result), expected);
    assert.deepEqual(findingKeys(result), findingKeys((await scanProject(dir, { withoutReachability: true })).result));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('rescanFile: a helper in another file that starts putting jobs back brings the drained queue finding', () =>
  editedElsewhere(
    {
      'package.json': '{"name":"q","main":"index.js"}',
      'index.js': "const { settle } = require('./settle');\nfunction run(queue) {\n  while (queue.length) settle(queue, queue.shift());\n}\nmodule.exports = { run };\n",
      'settle.js': 'function settle(list, job) {\n  job.done = true;\n}\nmodule.exports = { settle };\n',
    },
    // Same length, no call: the helper's data-flow summary does not change, only its code.
    ['settle.js', 'function settle(list, job) {\n  list[9] = job;  \n}\nmodule.exports = { settle };\n'],
    ['index.js:3:exit-depends-on-flow-data'],
  ));

test('rescanFile: a module alias edited to something else than getPrototypeOf brings the prototype walk finding', () =>
  editedElsewhere(
    {
      'package.json': '{"name":"p","main":"index.js"}',
      'index.js': "const getProto = require('./get-proto');\nfunction walk(o) {\n  while (o) o = getProto(o);\n}\nmodule.exports = { walk };\n",
      'get-proto.js': 'module.exports = Object.getPrototypeOf;\n',
    },
    ['get-proto.js', 'module.exports = (x) => x.parent;\n'],
    ['index.js:3:exit-depends-on-flow-data'],
  ));
