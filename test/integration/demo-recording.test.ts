// The committed demo recordings must agree with what the load generator saw (summary.json): every request
// visible as a server span (OTLP and Zipkin), in the app log and in the access log, and every timed-out
// request visible as one that never completed. A bad re-recording fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { repoRoot } from '../helpers/paths';

interface FlowSummary {
  requests: number;
  completed: number;
  timedOut: number;
  failed: number;
  statuses: Record<string, number>;
  timedOutRequestIds: string[];
}

interface RecordingSummary {
  example: string;
  stuckFlow: string;
  clientTimeoutMs: number;
  seed: number;
  durationSeconds: number;
  totals: { requests: number; completed: number; timedOut: number; failed: number };
  flows: Record<string, FlowSummary>;
  files: { traces: string; zipkin: string; logs: string; accessLog: string };
}

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  arrayValue?: { values?: OtlpValue[] };
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes?: Array<{ key: string; value: OtlpValue }>;
}

const examples = [
  { example: 'shop-express', stuckFlow: 'POST /orders/:orderId/gift-card/redeem' },
  { example: 'catalog-koa', stuckFlow: 'GET /brands/:brandId/changes' },
];

const readText = (file: string): string => {
  const raw = readFileSync(file);
  return (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
};
const jsonLines = (text: string): unknown[] => text.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as unknown);

// `GET /orders/:orderId` → matches `GET /orders/o-5001?x=1`, not `GET /orders`.
const flowMatcher = (flows: string[]) => {
  const patterns = flows.map((flow) => {
    const [method, route] = flow.split(' ') as [string, string];
    const source = route.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:\w+/g, '[^/?]+');
    return { flow, regex: new RegExp(`^${method} ${source}(\\?.*)?$`) };
  });
  return (method: string, url: string): string | undefined => patterns.find((p) => p.regex.test(`${method} ${url}`))?.flow;
};

const increment = (counts: Map<string, number>, key: string | undefined): void => {
  if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
};

const otlpString = (value: OtlpValue | undefined): string | undefined => value?.stringValue ?? value?.arrayValue?.values?.[0]?.stringValue;

// The examples are what `limbo analyze --src` reads: no comment may point at the bug.
const hint = /\b(bug|fixme|todo|hack|xxx|infinite|forever|never (ends|exits|finishes|returns)|hangs?|stuck)\b/i;
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : /\.(ts|js)$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

