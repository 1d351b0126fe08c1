// A tiny nginx-like reverse proxy that writes a combined access log with the request time, and 499 when the
// client closed the connection before the response was sent (nginx's convention).
import http from 'node:http';

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n) => String(n).padStart(2, '0');
const timeLocal = (d) => `${pad(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
const quoted = (value) => `"${String(value ?? '-').replace(/["\\]/g, '\\$&')}"`;

export async function startAccessLogProxy({ upstreamPort, writeLine }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const server = http.createServer((req, res) => {
    const started = new Date();
    const remoteAddress = req.socket.remoteAddress ?? '-';
    const startedNs = process.hrtime.bigint();
    let bytesSent = 0;
    let logged = false;
    const log = (status) => {
      if (logged) return;
      logged = true;
      const seconds = (Number(process.hrtime.bigint() - startedNs) / 1e9).toFixed(3);
      writeLine(
        `${remoteAddress} - - [${timeLocal(started)}] ${quoted(`${req.method} ${req.url} HTTP/${req.httpVersion}`)} ${status} ${bytesSent} ${quoted(req.headers.referer)} ${quoted(req.headers['user-agent'])} ${seconds} ${quoted(req.headers['x-request-id'])}`,
      );
    };
    const upstream = http.request({ host: '127.0.0.1', port: upstreamPort, method: req.method, path: req.url, headers: req.headers, agent }, (upstreamRes) => {
      res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
      upstreamRes.on('data', (chunk) => {
        bytesSent += chunk.length;
        res.write(chunk);
      });
      upstreamRes.on('end', () => {
        res.end();
        log(upstreamRes.statusCode ?? 502);
      });
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502).end();
      log(502);
    });
    res.on('close', () => {
      if (!logged) {
        log(499);
        upstream.destroy();
      }
    });
    req.pipe(upstream);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    close: () => {
      agent.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
