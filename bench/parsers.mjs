// Library mode on hand-written parsers, where "a parser's loop over its input bytes counts": downloads
// ten pinned parsers with `npm pack` into bench/out/parsers (kept for the next run) and scans each
// alone, its exported functions' parameters as the sources, the way bench/corpus-findings.mjs scans
// the corpus packages. Prints files, lines and findings per parser, every finding one per line
// ("parser file:line rule"), and the total per 10,000 lines. Not judged row by row
// (docs/corpus-findings.md, "Parsers in library mode"); diff two runs to see what a change moved.
//   node --import tsx bench/parsers.mjs
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { scanProject } from '../src/core/analysis/scan.ts';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'out', 'parsers');
const PARSERS = ['yaml@2.6.1', 'marked@15.0.0', 'markdown-it@14.1.0', 'fast-xml-parser@4.5.0', 'csv-parse@5.6.0', 'qs@6.13.1', 'semver@7.6.3', 'busboy@1.6.0', 'ini@5.0.0', 'js-yaml@4.1.0'];

/** The folder a tarball unpacked to: `package/` for most, another name for some (busboy's is the git tree's). */
function unpacked(dir) {
  const dirs = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory());
  if (dirs.length !== 1) throw new Error(`expected one folder in ${dir}, found ${dirs.map((d) => d.name).join(', ')}`);
  return join(dir, dirs[0].name);
}

function fetchParser(spec) {
  const dir = join(out, spec.replace('/', '__'));
  if (existsSync(join(dir, '.complete'))) return unpacked(dir);
  mkdirSync(dir, { recursive: true });
  console.error(`downloading ${spec} …`);
  const packed = spawnSync('npm', ['pack', '--silent', '--pack-destination', dir, spec], { encoding: 'utf8' });
  if (packed.status !== 0) throw new Error(`npm pack ${spec} failed: ${packed.stderr}`);
  const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  if (!tgz) throw new Error(`npm pack ${spec} wrote no tarball`);
  const untar = spawnSync('tar', ['xzf', join(dir, tgz), '-C', dir]);
  if (untar.status !== 0) throw new Error(`tar failed on ${tgz}`);
  spawnSync('touch', [join(dir, '.complete')]);
  return unpacked(dir);
}

let totalLines = 0;
let totalFindings = 0;
for (const spec of PARSERS) {
  const { result } = await scanProject(fetchParser(spec), { withoutReachability: true });
  console.log(`${spec}: ${result.filesAnalyzed} files, ${result.lines} lines, ${result.findings.length} findings, ${result.filesSkipped} files skipped (bundles, minified)`);
  for (const f of result.findings) console.log(`  ${spec} ${f.loop.file}:${f.loop.startLine} ${f.ruleId}`);
  totalLines += result.lines;
  totalFindings += result.findings.length;
}
console.log(`all: ${totalLines} lines, ${totalFindings} findings (${((totalFindings / totalLines) * 10000).toFixed(1)} per 10,000 lines)`);
