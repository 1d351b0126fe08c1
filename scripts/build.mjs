// Bundles every entry point with esbuild. Type-checking is separate (`npm run typecheck`).
import * as esbuild from 'esbuild';
import { mkdirSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
mkdirSync('dist', { recursive: true });

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

// The code step (the analyzer with the TypeScript compiler, mapping, ranking) is most of the engine's
// size; it is its own bundle, dist/code-step.js, required only when an analysis has a source root,
// so `limbo inspect` and trace-only analyses do not load and compile ~10 MB of JavaScript.
const codeStepApart = {
  name: 'code-step-apart',
  setup(build) {
    build.onResolve({ filter: /\/rank\/default-code-step$/ }, () => ({ path: './code-step.js', external: true }));
  },
};

// Likewise `limbo scan` (the analyzer alone) is dist/cli-scan.js, so the CLI's other commands start
// without compiling the analyzer's ~10 MB.
const scanCommandApart = {
  name: 'scan-command-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/scan$/ }, (args) =>
      args.importer.endsWith('commands/index.ts') ? { path: './cli-scan.js', external: true } : undefined,
    );
  },
};

/** Each entry: one bundle in dist/. Add entries here, not new build scripts. */
const builds = [
  { ...node, entryPoints: { extension: 'src/extension/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  { ...node, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' }, plugins: [codeStepApart, scanCommandApart] },
  { ...node, entryPoints: { 'cli-scan': 'src/cli/commands/scan.ts' }, outdir: 'dist' },
  // The extension's analysis worker: the engine, loaded only when an analysis starts.
  { ...node, entryPoints: { worker: 'src/extension/worker/worker.ts' }, outdir: 'dist', plugins: [codeStepApart] },
  { ...node, entryPoints: { 'code-step': 'src/core/rank/default-code-step.ts' }, outdir: 'dist' },
  // The incident report page (runs in the webview): dist/webview.js and dist/webview.css.
  { ...node, platform: 'browser', format: 'iife', target: 'chrome120', entryPoints: { webview: 'webview/main.ts' }, outdir: 'dist' },
];

// `--only=webview` builds just the bundles with that entry name (e.g. for one area's tests).
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const selected = only ? builds.filter((b) => Object.keys(b.entryPoints).includes(only)) : builds;

if (watch) {
  for (const b of selected) await (await esbuild.context(b)).watch();
  console.log('watching…');
} else {
  await Promise.all(selected.map((b) => esbuild.build(b)));
}
