#!/usr/bin/env node
// Records a demo incident: runs an example service with the real OpenTelemetry SDK, drives it through an
// access-logging proxy with the seeded load generator, and writes traces, logs, access log and a summary.
//
//   node examples/record.mjs shop-express [--duration 40] [--rate 25] [--seed 42] [--timeout 2000]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { startAccessLogProxy } from './load/access-log-proxy.mjs';
import { generateLoad } from './load/load-generator.mjs';
import { startOtlpReceiver, startZipkinReceiver } from './load/receivers.mjs';

const examplesDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(examplesDir, '..');
const gzipAboveBytes = 2 * 1024 * 1024;

function parseArgs(argv) {
  const [example, ...rest] = argv;
  const options = {};
  for (let i = 0; i < rest.length; i += 2) {
    const key = rest[i]?.replace(/^--/, '');
    const value = Number(rest[i + 1]);
    if (!key || !Number.isFinite(value)) throw new Error(`bad option ${rest[i]} ${rest[i + 1] ?? ''}`);
    options[key] = value;
  }
  return { example, options };
}

function startService(exampleDir, env) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(exampleDir, 'src', 'main.ts')], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr.on('data', (chunk) => process.stderr.write(`[service] ${chunk}`));
  const exited = new Promise((resolveExit) => child.on('exit', (code, signal) => resolveExit({ code, signal })));
  const listening = new Promise((resolveListening, reject) => {
    let buffered = '';
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      const match = /listening on [\d.]+:(\d+)/.exec(buffered);
      if (match) resolveListening(Number(match[1]));
    });
    exited.then(({ code, signal }) => reject(new Error(`service exited before listening (code ${code}, signal ${signal})`)));
    setTimeout(() => reject(new Error('service did not start within 30 s')), 30_000).unref();
  });
  return { child, listening, exited };
}

async function stopService(service) {
  service.child.kill('SIGTERM');
  const timeout = new Promise((resolveTimeout) => setTimeout(() => resolveTimeout('timeout'), 10_000).unref());
  if ((await Promise.race([service.exited, timeout])) === 'timeout') {
    service.child.kill('SIGKILL');
    await service.exited;
  }
}

// Writes `name`, gzipped as `name.gz` when large, removing the other variant left by an earlier recording.
function writeRecording(outDir, name, text) {
  const compress = Buffer.byteLength(text) > gzipAboveBytes;
  rmSync(join(outDir, compress ? name : `${name}.gz`), { force: true });
  const file = compress ? `${name}.gz` : name;
  writeFileSync(join(outDir, file), compress ? gzipSync(text, { level: 9 }) : text);
  return file;
}

async function main() {
  const { example, options } = parseArgs(process.argv.slice(2));
  const exampleDir = join(examplesDir, example ?? '');
  if (!example || !existsSync(join(exampleDir, 'load-profile.mjs'))) throw new Error('usage: node examples/record.mjs <shop-express|catalog-koa> [--duration S] [--rate N] [--seed N] [--timeout MS]');
  const profile = (await import(pathToFileURL(join(exampleDir, 'load-profile.mjs')).href)).default;
  const settings = { ...profile.defaults, ...options };
  const outDir = join(exampleDir, 'recorded');
  const workDir = mkdtempSync(join(tmpdir(), `limbo-record-${example}-`));
  const logFile = join(workDir, 'app.log.jsonl');
  const accessLines = [];

  const otlp = await startOtlpReceiver();
  const zipkin = await startZipkinReceiver();
  const service = startService(exampleDir, {
    PORT: '0',
    LOG_FILE: logFile,
    LATENCY_SEED: String(settings.seed),
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: otlp.url,
    OTEL_LOGS_EXPORTER: 'none',
    OTEL_METRICS_EXPORTER: 'none',
    ZIPKIN_URL: zipkin.url,
  });
  const recordingStarted = Date.now();
  let proxy;
  try {
    const servicePort = await service.listening;
    proxy = await startAccessLogProxy({ upstreamPort: servicePort, writeLine: (line) => accessLines.push(line) });
    process.stderr.write(`recording ${example}: ${settings.duration} s at ${settings.rate} req/s, client timeout ${settings.timeout} ms, seed ${settings.seed}\n`);
    const load = await generateLoad({
      baseUrl: `http://127.0.0.1:${proxy.port}`,
      profile,
      seed: settings.seed,
      durationMs: settings.duration * 1000,
      requestsPerSecond: settings.rate,
      maxRequests: Math.ceil(settings.duration * settings.rate),
      clientTimeoutMs: settings.timeout,
    });
    // Let the batch processors pick up the last ended spans, then stop the service (its stuck loops with it).
    await new Promise((r) => setTimeout(r, 1500));
    await stopService(service);
    await proxy.close();

    mkdirSync(outDir, { recursive: true });
    const tracesFile = writeRecording(outDir, 'traces.otlp.jsonl', otlp.lines.join('\n') + '\n');
    const zipkinFile = writeRecording(outDir, 'traces.zipkin.json', JSON.stringify(zipkin.spans) + '\n');
    const logsFile = writeRecording(outDir, 'app.log.jsonl', readFileSync(logFile, 'utf8'));
    const accessLogFile = writeRecording(outDir, 'access.log', accessLines.join('\n') + '\n');

    const summary = {
      example,
      service: profile.service,
      stuckFlow: profile.stuckFlow,
      seed: settings.seed,
      durationSeconds: settings.duration,
      requestsPerSecond: settings.rate,
      clientTimeoutMs: settings.timeout,
      loadElapsedMs: load.elapsedMs,
      recordingElapsedMs: Date.now() - recordingStarted,
      totals: load.totals,
      flows: load.flows,
      files: {
        traces: tracesFile,
        zipkin: zipkinFile,
        logs: logsFile,
        accessLog: accessLogFile,
      },
      exported: { otlpSpans: otlp.spanCount(), otlpRequests: otlp.lines.length, zipkinSpans: zipkin.spans.length, logLines: readFileSync(logFile, 'utf8').split('\n').filter(Boolean).length, accessLogLines: accessLines.length },
    };
    writeFileSync(join(outDir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
    process.stderr.write(`${load.totals.requests} requests, ${load.totals.timedOut} timed out (${Object.entries(load.flows).filter(([, f]) => f.timedOut).map(([k, f]) => `${k}: ${f.timedOut}/${f.requests}`).join(', ')}); ${summary.exported.otlpSpans} spans; wrote ${outDir}\n`);
  } finally {
    if (service.child.exitCode === null && service.child.signalCode === null) service.child.kill('SIGKILL');
    await proxy?.close().catch(() => {});
    await otlp.close();
    await zipkin.close();
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`record: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
