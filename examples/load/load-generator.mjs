// Open-loop load generator: sends requests at a steady seeded rate, gives up on each after a client timeout,
// stops after a fixed duration or request count, and reports per flow what it saw.
import http from 'node:http';
import { seededRandom } from './random.mjs';

// During the first `warmupMs` the rare flow is not sent, so that no hung request meets a service still
// warming up (a cold first request spends part of the client's timeout before the server sees it).
export async function generateLoad({ baseUrl, profile, seed, durationMs, warmupMs = 0, requestsPerSecond, maxRequests, clientTimeoutMs, userAgent = 'limbo-demo-load/1.0' }) {
  const rng = seededRandom(seed);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const flows = Object.fromEntries(profile.flows.map((f) => [f.flow, { requests: 0, completed: 0, timedOut: 0, failed: 0, statuses: {}, timedOutRequestIds: [] }]));
  const pending = [];
  const started = Date.now();
  let sent = 0;

  const chooseFlow = (candidates) => {
    let ticket = rng.next() * candidates.reduce((sum, f) => sum + f.weight, 0);
    for (const flow of candidates) {
      ticket -= flow.weight;
      if (ticket < 0) return flow;
    }
    return candidates[candidates.length - 1];
  };
  const warmupFlows = profile.flows.filter((f) => f.flow !== profile.stuckFlow);

  while (sent < maxRequests) {
    const dueAt = started + (sent * 1000) / requestsPerSecond;
    if (dueAt - started >= durationMs) break;
    const wait = dueAt - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const flow = chooseFlow(dueAt - started < warmupMs ? warmupFlows : profile.flows);
    const request = flow.request(rng);
    const requestId = rng.hex(32);
    const stats = flows[flow.flow];
    stats.requests++;
    sent++;
    pending.push(
      send(baseUrl, agent, request, requestId, clientTimeoutMs, userAgent).then((outcome) => {
        if (outcome.timedOut) {
          stats.timedOut++;
          stats.timedOutRequestIds.push(requestId);
        } else if (outcome.status === undefined) {
          stats.failed++;
        } else {
          stats.completed++;
          stats.statuses[outcome.status] = (stats.statuses[outcome.status] ?? 0) + 1;
        }
      }),
    );
  }
  await Promise.all(pending);
  agent.destroy();

  const totals = Object.values(flows).reduce(
    (sum, f) => ({ requests: sum.requests + f.requests, completed: sum.completed + f.completed, timedOut: sum.timedOut + f.timedOut, failed: sum.failed + f.failed }),
    { requests: 0, completed: 0, timedOut: 0, failed: 0 },
  );
  return { flows, totals, elapsedMs: Date.now() - started };
}

function send(baseUrl, agent, request, requestId, clientTimeoutMs, userAgent) {
  return new Promise((resolve) => {
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    const headers = { 'user-agent': userAgent, 'x-request-id': requestId, accept: 'application/json', ...request.headers };
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(body);
    }
    let settled = false;
    const finish = (outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const req = http.request(new URL(request.path, baseUrl), { method: request.method, agent, headers }, (res) => {
      res.resume();
      res.on('end', () => finish({ status: res.statusCode }));
      res.on('error', () => finish({ status: undefined }));
    });
    const timer = setTimeout(() => {
      finish({ timedOut: true });
      req.destroy();
    }, clientTimeoutMs);
    req.on('error', () => finish({ status: undefined }));
    req.end(body);
  });
}
