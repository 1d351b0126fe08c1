// Through the whole command line: a hung request whose spans carry `code.*` attributes pointing at
// compiled JavaScript under a runtime path (/app/build/jobs.js). --path-map rewrites the path, the
// esbuild source map takes it back to TypeScript, and the loop the position falls in ranks first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { runCli } from '../../../src/cli/run';
import type { AnalysisReport } from '../../../src/core/model';
import { makeWorkspace } from './workspace';

const APP = `import express from 'express';
import { runJob, warmCache } from './jobs';

export const app = express();
app.use(express.json());

app.post('/jobs/:id/run', async (req, res) => {
  const result = await runJob(req.body.mode);
  res.json(result);
});

app.get('/health', async (req, res) => {
  await warmCache(String(req.query.region));
  res.send('ok');
});
`;

const JOBS = `async function step(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 100));
}

export async function runJob(mode: string): Promise<{ steps: number }> {
  let steps = 0;
  let done = false;
  while (!done) {
    await step(); // STEP
    steps++;
    done = mode === 'fast' || mode === 'normal';
  }
  return { steps };
}

export async function warmCache(region: string): Promise<number> {
  let filled = 0;
  while (filled < region.length) {
    filled++;
  }
  return filled;
}
`;

const STEP_TS_LINE = JOBS.split('\n').findIndex((l) => l.includes('// STEP')) + 1;

function otlp(spans: object[]): string {
  return JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'jobs' } }] }, scopeSpans: [{ scope: { name: 'test' }, spans }] }] });
}

const ns = (ms: number): string => `${BigInt(Math.round(ms)) * 1_000_000n}`;
const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');
const str = (key: string, value: string) => ({ key, value: { stringValue: value } });
const int = (key: string, value: number) => ({ key, value: { intValue: String(value) } });

function traces(compiledLine: number): string {
  const spans: object[] = [];
  let id = 1;
  const t0 = 1_800_000_000_000;
  const request = (i: number, route: string, method: string, durationMs: number, steps: number, attrs: object[]) => {
    const traceId = hex(i + 1, 32);
    const serverId = hex(id++, 16);
    const start = t0 + i * 3000;
    spans.push({
      traceId, spanId: serverId, name: `${method} ${route}`, kind: 2, startTimeUnixNano: ns(start), endTimeUnixNano: ns(start + durationMs),
      attributes: [str('http.request.method', method), str('http.route', route), int('http.response.status_code', 200), ...attrs], status: {},
    });
    for (let s = 0; s < steps; s++) {
      spans.push({
        traceId, spanId: hex(id++, 16), parentSpanId: serverId, name: 'job.step', kind: 1, startTimeUnixNano: ns(start + 5 + s * 100), endTimeUnixNano: ns(start + 5 + s * 100 + 2),
        attributes: [str('code.filepath', '/app/build/jobs.js'), int('code.lineno', compiledLine), str('code.function', 'runJob')], status: {},
      });
    }
  };
  let n = 0;
  for (let i = 0; i < 3; i++) request(n++, '/jobs/:id/run', 'POST', 2000, 60, [str('job.mode', 'batch')]); // hung: the client gave up at 2 s
  for (let i = 0; i < 12; i++) request(n++, '/jobs/:id/run', 'POST', 130, 1, [str('job.mode', 'fast')]);
  for (let i = 0; i < 30; i++) request(n++, '/health', 'GET', 5, 0, []);
  return otlp(spans);
}

async function limbo(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), isTTY: false });
  return { code, stdout, stderr };
}

test('code.* attributes on compiled JS → --path-map → source map → the loop in TypeScript ranks first', async (t) => {
  const ws = makeWorkspace({ 'src/app.ts': APP, 'src/jobs.ts': JOBS });
  t.after(ws.cleanup);
  buildSync({ entryPoints: [join(ws.root, 'src/jobs.ts')], outfile: join(ws.root, 'build/jobs.js'), sourcemap: 'linked', format: 'cjs', platform: 'node', logLevel: 'silent' });
  const compiled = readFileSync(join(ws.root, 'build/jobs.js'), 'utf8').split('\n');
  const compiledLine = compiled.findIndex((l) => l.includes('await step()')) + 1;
  assert.ok(compiledLine > 0 && compiledLine !== STEP_TS_LINE, 'compiled line differs from the TypeScript line');
  const input = join(ws.outside, 'traces.json');
  writeFileSync(input, traces(compiledLine));

  const run = async (extra: string[]) => {
    const out = join(ws.outside, `report-${extra.length}.json`);
    const r = await limbo(['analyze', input, '--src', ws.root, '--format', 'json', '--out', out, '--no-progress', ...extra]);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(readFileSync(out, 'utf8')) as AnalysisReport;
  };

  const report = await run(['--path-map', '/app/=']);
  assert.equal(report.summary.incompleteRequests, 3);
  const viaMap = report.mappings.find((m) => m.via === 'source-map');
  assert.ok(viaMap, `mappings: ${report.mappings.map((m) => m.via).join(', ')}`);
  assert.equal(viaMap.location.file, 'src/jobs.ts');
  assert.equal(viaMap.location.startLine, STEP_TS_LINE);
  assert.doesNotMatch(viaMap.detail, /suffix-match/, 'the configured mapping, not suffix matching, found the file');

  const first = report.suspects[0];
  assert.ok(first, 'a suspect');
  assert.equal(first.location.file, 'src/jobs.ts');
  assert.equal(first.finding.functionName, 'runJob');
  assert.ok(first.evidence.some((e) => e.kind === 'mapped-source-map' && e.weight > 0), first.evidence.map((e) => e.kind).join(', '));
  assert.deepEqual(first.flows, ['POST /jobs/:id/run']);
  const others = report.suspects.filter((s) => s.finding.functionName === 'warmCache');
  for (const o of others) assert.ok(o.rank > 1 && o.score < first.score);

  // Without --path-map the same file is found by its path suffix, and says so.
  const bySuffix = await run([]);
  const suffixMapped = bySuffix.mappings.find((m) => m.via === 'source-map');
  assert.ok(suffixMapped);
  assert.match(suffixMapped.detail, /suffix-match/);
  assert.equal(suffixMapped.location.startLine, STEP_TS_LINE);

  const bad = await limbo(['analyze', input, '--src', ws.root, '--path-map', 'nonsense']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--path-map needs FROM=TO/);
});
