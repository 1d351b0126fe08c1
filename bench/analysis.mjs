// Analysis performance and robustness on a real corpus (bench/corpus: pinned npm packages that ship
// their source), all measured in the same run on the same files:
//   floor      read + parse every file with typescript-estree alone
//   limbo      the full scan (discovery, parse, scopes, call graph, entry points, data flow, rules)
//   eslint     ESLint 9 with no-unmodified-loop-condition, no-unreachable-loop, no-constant-condition
//              (TypeScript files through @typescript-eslint/parser, installed in bench/corpus)
//   rescan     re-analysis after one file changes (cached parses and summaries)
// Each phase runs in its own process so its peak memory (max RSS) is its own; the floor and the full
// analysis run twice, alternating, and the faster run counts (the machine is shared).
//   npm run bench:analysis
//   npm run bench:analysis -- --only reanalysis   only the re-analysis part (one full build in the
//                                                 same process, then the edits), no floor/scan/ESLint
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const corpusDir = join(here, 'corpus');
const root = join(corpusDir, 'node_modules');
/** The packages analyzed (their dependencies are installed but not analyzed). */
const PACKAGES = ['axios', 'express', 'fastify', 'koa', 'lodash', 'mongoose', 'rxjs', 'undici', 'ws', 'zod'];
const exclude = ['/*', ...PACKAGES.map((p) => `!/${p}`)];
const RESCAN_FILES = ['fastify/lib/route.js', 'express/lib/router/index.js', 'undici/lib/dispatcher/client.js', 'rxjs/src/internal/Observable.ts', 'mongoose/lib/query.js'];

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
if (only !== undefined && only !== 'reanalysis') {
  console.error(`unknown --only ${only}: the one part that runs alone is "reanalysis"`);
  process.exit(2);
}
const phase = process.argv.includes('--phase') ? process.argv[process.argv.indexOf('--phase') + 1] : undefined;
const maxRssMB = () => Math.round(process.resourceUsage().maxRSS / 1024);
/** CPU time (user + system) of this process so far, in ms: the figure to compare on a shared machine. */
const cpuMs = () => {
  const u = process.resourceUsage();
  return (u.userCPUTime + u.systemCPUTime) / 1000;
};

async function listFiles() {
  const { discoverSourceFiles, looksMinified } = await import('../src/core/analysis/project/discover.ts');
  const files = [];
  for (const rel of discoverSourceFiles(root, { exclude })) {
    const abs = join(root, rel);
    if (statSync(abs).size > 2 * 1024 * 1024) continue;
    const text = readFileSync(abs, 'utf8');
    if (looksMinified(text, abs)) continue;
    files.push(rel);
  }
  return files;
}

