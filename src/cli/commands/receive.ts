// `limbo receive --out FILE [--host H] [--port P] [--duration S] [--analyze [--src DIR]]`: an OTLP/HTTP
// endpoint on this machine that writes what the SDKs export to a JSON-lines file in the Collector file
// exporter's shape, so a live service can be pointed at Limbo and the file analyzed afterwards.
import { createWriteStream, type WriteStream } from 'node:fs';
import { escapeTerminal } from '../../core/report/escape';
import { newReceiverStats, startOtlpReceiver, type OtlpReceiver, type ReceivedBatch, type ReceiverStats } from '../../core/live/otlp-receiver';
import { startOtlpGrpcReceiver } from '../../core/live/otlp-grpc-receiver';
import type { CliIO } from '../io';
import { analyzeWritten } from './then-analyze';

const USAGE = `Usage: limbo receive --out FILE [--host H] [--port P] [--grpc-port P | --no-grpc] [--duration S]
                     [--append] [--analyze [--src DIR]]

Listens for OTLP exports of traces and logs — OTLP/HTTP (POST /v1/traces, /v1/logs; JSON or protobuf;
gzip accepted) and OTLP/gRPC — and writes each export request as one line of OTLP JSON to FILE, as
the OpenTelemetry Collector's file exporter does. Point an SDK at it with
OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318 (or :4317 with the gRPC protocol).
Runs until Ctrl-C (or for --duration seconds), then prints what it received; with --analyze it then
runs \`limbo analyze FILE\` (with --src DIR when given).
  --host      address to listen on (default 127.0.0.1; trace data stays on this machine)
  --port      OTLP/HTTP port (default 4318; 0 picks a free one)
  --grpc-port OTLP/gRPC port (default 4317; 0 picks a free one); if it is taken, HTTP runs alone
  --no-grpc   OTLP/HTTP only
  --append    add to FILE instead of replacing it
Exit status: 0 when it ran, 1 when it could not listen or write, 2 for a usage error.
`;

interface ReceiveOptions {
  out?: string;
  host: string;
  port: number;
  /** undefined: no gRPC listener. */
  grpcPort?: number;
  durationSeconds?: number;
  append: boolean;
  analyze: boolean;
  src?: string;
}

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    if (parsed === 'help') {
      io.stdout(USAGE);
      return 0;
    }
    io.stderr(`limbo receive: ${parsed}\n\n${USAGE}`);
    return 2;
  }
  const options = parsed;
  const file = createWriteStream(options.out!, { flags: options.append ? 'a' : 'w' });
  const fileReady = new Promise<void>((resolve, reject) => {
    file.once('open', () => resolve());
    file.once('error', reject);
  });
  try {
    await fileReady;
  } catch (error) {
    io.stderr(`limbo receive: cannot write ${escapeTerminal(options.out!)}: ${escapeTerminal((error as Error).message)}\n`);
    return 1;
  }
  let writeError: Error | undefined;
  file.on('error', (error) => (writeError = error));

  const stats = newReceiverStats();
  const onBatch = (batch: ReceivedBatch): Promise<void> | void => {
    // Once the file cannot be written (a full disk), exporters get an error and keep their data to retry.
    if (writeError) throw new Error(`cannot write ${options.out}: ${writeError.message}`);
    return appendLine(file, batch);
  };
  let receiver: OtlpReceiver;
  try {
    receiver = await startOtlpReceiver({ host: options.host, port: options.port, stats, onBatch });
  } catch (error) {
    file.close();
    io.stderr(`limbo receive: cannot listen on ${escapeTerminal(options.host)}:${options.port}: ${escapeTerminal((error as Error).message)}\n`);
    return 1;
  }
  let grpc: OtlpReceiver | undefined;
  if (options.grpcPort !== undefined) {
    try {
      grpc = await startOtlpGrpcReceiver({ host: options.host, port: options.grpcPort, stats, onBatch });
    } catch (error) {
      io.stderr(`limbo receive: warning: OTLP/gRPC not started on port ${options.grpcPort}: ${escapeTerminal((error as Error).message)}\n`);
    }
  }
  io.stderr(`limbo receive: listening on ${receiver.url} (OTLP/HTTP: /v1/traces, /v1/logs; JSON or protobuf) → ${escapeTerminal(options.out!)}\n`);
  if (grpc) io.stderr(`limbo receive: listening on ${grpc.url} (OTLP/gRPC)\n`);
  io.stderr(`limbo receive: set OTEL_EXPORTER_OTLP_ENDPOINT=${receiver.url}${grpc ? ` (or ${grpc.url} with OTEL_EXPORTER_OTLP_PROTOCOL=grpc)` : ''}; Ctrl-C to stop\n`);

  const progress = setInterval(() => {
    if (io.isTTY) io.stderr(`\r${statusLine(stats)}`);
  }, 1000);
  await untilStopped(options.durationSeconds);
  clearInterval(progress);
  await Promise.all([receiver.close(), grpc?.close()]);
  await new Promise<void>((resolve) => file.end(() => resolve()));
  if (io.isTTY) io.stderr('\n');
  io.stderr(`limbo receive: ${statusLine(stats)} → ${escapeTerminal(options.out!)}\n`);
  if (stats.lastRejection) io.stderr(`limbo receive: last request refused: ${escapeTerminal(stats.lastRejection)}\n`);
  if (writeError) {
    io.stderr(`limbo receive: writing ${escapeTerminal(options.out!)} failed: ${escapeTerminal(writeError.message)}\n`);
    return 1;
  }
  if (!options.analyze) {
    if (stats.batches > 0) io.stderr(`limbo receive: next: limbo analyze ${escapeTerminal(options.out!)}\n`);
    return 0;
  }
  if (stats.batches === 0) {
    io.stderr('limbo receive: nothing received, nothing to analyze\n');
    return 0;
  }
  return analyzeWritten(options.out!, options.src, io);
}

