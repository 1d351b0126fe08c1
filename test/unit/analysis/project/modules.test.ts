import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { projectOf, removeTempProjects, calleesOf } from './temp-project';

after(removeTempProjects);

test('resolveModule: relative probing, index files, .js specifiers naming .ts files, tsconfig baseUrl/paths with extends', async () => {
  const model = await projectOf({
    'tsconfig.base.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@lib/*": ["src/lib/*"], "@config": ["src/config/index.ts"] } } }',
    'tsconfig.json': '{\n  // comments are allowed\n  "extends": "./tsconfig.base.json",\n  "compilerOptions": { "strict": true, },\n}',
    'src/app.ts': '',
    'src/util.ts': '',
    'src/lib/math.ts': '',
    'src/lib/index.ts': '',
    'src/config/index.ts': '',
    'src/legacy/thing.js': '',
    'src/mod.mts': '',
  });
  const cases: Array<[string, string, string | undefined]> = [
    ['src/app.ts', './util', 'src/util.ts'],
    ['src/app.ts', './util.js', 'src/util.ts'],
    ['src/app.ts', './lib', 'src/lib/index.ts'],
    ['src/app.ts', './lib/', 'src/lib/index.ts'],
    ['src/lib/math.ts', '..', undefined],
    ['src/lib/math.ts', '../util', 'src/util.ts'],
    ['src/lib/math.ts', '.', 'src/lib/index.ts'],
    ['src/app.ts', './legacy/thing', 'src/legacy/thing.js'],
    ['src/app.ts', './mod.mjs', 'src/mod.mts'],
    ['src/app.ts', '@lib/math', 'src/lib/math.ts'],
    ['src/app.ts', '@lib/math.js', 'src/lib/math.ts'],
    ['src/app.ts', '@config', 'src/config/index.ts'],
    ['src/app.ts', 'src/util', 'src/util.ts'],
    ['src/app.ts', 'express', undefined],
    ['src/app.ts', './missing', undefined],
    ['src/app.ts', '../../outside', undefined],
  ];
  for (const [from, spec, expected] of cases) assert.equal(model.resolveModule(from, spec), expected, `${from} → ${spec}`);
});

test('a broken tsconfig is a diagnostic, not a crash', async () => {
  const model = await projectOf({ 'tsconfig.json': '{ "compilerOptions": { "paths": ', 'a.ts': 'export const a = 1;' });
  assert.equal(model.diagnostics.length, 1);
  assert.equal(model.diagnostics[0].file, 'tsconfig.json');
  assert.equal(model.files.size, 1);
});

test('calls across ES modules: named, default, namespace, aliases, re-exports (export * and export { } from)', async () => {
  const model = await projectOf({
    'lib/a.ts': 'export function named() {}\nexport default function def() {}\nexport const arrow = () => {};',
    'lib/b.ts': 'export { named as renamed } from "./a";\nexport * from "./a";\nexport * as nsA from "./a";',
    'lib/index.ts': 'export * from "./b";\nimport def from "./a";\nexport { def as theDefault };',
    'main.ts': [
      'import def, { named, arrow as arr } from "./lib/a";',
      'import * as ns from "./lib/a";',
      'import { renamed, nsA, theDefault } from "./lib";',
      'export function main() { def(); named(); arr(); ns.named(); renamed(); nsA.arrow(); theDefault(); }',
    ].join('\n'),
  });
  assert.deepEqual(calleesOf(model, 'main'), ['arrow@1', 'arrow@1', 'def@1', 'def@1', 'named@1', 'named@1', 'named@1']);
});

test('calls across CommonJS modules: require, module.exports = fn / { a, b }, exports.x, destructuring', async () => {
  const model = await projectOf({
    'single.js': 'module.exports = function single() {};',
    'many.js': 'function a() {}\nfunction b() {}\nmodule.exports = { a, b, c: function c() {} };',
    'props.js': 'exports.x = function x() {};\nmodule.exports.y = () => {};',
    'cls.js': 'class Repo { find() {} }\nmodule.exports = Repo;',
    'main.js': [
      'const single = require("./single");',
      'const many = require("./many.js");',
      'const { x, y: why } = require("./props");',
      'const Repo = require("./cls");',
      'function main() { single(); many.a(); many.c(); x(); why(); new Repo().find(); require("./many").b(); }',
    ].join('\n'),
  });
  assert.deepEqual(calleesOf(model, 'main'), ['Repo.find@1', 'a@1', 'b@1', 'c@1', 'single@1', 'x@1', 'y@1']);
  assert.equal([...model.functions.values()].find((f) => f.name === 'a')!.exported, true);
});

test('ES import of a CommonJS module and a tsconfig path alias', async () => {
  const model = await projectOf({
    'tsconfig.json': '{ "compilerOptions": { "baseUrl": "src", "paths": { "~/*": ["*"] } } }',
    'src/cjs.js': 'exports.helper = function helper() {};',
    'src/feature/run.ts': 'import cjs from "~/cjs";\nimport { helper } from "../cjs";\nexport function run() { cjs.helper(); helper(); }',
  });
  assert.deepEqual(calleesOf(model, 'run'), ['helper@1', 'helper@1']);
});
