import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectOf, writeProject, removeTempProjects } from './temp-project';
import { buildProject, updateFile, createParseCache } from '../../../../src/core/analysis/project/project';
import { looksMinified, isSourceFile } from '../../../../src/core/analysis/project/discover';

after(removeTempProjects);

test('finds every JS/TS extension and skips dependencies, build output, declarations, minified files and gitignored paths', async () => {
  const model = await projectOf({
    'a.ts': 'export const a = 1;',
    'b.tsx': 'export const B = () => <div />;',
    'c.mts': 'export const c = 1;',
    'd.cts': 'module.exports = 1;',
    'e.js': 'module.exports = 1;',
    'f.jsx': 'export const F = () => <p>x</p>;',
    'g.mjs': 'export default 1;',
    'h.cjs': 'exports.h = 1;',
    'types.d.ts': 'export declare const t: number;',
    'lib.min.js': 'var a=1;',
    'node_modules/pkg/index.js': 'module.exports = 1;',
    'public/vendor/jquery/jquery.js': 'var x = 1;',
    'static/js/vendors/html10n.js': 'var x = 1;',
    'bower_components/lib/index.js': 'var x = 1;',
    'dist/out.js': 'var x = 1;',
    'build/out.js': 'var x = 1;',
    'coverage/x.js': 'var x = 1;',
    '.next/server.js': 'var x = 1;',
    'generated/skip.ts': 'export const s = 1;',
    'sub/.gitignore': 'local.ts\n',
    'sub/local.ts': 'export const l = 1;',
    'sub/kept.ts': 'export const k = 1;',
    '.gitignore': 'generated/\n',
    'bundle.js': 'var a=' + '1+'.repeat(3000) + '1;',
    'notes.md': '# not code',
  });
  assert.deepEqual([...model.files.keys()], ['a.ts', 'b.tsx', 'c.mts', 'd.cts', 'e.js', 'f.jsx', 'g.mjs', 'h.cjs', 'sub/kept.ts']);
  assert.deepEqual(model.skippedFiles, [{ file: 'bundle.js', reason: 'minified' }]);
  assert.deepEqual(model.diagnostics, []);
});

test('a file that does not parse is skipped with a diagnostic naming file and line; the rest is analyzed', async () => {
  const model = await projectOf({
    'good.ts': 'export function ok() { return 1; }',
    'src/bad.ts': 'export function ok() {\n  return 1;\n}\nconst x = ;\n',
    'bad.js': 'function (',
  });
  assert.deepEqual([...model.files.keys()], ['good.ts']);
  assert.deepEqual(
    model.diagnostics.map((d) => [d.file, d.line]),
    [
      ['bad.js', 1],
      ['src/bad.ts', 4],
    ],
  );
  assert.match(model.diagnostics[1].message, /^src\/bad\.ts:4: does not parse/);
  assert.equal(model.functions.size, 1);
});

