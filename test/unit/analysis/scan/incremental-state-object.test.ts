// A state object handed to a helper of another file takes the call's flow data only when the helper
// may change its fields (taint.ts): the caller's flow reads the helper's code, so an edit of that code
// alone (no summary the caller reads changes) must still re-check the caller as a full scan would.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { removeTempProjects, writeProject, writeProjectFile } from '../project/temp-project';
import { createScanner, scanProject } from '../../../../src/core/analysis/scan';

after(removeTempProjects);

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'incremental-state-object', dependencies: { express: '*' } }),
  'src/app.js': `const express = require('express');
const { fill } = require('./fill');
const app = express();
app.get('/fill', (req, res) => {
  const options = { limit: 10 };
  fill(req.query.q, options);
  const out = [];
  for (let i = 0; i < options.limit; i += 1) out.push(i);
  res.json(out);
});
`,
  'src/fill.js': `exports.fill = function fill(q, options) {
  options.limit = q.length;
};
`,
};

test('a helper that starts or stops writing the fields of the state object it is handed', async () => {
  const dir = writeProject(FILES);
  const scanner = createScanner(dir);
  const loops = (r: { findings: Array<{ loop: { file: string; startLine: number } }> }) => r.findings.map((f) => `${f.loop.file}:${f.loop.startLine}`);
  assert.deepEqual(loops(await scanner.scan()), ['src/app.js:8']);
  const edits: Array<[string, string, string[]]> = [
    // Nothing a summary holds changes: the helper returns nothing either way.
    ['the helper only reads the limit', FILES['src/fill.js']!.replace('options.limit = q.length;', 'if (q.length > options.limit) throw new Error("too long");'), []],
    ['the write back', FILES['src/fill.js']!, ['src/app.js:8']],
    ['the object handed on to unknown code', FILES['src/fill.js']!.replace('options.limit = q.length;', 'store(options, q);'), ['src/app.js:8']],
  ];
  for (const [what, text, expected] of edits) {
    writeProjectFile(dir, 'src/fill.js', text);
    const { result } = await scanner.rescanFile('src/fill.js');
    const full = await scanProject(dir);
    assert.deepEqual(result.findings, full.result.findings, `after ${what}`);
    assert.deepEqual(loops(result), expected, `findings after ${what}`);
  }
});
