// After each incremental update the scanner's result must equal a full scan of the same tree:
// findings (every field: locations, data paths, sources, entry points), entry points and
// diagnostics. The edits reach across files on purpose: a caller two calls away, an export rename,
// a route added and removed, lines inserted above a function others' data paths go through.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createScanner, scanProject } from '../../../../src/core/analysis/scan';
import { buildProject, updateFile } from '../../../../src/core/analysis/project/project';
import type { ScanResult } from '../../../../src/core/model/code';

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'incremental-fixture', dependencies: { express: '*' } }),
  'src/app.js': `import express from 'express';
import { runJobs } from './jobs.js';
import { drain } from './queue.js';
import { pollAll } from './poll.js';
import { routes } from './table.js';
import { paths, moreRoutes } from './paths.js';
import { forward, twoCallbacks } from './chain.js';
import { countDown } from './prepared.js';
const app = express();
for (const r of routes) app[r.method](r.path, r.handler);
for (const [path, handler] of Object.entries(paths)) app.get(path, handler);
moreRoutes.filter((r) => r.on).forEach((r) => app[r.method](r.path, r.handler));
app.get('/jobs', (req, res) => {
  res.json(runJobs(req.query.limit));
});
app.post('/drain', async (req, res) => {
  res.json(await drain(req.body.queue));
});
app.get('/poll', (req, res) => {
  res.json(pollAll(req.query));
});
app.get('/spin', (req, res) => {
  res.json(forward(req.query.s));
});
app.get('/down', (req, res) => {
  res.json(countDown(req.query.d));
});
app.post('/each', (req, res) => {
  twoCallbacks(req.body.items);
  res.end();
});
app.listen(3000);
`,
  'src/table.js': `export const routes = [
  { method: 'get', path: '/count', handler: (req, res) => {
    let left = Number(req.query.n);
    while (left !== 0) left -= 3;
    res.json(left);
  } },
];
`,
  'src/paths.js': `const base = [
  { on: true, method: 'get', path: '/base', handler: (req, res) => {
    let m = Number(req.query.m);
    while (m !== 0) m -= 4;
    res.json(m);
  } },
];
export const moreRoutes = [...base];
export const paths = {
  '/p': (req, res) => {
    let k = Number(req.query.k);
    while (k !== 0) k -= 2;
    res.json(k);
  },
};
`,
  'src/fastify-server.js': `import Fastify from 'fastify';
import AutoLoad from '@fastify/autoload';
import { join } from 'node:path';
const fastify = Fastify();
fastify.register(AutoLoad, { dir: join(__dirname, 'routes'), options: { prefix: '/f' } });
`,
  'src/routes/items/list.js': `export default async function (fastify) {
  fastify.get('/', async (request) => {
    let page = Number(request.query.page);
    while (page !== 0) page -= 2;
    return page;
  });
}
`,
  'src/poll.js': `export function pollAll(source) {
  return source.waitUntil(source.goal);
}
`,
  'src/waiter.js': `export class Waiter {
  waitUntil(goal) {
    let n = 0;
    while (n !== goal) {
      n += 2;
    }
    return n;
  }
}
`,
  'src/jobs.js': `import { step } from './worker.js';
export function runJobs(limit) {
  const target = limit;
  return step(target);
}
`,
  'src/worker.js': `export function step(limit) {
  let i = 0;
  while (i !== limit) {
    i += 2;
  }
  return i;
}
export function countdown(n) {
  let left = n;
  while (left !== 0) {
    left = left - 3;
  }
  return left;
}
`,
  // Functions below a body others' data paths go through (lines inserted above them move them).
  'src/chain.js': `import { spin } from './spin.js';
export function unrelated() {
  const a = 1;
  const b = 2;
  return a + b;
}
export function prepare(x) {
  const y = x;
  return y;
}
export function forward(v) {
  const w = prepare(v);
  return spin(w);
}
export function twoCallbacks(items) {
  items.forEach((a) => spin(a.n));
  items.forEach((b) => b + 1);
}
`,
  // Its flow holds steps inside prepare() (chain.js): the kept flow of another file that an edit moving prepare must carry over.
  'src/prepared.js': `import { prepare } from './chain.js';
export function countDown(n) {
  let k = prepare(n);
  while (k !== 0) {
    k -= 3;
  }
  return k;
}
`,
  'src/spin.js': `export function spin(limit) {
  let k = 0;
  while (k !== limit) {
    k += 5;
  }
  return k;
}
`,
  'src/queue.js': `export async function drain(name) {
  let cursor = await fetchPage(name, 0);
  while (cursor.next) {
    cursor = await fetchPage(name, cursor.next);
  }
  return cursor;
}
async function fetchPage(name, at) {
  const r = await fetch('http://queue/' + name + '?at=' + at);
  return r.json();
}
`,
  // A helper returning object literals: the route reads one property, a real string until an edit
  // makes it the query's value. The other properties keep what the whole return carries the same.
  'src/columns.js': `export function columnOf(parts, alias) {
  if (parts.length > 1) return columnOf(parts.slice(1), alias);
  return { target: alias, depth: parts, list: [alias, parts], column: \`\${alias}.\${parts[0]}\` };
}
`,
  'src/column-routes.js': `import express from 'express';
import { columnOf } from './columns.js';
const app = express();
app.get('/columns', (req, res) => {
  const { column } = columnOf(String(req.query.path).split('.'), req.query.alias);
  let dots = 0;
  for (let i = 0; i < column.length; i++) if (column[i] === '.') dots++;
  res.json({ dots });
});
`,
  // A helper that registers routes from a table parameter, called from another file with its table.
  'src/mount.js': `export function mountEndpoints(router, endpoints) {
  endpoints.forEach((endpoint) => {
    router[endpoint.method](endpoint.path, endpoint.handler);
  });
}
`,
  'src/mounted.js': `import express from 'express';
import { mountEndpoints } from './mount.js';
const app = express();
const router = express.Router();
function listTags(req, res) {
  res.json([]);
}
mountEndpoints(router, [{ method: 'get', path: '/tags', handler: listTags }]);
app.use('/m', router);
`,
  // A socket.io server whose sockets are handed to a registering function of another file, whose handler is in a third.
  'src/live.js': `import { Server } from 'socket.io';
import { registerChat } from './chat.js';
const io = new Server(3002);
io.on('connection', (socket) => registerChat(socket));
`,
  'src/chat.js': `import { onSay } from './say.js';
export function registerChat(sock) {
  sock.on('say', onSay);
}
`,
  'src/say.js': `export function onSay(text) {
  return String(text).length;
}
`,
  // A GraphQL resolver map whose Query fields are spread in from another file.
  'src/graph.js': `import { ApolloServer } from '@apollo/server';
import { userQueries, resolveAccount, resolveWait } from './graph-users.js';
export const server = new ApolloServer({ typeDefs: '', resolvers: { Query: { ...userQueries, account: resolveAccount }, Mutation: { wait: resolveWait } } });
`,
  'src/graph-users.js': `export const userQueries = {
  user(_parent, { id }) {
    return id;
  },
};
export function resolveAccount(_parent, { id }) {
  return id;
}
export function resolveWait(_parent, { mode }) {
  return mode;
}
`,
  'src/modes.js': `export function waitFor(mode) {
  let state = 'idle';
  while (state !== mode) {
    state = next(state);
  }
  return state;
}
function next(s) {
  return s + '.';
}
`,
  // A client instance made in one module and used in another: its calls are client sites of the importer.
  'src/http.js': `import axios from 'axios';
export const api = axios.create({ baseURL: 'http://holds' });
`,
  'src/holds.js': `import { api } from './http.js';
export function getHold(id) {
  return api.get(\`/v1/holds/\${id}\`);
}
`,
  // A client passed in as a parameter: what the parameter is depends on its callers' files.
  'src/transport.js': `export function fetchHold(conn, id) {
  return conn.get(\`/v1/holds/\${id}\`);
}
`,
  'src/caller.js': `import { api } from './http.js';
import { fetchHold } from './transport.js';
export function load(id) {
  return fetchHold(api, id);
}
`,
  // Clients known by their declared type: what the type is depends on its import, followed through another file's re-export.
  'src/types.ts': `export type { Got as Http } from 'got';
`,
  'src/holds.service.ts': `import { HttpService } from '@nestjs/axios';
import type { Http } from './types';
export class HoldsService {
  constructor(private readonly httpService: HttpService, private readonly store: Http) {}
  get(id: string) {
    return this.httpService.get(\`/v1/holds/\${id}\`);
  }
  put(id: string) {
    return this.store.put(\`v1/holds/\${id}\`);
  }
}
`,
  // A field declared with a client type in a base class another module extends.
  'src/base-client.ts': `import type { AxiosInstance } from 'axios';
export class BaseClient {
  protected transport!: AxiosInstance;
}
`,
  'src/sub-client.ts': `import { BaseClient } from './base-client';
export class SubClient extends BaseClient {
  run() {
    return this.transport.get('/sub');
  }
}
`,
  'src/fast.js': `import { waitFor } from './modes.js';
export function fast() {
  return waitFor('fast');
}
`,
  'src/slow.js': `import { waitFor } from './modes.js';
export function slow() {
  return waitFor('slow');
}
`,
  // Two routes reach the calls passing different modes: the constants are flow data.
  'src/mode-routes.js': `import express from 'express';
import { fast } from './fast.js';
import { slow } from './slow.js';
const app = express();
app.get('/fast', (req, res) => res.json(fast()));
app.get('/slow', (req, res) => res.json(slow()));
`,
};

