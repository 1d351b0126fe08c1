// Lists every library-mode finding on the benchmark corpus, one line each ("package file:line rule"),
// the rows docs/corpus-findings.md judges by hand. Diff two runs to see what a change added or removed.
//   node --import tsx bench/corpus-findings.mjs [package...]
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scanProject } from '../src/core/analysis/scan.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), 'corpus', 'node_modules');
const ALL = ['axios', 'express', 'fastify', 'koa', 'lodash', 'mongoose', 'rxjs', 'undici', 'ws', 'zod'];
const packages = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ALL;
let total = 0;
for (const pkg of packages) {
  if (!ALL.includes(pkg)) throw new Error(`unknown package ${pkg}: one of ${ALL.join(', ')}`);
  const { result } = await scanProject(join(root, pkg), { withoutReachability: true });
  const rows = result.findings.map((f) => `${pkg} ${f.loop.file}:${f.loop.startLine} ${f.ruleId}`).sort();
  for (const row of rows) console.log(row);
  total += rows.length;
}
console.error(`${total} findings`);
