// An OTLP/HTTP receiver (the Collector's `otlphttp` receiver, minus everything Limbo does not read):
// POST /v1/traces and /v1/logs in JSON or protobuf, gzip or deflate, each request handed on in its
// OTLP/JSON form. /v1/metrics is accepted and dropped so an SDK exporting all three signals to one
// endpoint does not log errors. Binds to 127.0.0.1 by default: trace data is untrusted and the port
// needs no exposure beyond the machine.
import http from 'node:http';
import type * as net from 'node:net';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { decodeLogsRequest, decodeTraceRequest } from './otlp-protobuf';

export type OtlpSignal = 'traces' | 'logs';
export type OtlpEncoding = 'json' | 'protobuf';

export interface ReceivedBatch {
  signal: OtlpSignal;
  encoding: OtlpEncoding;
  /** The export request in OTLP/JSON form: `{resourceSpans}` or `{resourceLogs}`. */
  request: Record<string, unknown>;
  spans: number;
  logRecords: number;
}

export interface ReceiverStats {
  batches: number;
  spans: number;
  logRecords: number;
  /** Metrics export requests accepted and dropped. */
  metricsDropped: number;
  /** Requests refused (bad body, wrong type, too large), with the last reason. */
  rejected: number;
  lastRejection?: string;
}

export const newReceiverStats = (): ReceiverStats => ({ batches: 0, spans: 0, logRecords: 0, metricsDropped: 0, rejected: 0 });

export interface OtlpReceiverOptions {
  host?: string;
  /** 4318 is OTLP/HTTP's registered port; 0 picks a free one. */
  port?: number;
  /** Largest body accepted, compressed or not (default 32 MiB). */
  maxBodyBytes?: number;
  /** Called once per accepted export request; the exporter gets its answer when this settles. */
  onBatch: (batch: ReceivedBatch) => void | Promise<void>;
  /** Totals to add to (an HTTP and a gRPC receiver can share one). */
  stats?: ReceiverStats;
}

export interface OtlpReceiver {
  url: string;
  port: number;
  stats: ReceiverStats;
  close: () => Promise<void>;
}

const PATHS: Record<string, OtlpSignal | 'metrics'> = { '/v1/traces': 'traces', '/v1/logs': 'logs', '/v1/metrics': 'metrics' };
export const DEFAULT_MAX_BODY = 32 * 1024 * 1024;

export class Refusal extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export async function startOtlpReceiver(options: OtlpReceiverOptions): Promise<OtlpReceiver> {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const stats = options.stats ?? newReceiverStats();

  const server = http.createServer((req, res) => {
    const encoding = requestEncoding(req.headers['content-type']);
    handle(req, encoding, maxBodyBytes, stats, options.onBatch).then(
      () => reply(res, 200, encoding, undefined),
      (err: unknown) => {
        const refusal = err instanceof Refusal ? err : new Refusal(500, `receiver failed: ${(err as Error)?.message ?? String(err)}`);
        stats.rejected++;
        stats.lastRejection = refusal.message;
        if (refusal.status === 413) res.setHeader('connection', 'close');
        if (refusal.status === 405) res.setHeader('allow', 'POST');
        // A body refused before it was read (too large, wrong type) is not drained: the connection closes once the answer is out.
        if (!req.complete) res.once('finish', () => req.destroy());
        reply(res, refusal.status, encoding, refusal.message);
      },
    );
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  return {
    ...(await listen(server, options.port ?? 4318, options.host)),
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // Exporters keep connections alive; give in-flight requests a moment, then drop the rest.
        setTimeout(() => server.closeAllConnections(), 1000).unref();
      }),
  };
}

async function handle(req: http.IncomingMessage, encoding: OtlpEncoding | undefined, maxBodyBytes: number, stats: ReceiverStats, onBatch: OtlpReceiverOptions['onBatch']): Promise<void> {
  const signal = PATHS[(req.url ?? '').split('?')[0]!];
  if (!signal) throw new Refusal(404, `not an OTLP/HTTP path: use /v1/traces or /v1/logs`);
  if (req.method !== 'POST') throw new Refusal(405, `OTLP/HTTP takes POST, not ${req.method}`);
  if (!encoding) throw new Refusal(415, `content-type must be application/json or application/x-protobuf, not ${String(req.headers['content-type'] ?? 'none')}`);
  const body = await decompress(await readBody(req, maxBodyBytes), req.headers['content-encoding'], maxBodyBytes);
  if (signal === 'metrics') {
    stats.metricsDropped++;
    return;
  }
  await accept(signal, encoding, body, stats, onBatch);
}

/** Listens (127.0.0.1 unless told otherwise) and says where: `http://host:port`. */
export async function listen(server: net.Server, port: number, host = '127.0.0.1'): Promise<{ url: string; port: number }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as net.AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { url: `http://${shown}:${address.port}`, port: address.port };
}

