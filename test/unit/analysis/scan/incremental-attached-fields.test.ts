// Request fields the app's middleware attaches (`req.schema = await loadSchema()`) are not request
// data; editing the middleware (another file than the handler's) so that the field comes from the
// request, or is no longer assigned, must bring the handler's finding back. After each edit the
// incremental result must equal a full scan.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { removeTempProjects, writeProject, writeProjectFile } from '../project/temp-project';
import { createScanner, scanProject } from '../../../../src/core/analysis/scan';
import type { ScanResult } from '../../../../src/core/model/code';

const MIDDLEWARE = `async function loadSchema() {
  return { version: 8 };
}
export async function schema(req, res, next) {
  req.schema = await loadSchema();
  next();
}
`;

const APP = `import express from 'express';
import { schema } from './middleware.js';
const app = express();
app.use(schema);
app.get('/layout', (req, res) => {
  let steps = req.schema.version;
  while (steps !== 0) steps -= 2;
  res.end();
});
export default app;
`;

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'incremental-attached-fields', type: 'module', dependencies: { express: '*' } }),
  'src/middleware.js': MIDDLEWARE,
  'src/app.js': APP,
};

const lines = (r: ScanResult) => r.findings.map((f) => `${f.loop.file}:${f.loop.startLine}`);

interface Edit {
  what: string;
  text: string;
  findings: string[];
}

/** Writes each version of one file, re-scans it, and compares with a full scan and the expected findings. */
async function applyEdits(dir: string, scanner: ReturnType<typeof createScanner>, path: string, edits: Edit[]): Promise<void> {
  for (const edit of edits) {
    writeProjectFile(dir, path, edit.text);
    const { result } = await scanner.rescanFile(path);
    const full = await scanProject(dir);
    assert.deepEqual(result.findings, full.result.findings, `after ${edit.what}`);
    assert.deepEqual(lines(result), edit.findings, `findings after ${edit.what}`);
  }
}

test('a request field attached by middleware in another file: made request data, unassigned and restored; incremental equals a full scan', async () => {
  const dir = writeProject(FILES);
  try {
    const scanner = createScanner(dir);
    const first = await scanner.scan();
    assert.deepEqual(lines(first), []);
    const edits: Edit[] = [
      { what: 'the field copied from the query', text: MIDDLEWARE.replace('await loadSchema()', '{ version: Number(req.query.v) }'), findings: ['src/app.js:7'] },
      { what: 'the middleware back', text: MIDDLEWARE, findings: [] },
      { what: 'the assignment gone', text: MIDDLEWARE.replace('  req.schema = await loadSchema();\n', ''), findings: ['src/app.js:7'] },
      { what: 'the assignment back', text: MIDDLEWARE, findings: [] },
    ];
    await applyEdits(dir, scanner, 'src/middleware.js', edits);
  } finally {
    removeTempProjects();
  }
});

// A middleware whose request parameter is not named `req` counts through its role: registering it
// or not (an edit of another file than the middleware's) decides whether its field is attached.
const ROLE_MIDDLEWARE = `async function loadSchema() {
  return { version: 8 };
}
export async function schema(r, res, next) {
  r.schema = await loadSchema();
  next();
}
`;

test('a middleware known by its role: unregistered and registered again in the app file; incremental equals a full scan', async () => {
  const dir = writeProject({ ...FILES, 'src/middleware.js': ROLE_MIDDLEWARE, 'src/app.js': APP });
  try {
    const scanner = createScanner(dir);
    assert.deepEqual(lines(await scanner.scan()), []);
    const edits: Edit[] = [
      { what: 'the middleware unregistered', text: APP.replace('app.use(schema);', 'void schema;'), findings: ['src/app.js:7'] },
      { what: 'registered again', text: APP, findings: [] },
    ];
    await applyEdits(dir, scanner, 'src/app.js', edits);
  } finally {
    removeTempProjects();
  }
});