test('minified heuristic', () => {
  const cases: Array<[string, boolean]> = [
    ['short', false],
    ['const a = 1;\n'.repeat(500), false],
    ['x'.repeat(5000), true],
    [('a=1;'.repeat(100) + '\n').repeat(20), true],
    // A formatted bundle with mangled names (a bundler's readable output), and hand-written code of the same size.
    [Array.from({ length: 400 }, (_, i) => `function ${String.fromCharCode(97 + (i % 26))}${i % 3 ? '' : 'x'}(t, e) {\n  const n = t + e;\n  return n;\n}\n`).join(''), true],
    [Array.from({ length: 400 }, (_, i) => `function handler${i}(request, reply) {\n  const n = request.count;\n  return reply.send(n);\n}\n`).join(''), false],
    // Compiled but readable code (Babel, tsc) with an inline source map: the map's one long line is not the code.
    ['"use strict";\nconst a = require("./a");\nfunction run(x) {\n  return a(x);\n}\n'.repeat(10) + `//# sourceMappingURL=data:application/json;charset=utf-8;base64,${'QUFDLEVBQ2pD'.repeat(1000)}\n`, false],
    // A formatted bundle whose inline map lists the files it was made from, and a compiled file whose map lists its one source.
    ['(function () {\n  const a = require("./a");\n  function run(x) {\n    return a(x);\n  }\n})();\n'.repeat(40) + `//# sourceMappingURL=data:application/json;charset=utf-8;base64,${Buffer.from(JSON.stringify({ version: 3, sources: ['src/a.js', 'src/b.js'], mappings: 'AAAA' })).toString('base64')}\n`, true],
    ['"use strict";\nconst a = require("./a");\nfunction run(x) {\n  return a(x);\n}\n'.repeat(40) + `//# sourceMappingURL=data:application/json;charset=utf-8;base64,${Buffer.from(JSON.stringify({ version: 3, sources: ['../src/run.js'], mappings: 'AAAA' })).toString('base64')}\n`, false],
    // Compiled code with a compiler's helper inlined on one long line above readable code; any other long line.
    [`function _regeneratorRuntime() { ${'var t = 1; '.repeat(400)}}\n` + 'function run(x) {\n  const y = x + 1;\n  return y;\n}\n'.repeat(200), false],
    [`function run() { ${'var t = 1; '.repeat(400)}}\n` + 'function run(x) {\n  const y = x + 1;\n  return y;\n}\n'.repeat(200), true],
    // A minified bundle stays one, map or not.
    [`${'a=1;'.repeat(1000)}\n//# sourceMappingURL=data:application/json;base64,${'QUFD'.repeat(1000)}`, true],
  ];
  for (const [text, expected] of cases) assert.equal(looksMinified(text), expected, text.slice(0, 20));
  assert.equal(isSourceFile('x.d.mts'), false);
  assert.equal(isSourceFile('jquery.min.js'), false);
  assert.equal(isSourceFile('x.cts'), true);
});

test('functions table: ids, names, innermost functionAt, exported flags', async () => {
  const model = await projectOf({
    'm.ts': [
      'export function outer(a: number) {',
      '  const inner = (b: number) => b + 1;',
      '  return inner(a);',
      '}',
      'class Svc { run() { return 1; } }',
      'export const obj = { go() { return 2; }, arrow: () => 3 };',
      'function hidden() {}',
    ].join('\n'),
  });
  const byName = new Map([...model.functions.values()].map((f) => [f.name, f]));
  assert.deepEqual([...byName.keys()].sort(), ['Svc.run', 'arrow', 'go', 'hidden', 'inner', 'outer']);
  assert.equal(byName.get('outer')!.id, 'm.ts#outer');
  assert.equal(byName.get('inner')!.id, 'm.ts#outer/inner');
  assert.equal(byName.get('Svc.run')!.id, 'm.ts#Svc.run');
  assert.deepEqual(byName.get('outer')!.location, { file: 'm.ts', startLine: 1, startColumn: 8, endLine: 4, endColumn: 2 });
  assert.deepEqual(
    ['outer', 'go', 'arrow', 'hidden', 'Svc.run'].map((n) => byName.get(n)!.exported),
    [true, true, true, false, false],
  );
  const inner = byName.get('inner')!;
  assert.equal(model.functionAt('m.ts', inner.node.body as never)?.name, 'inner');
  const returnOfOuter = byName.get('outer')!.node.body!;
  assert.equal(model.functionAt('m.ts', returnOfOuter as never)?.name, 'outer');
  assert.equal(model.functionAt('m.ts', model.files.get('m.ts')!.ast.body[4] as never), undefined);
});

