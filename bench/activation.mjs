// Activation cost of the extension bundle: loading dist/extension.js and calling activate() with a
// fake `vscode` module, in fresh child processes (cold module cache, as in VS Code's extension host).
// The floor, measured the same way in the same run, loads a module whose activate() does nothing.
// Target (issue 5): under 30 ms. Real VS Code's own figure is logged by the e2e run ("[limbo] activated in").
//   npm run build && node bench/activation.mjs [runs]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const bundle = join(root, 'dist', 'extension.js');
if (!existsSync(bundle)) {
  console.error('bench/activation: dist/extension.js is missing; run npm run build first');
  process.exit(1);
}
const runs = Number(process.argv[2] ?? 15);
const floorModule = join(mkdtempSync(join(tmpdir(), 'limbo-activation-')), 'noop.js');
writeFileSync(floorModule, "require('vscode'); exports.activate = function activate() {};\n");

const probe = `
const { createFakeVscode, installFakeVscode, fakeContext } = require(${JSON.stringify(join(root, 'test', 'helpers', 'fake-vscode.cjs'))});
const fake = createFakeVscode();
installFakeVscode(fake.vscode);
const console_log = console.log; console.log = () => {};
const t0 = performance.now();
const ext = require(process.argv[1]);
const t1 = performance.now();
ext.activate(fakeContext(${JSON.stringify(root)}));
const t2 = performance.now();
console_log(JSON.stringify({ load: t1 - t0, activate: t2 - t1 }));
`;

function measure(module) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, ['-e', probe, module], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    samples.push(JSON.parse(r.stdout.trim().split('\n').pop()));
  }
  const median = (key) => samples.map((s) => s[key]).sort((a, b) => a - b)[Math.floor(samples.length / 2)];
  return { load: median('load'), activate: median('activate'), total: median('load') + median('activate') };
}

const floor = measure(floorModule);
const limbo = measure(bundle);
const kib = (file) => `${(statSync(file).size / 1024).toFixed(1)} KiB`;
console.log(`bundle sizes: extension.js ${kib(bundle)}, worker.js ${existsSync(join(root, 'dist', 'worker.js')) ? kib(join(root, 'dist', 'worker.js')) : 'missing'}`);
console.log(`floor (no-op extension): load ${floor.load.toFixed(2)} ms + activate ${floor.activate.toFixed(2)} ms`);
console.log(`limbo:                   load ${limbo.load.toFixed(2)} ms + activate ${limbo.activate.toFixed(2)} ms = ${limbo.total.toFixed(2)} ms (median of ${runs})`);
console.log(`over the floor: ${(limbo.total - floor.total).toFixed(2)} ms; target < 30 ms: ${limbo.total < 30 ? 'met' : 'NOT met'}`);
