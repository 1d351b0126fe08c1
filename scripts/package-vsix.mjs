// Packages the already-built dist/ into dist/limbo.vsix with @vscode/vsce (everything is bundled,
// so --no-dependencies). Used by `npm run package`, the e2e harness and the demo.
//   node scripts/package-vsix.mjs [--out FILE]
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const outIndex = process.argv.indexOf('--out');
const out = resolve(outIndex > 0 ? process.argv[outIndex + 1] : 'dist/limbo.vsix');

for (const bundle of ['dist/extension.js', 'dist/worker.js', 'dist/code-step.js', 'dist/cli.js']) {
  if (!existsSync(resolve(root, bundle))) {
    console.error(`package-vsix: ${bundle} is missing; run npm run build first`);
    process.exit(1);
  }
}

// The repository URL is a placeholder, so README links are rebased explicitly; a LICENSE file is optional.
const base = 'https://example.invalid/limbo/blob/main';
const result = spawnSync(
  process.execPath,
  [resolve(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--skip-license',
    '--baseContentUrl', base, '--baseImagesUrl', base, '--out', out],
  { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' },
);
if (result.status !== 0) {
  process.stderr.write(result.stdout + result.stderr);
  process.exit(result.status ?? 1);
}
console.log(`package-vsix: ${out} (${(statSync(out).size / 1024).toFixed(1)} KiB)`);
