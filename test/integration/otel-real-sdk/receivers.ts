// Stand-ins for an OpenTelemetry Collector (OTLP/HTTP JSON in, file-exporter JSON lines out) and a
// Zipkin server (v2 JSON in), bound to 127.0.0.1.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

export interface Receiver {
  url: string;
  /** OTLP: one ExportTraceServiceRequest JSON per line. Zipkin: the spans received. */
  received: unknown[];
  close: () => Promise<void>;
}

async function start(path: string, status: number, onBody: (body: string) => void): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== path) return void res.writeHead(404).end();
      try {
        const raw = Buffer.concat(chunks);
        onBody((req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8'));
        res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
      } catch (err) {
        res.writeHead(400).end(String(err));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function startOtlpReceiver(): Promise<Receiver> {
  const received: string[] = [];
  const { url, close } = await start('/v1/traces', 200, (body) => received.push(JSON.stringify(JSON.parse(body))));
  return { url, received, close };
}

export async function startZipkinReceiver(): Promise<Receiver> {
  const received: unknown[] = [];
  const { url, close } = await start('/api/v2/spans', 202, (body) => {
    for (const span of JSON.parse(body) as unknown[]) received.push(span);
  });
  return { url, received, close };
}