async function runPhase(name, listFile) {
  if (name === 'list') {
    const files = await listFiles();
    writeFileSync(listFile, JSON.stringify(files));
    return { files: files.length };
  }
  // The rescan phase discovers the files itself (createScanner): it runs without a list.
  const files = name === 'rescan' ? [] : JSON.parse(readFileSync(listFile, 'utf8'));
  if (name === 'floor') {
    const { parse } = await import('@typescript-eslint/typescript-estree');
    const start = performance.now();
    const cpu0 = cpuMs();
    let failed = 0;
    for (const rel of files) {
      const text = readFileSync(join(root, rel), 'utf8');
      const isTs = /\.[cm]?tsx?$/.test(rel);
      try {
        parse(text, { range: true, loc: true, comment: false, tokens: false, filePath: rel, errorOnUnknownASTType: false, jsx: /\.[jt]sx$/.test(rel) || (!isTs && /<[A-Za-z>]/.test(text)) });
      } catch {
        failed++;
      }
    }
    return { ms: performance.now() - start, cpu: cpuMs() - cpu0, failed, maxRssMB: maxRssMB() };
  }
  if (name === 'limbo') {
    const { scanProject } = await import('../src/core/analysis/scan.ts');
    const start = performance.now();
    const cpu0 = cpuMs();
    let crash;
    let result;
    try {
      ({ result } = await scanProject(root, { exclude }));
    } catch (error) {
      crash = String(error?.stack ?? error);
    }
    const ms = performance.now() - start;
    const cpu = cpuMs() - cpu0;
    if (!result) return { ms, cpu, crash, maxRssMB: maxRssMB() };
    const byRule = {};
    for (const f of result.findings) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
    const ruleFailures = result.diagnostics.filter((d) => /rule .* failed/.test(d.message));
    return {
      ms,
      cpu,
      files: result.filesAnalyzed,
      lines: result.lines,
      findings: result.findings.length,
      byRule,
      ruleFailures: ruleFailures.length,
      ruleFailureSamples: ruleFailures.slice(0, 5).map((d) => d.message),
      parseFailures: result.diagnostics.filter((d) => /does not parse/.test(d.message)).length,
      entryPoints: result.entryPoints.length,
      maxRssMB: maxRssMB(),
    };
  }
  if (name === 'packages') {
    // Each package on its own: no routes, so exported functions are the entry points (library mode).
    const { scanProject } = await import('../src/core/analysis/scan.ts');
    const out = [];
    for (const pkg of PACKAGES) {
      const { result } = await scanProject(join(root, pkg), { withoutReachability: true });
      out.push({ pkg, lines: result.lines, findings: result.findings.length, routes: result.entryPoints.filter((e) => e.framework !== 'library').length });
    }
    return { packages: out, maxRssMB: maxRssMB() };
  }
  if (name === 'rescan') {
    const { createScanner } = await import('../src/core/analysis/scan.ts');
    const scanner = createScanner(root, { exclude });
    await scanner.scan();
    const timings = [];
    for (const rel of RESCAN_FILES) {
      const abs = join(root, rel);
      if (!existsSync(abs)) continue;
      const original = readFileSync(abs, 'utf8');
      try {
        // An edit that changes the code (a new statement), then the original back.
        writeFileSync(abs, `${original}\n;void 0;\n`);
        const cpu0 = cpuMs();
        const edited = await scanner.rescanFile(rel);
        const editCpu = cpuMs() - cpu0;
        writeFileSync(abs, original);
        const restored = await scanner.rescanFile(rel);
        timings.push({ file: rel, editMs: edited.milliseconds, editCpu, restoreMs: restored.milliseconds, filesRechecked: edited.filesRechecked, projectMs: (edited.projectMilliseconds + restored.projectMilliseconds) / 2 });
      } finally {
        writeFileSync(abs, original);
      }
    }
    // The harder edit, reported apart: a line inserted inside a function body near the top of the
    // file, which moves every function below it (their ids are file:line:column).
    const bodyTimings = [];
    for (const rel of RESCAN_FILES) {
      const abs = join(root, rel);
      if (!existsSync(abs)) continue;
      const original = readFileSync(abs, 'utf8');
      const at = original.search(/\n([ \t]+)(return|const|let|var|if)\b/);
      if (at < 0) continue;
      const indent = /\n([ \t]+)/.exec(original.slice(at))[1];
      try {
        writeFileSync(abs, `${original.slice(0, at)}\n${indent}void 0;${original.slice(at)}`);
        const cpu0 = cpuMs();
        const edited = await scanner.rescanFile(rel);
        const editCpu = cpuMs() - cpu0;
        writeFileSync(abs, original);
        const restored = await scanner.rescanFile(rel);
        bodyTimings.push({ file: rel, line: original.slice(0, at).split('\n').length + 1, editMs: edited.milliseconds, editCpu, restoreMs: restored.milliseconds, filesRechecked: edited.filesRechecked, filesRelinked: scanner.project.lastDirtyCount });
      } finally {
        writeFileSync(abs, original);
      }
    }
    return { timings, bodyTimings, maxRssMB: maxRssMB() };
  }
  if (name === 'eslint') {
    const { ESLint } = await import('eslint');
    const { createRequire } = await import('node:module');
    const tsParser = createRequire(join(corpusDir, 'package.json'))('@typescript-eslint/parser');
    const rules = { 'no-unmodified-loop-condition': 'error', 'no-unreachable-loop': 'error', 'no-constant-condition': 'error' };
    const eslint = new ESLint({
      cwd: root,
      ignore: false,
      overrideConfigFile: true,
      overrideConfig: [
        { files: ['**/*.js', '**/*.mjs', '**/*.jsx'], languageOptions: { ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } }, rules },
        { files: ['**/*.cjs'], languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs' }, rules },
        { files: ['**/*.ts', '**/*.mts', '**/*.cts', '**/*.tsx'], languageOptions: { parser: tsParser }, rules },
      ],
    });
    const start = performance.now();
    const cpu0 = cpuMs();
    const results = await eslint.lintFiles(files.map((f) => join(root, f)));
    const ms = performance.now() - start;
    const cpu = cpuMs() - cpu0;
    let problems = 0;
    let fatal = 0;
    for (const r of results) {
      fatal += r.messages.filter((m) => m.fatal).length;
      problems += r.messages.filter((m) => !m.fatal).length;
    }
    return { ms, cpu, files: results.length, problems, fatalParseErrors: fatal, maxRssMB: maxRssMB() };
  }
  throw new Error(`unknown phase ${name}`);
}