/** Decodes one export request, hands it on and counts it: the part HTTP and gRPC share. */
export async function accept(signal: OtlpSignal, encoding: OtlpEncoding, body: Buffer, stats: ReceiverStats, onBatch: OtlpReceiverOptions['onBatch']): Promise<void> {
  const request = decode(signal, encoding, body);
  const batch = { signal, encoding, request, ...count(request) };
  await onBatch(batch);
  stats.batches++;
  stats.spans += batch.spans;
  stats.logRecords += batch.logRecords;
}

function requestEncoding(contentType: string | undefined): OtlpEncoding | undefined {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json') return 'json';
  if (type === 'application/x-protobuf' || type === 'application/protobuf') return 'protobuf';
  return undefined;
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (declared > limit) return Promise.reject(new Refusal(413, `body of ${declared} bytes is over the ${limit}-byte limit`));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) reject(new Refusal(413, `body is over the ${limit}-byte limit`));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);

async function decompress(body: Buffer, contentEncoding: string | undefined, limit: number): Promise<Buffer> {
  const method = (contentEncoding ?? 'identity').trim().toLowerCase();
  if (method === 'identity' || method === '') return body;
  if (method !== 'gzip' && method !== 'deflate') throw new Refusal(415, `content-encoding ${method} is not supported (gzip, deflate or none)`);
  try {
    // maxOutputLength bounds a decompression bomb as the raw limit bounds the body.
    return await (method === 'gzip' ? gunzip : inflate)(body, { maxOutputLength: limit });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw new Refusal(413, `body decompresses to more than ${limit} bytes`);
    throw new Refusal(400, `body is not valid ${method}: ${(err as Error).message}`);
  }
}

export function decode(signal: OtlpSignal, encoding: OtlpEncoding, body: Buffer): Record<string, unknown> {
  const field = signal === 'traces' ? 'resourceSpans' : 'resourceLogs';
  if (encoding === 'protobuf') {
    try {
      return signal === 'traces' ? decodeTraceRequest(body) : decodeLogsRequest(body);
    } catch (err) {
      throw new Refusal(400, `not an OTLP ${signal} protobuf request: ${(err as Error).message}`);
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw new Refusal(400, `body is not JSON: ${(err as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || !Array.isArray((parsed as Record<string, unknown>)[field])) {
    throw new Refusal(400, `not an OTLP ${signal} JSON request: no ${field} array`);
  }
  return parsed as Record<string, unknown>;
}

/** Spans and log records in a request, for the receiver's running totals. */
export function count(request: Record<string, unknown>): { spans: number; logRecords: number } {
  let spans = 0;
  let logRecords = 0;
  for (const group of arrayOf(request.resourceSpans)) for (const s of arrayOf(group.scopeSpans ?? group.instrumentationLibrarySpans)) spans += arrayOf(s.spans).length;
  for (const group of arrayOf(request.resourceLogs)) for (const s of arrayOf(group.scopeLogs ?? group.instrumentationLibraryLogs)) logRecords += arrayOf(s.logRecords).length;
  return { spans, logRecords };
}

function arrayOf(value: unknown): Array<Record<string, unknown>> {
  return Array.isArray(value) ? value.filter((v): v is Record<string, unknown> => !!v && typeof v === 'object') : [];
}

/**
 * The answer in the request's encoding, as OTLP/HTTP specifies: an empty export response on success
 * (zero bytes in protobuf), a `google.rpc.Status` with the reason on failure.
 */
function reply(res: http.ServerResponse, status: number, encoding: OtlpEncoding | undefined, message: string | undefined): void {
  if (res.headersSent) return;
  if (encoding === 'protobuf') {
    res.writeHead(status, { 'content-type': 'application/x-protobuf' });
    res.end(message === undefined ? Buffer.alloc(0) : rpcStatus(status, message));
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(message === undefined ? '{}' : JSON.stringify({ code: grpcCode(status), message }));
}

/** google.rpc.Status: 1 code (int32), 2 message (string). */
function rpcStatus(status: number, message: string): Buffer {
  const text = Buffer.from(message, 'utf8');
  return Buffer.concat([Buffer.from([0x08, grpcCode(status)]), Buffer.from([0x12]), varint(text.length), text]);
}

function varint(n: number): Buffer {
  const bytes: number[] = [];
  while (n >= 0x80) {
    bytes.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  bytes.push(n);
  return Buffer.from(bytes);
}

// google.rpc.Code for the HTTP statuses the receiver answers with.
function grpcCode(status: number): number {
  if (status === 400 || status === 415) return 3; // INVALID_ARGUMENT
  if (status === 404) return 5; // NOT_FOUND
  if (status === 405) return 12; // UNIMPLEMENTED
  if (status === 413) return 8; // RESOURCE_EXHAUSTED
  return 13; // INTERNAL
}
