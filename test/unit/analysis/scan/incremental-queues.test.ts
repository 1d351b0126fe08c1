// Queue handlers are entry points read from every file (entrypoints/queues.ts): a processor set in a
// file that does not import the queue package (the queue is made in another module) must follow its
// edits as a full scan does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { removeTempProjects, writeProject, writeProjectFile } from '../project/temp-project';
import { createScanner, scanProject } from '../../../../src/core/analysis/scan';
import type { ScanResult } from '../../../../src/core/model/code';

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'incremental-queues', dependencies: { express: '*', bull: '*' } }),
  'src/app.js': `const express = require('express');
const app = express();
app.get('/health', (req, res) => res.end('ok'));
`,
  'src/queue.js': `const Queue = require('bull');
exports.images = new Queue('images');
`,
  'src/worker.js': `const { images } = require('./queue');
const { resize } = require('./handlers');
images.process(resize);
`,
  'src/handlers.js': `exports.resize = function resize(job) {
  let n = Number(job.data.n);
  while (n !== 0) n -= 2;
  return n;
};
`,
};

const jobFlows = (r: ScanResult) => r.entryPoints.filter((e) => e.framework === 'bull').map((e) => e.flow).sort();

test('queue entry points follow an edit of a processor in a file that does not import the queue package; incremental equals a full scan', async () => {
  const dir = writeProject(FILES);
  try {
    const scanner = createScanner(dir);
    const first = await scanner.scan();
    assert.deepEqual(jobFlows(first), ['JOB images']);
    assert.ok(first.findings.some((f) => f.loop.file === 'src/handlers.js' && f.entryPoints.includes('JOB images')), 'the loop is reached from the processor');
    const edits = [
      { what: 'the processor removed', text: (t: string) => t.replace('images.process(resize);', 'void resize;'), flows: [] as string[] },
      { what: 'the processor back', text: (t: string) => t, flows: ['JOB images'] },
    ];
    for (const edit of edits) {
      writeProjectFile(dir, 'src/worker.js', edit.text(FILES['src/worker.js']!));
      const { result } = await scanner.rescanFile('src/worker.js');
      const full = await scanProject(dir);
      assert.deepEqual({ findings: result.findings, entryPoints: result.entryPoints }, { findings: full.result.findings, entryPoints: full.result.entryPoints }, `after ${edit.what}`);
      assert.deepEqual(jobFlows(result), edit.flows, `entry points after ${edit.what}`);
    }
  } finally {
    removeTempProjects();
  }
});
