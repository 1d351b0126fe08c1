// OTLP over gRPC (port 4317, the default of several SDKs and of the Collector's exporters): the
// TraceService and LogsService `Export` unary calls over cleartext HTTP/2, with node:http2 and the
// gRPC wire framing written out (a 5-byte prefix per message, status in trailers) rather than a
// gRPC library. MetricsService calls are accepted and dropped, as over HTTP.
import http2 from 'node:http2';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { DEFAULT_MAX_BODY, Refusal, accept, listen, newReceiverStats, type OtlpReceiver, type OtlpReceiverOptions, type OtlpSignal } from './otlp-receiver';

const METHODS: Record<string, OtlpSignal | 'metrics'> = {
  '/opentelemetry.proto.collector.trace.v1.TraceService/Export': 'traces',
  '/opentelemetry.proto.collector.logs.v1.LogsService/Export': 'logs',
  '/opentelemetry.proto.collector.metrics.v1.MetricsService/Export': 'metrics',
};

// gRPC status codes the receiver answers with.
const GrpcStatus = { ok: 0, invalidArgument: 3, resourceExhausted: 8, unimplemented: 12, internal: 13 } as const;

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);

export async function startOtlpGrpcReceiver(options: OtlpReceiverOptions): Promise<OtlpReceiver> {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const stats = options.stats ?? newReceiverStats();
  const server = http2.createServer();
  server.on('stream', (stream, headers) => {
    const method = String(headers[':path'] ?? '');
    const signal = METHODS[method];
    const fail = (code: number, message: string): void => {
      stats.rejected++;
      stats.lastRejection = message;
      respond(stream, code, message);
    };
    if (!signal) return fail(GrpcStatus.unimplemented, `unknown method ${method}: this receiver serves the OTLP trace, logs and metrics services`);
    if (!/^application\/grpc(\+proto)?$/.test(String(headers['content-type'] ?? '').split(';')[0]!.trim())) {
      return fail(GrpcStatus.invalidArgument, `content-type must be application/grpc`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes + 5) {
        if (!stream.headersSent) fail(GrpcStatus.resourceExhausted, `message over the ${maxBodyBytes}-byte limit`);
        return;
      }
      chunks.push(chunk);
    });
    stream.on('end', () => {
      if (stream.headersSent) return;
      unframe(Buffer.concat(chunks), String(headers['grpc-encoding'] ?? 'identity'), maxBodyBytes)
        .then((message) => (signal === 'metrics' ? void stats.metricsDropped++ : accept(signal, 'protobuf', message, stats, options.onBatch)))
        .then(
          () => respond(stream, GrpcStatus.ok, undefined),
          (err: unknown) => {
            const refusal = err instanceof Refusal ? err : new Refusal(500, `receiver failed: ${(err as Error)?.message ?? String(err)}`);
            fail(refusal.status === 413 ? GrpcStatus.resourceExhausted : refusal.status >= 500 ? GrpcStatus.internal : GrpcStatus.invalidArgument, refusal.message);
          },
        );
    });
    stream.on('error', () => undefined);
  });
  server.on('sessionError', () => undefined);

  const where = await listen(server, options.port ?? 4317, options.host);
  const sessions = new Set<http2.ServerHttp2Session>();
  server.on('session', (session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
  });
  return {
    ...where,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Exporters keep their HTTP/2 session open: ask them to go, then drop what is left.
        for (const session of sessions) session.close();
        setTimeout(() => {
          for (const session of sessions) session.destroy();
        }, 1000).unref();
      }),
  };
}

/** One length-prefixed gRPC message: 1 byte compressed flag, 4 bytes big-endian length, the message. */
async function unframe(body: Buffer, encoding: string, maxBodyBytes: number): Promise<Buffer> {
  if (body.length < 5) throw new Refusal(400, `gRPC message shorter than its 5-byte prefix (${body.length} bytes)`);
  const compressed = body[0] === 1;
  const length = body.readUInt32BE(1);
  if (body.length !== 5 + length) throw new Refusal(400, `gRPC message length ${length} does not match the ${body.length - 5} bytes sent (one message per Export call)`);
  const message = body.subarray(5);
  if (!compressed) return message;
  if (encoding !== 'gzip' && encoding !== 'deflate') throw new Refusal(400, `compressed message with grpc-encoding ${encoding}; gzip or deflate are supported`);
  try {
    return await (encoding === 'gzip' ? gunzip : inflate)(message, { maxOutputLength: maxBodyBytes });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new Refusal(413, `message decompresses to more than ${maxBodyBytes} bytes`);
    throw new Refusal(400, `message is not valid ${encoding}: ${(err as Error).message}`);
  }
}

/** An empty Export response and `grpc-status: 0`, or a trailers-only error with the reason. */
function respond(stream: http2.ServerHttp2Stream, code: number, message: string | undefined): void {
  if (stream.headersSent || stream.destroyed) return;
  if (code !== GrpcStatus.ok) {
    stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': String(code), 'grpc-message': encodeURIComponent(message ?? '') }, { endStream: true });
    return;
  }
  stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
  stream.once('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
  // ExportTraceServiceResponse / ExportLogsServiceResponse without partial_success: zero bytes.
  stream.end(Buffer.from([0, 0, 0, 0, 0]));
}
