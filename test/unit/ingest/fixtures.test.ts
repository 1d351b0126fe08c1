// Every file listed in fixtures/expected-counts.json, read through the public API, must give the
// counts that file lists (definitions in fixtures/SOURCES.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fixture } from '../../helpers/paths';
import { ingestFile } from '../../../src/core/ingest/index';
import type { IngestResult } from '../../../src/core/ingest/index';

type Expected = Record<string, any>;
const expected = JSON.parse(readFileSync(fixture('expected-counts.json'), 'utf8')) as { files: Record<string, Expected> };

const FORMAT_BY_FOLDER: Record<string, string> = {
  'otlp-json': 'otlp-json',
  'otlp-jsonl': 'otlp-jsonl',
  'otlp-logs': 'otlp-logs',
  jaeger: 'jaeger',
  zipkin: 'zipkin',
  har: 'har',
  'jsonl-logs': 'jsonl-log',
  'access-logs': 'access-log',
};

const sortedKeys = (o: Record<string, number>): Record<string, number> => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
function countBy<T>(items: T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of items) out[key(i)] = (out[key(i)] ?? 0) + 1;
  return sortedKeys(out);
}

function checkSpans(r: IngestResult, e: Expected): void {
  const s = r.summary;
  assert.equal(s.spans, e.spans, 'spans');
  assert.equal(s.uniqueSpanIds, e.uniqueTraceSpanIdPairs ?? e.spans - e.duplicateSpanIds, 'unique (traceId, spanId) pairs');
  assert.equal(s.traces, e.traces, 'traces');
  assert.deepEqual(s.services, [...e.services].sort(), 'services');
  assert.equal(r.spans.filter((x) => !x.service).length, e.spansWithoutService, 'spans without service');
  assert.equal(s.rootSpans, e.rootSpans, 'roots');
  assert.equal(s.missingParentSpans, e.spansWithMissingParent, 'missing parent');
  assert.equal(s.errorSpans, e.errorSpans, 'errors');
  assert.equal(s.maxDepth, e.maxDepth, 'depth');
  if (e.sharedSpanRecords !== undefined) assert.equal(r.spans.filter((x) => x.shared).length, e.sharedSpanRecords, 'shared records');
  if (e.spansWithoutDuration !== undefined) assert.equal(r.spans.filter((x) => x.endMs === undefined).length, e.spansWithoutDuration, 'spans without duration');
  for (const span of r.spans) {
    assert.match(span.traceId, /^[0-9a-f]{16}([0-9a-f]{16})?$/, 'trace ids are lower-case hex');
    assert.match(span.spanId, /^[0-9a-f]{16}$/, 'span ids are lower-case hex');
    assert.ok(span.origin.line >= 1);
  }
}

function checkOtlpLogs(r: IngestResult, e: Expected): void {
  assert.equal(r.summary.logRecords, e.logRecords, 'log records');
  assert.deepEqual(r.summary.logServices ?? [], [...e.services].sort(), 'log services');
  assert.equal(r.logs.filter((l) => l.traceId).length, e.withTraceId, 'records with a trace id');
  assert.equal(r.logs.filter((l) => l.timeMs !== undefined).length, e.logRecords, 'every record has a time (observedTimeUnixNano as fallback)');
  assert.equal(r.summary.errorLogRecords, e.errorOrAbove, 'error or above');
}

function checkJsonLines(r: IngestResult, e: Expected): void {
  const s = r.summary;
  assert.equal(s.logRecords, e.jsonObjectLines, 'JSON object lines are records');
  assert.equal(s.skippedLines, e.nonJsonLines + e.nonObjectJsonLines, 'other non-blank lines are skipped');
  assert.deepEqual(sortedKeys(s.logLevels), sortedKeys(e.levels), 'levels');
  assert.equal(s.errorLogRecords ?? 0, e.errorOrFatalLines, 'error or fatal');
  assert.equal(r.logs.filter((l) => l.traceId).length, e.linesWithTraceId, 'lines with a trace id');
  assert.equal(r.logs.filter((l) => l.timeMs !== undefined).length, e.linesWithTimestamp, 'lines with a time');
}