for (const { example, stuckFlow } of examples) {
  const dir = join(repoRoot, 'examples', example, 'recorded');

  test(`${example}: source comments give nothing away`, () => {
    const files = sourceFiles(join(repoRoot, 'examples', example, 'src'));
    assert.ok(files.length >= 6, `${example} has its source files`);
    for (const file of files) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, index) => {
          const comment = /\/\/(.*)$|\/\*(.*)|^\s*\*(.*)$/.exec(line);
          const text = comment ? (comment[1] ?? comment[2] ?? comment[3] ?? '') : '';
          assert.ok(!hint.test(text), `${file}:${index + 1} comment hints at the bug: ${line.trim()}`);
        });
    }
  });

  const summaryPath = join(dir, 'summary.json');

  test(`${example}: recording exists with a summary`, () => {
    assert.ok(existsSync(summaryPath), `${summaryPath} is missing; run node examples/record.mjs ${example}`);
  });
  if (!existsSync(summaryPath)) continue;

  const summary = JSON.parse(readFileSync(summaryPath, 'utf8')) as RecordingSummary;
  const flowNames = Object.keys(summary.flows);
  const flowOf = flowMatcher(flowNames);
  const allTimedOut = new Set(Object.values(summary.flows).flatMap((f) => f.timedOutRequestIds));

  test(`${example}: summary is internally consistent and the rare flow is the one that hangs`, () => {
    assert.equal(summary.stuckFlow, stuckFlow);
    assert.ok(summary.clientTimeoutMs > 0 && summary.durationSeconds > 0);
    let requests = 0;
    let timedOut = 0;
    for (const [flow, stats] of Object.entries(summary.flows)) {
      assert.equal(stats.completed + stats.timedOut + stats.failed, stats.requests, `${flow}: completed + timedOut + failed`);
      assert.equal(Object.values(stats.statuses).reduce((a, b) => a + b, 0), stats.completed, `${flow}: statuses add up`);
      assert.equal(stats.timedOutRequestIds.length, stats.timedOut, `${flow}: one id per timeout`);
      requests += stats.requests;
      timedOut += stats.timedOut;
    }
    assert.equal(requests, summary.totals.requests);
    assert.equal(timedOut, summary.totals.timedOut);
    assert.equal(summary.totals.failed, 0, 'no request failed outright');
    const stuck = summary.flows[stuckFlow]!;
    assert.ok(stuck.timedOut >= 5, `the stuck flow has hung requests (${stuck.timedOut})`);
    assert.ok(stuck.requests / summary.totals.requests < 0.05, 'the stuck flow is rare');
    assert.equal(timedOut, stuck.timedOut, 'only the stuck flow times out');
  });

  test(`${example}: OTLP traces have one server span per request, and hung requests keep working after their span ended`, () => {
    const spans: OtlpSpan[] = [];
    for (const request of jsonLines(readText(join(dir, summary.files.traces))) as Array<{ resourceSpans?: Array<{ scopeSpans?: Array<{ spans?: OtlpSpan[] }> }> }>) {
      for (const rs of request.resourceSpans ?? []) for (const ss of rs.scopeSpans ?? []) spans.push(...(ss.spans ?? []));
    }
    const serverSpans = spans.filter((s) => s.kind === 2);
    const perFlow = new Map<string, number>();
    const hungServerSpans: OtlpSpan[] = [];
    for (const span of serverSpans) {
      const attr = (key: string) => otlpString(span.attributes?.find((a) => a.key === key)?.value);
      increment(perFlow, `${attr('http.request.method')} ${attr('http.route')}`);
      if (allTimedOut.has(attr('http.request.header.x-request-id') ?? '')) hungServerSpans.push(span);
    }
    for (const [flow, stats] of Object.entries(summary.flows)) assert.equal(perFlow.get(flow) ?? 0, stats.requests, `server spans for ${flow}`);
    assert.equal(hungServerSpans.length, summary.totals.timedOut, 'every timed-out request has its server span');

    const byTrace = new Map<string, OtlpSpan[]>();
    for (const span of spans) byTrace.set(span.traceId, [...(byTrace.get(span.traceId) ?? []), span]);
    for (const server of hungServerSpans) {
      const durationMs = Number(BigInt(server.endTimeUnixNano) - BigInt(server.startTimeUnixNano)) / 1e6;
      assert.ok(Math.abs(durationMs - summary.clientTimeoutMs) < 250, `hung server span lasts about the client timeout (${durationMs} ms)`);
      const lateChildren = (byTrace.get(server.traceId) ?? []).filter((s) => BigInt(s.startTimeUnixNano) > BigInt(server.endTimeUnixNano));
      assert.ok(lateChildren.length >= 3, `trace ${server.traceId} keeps starting spans after its server span ended (${lateChildren.length})`);
      const repeats = new Map<string, number>();
      for (const child of lateChildren) increment(repeats, child.name);
      assert.ok(Math.max(...repeats.values()) >= 3, 'one operation repeats inside the hung request');
    }
  });

  test(`${example}: Zipkin export has the same server spans per flow`, () => {
    const spans = JSON.parse(readText(join(dir, summary.files.zipkin))) as Array<{ kind?: string; tags?: Record<string, string> }>;
    const perFlow = new Map<string, number>();
    for (const span of spans) if (span.kind === 'SERVER') increment(perFlow, `${span.tags?.['http.request.method']} ${span.tags?.['http.route']}`);
    for (const [flow, stats] of Object.entries(summary.flows)) assert.equal(perFlow.get(flow) ?? 0, stats.requests, `zipkin server spans for ${flow}`);
  });

  test(`${example}: app log starts every request and completes exactly the ones that finished`, () => {
    const records = jsonLines(readText(join(dir, summary.files.logs))) as Array<{ msg?: string; reqId?: string; req?: { method: string; url: string } }>;
    const started = new Map<string, number>();
    const completedIds = new Set<string>();
    const completedPerFlow = new Map<string, number>();
    for (const record of records) {
      if (record.msg === 'incoming request' && record.req) increment(started, flowOf(record.req.method, record.req.url));
      if (record.msg === 'request completed' && record.req && record.reqId) {
        completedIds.add(record.reqId);
        increment(completedPerFlow, flowOf(record.req.method, record.req.url));
      }
    }
    for (const [flow, stats] of Object.entries(summary.flows)) {
      assert.equal(started.get(flow) ?? 0, stats.requests, `incoming request logs for ${flow}`);
      assert.equal(completedPerFlow.get(flow) ?? 0, stats.completed, `request completed logs for ${flow}`);
    }
    for (const id of allTimedOut) assert.ok(!completedIds.has(id), `timed-out request ${id} has no completion log`);
  });

  test(`${example}: access log has a line per request and 499 for exactly the timed-out ones`, () => {
    const line = /^(\S+) - \S+ \[[^\]]+\] "(\S+) (\S+) HTTP\/[\d.]+" (\d{3}) (\d+) "[^"]*" "[^"]*" ([\d.]+) "([^"]*)"$/;
    const perFlow = new Map<string, number>();
    const clientClosed = new Set<string>();
    const lines = readText(join(dir, summary.files.accessLog)).split('\n').filter(Boolean);
    for (const text of lines) {
      const match = line.exec(text);
      assert.ok(match, `access log line parses: ${text}`);
      const [, , method, url, status, , seconds, requestId] = match;
      increment(perFlow, flowOf(method!, url!));
      if (status === '499') {
        clientClosed.add(requestId!);
        assert.ok(Math.abs(Number(seconds) * 1000 - summary.clientTimeoutMs) < 500, `499 after about the client timeout (${seconds} s)`);
      }
    }
    for (const [flow, stats] of Object.entries(summary.flows)) assert.equal(perFlow.get(flow) ?? 0, stats.requests, `access log lines for ${flow}`);
    assert.deepEqual([...clientClosed].sort(), [...allTimedOut].sort());
  });
}
