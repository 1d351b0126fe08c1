// Acceptance on the recorded demo incidents: `limbo analyze` over the committed recordings, with
// --src, must rank the loop that really hangs first, show the rare flow as the top difference and
// count exactly the hung requests the load generator saw, from traces and logs together, from the
// logs alone and from the traces alone, for both services (Express polling, Koa cursor).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run';
import { normalizeRoute, splitFlow } from '../../src/core/mapping/route-handlers';
import type { AnalysisReport } from '../../src/core/model';
import { repoRoot } from '../helpers/paths';

interface RecordingSummary {
  stuckFlow: string;
  flows: Record<string, { requests: number; timedOut: number; completed: number; timedOutRequestIds: string[] }>;
}

/** The loop each example's README names as the cause; the test knows the answer, Limbo must find it. */
const examples = [
  { name: 'shop-express', loop: { file: 'services/gift-card-service.ts', functionName: 'redeemGiftCard' } },
  { name: 'catalog-koa', loop: { file: 'services/brand-changes-service.ts', functionName: 'changesForBrand' } },
];

const inputSets: Array<{ name: string; files: string[]; runtimeEvidence: string[] }> = [
  { name: 'traces, logs and access log', files: ['traces.otlp.jsonl.gz', 'app.log.jsonl', 'access.log'], runtimeEvidence: ['stuck-flow-reaches-loop', 'loop-signature'] },
  { name: 'logs alone', files: ['app.log.jsonl'], runtimeEvidence: ['stuck-flow-reaches-loop', 'loop-signature', 'mapped-log-template'] },
  { name: 'traces alone', files: ['traces.otlp.jsonl.gz'], runtimeEvidence: ['stuck-flow-reaches-loop', 'loop-signature'] },
];

const work = mkdtempSync(join(tmpdir(), 'limbo-demo-'));
test.after(() => rmSync(work, { recursive: true, force: true }));

async function limbo(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), isTTY: false });
  return { code, stdout, stderr };
}

const sameFlow = (a: string, b: string): boolean => {
  const x = splitFlow(a);
  const y = splitFlow(b);
  return x.method === y.method && normalizeRoute(x.route) === normalizeRoute(y.route);
};

