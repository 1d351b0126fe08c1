// Local stand-ins for an OpenTelemetry Collector (OTLP/HTTP JSON in, file-exporter JSON lines out)
// and a Zipkin server (v2 JSON spans in).
import http from 'node:http';
import { gunzipSync } from 'node:zlib';

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const raw = Buffer.concat(chunks);
  return (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
}

async function listen(handler) {
  const server = http.createServer(async (req, res) => {
    try {
      const status = await handler(req);
      res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
    } catch (error) {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: String(error) }));
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: server.address().port, close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }) };
}

export async function startOtlpReceiver() {
  const lines = [];
  let spans = 0;
  const { port, close } = await listen(async (req) => {
    if (req.method !== 'POST' || req.url !== '/v1/traces') return 404;
    const request = JSON.parse(await readBody(req));
    for (const rs of request.resourceSpans ?? []) for (const ss of rs.scopeSpans ?? []) spans += ss.spans?.length ?? 0;
    lines.push(JSON.stringify(request));
    return 200;
  });
  return { url: `http://127.0.0.1:${port}/v1/traces`, lines, spanCount: () => spans, close };
}

export async function startZipkinReceiver() {
  const spans = [];
  const { port, close } = await listen(async (req) => {
    if (req.method !== 'POST' || req.url !== '/api/v2/spans') return 404;
    spans.push(...JSON.parse(await readBody(req)));
    return 202;
  });
  return { url: `http://127.0.0.1:${port}/api/v2/spans`, spans, close };
}
