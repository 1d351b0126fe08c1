// What the re-analysis keeps between edits instead of recomputing for the whole project: the flows
// reaching each finding (kept until call edges or entry points change) and each file's site lists
// (only the touched files' recomputed). Each edit's result must equal a full scan of the same text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { removeTempProjects, writeProject, writeProjectFile } from '../project/temp-project';
import { createScanner, scanProject } from '../../../../src/core/analysis/scan';
import type { ScanResult } from '../../../../src/core/model/code';

const FILES: Record<string, string> = {
  'src/app.js': `import express from 'express';
import { viaA, viaB } from './paths.js';
const app = express();
app.get('/a', (req, res) => res.json(viaA(req.query.n)));
app.get('/b', (req, res) => res.json(viaB(req.query.n)));
app.listen(3000);
`,
  'src/paths.js': `import { spin } from './spin.js';
export function viaA(n) {
  return spin(n);
}
export function viaB(n) {
  return Number(n);
}
`,
  'src/spin.js': `export function spin(limit) {
  let i = 0;
  while (i !== limit) {
    i += 2;
  }
  return i;
}
`,
  'src/log.js': `import pino from 'pino';
const logger = pino();
export function note(id) {
  logger.info({ id }, 'job started');
}
`,
  'src/trace.js': `import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('x');
export function traced(fn) {
  return tracer.startActiveSpan('work.step', (span) => fn(span));
}
`,
};

const flowsOfSpin = (r: ScanResult) => r.findings.filter((f) => f.loop.file === 'src/spin.js').map((f) => f.entryPoints);
const comparable = (r: ScanResult) => ({ findings: r.findings, entryPoints: r.entryPoints, spanSites: r.spanSites, logSites: r.logSites, clientCalls: r.clientCalls });

test('rescanFile: the flows reaching a finding follow a new call edge although the entry points stay; site lists follow the edited file alone', async () => {
  const dir = writeProject(FILES);
  const write = (rel: string, text: string) => writeProjectFile(dir, rel, text);
  try {
    const scanner = createScanner(dir);
    const first = await scanner.scan();
    assert.ok(flowsOfSpin(first).length > 0, 'the fixture has a finding in spin.js');
    for (const flows of flowsOfSpin(first)) assert.deepEqual(flows, ['GET /a']);
    assert.ok(first.logSites.some((s) => s.location.file === 'src/log.js') && first.spanSites.some((s) => s.location.file === 'src/trace.js'), 'sites in two files');

    const steps: Array<{ file: string; text: string; expectFlows?: string[] }> = [
      // A call edge into spin from the second route's path: same entry points, one more flow.
      { file: 'src/paths.js', text: FILES['src/paths.js'].replace('return Number(n);', 'return spin(Number(n));'), expectFlows: ['GET /a', 'GET /b'] },
      // An edit that changes no call edge: the kept flows stay right.
      { file: 'src/paths.js', text: FILES['src/paths.js'].replace('return Number(n);', 'return spin(Number(n)) + 1;'), expectFlows: ['GET /a', 'GET /b'] },
      { file: 'src/paths.js', text: FILES['src/paths.js'], expectFlows: ['GET /a'] },
      // Sites: the log message edited (its file's list recomputed, the span file's kept), a log added, then removed.
      { file: 'src/log.js', text: FILES['src/log.js'].replace("'job started'", "'job begun'") },
      { file: 'src/log.js', text: FILES['src/log.js'].replace("logger.info({ id }, 'job started');", "logger.info({ id }, 'job started');\n  logger.warn('twice');") },
      { file: 'src/log.js', text: 'export function note() {}\n' },
      { file: 'src/log.js', text: FILES['src/log.js'] },
    ];
    for (const step of steps) {
      write(step.file, step.text);
      const { result } = await scanner.rescanFile(step.file);
      const full = (await scanProject(dir)).result;
      assert.deepEqual(comparable(result), comparable(full), `after editing ${step.file}`);
      if (step.expectFlows) for (const flows of flowsOfSpin(result)) assert.deepEqual(flows, step.expectFlows);
    }
  } finally {
    removeTempProjects();
  }
});