/** The parts of a result that must not depend on how it was reached. */
function comparable(result: ScanResult) {
  return {
    findings: result.findings,
    entryPoints: result.entryPoints,
    diagnostics: result.diagnostics.map((d) => d.message).sort(),
    filesAnalyzed: result.filesAnalyzed,
    lines: result.lines,
    // In order: the list is rebuilt per re-read file and must keep the full scan's order.
    functions: result.functions?.map((f) => `${f.id} ${f.name} ${JSON.stringify(f.location)}`),
    spanSites: result.spanSites,
    logSites: result.logSites,
    clientCalls: result.clientCalls,
  };
}

test('incremental updates give the same findings and entry points as a full scan after every kind of edit', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'limbo-incr-eq-'));
  const write = (rel: string, text: string) => {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  };
  const read = (rel: string) => readFileSync(join(dir, rel), 'utf8');
  try {
    for (const [rel, text] of Object.entries(FILES)) write(rel, text);
    const scanner = createScanner(dir);
    const first = await scanner.scan();
    // The fixture must exercise the cross-file paths: findings in worker.js fed from app.js through jobs.js.
    assert.ok(first.findings.some((f) => f.loop.file === 'src/worker.js' && f.dataPath.some((s) => s.location.file === 'src/app.js')), 'a finding whose data path starts two files away');
    assert.ok(first.entryPoints.length >= 2);
    assert.ok(first.findings.some((f) => f.sources.some((s) => s.startsWith('constant per call site'))), 'a finding fed by constants from two other files');
    // A finding in spin.js whose data path goes through forward() in chain.js (below the bodies the edits move), and one through a callback.
    const chainSteps = (r: ScanResult) => r.findings.filter((f) => f.loop.file === 'src/spin.js').flatMap((f) => f.dataPath.filter((s) => s.location.file === 'src/chain.js').map((s) => s.location.startLine));
    assert.ok(chainSteps(first).includes(13), `a step at forward()'s call of spin (line 13): ${chainSteps(first)}`);
    assert.ok(first.findings.some((f) => f.loop.file === 'src/spin.js' && f.sources.includes('req.body.items')), 'a finding fed through a callback');
    assert.ok(first.findings.some((f) => f.loop.file === 'src/prepared.js' && f.dataPath.some((s) => s.location.file === 'src/chain.js' && s.location.startLine === 9)), 'a finding whose data path goes through prepare() by its summary');

    const stepLoops = (r: ScanResult) => r.findings.filter((f) => f.loop.file === 'src/worker.js' && f.loop.startLine === 3).map((f) => f.ruleId);
    assert.ok(stepLoops(first).length > 0, 'a finding on the loop of step() in worker.js');
    // relinked: how many files the link must recompute (the edited one alone when importers see the same exports; 'importers' more).
    // rechecked: how many files the re-analysis re-checks (positions carried over instead: the edited file alone).
    const edits: Array<{ what: string; file: string; apply: (text: string) => string | undefined; relinked?: number | 'importers'; rechecked?: number; expect?: (result: ScanResult) => void }> = [
      { what: 'body edit inside a loop', file: 'src/worker.js', apply: (t) => t.replace('    i += 2;\n', '    i += 1;\n    if (i > 1000) break;\n') },
      { what: 'the edit undone', file: 'src/worker.js', apply: () => FILES['src/worker.js'] },
      // Scope bindings changed by a statement appended at the end (a spliced re-parse): the loop's variable becomes the module's.
      { what: "a function's local made a module variable declared below", file: 'src/worker.js', apply: (t) => `${t.replace('  let left = n;\n', '  left = n;\n')}let left;\n` },
      { what: 'the local back', file: 'src/worker.js', apply: () => FILES['src/worker.js'] },
      { what: 'a loop removed from a function another file calls', file: 'src/worker.js', apply: (t) => t.replace('  while (i !== limit) {\n    i += 2;\n  }\n', '  i = limit;\n'), expect: (r) => assert.deepEqual(stepLoops(r), []) },
      { what: 'the loop back', file: 'src/worker.js', apply: () => FILES['src/worker.js'], expect: (r) => assert.deepEqual(stepLoops(r), stepLoops(first)) },
      { what: 'a caller two calls away passes a constant', file: 'src/app.js', apply: (t) => t.replace('runJobs(req.query.limit)', 'runJobs(50)') },
      { what: 'the caller passes request data again', file: 'src/app.js', apply: () => FILES['src/app.js'] },
      { what: 'lines inserted above a function on the data path', file: 'src/jobs.js', apply: (t) => t.replace('export function runJobs', '// a note\n// another\n\nexport function runJobs') },
      { what: 'an export renamed (the importer no longer resolves it)', file: 'src/jobs.js', apply: (t) => t.replace('export function runJobs', 'export function runAll') },
      { what: 'the export restored', file: 'src/jobs.js', apply: () => FILES['src/jobs.js'] },
      { what: 'the middle function passes a constant', file: 'src/jobs.js', apply: (t) => t.replace('step(target)', 'step(8)') },
      { what: 'the middle function restored', file: 'src/jobs.js', apply: () => FILES['src/jobs.js'] },
      {
        what: 'a route added',
        file: 'src/app.js',
        apply: (t) => t.replace("import { drain } from './queue.js';", "import { drain } from './queue.js';\nimport { countdown } from './worker.js';").replace('app.listen(3000);', "app.put('/count', (req, res) => {\n  res.json(countdown(req.body.n));\n});\napp.listen(3000);"),
      },
      { what: 'the route removed', file: 'src/app.js', apply: () => FILES['src/app.js'] },
      { what: 'a route removed that had a finding', file: 'src/app.js', apply: (t) => t.replace("app.post('/drain', async (req, res) => {\n  res.json(await drain(req.body.queue));\n});\n", '') },
      { what: 'the route back', file: 'src/app.js', apply: () => FILES['src/app.js'] },
      { what: 'a syntax error', file: 'src/worker.js', apply: (t) => t.replace('while (i !== limit) {', 'while (i !== limit {') },
      { what: 'the syntax error fixed', file: 'src/worker.js', apply: () => FILES['src/worker.js'] },
      { what: 'a file deleted', file: 'src/queue.js', apply: () => undefined },
      { what: 'the file back', file: 'src/queue.js', apply: () => FILES['src/queue.js'] },
      { what: 'a constant argument changed in place (same position, other value)', file: 'src/slow.js', apply: (t) => t.replace("'slow'", "'slew'") },
      { what: 'the constant restored', file: 'src/slow.js', apply: () => FILES['src/slow.js'] },
      // One flow left reaching a constant's call: the constants no longer differ between flows.
      { what: "the route reaching one constant's caller removed", file: 'src/mode-routes.js', apply: (t) => t.replace("app.get('/slow', (req, res) => res.json(slow()));\n", ''), expect: (r) => assert.ok(!r.findings.some((f) => f.sources.some((s) => s.startsWith('constant per call site')))) },
      { what: 'that route back', file: 'src/mode-routes.js', apply: () => FILES['src/mode-routes.js'], expect: (r) => assert.ok(r.findings.some((f) => f.sources.some((s) => s.startsWith('constant per call site')))) },
      // A call matched by method name only: the caller's file does not import the method's file.
      { what: 'a method called by name renamed', file: 'src/waiter.js', apply: (t) => t.replace('waitUntil(goal)', 'waitUntilDone(goal)') },
      { what: 'the method name restored', file: 'src/waiter.js', apply: () => FILES['src/waiter.js'] },
      { what: 'an unchanged save', file: 'src/jobs.js', apply: (t) => t },
      // Importers see the same exports: only the edited file is relinked, and the result must still equal a full scan.
      { what: 'a body-only edit in a file imported by two files (same lines)', file: 'src/worker.js', apply: (t) => t.replace('    i += 2;\n', '    i += 3;\n'), relinked: 1 },
      { what: 'the body edit undone', file: 'src/worker.js', apply: () => FILES['src/worker.js'], relinked: 1 },
      { what: 'a body-only edit in a file imported by two files, lines added at the end', file: 'src/modes.js', apply: (t) => t.replace("return s + '.';", "return s + '..';") + '// a note\n', relinked: 1 },
      { what: 'the modes edit undone', file: 'src/modes.js', apply: () => FILES['src/modes.js'], relinked: 1 },
      { what: 'a body-only edit in a method looked up by name', file: 'src/waiter.js', apply: (t) => t.replace('n += 2;', 'n += 4;'), relinked: 1 },
      { what: 'the method body restored', file: 'src/waiter.js', apply: () => FILES['src/waiter.js'], relinked: 1 },
      { what: "an export's value changed (the export now names another file's function)", file: 'src/jobs.js', apply: (t) => t.replace('export function runJobs(limit) {', 'export const runJobs = step;\nfunction runJobsBefore(limit) {'), relinked: 'importers' },
      { what: "the export's value restored", file: 'src/jobs.js', apply: () => FILES['src/jobs.js'] },
      { what: 'a function another file calls renamed, its export name kept', file: 'src/worker.js', apply: (t) => t.replace('export function step(limit) {', 'function stepOnce(limit) {') + 'export { stepOnce as step };\n', relinked: 'importers' },
      { what: 'the function name restored', file: 'src/worker.js', apply: () => FILES['src/worker.js'] },
      // Routes registered from an imported table: the importer's registrations read the table's literals.
      // Same length: the handler does not move, only the literal differs.
      { what: "a route table entry's path edited", file: 'src/table.js', apply: (t) => t.replace("path: '/count'", "path: '/c/:id'"), relinked: 'importers' },
      { what: "a route table entry's method edited", file: 'src/table.js', apply: (t) => t.replace("method: 'get'", "method: 'put'"), relinked: 'importers' },
      { what: 'a route table entry added', file: 'src/table.js', apply: (t) => t.replace('];', "  { method: 'put', path: '/count2', handler: (req, res) => res.end() },\n];") },
      { what: 'the route table restored', file: 'src/table.js', apply: () => FILES['src/table.js'] },
      // Tables built from literals: an object's keys read by Object.entries, a local table reached through a spread.
      { what: "an object table's key edited", file: 'src/paths.js', apply: (t) => t.replace("'/p':", "'/q':"), relinked: 'importers' },
      { what: 'a spread table entry edited (the spread array is not exported itself)', file: 'src/paths.js', apply: (t) => t.replace("path: '/base'", "path: '/bass'"), relinked: 'importers' },
      { what: 'an object table entry added', file: 'src/paths.js', apply: (t) => t.replace('export const paths = {', "export const paths = {\n  '/added': (req, res) => res.end(),") },
      { what: 'the object and spread tables restored', file: 'src/paths.js', apply: () => FILES['src/paths.js'] },
      // @fastify/autoload: the registering file reads the directory's files, and which files there are.
      { what: 'an autoload plugin file added', file: 'src/routes/orders/_id.js', apply: () => "export default async (fastify) => {\n  fastify.post('/:id', async (request) => {\n    for (let i = 0; i < request.body.n; i++) console.log(i);\n  });\n};\n" },
      { what: 'an index file added beside an autoload plugin (only the index loads now)', file: 'src/routes/items/index.js', apply: () => "export default async (fastify) => {\n  fastify.get('/all', async () => []);\n};\n" },
      { what: 'the index file removed', file: 'src/routes/items/index.js', apply: () => undefined },
      { what: 'an autoload plugin no longer a plugin', file: 'src/routes/items/list.js', apply: (t) => t.replace('export default async function (fastify) {', 'export async function notDefault(fastify) {') },
      { what: 'the autoload plugin restored', file: 'src/routes/items/list.js', apply: () => FILES['src/routes/items/list.js'] },
      { what: 'the added plugin deleted', file: 'src/routes/orders/_id.js', apply: () => undefined },
      // Edits that move functions without changing what other files read of them: ids stay, the other
      // files' findings show the new lines of the steps in the edited file without being re-checked.
      { what: 'a line inserted in a body above functions on a data path into another file', file: 'src/chain.js', apply: (t) => t.replace('  const b = 2;\n', '  const b = 2;\n  void 0;\n'), relinked: 1, rechecked: 1, expect: (r) => assert.deepEqual(chainSteps(r), chainSteps(first).map((line) => (line >= 5 ? line + 1 : line))) },
      { what: 'the inserted line deleted', file: 'src/chain.js', apply: () => FILES['src/chain.js'], relinked: 1, rechecked: 1 },
      { what: 'a line deleted in a body above functions on a data path', file: 'src/chain.js', apply: (t) => t.replace('  const b = 2;\n', '').replace('a + b', 'a'), relinked: 1, rechecked: 1 },
      { what: 'the deleted line back', file: 'src/chain.js', apply: () => FILES['src/chain.js'], relinked: 1 },
      { what: 'a function inserted before the functions on a data path', file: 'src/chain.js', apply: (t) => t.replace('export function prepare', 'export function inserted(q) {\n  return q;\n}\nexport function prepare') },
      { what: 'the inserted function removed', file: 'src/chain.js', apply: () => FILES['src/chain.js'] },
      { what: 'two anonymous callbacks swapped (their ids follow the order)', file: 'src/chain.js', apply: (t) => t.replace('  items.forEach((a) => spin(a.n));\n  items.forEach((b) => b + 1);', '  items.forEach((b) => b + 1);\n  items.forEach((a) => spin(a.n));') },
      { what: 'the callbacks back in order', file: 'src/chain.js', apply: () => FILES['src/chain.js'] },
      { what: 'a line inserted right before a return statement on the data path (the statement is moved, not changed)', file: 'src/chain.js', apply: (t) => t.replace('  return y;', '  void 0;\n  return y;'), relinked: 1, rechecked: 1 },
      { what: 'that line removed again', file: 'src/chain.js', apply: () => FILES['src/chain.js'], relinked: 1 },
      { what: 'a line inserted inside a function on the data path', file: 'src/chain.js', apply: (t) => t.replace('  const w = prepare(v);', '  void 0;\n  const w = prepare(v);') },
      { what: 'that line removed', file: 'src/chain.js', apply: () => FILES['src/chain.js'] },
    ];
    const holdCalls = (r: ScanResult) => r.clientCalls.filter((c) => c.location.file === 'src/holds.js').map((c) => `${c.target}@${c.location.startLine}`);
    assert.deepEqual(holdCalls(first), ['GET http://holds/v1/holds/{}@3'], 'a client call on an imported factory-made instance');
    edits.push(
      // The importer's client sites read the factory file: editing it relinks the importer.
      { what: 'the client factory call replaced by a plain object', file: 'src/http.js', apply: (t) => t.replace("axios.create({ baseURL: 'http://holds' })", '{ get(path) { return path; } }'), relinked: 'importers', expect: (r) => assert.deepEqual(holdCalls(r), []) },
      { what: 'the client factory restored', file: 'src/http.js', apply: () => FILES['src/http.js'], relinked: 'importers', expect: (r) => assert.deepEqual(holdCalls(r), ['GET http://holds/v1/holds/{}@3']) },
      { what: 'the client factory call replaced by a call of a local function', file: 'src/http.js', apply: (t) => t.replace('axios.create(', 'makeClient(') + 'function makeClient(options) {\n  return options;\n}\n', relinked: 'importers', expect: (r) => assert.deepEqual(holdCalls(r), []) },
      { what: 'the client factory restored again', file: 'src/http.js', apply: () => FILES['src/http.js'], expect: (r) => assert.deepEqual(holdCalls(r), ['GET http://holds/v1/holds/{}@3']) },
      { what: 'lines inserted above the call on the imported instance', file: 'src/holds.js', apply: (t) => '// a note\n' + t, expect: (r) => assert.deepEqual(holdCalls(r), ['GET http://holds/v1/holds/{}@4']) },
      { what: 'the importer restored', file: 'src/holds.js', apply: () => FILES['src/holds.js'] },
      { what: 'the factory file deleted', file: 'src/http.js', apply: () => undefined, expect: (r) => assert.deepEqual(holdCalls(r), []) },
      { what: 'the factory file back', file: 'src/http.js', apply: () => FILES['src/http.js'], expect: (r) => assert.deepEqual(holdCalls(r), ['GET http://holds/v1/holds/{}@3']) },
    );
    const paramCalls = (r: ScanResult) => r.clientCalls.filter((c) => c.location.file === 'src/transport.js').map((c) => `${c.target}@${c.location.startLine}${c.confidence === undefined ? '' : `~${c.confidence}`}`);
    assert.deepEqual(paramCalls(first), ['GET http://holds/v1/holds/{}@2'], 'a client call on a parameter every caller passes a client');
    edits.push(
      // The parameter's verdict reads its callers' files: editing one re-judges the callee's file, which is not relinked.
      { what: 'the caller passes a plain object instead of the client', file: 'src/caller.js', apply: (t) => t.replace('fetchHold(api, id)', 'fetchHold(new Map(), id)'), expect: (r) => assert.deepEqual(paramCalls(r), []) },
      { what: 'the caller passes the client again', file: 'src/caller.js', apply: () => FILES['src/caller.js'], expect: (r) => assert.deepEqual(paramCalls(r), ['GET http://holds/v1/holds/{}@2']) },
      { what: 'a module-level call passing a plain object added', file: 'src/caller.js', apply: (t) => `${t}fetchHold({ get(path) { return path; } }, 'x');\n`, expect: (r) => assert.deepEqual(paramCalls(r), []) },
      { what: 'a caller whose argument is unknown added (over-approximated, lower confidence)', file: 'src/caller.js', apply: () => `${FILES['src/caller.js']}export function other(c, id) {\n  return fetchHold(c, id);\n}\n`, expect: (r) => assert.deepEqual(paramCalls(r), ['GET http://holds/v1/holds/{}@2~0.5']) },
      { what: 'the factory base changed behind the caller', file: 'src/http.js', apply: (t) => t.replace("'http://holds'", "'http://holds.v2'"), expect: (r) => assert.deepEqual(paramCalls(r), ['GET http://holds.v2/v1/holds/{}@2~0.5']) },
      { what: 'the factory base back', file: 'src/http.js', apply: () => FILES['src/http.js'] },
      { what: 'the callee renamed its parameter use to another method', file: 'src/transport.js', apply: (t) => t.replace('conn.get(', 'conn.delete('), expect: (r) => assert.deepEqual(paramCalls(r), ['DELETE http://holds/v1/holds/{}@2~0.5']) },
      { what: 'the callee restored', file: 'src/transport.js', apply: () => FILES['src/transport.js'] },
      { what: 'the caller restored', file: 'src/caller.js', apply: () => FILES['src/caller.js'], expect: (r) => assert.deepEqual(paramCalls(r), ['GET http://holds/v1/holds/{}@2']) },
    );
    const typedCalls = (r: ScanResult) => r.clientCalls.filter((c) => c.location.file === 'src/holds.service.ts').map((c) => `${c.target}@${c.location.startLine}~${c.confidence}`);
    const typedBoth = ['GET /v1/holds/{}@6~0.9', 'PUT v1/holds/{}@9~0.9'];
    const subCalls = (r: ScanResult) => r.clientCalls.filter((c) => c.location.file === 'src/sub-client.ts').map((c) => `${c.target}@${c.location.startLine}~${c.confidence}`);
    assert.deepEqual(subCalls(first), ['GET /sub@4~0.9'], 'a client field declared in a base class of another module');
    assert.deepEqual(typedCalls(first), typedBoth, 'client calls on receivers known by their declared type');
    edits.push(
      { what: 'the declared type imported from elsewhere than its client package', file: 'src/holds.service.ts', apply: (t) => t.replace("from '@nestjs/axios'", "from './http-service'"), expect: (r) => assert.deepEqual(typedCalls(r), ['PUT v1/holds/{}@9~0.9']) },
      { what: 'the declared type imported as a type only from its package', file: 'src/holds.service.ts', apply: () => FILES['src/holds.service.ts'].replace('import { HttpService }', 'import type { HttpService }'), expect: (r) => assert.deepEqual(typedCalls(r), typedBoth) },
      // The service reads the re-exporting file: replacing the re-export by a local type relinks it.
      { what: 'the re-exported client type replaced by a local interface of that name', file: 'src/types.ts', apply: () => 'export interface Http {\n  put(url: string): unknown;\n}\n', relinked: 'importers', expect: (r) => assert.deepEqual(typedCalls(r), ['GET /v1/holds/{}@6~0.9']) },
      { what: 'the re-export back', file: 'src/types.ts', apply: () => FILES['src/types.ts'], relinked: 'importers', expect: (r) => assert.deepEqual(typedCalls(r), typedBoth) },
      { what: 'the service restored', file: 'src/holds.service.ts', apply: () => FILES['src/holds.service.ts'], expect: (r) => assert.deepEqual(typedCalls(r), typedBoth) },
      // The subclass reads the base class's declared field types through the export surface.
      { what: "a base class's declared client field retyped as a Map", file: 'src/base-client.ts', apply: (t) => t.replace('transport!: AxiosInstance', 'transport!: Map<string, string>'), relinked: 'importers', expect: (r) => assert.deepEqual(subCalls(r), []) },
      { what: "the base class's field typed as a client again", file: 'src/base-client.ts', apply: () => FILES['src/base-client.ts'], relinked: 'importers', expect: (r) => assert.deepEqual(subCalls(r), ['GET /sub@4~0.9']) },
    );
    // What the route reads of the helper's result is one property: the other one's change must reach it too.
    const columnLoops = (r: ScanResult) => r.findings.filter((f) => f.loop.file === 'src/column-routes.js').map((f) => f.ruleId);
    assert.deepEqual(columnLoops(first), [], 'a count over a real string one property of a returned object holds');
    edits.push(
      { what: "the returned object's property made the query's value (the whole return's flows unchanged)", file: 'src/columns.js', apply: (t) => t.replace('column: `${alias}.${parts[0]}`', 'column: alias'), expect: (r) => assert.deepEqual(columnLoops(r), ['for-step-or-bound-from-flow-data']) },
      { what: 'the property a template literal again', file: 'src/columns.js', apply: () => FILES['src/columns.js'], expect: (r) => assert.deepEqual(columnLoops(r), []) },
    );
    // A NestJS controller as tsc compiles it, written into a file that had no decorators (same file set).
    const compiledRoutes = (r: ScanResult) => r.entryPoints.filter((e) => e.framework === 'nestjs').map((e) => e.flow);
    const compiledController = [
      'var __decorate = function (decorators, target) { return target; };',
      'var __param = function (index, decorator) { return decorator; };',
      'let Ctl = class Ctl {',
      '  run(q) { return q; }',
      '};',
      "__decorate([Get('run'), __param(0, Query())], Ctl.prototype, 'run', null);",
      "Ctl = __decorate([Controller('ctl')], Ctl);",
      'export { Ctl };',
      '',
    ].join('\n');
    edits.push(
      { what: 'a compiled NestJS controller appended to a file', file: 'src/modes.js', apply: (t) => t + compiledController, expect: (r) => assert.deepEqual(compiledRoutes(r), ['GET /ctl/run']) },
      { what: 'the compiled controller removed', file: 'src/modes.js', apply: () => FILES['src/modes.js'], expect: (r) => assert.deepEqual(compiledRoutes(r), []) },
    );
    // The route's template reads the helper's body, in another file than the registering call's table.
    const mountedRoutes = (r: ScanResult) => r.entryPoints.filter((e) => e.flow.includes('/tags')).map((e) => e.flow);
    assert.deepEqual(mountedRoutes(first), ['GET /m/tags'], 'a route registered by a helper from a table parameter');
    edits.push(
      { what: "the helper's registration given a prefix (its export surface otherwise unchanged)", file: 'src/mount.js', apply: (t) => t.replace('(endpoint.path,', "('/v2' + endpoint.path,"), expect: (r) => assert.deepEqual(mountedRoutes(r), ['GET /m/v2/tags']) },
      { what: "the helper's registration restored", file: 'src/mount.js', apply: () => FILES['src/mount.js'], expect: (r) => assert.deepEqual(mountedRoutes(r), ['GET /m/tags']) },
      { what: "the caller's table entry edited", file: 'src/mounted.js', apply: (t) => t.replace("method: 'get'", "method: 'post'"), expect: (r) => assert.deepEqual(mountedRoutes(r), ['POST /m/tags']) },
      { what: "the caller's table restored", file: 'src/mounted.js', apply: () => FILES['src/mounted.js'] },
    );
    // socket.io events are read from every file: an event registered in a file that had none, and one
    // renamed in a file that holds neither the server nor the handler.
    const socketRoutes = (r: ScanResult) => r.entryPoints.filter((e) => e.framework === 'socket.io').map((e) => e.flow).sort();
    assert.deepEqual(socketRoutes(first), ['SOCKET say'], 'a socket.io event registered by a function the socket is handed to');
    edits.push(
      { what: 'a socket event renamed in the file that registers it (no server, no handler there)', file: 'src/chat.js', apply: (t) => t.replace("'say'", "'shout'"), expect: (r) => assert.deepEqual(socketRoutes(r), ['SOCKET shout']) },
      { what: 'the socket event name restored', file: 'src/chat.js', apply: () => FILES['src/chat.js'], expect: (r) => assert.deepEqual(socketRoutes(r), ['SOCKET say']) },
      {
        what: 'a connection callback written into a file that had none',
        file: 'src/modes.js',
        apply: (t) => `import { Server } from 'socket.io';\n${t}const io = new Server(3001);\nio.on('connection', (socket) => {\n  socket.on('ping', (n) => waitFor(n));\n});\n`,
        expect: (r) => assert.deepEqual(socketRoutes(r), ['SOCKET ping', 'SOCKET say']),
      },
      { what: 'the connection callback removed', file: 'src/modes.js', apply: () => FILES['src/modes.js'], expect: (r) => assert.deepEqual(socketRoutes(r), ['SOCKET say']) },
    );
    // GraphQL resolvers are read from every file once a project uses GraphQL: a field added in the file
    // a map spreads in, and a map that stops being one and becomes one again.
    const graphqlRoutes = (r: ScanResult) => r.entryPoints.filter((e) => e.framework === 'graphql').map((e) => e.flow).sort();
    const graphqlFirst = ['GRAPHQL Mutation.wait', 'GRAPHQL Query.account', 'GRAPHQL Query.user'];
    assert.deepEqual(graphqlRoutes(first), graphqlFirst);
    edits.push(
      // The map's file holds no resolver of its own, and registers no HTTP route.
      { what: 'a resolver map field renamed (its resolver in another file)', file: 'src/graph.js', apply: (t) => t.replace('account:', 'profile:'), expect: (r) => assert.deepEqual(graphqlRoutes(r), ['GRAPHQL Mutation.wait', 'GRAPHQL Query.profile', 'GRAPHQL Query.user']) },
      { what: 'the field name restored', file: 'src/graph.js', apply: () => FILES['src/graph.js'], expect: (r) => assert.deepEqual(graphqlRoutes(r), graphqlFirst) },
      {
        what: 'a resolver added to the object a resolver map spreads in (another file)',
        file: 'src/graph-users.js',
        apply: (t) => t.replace('};', "  users: (_parent, { first }) => first,\n};"),
        expect: (r) => assert.deepEqual(graphqlRoutes(r), ['GRAPHQL Mutation.wait', 'GRAPHQL Query.account', 'GRAPHQL Query.user', 'GRAPHQL Query.users']),
      },
      { what: 'the spread-in resolvers restored', file: 'src/graph-users.js', apply: () => FILES['src/graph-users.js'], expect: (r) => assert.deepEqual(graphqlRoutes(r), graphqlFirst) },
      { what: 'the resolver map made no map (no root type key)', file: 'src/graph.js', apply: (t) => t.replace('Query:', 'Queries:').replace('Mutation:', 'Mutations:'), expect: (r) => assert.deepEqual(graphqlRoutes(r), []) },
      { what: 'the resolver map restored', file: 'src/graph.js', apply: () => FILES['src/graph.js'], expect: (r) => assert.deepEqual(graphqlRoutes(r), graphqlFirst) },
    );
    const seen = new Set<string>([JSON.stringify(first.findings)]);
    for (const edit of edits) {
      const before = edit.file in FILES ? (() => { try { return read(edit.file); } catch { return ''; } })() : '';
      const next = edit.apply(before);
      if (next === undefined) unlinkSync(join(dir, edit.file));
      else write(edit.file, next);
      const { result, filesRechecked } = await scanner.rescanFile(edit.file);
      const full = await scanProject(dir);
      assert.deepEqual(comparable(result), comparable(full.result), `after ${edit.what} (${edit.file})`);
      if (edit.rechecked !== undefined) assert.equal(filesRechecked, edit.rechecked, `files re-checked after ${edit.what}`);
      edit.expect?.(result);
      const relinked = (scanner.project as unknown as { lastDirtyCount: number }).lastDirtyCount;
      if (edit.relinked === 'importers') assert.ok(relinked > 1, `importers relinked after ${edit.what} (${relinked})`);
      else if (edit.relinked !== undefined) assert.equal(relinked, edit.relinked, `files relinked after ${edit.what}`);
      seen.add(JSON.stringify(full.result.findings));
    }
    // The edits did change the findings (otherwise equality would prove little).
    assert.ok(seen.size >= 5, `only ${seen.size} distinct finding sets`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('@fastify/autoload: a plugin file added to or removed from the directory re-reads the registering file (the project model equals a fresh build)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'limbo-incr-autoload-'));
  const write = (rel: string, text: string) => {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  };
  const flows = (model: { entryPoints: Array<{ flow: string; framework: string; handlerNames: string[] }> }) => model.entryPoints.map((e) => `${e.flow} ${e.framework} ${e.handlerNames}`).sort();
  try {
    write('src/fast.js', "import Fastify from 'fastify';\nimport AutoLoad from '@fastify/autoload';\nimport { join } from 'node:path';\nconst fastify = Fastify();\nfastify.register(AutoLoad, { dir: join(__dirname, 'routes'), options: { prefix: '/f' } });\n");
    write('src/routes/items/list.js', "export default async function (fastify) {\n  fastify.get('/', async function list(request) {});\n}\n");
    const model = await buildProject(dir);
    const steps: Array<[string, string | undefined]> = [
      ['src/routes/orders/_id.js', "export default async (fastify) => {\n  fastify.post('/:id', async function save(request) {});\n};\n"],
      ['src/routes/items/index.js', "export default async (fastify) => {\n  fastify.get('/all', async function all() {});\n};\n"],
      ['src/routes/items/index.js', undefined],
      ['src/routes/orders/_id.js', undefined],
    ];
    for (const [rel, text] of steps) {
      if (text === undefined) unlinkSync(join(dir, rel));
      else write(rel, text);
      await updateFile(model, rel);
      assert.deepEqual(flows(model), flows(await buildProject(dir)), `after ${text === undefined ? 'removing' : 'writing'} ${rel}`);
    }
    assert.ok(flows(model).includes('GET /f/items fastify list'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
