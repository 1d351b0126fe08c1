// `limbo receive` as an on-call engineer would use it: the built CLI listens, the real OpenTelemetry
// SDK exports to it via the standard OTEL_EXPORTER_OTLP_ENDPOINT — over OTLP/HTTP protobuf
// (gzip-compressed traces, pino's records as OTLP logs), then over OTLP/gRPC (gzip too) — the coupon route
// hangs, Ctrl-C stops it, and `--analyze` reports the hung requests from the file it wrote.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { analyze } from '../../src/core/pipeline';
import { driveTraffic, HEALTHY_REQUESTS, HUNG_REQUESTS, startService, type Outcome, type RunningService } from './otel-real-sdk/service';

const cli = resolve(__dirname, '..', '..', 'dist', 'cli.js');

for (const protocol of ['http-protobuf', 'grpc'] as const) {
  describe(`limbo receive, real SDK exporting over ${protocol}`, () => {
    const dir = mkdtempSync(join(tmpdir(), `limbo-receive-${protocol}-`));
    const received = join(dir, 'received.otlp.jsonl');
    let receiver: ChildProcess | undefined;
    let service: RunningService | undefined;
    let outcome: Outcome = { timedOut: 0, answered: 0 };
    const output = { stdout: '', stderr: '', code: null as number | null };

    function startReceiver(): Promise<string> {
      const child = spawn(process.execPath, [cli, 'receive', '--port', '0', '--grpc-port', '0', '--out', received, '--analyze'], { stdio: ['ignore', 'pipe', 'pipe'] });
      receiver = child;
      child.stdout!.on('data', (c) => (output.stdout += c));
      child.stderr!.on('data', (c) => (output.stderr += c));
      return new Promise((resolveUrl, reject) => {
        child.stderr!.on('data', () => {
          const m = new RegExp(`listening on (http://127\\.0\\.0\\.1:\\d+) \\(OTLP/${protocol === 'grpc' ? 'gRPC' : 'HTTP'}`).exec(output.stderr);
          if (m) resolveUrl(m[1]!);
        });
        child.once('exit', (code) => reject(new Error(`limbo receive exited (${code}): ${output.stderr}`)));
      });
    }

    before(async () => {
      assert.ok(existsSync(cli), 'dist/cli.js is missing: run `npm run build` first');
      const url = await startReceiver();
      service = await startService('instrument-otlp.cjs', { OTLP_TRANSPORT: protocol === 'grpc' ? 'grpc' : 'proto', OTEL_EXPORTER_OTLP_ENDPOINT: url, LOG_FILE: join(dir, 'app.log.jsonl') });
      outcome = await driveTraffic(service.port);
      await service.stop(); // flushes the SDK's exporters into the receiver
      const exited = new Promise<number | null>((r) => receiver!.once('exit', r));
      receiver!.kill('SIGINT');
      output.code = await exited;
    });

    after(async () => {
      await service?.stop();
      if (receiver && receiver.exitCode === null) receiver.kill('SIGKILL');
      if (!process.env.LIMBO_KEEP_TMP) rmSync(dir, { recursive: true, force: true });
    });

    test('receive wrote every protobuf export as one OTLP JSON line and stopped cleanly on Ctrl-C', () => {
      assert.equal(output.code, 0, output.stderr);
      assert.equal(outcome.timedOut, HUNG_REQUESTS);
      const lines = readFileSync(received, 'utf8').split('\n').filter(Boolean);
      assert.ok(lines.length >= 2, `${lines.length} line(s)`);
      const requests = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
      assert.ok(requests.some((r) => Array.isArray(r.resourceSpans)), 'traces arrived');
      assert.ok(requests.some((r) => Array.isArray(r.resourceLogs)), 'logs arrived');
      const summary = /limbo receive: (\d+) export request\(s\), (\d+) span\(s\), (\d+) log record\(s\)/.exec(output.stderr);
      assert.ok(summary, output.stderr);
      assert.equal(Number(summary[1]), lines.length);
      assert.doesNotMatch(output.stderr, /refused/);
    });

    test('the received file: exactly the coupon requests the client gave up on, with their logs', async () => {
      const report = await analyze({ inputs: [received] });
      assert.equal(report.inputs[0]!.error, undefined);
      assert.equal(report.summary.requests, HEALTHY_REQUESTS + HUNG_REQUESTS);
      assert.equal(report.summary.incompleteRequests, HUNG_REQUESTS, JSON.stringify(report.incomplete.map((r) => [r.flow, r.evidence.map((e) => e.kind)])));
      assert.equal(report.flows[0]!.key, 'POST /coupons/:code/redeem');
      assert.deepEqual([report.differences[0]!.key, report.differences[0]!.value], ['flow', 'POST /coupons/:code/redeem']);
      for (const r of report.incomplete) {
        const kinds = r.evidence.map((e) => e.kind);
        assert.ok(kinds.includes('loop-signature'), kinds.join());
        // The pino records came over OTLP logs with the span context: each hung request has its abort line.
        assert.ok(kinds.includes('aborted-log'), kinds.join());
      }
      assert.ok(report.summary.logRecords > 0);
    });

    test('--analyze printed the incident summary after stopping', () => {
      assert.match(output.stdout, /POST \/coupons\/:code\/redeem/);
    });
  });
}