test('function ids do not move with lines; a same-named sibling inserted before a function gives it the next ordinal', async () => {
  const text = [
    'export function outer(a) {',
    '  const x = a;',
    '  [1].map((v) => v);',
    '  return [2].map((w) => w + x);',
    '}',
    'export const later = () => 1;',
  ].join('\n');
  const ids = async (source: string) => [...(await projectOf({ 'm.js': source })).functions.values()].map((f) => `${f.id} @${f.location.startLine}`);
  assert.deepEqual(await ids(text), ['m.js#outer @1', 'm.js#outer/<anonymous> @3', 'm.js#outer/<anonymous>~1 @4', 'm.js#later @6']);
  assert.deepEqual(await ids(text.replace('  const x = a;', '  void 0;\n\n  const x = a;')), ['m.js#outer @1', 'm.js#outer/<anonymous> @5', 'm.js#outer/<anonymous>~1 @6', 'm.js#later @8']);
  assert.deepEqual(await ids(text.replace('  const x = a;', '  const f = function () {};\n  const x = a;')), ['m.js#outer @1', 'm.js#outer/f @2', 'm.js#outer/<anonymous> @4', 'm.js#outer/<anonymous>~1 @5', 'm.js#later @7']);
  assert.deepEqual(await ids(text.replace('  const x = a;', '  [0].map((u) => u);\n  const x = a;')), ['m.js#outer @1', 'm.js#outer/<anonymous> @2', 'm.js#outer/<anonymous>~1 @4', 'm.js#outer/<anonymous>~2 @5', 'm.js#later @7']);
});

test('updateFile reparses only the changed file and relinks; unchanged content is a no-op', async () => {
  const root = writeProject({
    'a.ts': 'import { b } from "./b";\nexport function a() { return b(); }',
    'b.ts': 'export function b() { return 1; }',
  });
  const cache = createParseCache();
  const model = await buildProject(root, { cache });
  const aFile = model.files.get('a.ts')!;
  assert.deepEqual(model.callsFrom('a.ts#a').map((e) => e.callee), ['b.ts#b']);

  writeFileSync(join(root, 'b.ts'), '\n\nexport function b() { return 2; }');
  await updateFile(model, 'b.ts');
  assert.equal(model.files.get('a.ts'), aFile, 'a.ts keeps its parse');
  assert.deepEqual(model.callsFrom('a.ts#a').map((e) => e.callee), ['b.ts#b']);

  writeFileSync(join(root, 'b.ts'), 'export function b( {');
  await updateFile(model, 'b.ts');
  assert.deepEqual([...model.files.keys()], ['a.ts']);
  assert.equal(model.diagnostics[0].file, 'b.ts');
  assert.deepEqual(model.callsFrom('a.ts#a'), []);

  // A second build with the same cache reuses the parse of unchanged files.
  const again = await buildProject(root, { cache });
  assert.equal(again.files.get('a.ts'), aFile);
});

/** Everything linked, as comparable text: call edges, entry points with handlers. */
function linked(model: Awaited<ReturnType<typeof buildProject>>): { edges: string[]; entries: string[] } {
  const edges: string[] = [];
  for (const id of model.functions.keys()) for (const e of model.callsFrom(id)) edges.push(`${e.caller}->${e.callee}@${e.confidence}`);
  return { edges: edges.sort(), entries: model.entryPoints.map((e) => `${e.flow} ${e.handlerFunctionIds.join(',')}`).sort() };
}

