// The export surface decides whether importers are relinked after an edit: it must stay equal for
// edits no other file can see, and change for every edit another file's link would read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSource } from '../../../../src/core/analysis/project/parse';
import { collectFile } from '../../../../src/core/analysis/project/collect';
import { exportSurface } from '../../../../src/core/analysis/project/surface';

function surfaceOf(text: string, path = 'src/lib.js'): string | undefined {
  const outcome = parseSource(path, `/project/${path}`, text);
  if (!outcome.ok) throw new Error(`does not parse: ${text}`);
  return exportSurface(collectFile(outcome.file));
}

const BASE = `import { helper } from './helper.js';
export function run(limit) {
  let i = 0;
  while (i < limit) i += 1;
  return helper(i);
}
export const config = { retries: 3, make: () => new Client() };
class Client {
  send(x) { return x; }
}
export default Client;
`;

test('a body edit that moves nothing leaves the surface as it was', () => {
  assert.equal(surfaceOf(BASE.replace('i += 1', 'i += 2')), surfaceOf(BASE));
  assert.equal(surfaceOf(BASE.replace('send(x) { return x; }', 'send(x) { const y = x; return x; }')), surfaceOf(BASE));
  // Text after every function: no id or key moves.
  assert.equal(surfaceOf(`${BASE}\n;void 0;\n`), surfaceOf(BASE));
  // Ids and keys do not hold positions: lines inserted above functions or in a body move nothing another file reads.
  assert.equal(surfaceOf(BASE.replace('export function run', '// note\nexport function run')), surfaceOf(BASE));
  assert.equal(surfaceOf(BASE.replace('  let i = 0;', '  void 0;\n  let i = 0;')), surfaceOf(BASE));
});

test('edits another file can see change the surface', () => {
  const base = surfaceOf(BASE);
  assert.ok(base);
  const changed = {
    'an export renamed': BASE.replace('export function run', 'export function start'),
    'a returned value': BASE.replace('return helper(i);', 'return i;'),
    'an object property value': BASE.replace('retries: 3, make: () => new Client()', 'retries: 3, make: () => helper'),
    'an object property added': BASE.replace('retries: 3,', 'retries: 3, other: run,'),
    'a class method added': BASE.replace('send(x) { return x; }', 'send(x) { return x; }\n  close() {}'),
    'an import specifier': BASE.replace("'./helper.js'", "'./helpers.js'"),
    'a function renamed behind the same export name': BASE.replace('export function run(limit) {', 'function go(limit) {').replace('export default Client;', 'export default Client;\nexport { go as run };'),
  };
  for (const [what, text] of Object.entries(changed)) assert.notEqual(surfaceOf(text), base, what);
});

test('values that refer to themselves are rendered once', () => {
  const text = `const node = { next: null, self: () => node };
node.next = node;
export const list = { head: node, again: node };
export default list;
`;
  const surface = surfaceOf(text);
  assert.ok(surface);
  assert.match(surface, /@\d+/, 'the second reference to the same object is a back reference');
});

test('constant strings (route paths built from consts) and computed or spread keys of exported objects are part of the surface', () => {
  const text = `const API = '/api';
export const USERS = API + '/users';
export const template = \`\${API}/orders\`;
const extra = { '/x': () => 1 };
export const table = { [USERS]: () => 1, ...extra };
`;
  const base = surfaceOf(text);
  assert.ok(base?.includes('str("/api/users")'), base);
  const changed = {
    'a const the export is built from': text.replace("'/api'", "'/v2'"),
    'a computed key': text.replace('[USERS]', '[API]'),
    'a spread table': text.replace("'/x'", "'/y'"),
  };
  for (const [what, edited] of Object.entries(changed)) assert.notEqual(surfaceOf(edited), base, what);
  // A let is no constant: its value is not rendered (nor read by importers).
  assert.ok(!surfaceOf(text.replace('const API', 'let API'))?.includes('/api/users'));
});

test('a router prefix read from an imported constant is part of the surface', () => {
  const text = `import Router from '@koa/router';
import { BASE } from './config.js';
export const router = new Router({ prefix: BASE + '/a' });
`;
  assert.notEqual(surfaceOf(text.replace("'/a'", "'/b'")), surfaceOf(text));
  assert.notEqual(surfaceOf(text.replace('{ BASE }', '{ OTHER as BASE }')), surfaceOf(text));
});

test('members assigned to an exported object literal after it is made are part of the surface', () => {
  const text = `const obj = {};
obj.app = makeApp();
obj.handle = function handle(req) { return req; };
function makeApp() { return {}; }
export default obj;
`;
  const base = surfaceOf(text);
  assert.ok(base);
  assert.notEqual(surfaceOf(text.replace('obj.app = makeApp();', 'obj.app = null;')), base, 'a member assigned another value');
  assert.notEqual(surfaceOf(text.replace('obj.handle = function handle(req) { return req; };', '')), base, 'a member no longer assigned');
});
