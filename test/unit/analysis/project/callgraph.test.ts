import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { projectOf, removeTempProjects, calleesOf } from './temp-project';

after(removeTempProjects);

const cases: Array<{ name: string; files: Record<string, string>; caller: string; expected: string[] }> = [
  {
    name: 'function declarations, function expressions and arrows bound to variables',
    files: { 'a.ts': 'function d() {}\nconst e = function () {};\nconst f = () => {};\nfunction main() { d(); e(); f(); }' },
    caller: 'main',
    expected: ['d@1', 'e@1', 'f@1'],
  },
  {
    name: 'this.method() inside a class, and inherited methods',
    files: { 'a.ts': 'class Base { shared() {} }\nclass Svc extends Base { run() { this.step(); this.shared(); }\n step() {} }' },
    caller: 'Svc.run',
    expected: ['Base.shared@1', 'Svc.step@1'],
  },
  {
    name: 'instances: const s = new Svc(); s.m(), and the constructor',
    files: { 'a.ts': 'class Svc { constructor() {} m() {} }\nfunction main() { const s = new Svc(); s.m(); }' },
    caller: 'main',
    expected: ['Svc.constructor@1', 'Svc.m@1'],
  },
  {
    name: 'class fields holding instances: initializers, this.x = new X() and constructor(private x: X)',
    files: {
      'repo.ts': 'export class Repo { find() {} }\nexport class Cache { get2() {} }\nexport class Bus { emit2() {} }',
      'svc.ts': [
        'import { Repo, Cache, Bus } from "./repo";',
        'class Svc {',
        '  private cache = new Cache();',
        '  private bus;',
        '  constructor(private readonly repo: Repo) { this.bus = new Bus(); }',
        '  run() { this.repo.find(); this.cache.get2(); this.bus.emit2(); }',
        '}',
      ].join('\n'),
    },
    caller: 'Svc.run',
    expected: ['Bus.emit2@1', 'Cache.get2@1', 'Repo.find@1'],
  },
  {
    name: 'object-literal methods on a known literal, also exported and imported',
    files: {
      'api.ts': 'export const api = { load() {}, save: () => {} };',
      'main.ts': 'import { api } from "./api";\nconst local = { go: function () {} };\nfunction main() { api.load(); api.save(); local.go(); }',
    },
    caller: 'main',
    expected: ['go@1', 'load@1', 'save@1'],
  },
  {
    name: 'callbacks passed to higher-order functions, promises and timers',
    files: {
      'a.ts': [
        'function each(x: number) { return x; }',
        'function later() {}',
        'function onDone() {}',
        'async function main(list: number[]) {',
        '  list.map(each);',
        '  setTimeout(later, 10);',
        '  await new Promise((resolve) => resolve(1)).then(onDone);',
        '  list.forEach((x) => x);',
        '}',
      ].join('\n'),
    },
    caller: 'main',
    expected: ['Promise callback@1', 'each@1', 'later@1', 'list.forEach callback@1', 'onDone@1'],
  },
  {
    name: 'an unknown receiver calling a method name several classes define: every candidate, confidence < 1',
    files: { 'a.ts': 'class A { process() {} }\nclass B { process() {} }\nfunction main(x: any) { x.process(); }' },
    caller: 'main',
    expected: ['A.process@0.25', 'B.process@0.25'],
  },
  {
    name: 'an unknown receiver calling a built-in method name is not matched to project methods',
    files: { 'a.ts': 'class A { push() {} }\nfunction main(list: any[]) { list.push(1); }' },
    caller: 'main',
    expected: [],
  },
  {
    name: 'a callback handed to an unknown function is reached with lower confidence',
    files: { 'a.ts': 'import { retry } from "some-lib";\nfunction work() {}\nfunction main() { retry(work); retry(() => 1); }' },
    caller: 'main',
    expected: ['retry callback@0.8', 'work@0.6'],
  },
  {
    name: 'factories: a function returning an instance',
    files: { 'a.ts': 'class Client { send() {} }\nfunction makeClient() { return new Client(); }\nfunction main() { const c = makeClient(); c.send(); }' },
    caller: 'main',
    expected: ['Client.send@1', 'makeClient@1'],
  },
];

for (const c of cases) {
  test(`call graph: ${c.name}`, async () => {
    const model = await projectOf(c.files);
    assert.deepEqual(calleesOf(model, c.caller), c.expected);
  });
}

test('callsTo, resolveCall and reachableFrom with the weakest edge on the best path', async () => {
  const model = await projectOf({
    'app.js': [
      'const express = require("express");',
      'const app = express();',
      'class A { handle() { deep(); } }',
      'class B { handle() {} }',
      'function deep() {}',
      'function direct() { deep(); }',
      'app.get("/x", (req, res) => { req.svc.handle(); direct(); });',
    ].join('\n'),
  });
  const flow = model.entryPoints.find((e) => e.flow === 'GET /x')!;
  assert.ok(flow);
  const reach = model.reachableFrom('GET /x');
  const byName = (name: string) => [...model.functions.values()].find((f) => f.name === name)!.id;
  assert.equal(reach.get(byName('direct')), 1);
  assert.equal(reach.get(byName('A.handle')), 0.25);
  assert.equal(reach.get(byName('deep')), 1, 'the certain path through direct() wins over the uncertain one');
  assert.deepEqual(model.callsTo(byName('deep')).map((e) => model.functions.get(e.caller)!.name).sort(), ['A.handle', 'direct']);
  const call = model.callsFrom(byName('direct'))[0].call;
  assert.deepEqual(model.resolveCall('app.js', call), [{ functionId: byName('deep'), confidence: 1 }]);
});

test('reachableFromFunctions: cycles terminate, each function keeps its best path', async () => {
  const model = await projectOf({
    'a.ts': [
      'class P { step() {} }',
      'class Q { step() {} }',
      'function a(x: any) { b(); x.step(); }',
      'function b() { a(null); c(); }',
      'function c() { new P().step(); }',
      'function lone() {}',
    ].join('\n'),
  });
  const id = (name: string) => [...model.functions.values()].find((f) => f.name === name)!.id;
  const reach = model.reachableFromFunctions([id('a')]);
  const named = Object.fromEntries([...reach].map(([k, v]) => [model.functions.get(k)!.name, v]));
  assert.deepEqual(named, { a: 1, b: 1, c: 1, 'P.step': 1, 'Q.step': 0.25 });
});
