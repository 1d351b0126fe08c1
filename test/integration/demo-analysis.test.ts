// Acceptance on the committed demo incidents: Limbo counts as hung exactly the requests the load generator
// saw time out, puts the rare flow first among the differences, and ranks the real loop first (no benign
// loop at or above it) — from all recorded files through the CLI, and from each source on its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../src/core/pipeline';
import type { AnalysisReport } from '../../src/core/model';
import { defaultCodeStep } from '../../src/core/rank/default-code-step';
import { repoRoot } from '../helpers/paths';

interface RecordingSummary {
  stuckFlow: string;
  totals: { requests: number; timedOut: number };
  files: { traces: string; zipkin: string; logs: string; accessLog: string };
}

const examples = [
  { example: 'shop-express', loopFile: 'src/services/gift-card-service.ts', loopText: 'while (hold.capturedCents < amountDue)' },
  { example: 'catalog-koa', loopFile: 'src/services/brand-changes-service.ts', loopText: 'while (cursor !== null)' },
];

const sources: Array<{ name: string; files: (s: RecordingSummary) => string[]; repeats: boolean }> = [
  { name: 'OTLP traces alone', files: (s) => [s.files.traces], repeats: true },
  { name: 'Zipkin traces alone', files: (s) => [s.files.zipkin], repeats: true },
  { name: 'app log alone', files: (s) => [s.files.logs], repeats: true },
  { name: 'access log alone', files: (s) => [s.files.accessLog], repeats: false },
];

// `POST /orders/:orderId/x` and `POST /orders/{id}/x` name the same flow.
const sameFlow = (a: string, b: string): boolean => {
  const normalize = (flow: string) => flow.replace(/:\w+|\{\w+\}/g, ':');
  return normalize(a) === normalize(b);
};

function lineOf(file: string, text: string): number {
  const index = readFileSync(file, 'utf8').split('\n').findIndex((line) => line.includes(text));
  assert.ok(index >= 0, `${text} is in ${file}`);
  return index + 1;
}

function checkReport(report: AnalysisReport, summary: RecordingSummary, loop: { file: string; line: number }, label: string): void {
  assert.equal(report.summary.incompleteRequests, summary.totals.timedOut, `${label}: hung requests = the load generator's timeouts`);
  for (const request of report.incomplete) assert.ok(sameFlow(request.flow, summary.stuckFlow), `${label}: ${request.id} is in ${summary.stuckFlow}, not ${request.flow}`);

  const stuckFlow = report.flows[0];
  assert.ok(stuckFlow && sameFlow(stuckFlow.key, summary.stuckFlow), `${label}: the first flow is ${summary.stuckFlow} (got ${stuckFlow?.key})`);
  assert.equal(stuckFlow.incomplete, summary.totals.timedOut, `${label}: all hung requests are in the stuck flow`);

  const top = report.differences[0];
  assert.ok(top, `${label}: there are differences`);
  assert.equal(top.key, 'flow', `${label}: the top difference is the flow (got ${top.key}=${top.value})`);
  assert.ok(sameFlow(top.value, summary.stuckFlow), `${label}: the top difference is ${summary.stuckFlow} (got ${top.value})`);
  assert.equal(top.incompleteWith, summary.totals.timedOut);

  const first = report.suspects[0];
  assert.ok(first, `${label}: there is a suspect`);
  assert.deepEqual([first.location.file, first.location.startLine], [loop.file, loop.line], `${label}: the real loop ranks first`);
  for (const other of report.suspects.slice(1)) {
    const sameLoop = other.location.file === loop.file && other.location.startLine === loop.line;
    if (!sameLoop) assert.ok(other.score < first.score, `${label}: ${other.location.file}:${other.location.startLine} (${other.score}) ranks below the real loop (${first.score})`);
  }
}

for (const { example, loopFile, loopText } of examples) {
  const exampleDir = join(repoRoot, 'examples', example);
  const recorded = join(exampleDir, 'recorded');
  const summary = JSON.parse(readFileSync(join(recorded, 'summary.json'), 'utf8')) as RecordingSummary;
  const loop = { file: loopFile, line: lineOf(join(exampleDir, loopFile), loopText) };

  test(`${example}: limbo analyze on all recorded files`, () => {
    const files = [summary.files.traces, summary.files.logs, summary.files.accessLog].map((f) => join(recorded, f));
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'analyze', ...files, '--src', exampleDir, '--format', 'json'], {
      cwd: repoRoot,
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
    });
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout) as AnalysisReport;
    assert.equal(report.summary.requests, summary.totals.requests, 'traces, logs and access log join into one request each');
    checkReport(report, summary, loop, 'all files');
  });

  for (const source of sources) {
    test(`${example}: ${source.name}`, async () => {
      const report = await analyze({ inputs: source.files(summary).map((f) => join(recorded, f)), src: exampleDir, codeStep: defaultCodeStep });
      checkReport(report, summary, loop, source.name);
      if (source.repeats) {
        const withLoop = report.incomplete.filter((r) => r.loops.length > 0 || r.evidence.some((e) => e.kind === 'loop-signature'));
        assert.equal(withLoop.length, summary.totals.timedOut, `${source.name}: every hung request shows its repeated operation`);
      }
    });
  }
}