test('after each kind of edit, the incrementally updated model equals a fresh build', async () => {
  const root = writeProject({
    'app.js': 'const express = require("express");\nconst app = express();\napp.use("/api", require("./routes"));\nmodule.exports = app;',
    'routes.js': 'const { Router } = require("express");\nconst { svc } = require("./index");\nconst r = Router();\nr.get("/x", (req, res) => svc.run(req.x));\nmodule.exports = r;',
    'index.js': 'module.exports = require("./svc");',
    'svc.js': 'class Svc { run(x) { return helper(x); } }\nfunction helper(x) { return x; }\nexports.svc = new Svc();',
    'other.js': 'function go(thing) { return thing.process(); }\nmodule.exports = { go };',
  });
  const model = await buildProject(root);
  const edits: Array<[string, string | null]> = [
    ['svc.js', '\n\nclass Svc { run(x) { return helper(x) + helper(x); } }\nfunction helper(x) { return x; }\nexports.svc = new Svc();'],
    ['routes.js', 'const { Router } = require("express");\nconst r = Router();\nr.post("/y", function y(req, res) {});\nmodule.exports = r;'],
    ['extra.js', 'class Job { process() { return 1; } }\nmodule.exports = Job;'],
    ['svc.js', 'exports.svc = {'],
    ['svc.js', 'class Svc { run(x) { return x; } }\nexports.svc = new Svc();'],
    ['extra.js', null],
  ];
  for (const [file, text] of edits) {
    if (text === null) (await import('node:fs')).rmSync(join(root, file));
    else writeFileSync(join(root, file), text);
    await updateFile(model, file);
    const fresh = await buildProject(root);
    assert.deepEqual(linked(model), linked(fresh), `after editing ${file}`);
    assert.deepEqual(model.diagnostics, fresh.diagnostics);
    assert.deepEqual([...model.functions.keys()].sort(), [...fresh.functions.keys()].sort());
  }
});

test('hostile input: deep nesting, huge files and binary junk are skipped with diagnostics, never a crash', async () => {
  const deep = 'const x = ' + '['.repeat(20000) + ']'.repeat(20000) + ';\n';
  const deepCalls = 'f(' .repeat(5000) + ')'.repeat(5000) + ';\n';
  const model = await projectOf(
    {
      'ok.ts': 'export function fine() {}',
      'deep.js': deep.replace(/(.{80})/g, '$1\n'),
      'calls.js': deepCalls.replace(/(.{80})/g, '$1\n'),
      'junk.js': '\u0000\u0001\u0002 \uFFFD not code {{{',
      'huge.js': '// x\n'.repeat(300_000),
    },
    { maxFileBytes: 1_000_000 },
  );
  assert.ok(model.files.has('ok.ts'));
  assert.deepEqual(model.skippedFiles, [{ file: 'huge.js', reason: 'too-large' }]);
  assert.ok(model.diagnostics.some((d) => d.file === 'junk.js'));
  for (const d of model.diagnostics) assert.match(d.message, new RegExp(`^${d.file.replace('.', '\\.')}:\\d+: `));
});

test('a file whose source map file beside it lists several sources is a bundle and is skipped; one compiled from one source is analyzed', async () => {
  const code = 'function run(x) {\n  while (x > 0) x -= 1;\n  return x;\n}\nmodule.exports = { run };\n';
  const map = (sources: string[]) => JSON.stringify({ version: 3, sources, mappings: 'AAAA' });
  const model = await projectOf({
    'lib/bundle.umd.js': `${code}//# sourceMappingURL=bundle.umd.js.map\n`,
    'lib/bundle.umd.js.map': map(['../src/a.ts', '../src/b.ts']),
    'lib/one.js': `${code}//# sourceMappingURL=one.js.map\n`,
    'lib/one.js.map': map(['../src/one.ts']),
    'lib/missing-map.js': `${code}//# sourceMappingURL=nowhere.js.map\n`,
    'lib/broken-map.js': `${code}//# sourceMappingURL=broken-map.js.map\n`,
    'lib/broken-map.js.map': '{"version":3,"sources":["a", ',
    'lib/outside.js': `${code}//# sourceMappingURL=../maps/outside.js.map\n`,
    'maps/outside.js.map': map(['../src/a.ts', '../src/b.ts']),
  });
  assert.deepEqual([...model.files.keys()].sort(), ['lib/broken-map.js', 'lib/missing-map.js', 'lib/one.js', 'lib/outside.js']);
  assert.deepEqual(model.skippedFiles, [{ file: 'lib/bundle.umd.js', reason: 'minified' }]);
});
