// Routes whose paths or tables are computed read other files (an imported const prefix, an
// imported handler object a built table indexes by name) and code of their own file (pushes, .map):
// after each edit the incremental result must equal a full scan, and the routes must follow.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { removeTempProjects, writeProject, writeProjectFile } from '../project/temp-project';
import { createScanner, scanProject, type Scanner } from '../../../../src/core/analysis/scan';
import type { ScanResult } from '../../../../src/core/model/code';

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'incremental-computed-routes', dependencies: { express: '*' } }),
  'src/paths.js': `export const API = '/api';
export const USERS = API + '/users';
`,
  'src/handlers.js': `export const handlers = {
  users: (req, res) => {
    let left = Number(req.query.n);
    while (left !== 0) left -= 3;
    res.json(left);
  },
  orders: (req, res) => res.end(),
};
`,
  'src/app.js': `import express from 'express';
import { API, USERS } from './paths.js';
import { handlers } from './handlers.js';
const app = express();
const routes = [];
for (const name of ['users', 'orders']) routes.push({ method: 'get', path: '/' + name, handler: handlers[name] });
for (const r of routes) app[r.method](API + r.path, r.handler);
const removals = ['users'].map((name) => ({ path: \`\${USERS}/:id\`, handler: handlers[name] }));
removals.forEach((r) => app.delete(r.path, r.handler));
app.route(USERS + '/count').get(handlers.orders);
app.listen(3000);
`,
};

function comparable(result: ScanResult): unknown {
  return { findings: result.findings, entryPoints: result.entryPoints, diagnostics: result.diagnostics };
}

const flows = (r: ScanResult) => r.entryPoints.map((e) => `${e.flow} ${e.handlerNames.join(',')}`).sort();

interface Edit {
  what: string;
  file: string;
  text: (original: string) => string;
  flows: string[];
}

/** Each edit written over the original file, rescanned, and compared with a full scan and the routes expected. */
async function applyEdits(scanner: Scanner, dir: string, files: Record<string, string>, edits: Edit[]): Promise<void> {
  for (const edit of edits) {
    writeProjectFile(dir, edit.file, edit.text(files[edit.file]!));
    const { result } = await scanner.rescanFile(edit.file);
    const full = await scanProject(dir);
    assert.deepEqual(comparable(result), comparable(full.result), `after ${edit.what}`);
    assert.deepEqual(flows(result), edit.flows, `routes after ${edit.what}`);
  }
}

test('computed routes after edits: the imported const, the handler object, the table code; incremental equals a full scan', async () => {
  const dir = writeProject(FILES);
  try {
    const scanner = createScanner(dir);
    const first = await scanner.scan();
    assert.deepEqual(flows(first), ['DELETE /api/users/:id users', 'GET /api/orders orders', 'GET /api/users users', 'GET /api/users/count orders']);
    assert.ok(first.findings.some((f) => f.loop.file === 'src/handlers.js' && f.entryPoints.includes('GET /api/users')), 'the loop is reached through the computed route');
    const edits: Edit[] = [
      { what: 'the imported prefix changed', file: 'src/paths.js', text: (t) => t.replace("'/api'", "'/v2'"), flows: ['DELETE /v2/users/:id users', 'GET /v2/orders orders', 'GET /v2/users users', 'GET /v2/users/count orders'] },
      { what: 'the prefix back', file: 'src/paths.js', text: () => FILES['src/paths.js'], flows: ['DELETE /api/users/:id users', 'GET /api/orders orders', 'GET /api/users users', 'GET /api/users/count orders'] },
      { what: 'a handler the table indexes renamed away', file: 'src/handlers.js', text: (t) => t.replace('orders:', 'archive:'), flows: ['DELETE /api/users/:id users', 'GET /api/orders handlers.orders', 'GET /api/users users'] },
      { what: 'the handler back', file: 'src/handlers.js', text: () => FILES['src/handlers.js'], flows: ['DELETE /api/users/:id users', 'GET /api/orders orders', 'GET /api/users users', 'GET /api/users/count orders'] },
      { what: 'a name taken from the pushed list, one added to the mapped list', file: 'src/app.js', text: (t) => t.replace("['users', 'orders']", "['users']").replace("['users'].map", "['users', 'orders'].map"), flows: ['DELETE /api/users/:id orders', 'DELETE /api/users/:id users', 'GET /api/users users', 'GET /api/users/count orders'] },
      { what: 'the table code back', file: 'src/app.js', text: () => FILES['src/app.js'], flows: ['DELETE /api/users/:id users', 'GET /api/orders orders', 'GET /api/users users', 'GET /api/users/count orders'] },
    ];
    await applyEdits(scanner, dir, FILES, edits);
  } finally {
    removeTempProjects();
  }
});

const PUSHED_FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'incremental-pushed-table', dependencies: { express: '*' } }),
  'src/handlers.js': FILES['src/handlers.js']!,
  'src/table.js': `import { handlers } from './handlers.js';
const NAMES = ['users', 'orders'];
export const routes = [];
for (const name of NAMES) routes.push({ method: 'get', path: '/' + name, handler: handlers[name] });
`,
  'src/app.js': `import express from 'express';
import { routes } from './table.js';
const app = express();
for (const r of routes) app[r.method](r.path, r.handler);
app.listen(3000);
`,
};

