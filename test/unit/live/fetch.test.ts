// `limbo fetch` against stand-ins that follow the backends' documented query rules: the demo's
// recorded incident served by a fake Tempo (traces) and a fake Loki (pino lines), real Jaeger UI
// fixtures served by a fake Jaeger. What comes back must analyze exactly like the original files.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { runCli } from '../../../src/cli/run';
import type { CliIO } from '../../../src/cli/io';
import { parseArgs } from '../../../src/cli/commands/fetch';
import { withLabels } from '../../../src/core/live/query/loki';
import { ingestBuffer } from '../../../src/core/ingest/index';
import { analyze } from '../../../src/core/pipeline';
import { ingestFile } from '../../../src/core/ingest/index';
import { fakeJaeger, fakeLoki, fakeTempo, otlpTraces } from '../../helpers/fake-backends';
import { fixture, repoRoot } from '../../helpers/paths';

const dir = mkdtempSync(join(tmpdir(), 'limbo-fetch-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const recorded = join(repoRoot, 'examples', 'shop-express', 'recorded');
const traceLines = gunzipSync(readFileSync(join(recorded, 'traces.otlp.jsonl.gz'))).toString('utf8').split('\n').filter(Boolean);
const logLines = readFileSync(join(recorded, 'app.log.jsonl'), 'utf8').split('\n').filter(Boolean);

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = { code: 0, out: '', err: '' };
  const io: CliIO = { stdout: (t) => void (r.out += t), stderr: (t) => void (r.err += t), isTTY: false };
  r.code = await runCli(args, io);
  return r;
}

const iso = (ns: bigint, shiftMs: number): string => new Date(Number(ns / 1_000_000n) + shiftMs).toISOString();

test('tempo: search + trace by id over the demo incident, with an auth header; analyzes like the recording', async () => {
  const traces = otlpTraces(traceLines);
  const starts = [...traces.values()].map((t) => t.startNs).sort((a, b) => (a < b ? -1 : 1));
  const tempo = await fakeTempo(traces, { authorization: 'Bearer s3cret' });
  try {
    const out = join(dir, 'tempo.otlp.jsonl');
    const window = ['--start', iso(starts[0]!, -1000), '--end', iso(starts.at(-1)!, 1000)];
    const denied = await cli(['fetch', 'tempo', tempo.url, ...window, '--out', out]);
    assert.equal(denied.code, 1);
    assert.match(denied.err, /127\.0\.0\.1:\d+\/api\/search: HTTP 401: unauthorized/);

    const r = await cli(['fetch', 'tempo', tempo.url, ...window, '--limit', '5000', '--header', 'Authorization: Bearer s3cret', '--out', out]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, new RegExp(`${traces.size} trace\\(s\\)`));
    assert.doesNotMatch(r.err, /s3cret/);
    const search = new URL(tempo.requests.find((p) => p.startsWith('/api/search'))!, 'http://x');
    assert.equal(search.searchParams.get('q'), '{}');
    assert.equal(Number(search.searchParams.get('start')), Math.floor(Number(starts[0]! / 1_000_000n) / 1000) - 1, 'seconds');
    const fetched = await analyze({ inputs: [out] });
    const original = await analyze({ inputs: [join(recorded, 'traces.otlp.jsonl.gz')] });
    assert.deepEqual(fetched.summary, original.summary);
    assert.deepEqual(fetched.incomplete.map((i) => i.id).sort(), original.incomplete.map((i) => i.id).sort());
  } finally {
    await tempo.close();
  }
});

test('tempo: --limit caps the traces and says so; a window with nothing in it exits 1', async () => {
  const traces = otlpTraces(traceLines);
  const tempo = await fakeTempo(traces);
  try {
    const out = join(dir, 'tempo-capped.jsonl');
    const r = await cli(['fetch', 'tempo', tempo.url, '--start', '2000-01-01T00:00:00Z', '--end', '2100-01-01T00:00:00Z', '--limit', '5', '--out', out]);
    assert.equal(r.code, 0, r.err);
    assert.equal(readFileSync(out, 'utf8').split('\n').filter(Boolean).length, 5);
    assert.match(r.err, /the limit \(5\) was reached/);
    const empty = await cli(['fetch', 'tempo', tempo.url, '--start', '2001-01-01T00:00:00Z', '--end', '2001-01-02T00:00:00Z', '--out', out]);
    assert.equal(empty.code, 1);
    assert.match(empty.err, /nothing matched between 2001-01-01T00:00:00.000Z/);
  } finally {
    await tempo.close();
  }
});

test('loki: every pino line of the incident, paged 100 at a time across lines sharing an instant; analyzes like the file', async () => {
  const entries = logLines.map((line) => {
    const record = JSON.parse(line) as { time: number; level: number };
    return { ns: BigInt(record.time) * 1_000_000n, line, stream: String(record.level) };
  });
  const sameInstant = entries.length - new Set(entries.map((e) => e.ns)).size;
  assert.ok(sameInstant > 100, `the recording has ${sameInstant} lines sharing a millisecond with another`);
  const loki = await fakeLoki(entries, 100);
  try {
    const out = join(dir, 'loki.jsonl');
    const ns = entries.map((e) => e.ns).sort((a, b) => (a < b ? -1 : 1));
    const r = await cli(['fetch', 'loki', loki.url, '--query', '{service="shop-express"}', '--start', iso(ns[0]!, 0), '--end', iso(ns.at(-1)!, 1), '--out', out]);
    assert.equal(r.code, 0, r.err);
    assert.ok(loki.requests.length > logLines.length / 100, `${loki.requests.length} pages`);
    const fetched = readFileSync(out, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    // Each line once, with its stream's labels added as a `loki` object.
    const withoutLabels = fetched.map(({ loki, ...rest }) => {
      assert.deepEqual(loki, { level: String(rest.level) });
      return JSON.stringify(rest);
    });
    assert.deepEqual(withoutLabels.sort(), logLines.map((l) => JSON.stringify(JSON.parse(l))).sort());
    const a = await analyze({ inputs: [out] });
    const b = await analyze({ inputs: [join(recorded, 'app.log.jsonl')] });
    assert.deepEqual(a.summary, b.summary);
  } finally {
    await loki.close();
  }
});

test('loki labels are spliced into JSON object lines as text; other lines are left alone', () => {
  const labels = JSON.stringify({ pod: 'shop-7f9c', namespace: 'prod' });
  assert.deepEqual(JSON.parse(withLabels('{"msg":"hi","id":12345678901234567890}', labels)), { loki: { pod: 'shop-7f9c', namespace: 'prod' }, msg: 'hi', id: 12345678901234567890 });
  assert.match(withLabels('{"id":12345678901234567890}', labels), /"id":12345678901234567890}$/, 'digits kept as written');
  assert.deepEqual(JSON.parse(withLabels('{}', labels)), { loki: { pod: 'shop-7f9c', namespace: 'prod' } });
  assert.deepEqual(JSON.parse(withLabels('{"loki":"own"}', labels)).loki, 'own', 'the line\'s own field wins');
  const access = '127.0.0.1 - - [29/Nov/2026:02:00:00 +0000] "GET / HTTP/1.1" 499 0';
  assert.equal(withLabels(access, labels), access);
  assert.equal(withLabels('{"a":1}', ''), '{"a":1}');
});

test('loki labels become loki.<label>= pairs of logfmt log lines, quoted when needed; the line\'s own pair stays', async () => {
  const labels = JSON.stringify({ pod: 'shop-7f9c', note: 'two words "quoted"', 'bad key': 'x' });
  const line = withLabels('level=info msg="incoming request" req_id=r1', labels);
  assert.equal(line, 'level=info msg="incoming request" req_id=r1 loki.pod=shop-7f9c loki.note="two words \\"quoted\\""');
  const r = await ingestBuffer('loki.log', `${line}\n${withLabels('level=warn msg=aborted req_id=r1 loki.pod=own', labels)}\n`);
  assert.equal(r.summary.format, 'logfmt');
  assert.deepEqual([r.logs[0]!.attributes['loki.pod'], r.logs[0]!.attributes['loki.note']], ['shop-7f9c', 'two words "quoted"']);
  assert.equal(r.logs[1]!.attributes['loki.pod'], 'own');
  assert.equal(withLabels('USER=root ; PWD=/tmp', labels), 'USER=root ; PWD=/tmp', 'key=value text that is not a log line is left alone');
});

test('loki: more lines at one instant than a page holds ends with a warning instead of asking forever', async () => {
  const entries = Array.from({ length: 250 }, (_, i) => ({ ns: 5_000_000_000n, line: `{"msg":"tick ${i}"}`, stream: 'a' }));
  entries.push({ ns: 6_000_000_000n, line: '{"msg":"after"}', stream: 'a' });
  const loki = await fakeLoki(entries, 100);
  try {
    const out = join(dir, 'loki-instant.jsonl');
    const r = await cli(['fetch', 'loki', loki.url, '--query', '{a="b"}', '--start', '1970-01-01T00:00:01Z', '--end', '1970-01-01T00:00:10Z', '--out', out]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /more than 100 lines at 5000000000 ns/);
    const lines = readFileSync(out, 'utf8').split('\n').filter(Boolean);
    assert.equal(lines.at(-1), '{"loki":{"level":"a"},"msg":"after"}');
    assert.equal(new Set(lines).size, lines.length, 'no line twice');
    assert.ok(loki.requests.length < 10);
  } finally {
    await loki.close();
  }
});

test('jaeger: the query API over real Jaeger UI traces, per service, in microseconds', async () => {
  const files = readdirSync(fixture('jaeger')).filter((f) => f.includes('spanAmongEachOther') || f.includes('spanLongerAsParent') || f.includes('genaiTestTrace'));
  const traces = files.map((f) => JSON.parse(readFileSync(fixture(join('jaeger', f)), 'utf8')));
  const jaeger = await fakeJaeger(traces);
  try {
    const out = join(dir, 'jaeger.json');
    const r = await cli(['fetch', 'jaeger', jaeger.url, '--service', 'api-gateway', '--start', '2000-01-01T00:00:00Z', '--end', '2100-01-01T00:00:00Z', '--out', out]);
    assert.equal(r.code, 0, r.err);
    const expected = traces.filter((t) => Object.values(t.processes as Record<string, { serviceName: string }>).some((p) => p.serviceName === 'api-gateway'));
    assert.match(r.err, new RegExp(`${expected.length} trace\\(s\\)`));
    const query = new URL(jaeger.requests[0]!, 'http://x');
    assert.equal(query.searchParams.get('start'), String(Date.parse('2000-01-01T00:00:00Z') * 1000));
    const summary = (await ingestFile(out)).summary;
    assert.equal(summary.format, 'jaeger');
    assert.equal(summary.spans, expected.reduce((n, t) => n + t.spans.length, 0));
    assert.equal(summary.traces, expected.length);
  } finally {
    await jaeger.close();
  }
});

test('answers that are not what was asked for: a clear error naming the endpoint', async () => {
  const loki = await fakeLoki([]);
  try {
    const r = await cli(['fetch', 'jaeger', loki.url, '--service', 'x', '--out', join(dir, 'x.json')]);
    assert.equal(r.code, 1);
    assert.match(r.err, /\/api\/traces: HTTP 404/);
    const closed = await fakeLoki([]);
    await closed.close();
    const unreachable = await cli(['fetch', 'loki', closed.url, '--query', '{a="b"}', '--out', join(dir, 'y.jsonl'), '--timeout', '5']);
    assert.equal(unreachable.code, 1);
    assert.match(unreachable.err, /127\.0\.0\.1:\d+\/loki\/api\/v1\/query_range: ECONNREFUSED/);
  } finally {
    await loki.close();
  }
});

test('arguments: backends, windows and their errors', () => {
  const now = Date.parse('2026-11-29T03:00:00Z');
  const o = parseArgs(['loki', 'http://loki:3100', '--query', '{app="x"}', '--since', '15m', '--out', 'f'], now);
  assert.ok(typeof o === 'object');
  assert.deepEqual([o.startMs, o.endMs, o.limit], [now - 15 * 60_000, now, 50_000]);
  const j = parseArgs(['jaeger', 'http://j:16686', '--service', 's', '--tag', 'http.status_code=200', '--header', 'X-Scope-OrgID: t1', '--out', 'f'], now);
  assert.ok(typeof j === 'object');
  assert.deepEqual([j.startMs, j.tags, j.headers, j.limit], [now - 3_600_000, { 'http.status_code': '200' }, { 'X-Scope-OrgID': 't1' }, 2000]);
  for (const [args, reason] of [
    [['zipkin', 'http://z'], /jaeger, tempo or loki, not zipkin/],
    [['tempo'], /URL is required/],
    [['tempo', 'http://t', '--out', 'f', '--since', '10x'], /--since takes a duration/],
    [['tempo', 'http://t', '--out', 'f', '--start', 'yesterday'], /--start takes an ISO 8601 time/],
    [['tempo', 'http://t', '--out', 'f', '--start', '2026-11-29T04:00:00Z'], /window is empty/],
    [['jaeger', 'http://j', '--out', 'f'], /Jaeger needs --service/],
    [['loki', 'http://l', '--out', 'f'], /Loki needs --query/],
    [['tempo', 'http://t', '--out', 'f', '--tag', 'a=b'], /Jaeger options/],
    [['tempo', 'http://t', '--out', 'f', '--header', 'nocolon'], /--header takes/],
    [['tempo', 'http://t', '--out', 'f', '--limit', '0'], /--limit must be/],
    [['tempo', 'http://t'], /--out FILE is required/],
  ] as const) {
    const r = parseArgs([...args], now);
    assert.ok(typeof r === 'string' && reason.test(r), `${args.join(' ')} → ${String(r)}`);
  }
});
