// The byte line splitter, the streaming JSON splitter and format detection, in isolation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineSplitter } from '../../../src/core/ingest/line-splitter';
import { JsonSplitter, type JsonPath } from '../../../src/core/ingest/json-splitter';
import { detectFormat } from '../../../src/core/ingest/detect-format';

function splitLines(chunks: Buffer[], maxLineBytes = 1 << 20) {
  const lines: Array<[number, string]> = [];
  const oversized: Array<[number, number]> = [];
  const invalid: number[] = [];
  const s = new LineSplitter({ maxLineBytes, onLine: (t, n) => lines.push([n, t]), onOversizedLine: (n, b) => oversized.push([n, b]), onInvalidUtf8: (n) => invalid.push(n) });
  for (const c of chunks) s.write(c);
  s.end();
  return { lines, oversized, invalid };
}

test('line splitter: same lines whatever the chunking, CRLF stripped, multi-byte characters intact, no final newline', () => {
  const bytes = Buffer.from('ä€😀\r\nsecond\n\nlast');
  const whole = splitLines([bytes]);
  const byteByByte = splitLines([...bytes].map((b) => Buffer.from([b])));
  assert.deepEqual(whole.lines, [[1, 'ä€😀'], [2, 'second'], [3, ''], [4, 'last']]);
  assert.deepEqual(byteByByte.lines, whole.lines);
});

test('line splitter: an over-long line is dropped with its number and size, neighbours kept', () => {
  const { lines, oversized } = splitLines([Buffer.from('a\n'), Buffer.from('x'.repeat(50)), Buffer.from('y'.repeat(50)), Buffer.from('\nb\n')], 64);
  assert.deepEqual(lines, [[1, 'a'], [3, 'b']]);
  assert.deepEqual(oversized, [[2, 100]]);
});

test('line splitter: invalid UTF-8 is replaced and reported per line; a literal U+FFFD is not', () => {
  const { lines, invalid } = splitLines([Buffer.concat([Buffer.from('ok\nbad '), Buffer.from([0xc3, 0x28]), Buffer.from('\nlit \uFFFD\n')])]);
  assert.equal(lines[1]![1], 'bad \uFFFD(');
  assert.deepEqual(invalid, [2]);
});

function splitJson(text: string, descend: (p: JsonPath) => boolean, chunk = text.length, maxDepth = 64) {
  const values: Array<[string, unknown, number]> = [];
  const closes: string[] = [];
  const problems: string[] = [];
  const s = new JsonSplitter({
    descend,
    onValue: (p, t, line) => values.push([p.join('.'), JSON.parse(t), line]),
    onClose: (p) => closes.push(p.join('.')),
    onFatal: (m, line) => problems.push(`fatal@${line}: ${m}`),
    onSkipped: (m, line) => problems.push(`skipped@${line}: ${m}`),
    maxDepth,
    maxValueChars: 1 << 20,
  });
  for (let i = 0; i < text.length; i += chunk) s.write(text.slice(i, i + chunk));
  s.end();
  return { values, closes, problems };
}

test('JSON splitter: parts with paths and start lines, identical for any chunk size, escapes and braces inside strings', () => {
  const doc = '{\n "a": 1,\n "list": [\n  {"s": "x\\"}{[\\\\"},\n  [2, 3],\n  "t"\n ],\n "z": null\n}';
  const whole = splitJson(doc, (p) => p.join('.') === 'list');
  assert.deepEqual(whole.values, [['a', 1, 2], ['list.0', { s: 'x"}{[\\' }, 4], ['list.1', [2, 3], 5], ['list.2', 't', 6], ['z', null, 8]]);
  assert.deepEqual(whole.closes, ['list']);
  assert.deepEqual(whole.problems, []);
  for (const size of [1, 2, 3, 7]) assert.deepEqual(splitJson(doc, (p) => p.join('.') === 'list', size).values, whole.values, `chunk ${size}`);
});

test('JSON splitter: a value nested too deep is skipped with its line and reading goes on', () => {
  const deep = '['.repeat(100) + ']'.repeat(100);
  const { values, problems } = splitJson(`[1,\n${deep},\n3]`, () => false, 5, 32);
  assert.deepEqual(values.map((v) => v[1]), [1, 3]);
  assert.deepEqual(problems, ['skipped@2: JSON nested deeper than 32 levels: skipped the value at [1]']);
});

test('JSON splitter: truncation and syntax errors are fatal with a line number', () => {
  assert.deepEqual(splitJson('{"a": [1,\n2', (p) => p[0] === 'a').problems, ['fatal@2: truncated JSON: the input ends inside a value opened at line 1']);
  assert.match(splitJson('{"a": 1\n"b": 2}', () => false).problems[0]!, /^fatal@2: invalid JSON: expected ',' or '}'/);
  assert.match(splitJson('{"a": 1}\n{"b": 2}', () => false).problems[0]!, /^fatal@2: unexpected '\{' after the end/);
  assert.match(splitJson('', () => false).problems[0]!, /no JSON document/);
});

const detections: Array<[string, string, string]> = [
  ['{"resourceSpans":[]}\n{"resourceMetrics":[]}\n', 'x.json', 'otlp-jsonl'],
  ['{\n  "resourceSpans": []\n}', 'x.txt', 'otlp-json'],
  ['{\n  "resourceLogs": []\n}', 'x.json', 'otlp-logs'],
  ['{"resourceLogs":[]}\n', 'x.json', 'otlp-logs'],
  ['{\n "data": [ { "traceID": "1", "spans": [] } ]\n}', 'x.json', 'jaeger'],
  ['[\n {"traceId":"1","id":"2","timestamp":1}\n]', 'x.json', 'zipkin'],
  ['{\n "log": { "version": "1.2", "entries": [] }\n}', 'x.json', 'har'],
  ['{"level":30,"msg":"a"}\n', 'x.otlp.json', 'jsonl-log'],
  ['# comment\n{"level":30}\nnot json\n', 'x', 'jsonl-log'],
  ['1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 2326\n', 'x.json', 'access-log'],
  ['hello world\n', 'x.log', 'unknown'],
  ['\u0000\u0001\u0002binary', 'x.json', 'unknown'],
  ['', 'x', 'unknown'],
  [`{"resourceSpans":[{"x":"${'y'.repeat(70000)}"}]}`, 'x', 'otlp-jsonl'],
];
for (const [sample, name, format] of detections) {
  test(`detect ${format}: ${JSON.stringify(sample.slice(0, 40))}`, () => {
    assert.equal(detectFormat(sample.slice(0, 65536), name).format, format);
  });
}