test('a table filled by pushes in another file: edits to its list, its push and its code after it; incremental equals a full scan', async () => {
  const dir = writeProject(PUSHED_FILES);
  try {
    const scanner = createScanner(dir);
    const first = await scanner.scan();
    assert.deepEqual(flows(first), ['GET /orders orders', 'GET /users users']);
    assert.ok(first.findings.some((f) => f.loop.file === 'src/handlers.js' && f.entryPoints.includes('GET /users')), 'the loop is reached through the pushed route');
    const edits: Edit[] = [
      // NAMES is not exported: only the pushes read it.
      { what: 'a name taken from the list the push loops over', file: 'src/table.js', text: (t) => t.replace("['users', 'orders']", "['users']"), flows: ['GET /users users'] },
      { what: 'the list back', file: 'src/table.js', text: () => PUSHED_FILES['src/table.js'], flows: ['GET /orders orders', 'GET /users users'] },
      { what: 'the pushed path and method edited', file: 'src/table.js', text: (t) => t.replace("method: 'get', path: '/' + name", "method: 'post', path: '/v1/' + name"), flows: ['POST /v1/orders orders', 'POST /v1/users users'] },
      { what: 'a second push added after the loop', file: 'src/table.js', text: (t) => `${t}routes.push({ method: 'put', path: '/all', handler: handlers.orders });\n`, flows: ['GET /orders orders', 'GET /users users', 'PUT /all orders'] },
      // No route left: the exported functions are the entry points (a library).
      { what: 'the push removed', file: 'src/table.js', text: (t) => t.replace(/^for .*\n/m, ''), flows: ['CALL src/handlers.js#orders orders', 'CALL src/handlers.js#users users'] },
      { what: 'the table back', file: 'src/table.js', text: () => PUSHED_FILES['src/table.js'], flows: ['GET /orders orders', 'GET /users users'] },
    ];
    await applyEdits(scanner, dir, PUSHED_FILES, edits);
  } finally {
    removeTempProjects();
  }
});

const MAPPED_FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'incremental-mapped-table', dependencies: { express: '*' } }),
  'src/handlers.js': FILES['src/handlers.js']!,
  'src/routes/table.js': `import { handlers } from '../handlers.js';
const NAMES = ['users', 'orders'];
export const routes = NAMES.map((name) => {
  const path = '/' + name;
  return { method: 'get', path, handler: handlers[name] };
});
`,
  'src/routes/index.js': `export * from './table.js';
`,
  'src/app.js': `import express from 'express';
import { routes } from './routes/index.js';
const app = express();
for (const r of routes) app[r.method](r.path, r.handler);
app.listen(3000);
`,
};

test('a table made by .map in another file, read through an index: edits to its list, its callback body and its handler lookup; incremental equals a full scan', async () => {
  const dir = writeProject(MAPPED_FILES);
  try {
    const scanner = createScanner(dir);
    const first = await scanner.scan();
    assert.deepEqual(flows(first), ['GET /orders orders', 'GET /users users']);
    assert.ok(first.findings.some((f) => f.loop.file === 'src/handlers.js' && f.entryPoints.includes('GET /users')), 'the loop is reached through the mapped route');
    const edits: Edit[] = [
      // NAMES is not exported: only the mapped table reads it.
      { what: 'a name taken from the list the table maps', file: 'src/routes/table.js', text: (t) => t.replace("['users', 'orders']", "['users']"), flows: ['GET /users users'] },
      { what: 'the path built in the callback body edited', file: 'src/routes/table.js', text: (t) => t.replace("'/' + name", "'/v1/' + name"), flows: ['GET /v1/orders orders', 'GET /v1/users users'] },
      { what: 'the handler lookup edited', file: 'src/routes/table.js', text: (t) => t.replace('handlers[name]', 'handlers.orders'), flows: ['GET /orders orders', 'GET /users orders'] },
      { what: 'a path that cannot be computed', file: 'src/routes/table.js', text: (t) => t.replace("'/' + name", "'/' + name.trim()"), flows: ['GET /(unknown) orders', 'GET /(unknown) users'] },
      { what: 'the table back', file: 'src/routes/table.js', text: () => MAPPED_FILES['src/routes/table.js']!, flows: ['GET /orders orders', 'GET /users users'] },
      // Only the lookup's key differs from the table before, and the export surface cannot render it: a mapped table renders as changed.
      { what: 'the handler looked up by a key that cannot be computed', file: 'src/routes/table.js', text: (t) => t.replace('handlers[name]', 'handlers[name.trim()]'), flows: ['GET /orders <handler>', 'GET /users <handler>'] },
      { what: 'the table back', file: 'src/routes/table.js', text: () => MAPPED_FILES['src/routes/table.js']!, flows: ['GET /orders orders', 'GET /users users'] },
      // No route left: the exported functions are the entry points (a library).
      { what: 'the index no longer re-exports it', file: 'src/routes/index.js', text: () => 'export const routes = [];\n', flows: ['CALL src/handlers.js#orders orders', 'CALL src/handlers.js#users users'] },
      { what: 'the index back', file: 'src/routes/index.js', text: () => MAPPED_FILES['src/routes/index.js']!, flows: ['GET /orders orders', 'GET /users users'] },
    ];
    await applyEdits(scanner, dir, MAPPED_FILES, edits);
  } finally {
    removeTempProjects();
  }
});
