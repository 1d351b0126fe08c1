// Runs the test suites with node's own test runner (TypeScript through tsx).
//   node scripts/test.mjs            unit + integration + e2e
//   node scripts/test.mjs --unit     unit only
//   node scripts/test.mjs test/unit/ingest   one folder or file
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';

function findTests(path) {
  if (!existsSync(path)) return [];
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? findTests(join(path, e.name)) : /\.test\.(ts|mts|js|mjs)$/.test(e.name) ? [join(path, e.name)] : []))
    .sort();
}

const args = process.argv.slice(2);
const explicit = args.filter((a) => !a.startsWith('--'));
const roots = explicit.length ? explicit : args.includes('--unit') ? ['test/unit'] : ['test/unit', 'test/integration', 'test/e2e'];
const files = roots.flatMap(findTests);
if (files.length === 0) {
  console.error('no test files found under', roots.join(', '));
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