function spawnPhase(name, listFile) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--phase', name, '--list', listFile], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, cwd: resolve(here, '..') });
  const line = r.stdout.trim().split('\n').at(-1) ?? '';
  if (r.status !== 0 || !line.startsWith('{')) throw new Error(`phase ${name} failed (exit ${r.status}):\n${r.stderr}\n${r.stdout}`);
  return JSON.parse(line);
}

function printRescan(rescan) {
  const edits = rescan.timings.flatMap((t) => [t.editMs, t.restoreMs]).sort((a, b) => a - b);
  console.log(`\nre-analysis after one file changes: median ${edits[Math.floor(edits.length / 2)]?.toFixed(0)} ms, max ${edits.at(-1)?.toFixed(0)} ms over ${edits.length} edits`);
  // Restores bring back text whose parse is still cached: the edits alone are the harder case.
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`  edits alone: median ${median(rescan.timings.map((t) => t.editMs))?.toFixed(0)} ms; restores alone: median ${median(rescan.timings.map((t) => t.restoreMs))?.toFixed(0)} ms`);
  // CPU (user+sys, GC threads included) next to wall: on a shared machine the wall time waits for the CPU.
  for (const t of rescan.timings) console.log(`  ${t.file}: ${t.editMs.toFixed(0)} ms edit (CPU ${t.editCpu.toFixed(0)} ms), ${t.restoreMs.toFixed(0)} ms restore (of which relinking the project model ~${t.projectMs.toFixed(0)} ms), ${t.filesRechecked} file(s) re-checked`);
  const body = rescan.bodyTimings ?? [];
  if (!body.length) return;
  console.log(`a line inserted in a function body near the top (moves the functions below): edits alone median ${median(body.map((t) => t.editMs)).toFixed(0)} ms, restores ${median(body.map((t) => t.restoreMs)).toFixed(0)} ms`);
  for (const t of body) console.log(`  ${t.file}:${t.line}: ${t.editMs.toFixed(0)} ms edit (CPU ${t.editCpu.toFixed(0)} ms), ${t.restoreMs.toFixed(0)} ms restore, ${t.filesRelinked} file(s) relinked, ${t.filesRechecked} re-checked`);
}

