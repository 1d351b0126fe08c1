#!/usr/bin/env node
// Records a demo incident: runs an example service with the real OpenTelemetry SDK, drives it through an
// access-logging proxy with the seeded load generator, and writes traces, logs, access log and a summary.
//
//   node examples/record.mjs shop-express [--duration 40] [--rate 20] [--seed 42] [--timeout 2000] [--warmup 3] [--attempts 3]
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

// One run: service, receivers, proxy and load; returns what was captured without writing it anywhere.
async function recordOnce(example, exampleDir, profile, settings) {
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
  const started = Date.now();
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
      warmupMs: settings.warmup * 1000,
      requestsPerSecond: settings.rate,
      maxRequests: Math.ceil(settings.duration * settings.rate),
      clientTimeoutMs: settings.timeout,
    });
    // Let the batch processors pick up the last ended spans, then stop the service (its stuck loops with it).
    await new Promise((r) => setTimeout(r, 1500));
    await stopService(service);
    await proxy.close();
    return {
      load,
      clientTimeoutMs: settings.timeout,
      elapsedMs: Date.now() - started,
      otlpLines: otlp.lines,
      otlpSpans: otlp.spanCount(),
      zipkinSpans: zipkin.spans,
      logText: readFileSync(logFile, 'utf8'),
      accessLines,
    };
  } finally {
    if (service.child.exitCode === null && service.child.signalCode === null) service.child.kill('SIGKILL');
    await proxy?.close().catch(() => {});
    await otlp.close();
    await zipkin.close();
    rmSync(workDir, { recursive: true, force: true });
  }
}

function hungServerSpanDurations(otlpLines, requestIds) {
  const durations = [];
  for (const line of otlpLines) {
    for (const rs of JSON.parse(line).resourceSpans ?? []) {
      for (const ss of rs.scopeSpans ?? []) {
        for (const span of ss.spans ?? []) {
          const header = span.attributes?.find((a) => a.key === 'http.request.header.x-request-id')?.value?.arrayValue?.values?.[0]?.stringValue;
          if (span.kind === 2 && requestIds.has(header)) durations.push(Number(BigInt(span.endTimeUnixNano) - BigInt(span.startTimeUnixNano)) / 1e6);
        }
      }
    }
  }
  return durations;
}

// A recording is clean when only the stuck flow timed out and the proxy saw exactly those requests give up.
// On a busy machine a healthy request can cross the client timeout; such a run is not kept.
function noiseIn(run, stuckFlow) {
  const problems = [];
  for (const [flow, stats] of Object.entries(run.load.flows)) {
    if (flow !== stuckFlow && stats.timedOut > 0) problems.push(`${stats.timedOut} ${flow} request(s) timed out`);
    if (stats.failed > 0) problems.push(`${stats.failed} ${flow} request(s) failed`);
  }
  const timedOut = new Set(Object.values(run.load.flows).flatMap((f) => f.timedOutRequestIds));
  const clientClosed = run.accessLines.filter((line) => / 499 \d+ /.test(line)).map((line) => /"([0-9a-f]{32})"$/.exec(line)?.[1]);
  if (clientClosed.length !== timedOut.size || clientClosed.some((id) => !timedOut.has(id))) problems.push('the access log\'s 499 lines do not match the client timeouts');
  const late = hungServerSpanDurations(run.otlpLines, timedOut).filter((ms) => ms < run.clientTimeoutMs - 250);
  if (late.length > 0) problems.push(`${late.length} hung request(s) reached the service late (server span ${late.map(Math.round).join(', ')} ms)`);
  return problems;
}

async function main() {
  const { example, options } = parseArgs(process.argv.slice(2));
  const exampleDir = join(examplesDir, example ?? '');
  if (!example || !existsSync(join(exampleDir, 'load-profile.mjs'))) {
    throw new Error('usage: node examples/record.mjs <shop-express|catalog-koa> [--duration S] [--rate N] [--seed N] [--timeout MS] [--warmup S] [--attempts N]');
  }
  const profile = (await import(pathToFileURL(join(exampleDir, 'load-profile.mjs')).href)).default;
  const { attempts = 3, ...overrides } = options;
  const settings = { ...profile.defaults, ...overrides };

  let run;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    run = await recordOnce(example, exampleDir, profile, settings);
    const problems = noiseIn(run, profile.stuckFlow);
    if (problems.length === 0) break;
    process.stderr.write(`attempt ${attempt}: noisy recording (${problems.join('; ')})\n`);
    if (attempt === attempts) throw new Error(`no clean recording in ${attempts} attempt(s); the machine may be too busy. Nothing was written.`);
  }

  const outDir = join(exampleDir, 'recorded');
  mkdirSync(outDir, { recursive: true });
  const files = {
    traces: writeRecording(outDir, 'traces.otlp.jsonl', run.otlpLines.join('\n') + '\n'),
    zipkin: writeRecording(outDir, 'traces.zipkin.json', JSON.stringify(run.zipkinSpans) + '\n'),
    logs: writeRecording(outDir, 'app.log.jsonl', run.logText),
    accessLog: writeRecording(outDir, 'access.log', run.accessLines.join('\n') + '\n'),
  };
  const summary = {
    example,
    service: profile.service,
    stuckFlow: profile.stuckFlow,
    seed: settings.seed,
    durationSeconds: settings.duration,
    warmupSeconds: settings.warmup,
    requestsPerSecond: settings.rate,
    clientTimeoutMs: settings.timeout,
    loadElapsedMs: run.load.elapsedMs,
    recordingElapsedMs: run.elapsedMs,
    totals: run.load.totals,
    flows: run.load.flows,
    files,
    exported: {
      otlpSpans: run.otlpSpans,
      otlpRequests: run.otlpLines.length,
      zipkinSpans: run.zipkinSpans.length,
      logLines: run.logText.split('\n').filter(Boolean).length,
      accessLogLines: run.accessLines.length,
    },
  };
  writeFileSync(join(outDir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  const width = Math.max(...Object.keys(run.load.flows).map((flow) => flow.length));
  for (const [flow, stats] of Object.entries(run.load.flows)) {
    const statuses = Object.entries(stats.statuses).map(([status, count]) => `${status}×${count}`).join(' ');
    process.stderr.write(`  ${flow.padEnd(width)}  ${String(stats.requests).padStart(4)} requests  ${String(stats.timedOut).padStart(3)} timed out  ${statuses}\n`);
  }
  process.stderr.write(`${run.load.totals.requests} requests, ${run.load.totals.timedOut} timed out after ${settings.timeout} ms; ${run.otlpSpans} spans; wrote ${outDir}\n`);
}

main().catch((error) => {
  process.stderr.write(`record: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