function parseArgs(args: string[]): ReceiveOptions | string {
  const options: ReceiveOptions = { host: '127.0.0.1', port: 4318, grpcPort: 4317, append: false, analyze: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = (): string | undefined => (a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i]);
    if (a === '--help' || a === '-h') return 'help';
    else if (a === '--out' || a.startsWith('--out=')) options.out = value();
    else if (a === '--host' || a.startsWith('--host=')) options.host = value() ?? '';
    else if (a === '--src' || a.startsWith('--src=')) options.src = value();
    else if (a === '--append') options.append = true;
    else if (a === '--analyze') options.analyze = true;
    else if (a === '--no-grpc') options.grpcPort = undefined;
    else if (a === '--port' || a.startsWith('--port=') || a === '--grpc-port' || a.startsWith('--grpc-port=')) {
      const name = a.startsWith('--grpc') ? '--grpc-port' : '--port';
      const port = Number(value());
      if (!Number.isInteger(port) || port < 0 || port > 65535) return `${name} must be a number from 0 to 65535`;
      if (name === '--port') options.port = port;
      else options.grpcPort = port;
    } else if (a === '--duration' || a.startsWith('--duration=')) {
      const seconds = Number(value());
      if (!Number.isFinite(seconds) || seconds <= 0) return '--duration must be a positive number of seconds';
      options.durationSeconds = seconds;
    } else return `unknown argument ${escapeTerminal(a)}`;
  }
  if (!options.out) return '--out FILE is required';
  if (!options.host) return '--host needs an address';
  if (options.src && !options.analyze) return '--src is used with --analyze';
  return options;
}

/** One export request per line; the exporter's answer waits for the file to take it (backpressure). */
function appendLine(file: WriteStream, batch: ReceivedBatch): Promise<void> | void {
  // JSON.stringify escapes line breaks inside strings, so a request is always exactly one line.
  if (file.write(`${JSON.stringify(batch.request)}\n`)) return;
  return new Promise((resolve) => file.once('drain', () => resolve()));
}

function statusLine(s: ReceiverStats): string {
  const parts = [`${s.batches} export request(s)`, `${s.spans} span(s)`, `${s.logRecords} log record(s)`];
  if (s.metricsDropped) parts.push(`${s.metricsDropped} metrics request(s) dropped`);
  if (s.rejected) parts.push(`${s.rejected} refused`);
  return parts.join(', ');
}

function untilStopped(durationSeconds: number | undefined): Promise<void> {
  return new Promise((resolve) => {
    const onMessage = (message: unknown): void => {
      if (message === 'stop') stop();
    };
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      clearTimeout(timer);
      // Started by the editor (a forked child): the IPC channel would keep the process alive.
      if (process.env.LIMBO_STOP_OVER_IPC === '1') {
        process.off('message', onMessage);
        process.off('disconnect', stop);
        if (process.connected) process.disconnect();
      }
      resolve();
    };
    const timer = durationSeconds === undefined ? undefined : setTimeout(stop, durationSeconds * 1000);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    // The editor asks over IPC (signals do not work everywhere), and a parent that goes away stops it too.
    if (process.send && process.env.LIMBO_STOP_OVER_IPC === '1') {
      process.on('message', onMessage);
      process.once('disconnect', stop);
    }
  });
}