function ensureCorpus() {
  const marker = join(root, '.package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(join(corpusDir, 'package-lock.json')).mtimeMs) return;
  console.log('installing the corpus: npm ci --ignore-scripts in bench/corpus …');
  const r = spawnSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: corpusDir, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm ci failed in bench/corpus');
}

async function main() {
  if (phase) {
    const listFile = process.argv[process.argv.indexOf('--list') + 1];
    console.log(JSON.stringify(await runPhase(phase, listFile)));
    return;
  }
  ensureCorpus();
  const tmp = mkdtempSync(join(tmpdir(), 'limbo-bench-'));
  try {
    const listFile = join(tmp, 'files.json');
    if (only === 'reanalysis') {
      // The rescan phase builds the project itself (a full scan), then times the edits.
      printRescan(spawnPhase('rescan', listFile));
      console.log(`(load average ${(await import('node:os')).loadavg()[0].toFixed(1)})`);
      return;
    }
    spawnPhase('list', listFile);
    const files = JSON.parse(readFileSync(listFile, 'utf8'));
    const lines = files.reduce((n, f) => n + readFileSync(join(root, f), 'utf8').split('\n').length, 0);
    console.log(`corpus: ${PACKAGES.join(', ')} — ${files.length} files, ${lines} lines\n`);
    const floors = [];
    const scans = [];
    for (let i = 0; i < 2; i++) {
      floors.push(spawnPhase('floor', listFile));
      scans.push(spawnPhase('limbo', listFile));
    }
    const floor = floors.reduce((a, b) => (a.cpu <= b.cpu ? a : b));
    const scan = scans.reduce((a, b) => (a.cpu <= b.cpu ? a : b));
    if (scan.crash) throw new Error(`the analysis crashed:\n${scan.crash}`);
    const eslint = spawnPhase('eslint', listFile);
    const rescan = spawnPhase('rescan', listFile);
    const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
    console.log('| run | wall | CPU (user+sys) | CPU vs parse floor | peak RSS |\n|---|---:|---:|---:|---:|');
    console.log(`| typescript-estree parse only (floor) | ${s(floor.ms)} | ${s(floor.cpu)} | 1.00× | ${floor.maxRssMB} MB |`);
    console.log(`| limbo scan (full analysis) | ${s(scan.ms)} | ${s(scan.cpu)} | ${(scan.cpu / floor.cpu).toFixed(2)}× | ${scan.maxRssMB} MB |`);
    console.log(`| ESLint, 3 loop rules | ${s(eslint.ms)} | ${s(eslint.cpu)} | ${(eslint.cpu / floor.cpu).toFixed(2)}× | ${eslint.maxRssMB} MB |`);
    printRescan(rescan);
    console.log(`\nrobustness: ${scan.files} files, ${scan.lines} lines analyzed; crashes: 0; rule failures: ${scan.ruleFailures}; files that do not parse: ${scan.parseFailures}`);
    for (const m of scan.ruleFailureSamples) console.log(`  ${m}`);
    console.log(`noise: ${scan.findings} findings = ${((scan.findings / scan.lines) * 10000).toFixed(2)} per 10,000 lines`);
    console.log(`  ${Object.entries(scan.byRule).map(([r, n]) => `${r} ${n}`).join(', ')}`);
    const packages = spawnPhase('packages', listFile);
    const libLines = packages.packages.reduce((n, p) => n + p.lines, 0);
    const libFindings = packages.packages.reduce((n, p) => n + p.findings, 0);
    console.log(`noise, each package scanned alone (library mode where it registers no routes): ${libFindings} findings = ${((libFindings / libLines) * 10000).toFixed(2)} per 10,000 lines`);
    console.log(`  ${packages.packages.map((p) => `${p.pkg} ${p.findings}${p.routes ? ` (${p.routes} routes)` : ''}`).join(', ')}`);
    console.log(`ESLint on the same files: ${eslint.problems} problems, ${eslint.fatalParseErrors} files it could not parse`);
    console.log(`(CPU of the floor runs: ${floors.map((f) => s(f.cpu)).join(', ')}; of the limbo runs: ${scans.map((f) => s(f.cpu)).join(', ')}; load average ${(await import('node:os')).loadavg()[0].toFixed(1)})`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