function checkAccessLog(r: IngestResult, e: Expected): void {
  const s = r.summary;
  assert.equal(s.accessLinesParsed, e.strictlyParsedLines, 'strictly parsed');
  assert.equal(s.accessLinesRejected + (s.accessLinesRecovered ?? 0), e.unparsedLines, 'not strictly parsed');
  if (e.unparsedLines === 0) {
    assert.deepEqual(countBy(r.exchanges, (x) => String(x.status)), sortedKeys(e.statusCodes), 'status codes');
    assert.equal(new Set(r.exchanges.map((x) => x.client)).size, e.distinctClientIps, 'client addresses');
    assert.equal(r.exchanges.reduce((n, x) => n + Number(x.attributes['http.response.body.size'] ?? 0), 0), e.totalBytes, 'bytes');
  }
}

function checkHar(r: IngestResult, e: Expected): void {
  assert.equal(r.summary.harEntries, e.entries, 'entries');
  assert.deepEqual(countBy(r.exchanges, (x) => String(x.status)), sortedKeys(e.statusCodes), 'status codes');
  assert.equal(r.exchanges.filter((x) => x.attributes['http.client_gave_up'] === true).length, e.status0, 'entries the client never saw finish');
}

for (const [relative, e] of Object.entries(expected.files)) {
  test(`fixture ${relative}`, async () => {
    const path = fixture(relative);
    const r = await ingestFile(path);
    const folder = relative.split('/')[0]!;
    if (folder === 'negative') {
      if (e.parseError) {
        assert.equal(r.summary.harEntries, 0);
        assert.match(r.summary.error ?? '', new RegExp(`${relative.split('/')[1]!.replace(/\./g, '\\.')}: line \\d+: invalid JSON`));
      } else if (e.kind === 'access-log') {
        assert.equal(r.summary.accessLinesParsed, e.strictlyParsedLines);
        assert.equal(r.exchanges.length, 0);
        assert.match(r.summary.error ?? '', /line 1: unrecognized input/);
      } else checkJsonLines(r, e);
      return;
    }
    assert.equal(r.summary.format, FORMAT_BY_FOLDER[folder], 'format detected from content');
    assert.equal(r.summary.error, undefined);
    if (e.logRecords !== undefined && e.kind === 'otlp-json') checkOtlpLogs(r, e);
    else if (e.spans !== undefined) checkSpans(r, e);
    else if (e.kind === 'jsonl-log') checkJsonLines(r, e);
    else if (e.kind === 'access-log') checkAccessLog(r, e);
    else if (e.kind === 'har') checkHar(r, e);
    else assert.fail(`no check for kind ${e.kind}`);
  });
}

test('otel-tui Collector file: spans and logs merged by trace, metrics lines skipped not failed', async () => {
  const r = await ingestFile(fixture('otlp-jsonl/otel-tui__test_data.json'));
  assert.equal(r.logs.length, 23);
  assert.equal(r.logs.filter((l) => l.traceId).length, 13);
  assert.deepEqual(r.summary.logServices, ['adservice', 'currencyservice', 'loadgenerator', 'recommendationservice']);
  assert.equal(r.summary.ignoredRecords, 40);
  assert.deepEqual(countBy(r.spans, (s) => s.kind), { client: 243, internal: 27, server: 277 });
  assert.equal(r.spans.filter((s) => s.links && s.links.length > 0).length, 53);
  assert.equal(r.spans.filter((s) => s.events.length > 0).length, 104);
  const orphan = r.spans.find((s) => s.spanId === '41c59718addbd409');
  assert.equal(orphan?.parentSpanId, 'b6482e7d0a07f446');
});