for (const example of examples) {
  const dir = join(repoRoot, 'examples', example.name);
  const summary = JSON.parse(readFileSync(join(dir, 'recorded', 'summary.json'), 'utf8')) as RecordingSummary;
  const stuck = summary.flows[summary.stuckFlow];

  for (const inputs of inputSets) {
    test(`${example.name}, ${inputs.name}: the real loop first, the rare flow the top difference, every hung request counted`, async () => {
      assert.ok(stuck && stuck.timedOut > 0, 'the recording has hung requests');
      assert.equal(stuck.completed, 0, 'every request of the stuck flow hung, as the README says');
      const out = join(work, `${example.name}-${inputs.files.length}-${inputs.files[0]}.json`);
      const files = inputs.files.map((f) => join(dir, 'recorded', f));
      const run = await limbo(['analyze', ...files, '--src', join(dir, 'src'), '--format', 'json', '--out', out, '--no-progress']);
      assert.equal(run.code, 0, run.stderr);
      const report = JSON.parse(readFileSync(out, 'utf8')) as AnalysisReport;

      // The hung requests: as many as the load generator saw time out in the stuck flow, and the same ones.
      // (A request of another flow that timed out at the client but finished on the server is not hung.)
      assert.equal(report.summary.incompleteRequests, stuck.timedOut);
      // The load generator names requests by its x-request-id; logs carry it as reqId, traces as a recorded header.
      const hungIds = new Set(stuck.timedOutRequestIds);
      const byId = new Map((report.requests ?? []).map((r) => [r.id, r]));
      for (const r of report.incomplete) {
        assert.ok(sameFlow(r.flow, summary.stuckFlow), `${r.flow} is the stuck flow`);
        const known = [r.id, (r as { requestId?: string }).requestId, ...Object.values(byId.get(r.id)?.attributes ?? {})].flat();
        assert.ok(known.some((v) => typeof v === 'string' && hungIds.has(v)), `${r.id} is one of the requests that timed out at the load generator`);
      }

      // The rare flow is what sets the stuck requests apart.
      const top = report.differences[0];
      assert.equal(top.key, 'flow');
      assert.ok(sameFlow(top.value, summary.stuckFlow), `${top.value} ~ ${summary.stuckFlow}`);

      // The real loop ranks first, reached by the stuck flow, with runtime evidence named.
      const first = report.suspects[0];
      assert.equal(first.rank, 1);
      assert.equal(first.location.file, example.loop.file);
      assert.equal(first.finding.functionName, example.loop.functionName);
      assert.ok(first.flows.some((f) => sameFlow(f, summary.stuckFlow)), `flows: ${first.flows.join(', ')}`);
      assert.equal(first.stuckRequests, stuck.timedOut);
      const kinds = new Set(first.evidence.map((e) => e.kind));
      for (const kind of inputs.runtimeEvidence) assert.ok(kinds.has(kind), `evidence ${kind} in ${[...kinds].join(', ')}`);
      assert.match(first.explanation, /reached by .* the flow of \d+ of \d+ stuck requests/);
      assert.match(first.explanation, /repeated (operation|log line)/);

      // No other loop anywhere near it: every other suspect scores clearly lower.
      for (const other of report.suspects.slice(1)) {
        assert.ok(!(other.location.file === first.location.file && other.location.startLine === first.location.startLine), 'one suspect per loop');
        assert.ok(other.score < first.score * 0.75, `${other.location.file}:${other.location.startLine} ${other.score} vs ${first.score}`);
      }
      // Locations are relative to --src, and the mappings name their source and confidence.
      for (const s of report.suspects) assert.ok(!s.location.file.startsWith('/') && !s.location.file.includes('..'), s.location.file);
      assert.ok(report.mappings.length > 0);
      for (const m of report.mappings) {
        assert.ok(m.via && m.confidence > 0 && m.confidence <= 1, JSON.stringify(m).slice(0, 200));
        assert.ok(!m.location.file.startsWith('/') && !m.location.file.includes('..'));
      }
    });
  }

  test(`${example.name}: the text report prints the ranked suspects with explanations; SARIF carries them as results`, async () => {
    const files = ['traces.otlp.jsonl.gz', 'app.log.jsonl'].map((f) => join(dir, 'recorded', f));
    const text = await limbo(['analyze', ...files, '--src', join(dir, 'src'), '--no-progress']);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /Suspect loops:/);
    const lines = text.stdout.split('\n');
    const firstAt = lines.findIndex((l) => /^\s*1\. /.test(l));
    assert.ok(lines[firstAt]?.includes(example.loop.file), lines[firstAt]);
    assert.match(lines[firstAt + 1], /reached by .* stuck requests; the repeated .* (inside the loop|which the loop calls)/);

    const out = join(work, `${example.name}.sarif`);
    const sarif = await limbo(['analyze', ...files, '--src', join(dir, 'src'), '--format', 'sarif', '--out', out, '--no-progress']);
    assert.equal(sarif.code, 0, sarif.stderr);
    const log = JSON.parse(readFileSync(out, 'utf8')) as { runs: Array<{ results: Array<{ message: { text: string }; locations?: Array<{ physicalLocation?: { artifactLocation?: { uri?: string } } }> }> }> };
    const suspectResults = log.runs.flatMap((r) => r.results).filter((r) => /^Suspect #/.test(r.message.text));
    assert.ok(suspectResults.length >= 1);
    assert.match(suspectResults[0].message.text, /^Suspect #1 /);
    assert.ok(suspectResults[0].locations?.[0]?.physicalLocation?.artifactLocation?.uri?.endsWith(example.loop.file));
  });
}
