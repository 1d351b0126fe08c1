import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SharedAttributes } from '../../../src/core/ingest/shared-attributes';
import { StringInterner } from '../../../src/core/ingest/intern';
import { ingestBuffer } from '../../../src/core/ingest/index';
import type { AttrValue } from '../../../src/core/model';

/** What the OTLP importer does: begin, add the pairs, take; or build a plain object when begin() declines. */
function take(shared: SharedAttributes, name: string, pairs: Array<[string, AttrValue]>) {
  if (!shared.begin(name)) return Object.fromEntries(pairs);
  for (const [k, v] of pairs) shared.add(k, v);
  return shared.take(new StringInterner());
}

test('equal attribute lists of spans of one name share one object; any difference gets its own', () => {
  const shared = new SharedAttributes();
  const query: Array<[string, AttrValue]> = [['db.system', 'postgresql'], ['db.statement', 'SELECT 1'], ['net.peer.port', 5432]];
  const a = take(shared, 'pg.query', query);
  assert.deepEqual(a, { 'db.system': 'postgresql', 'db.statement': 'SELECT 1', 'net.peer.port': 5432 });
  assert.equal(take(shared, 'pg.query', query.map(([k, v]) => [`${k}`, v])), a);
  assert.notEqual(take(shared, 'other', query), a, 'another span name');
  assert.notEqual(take(shared, 'pg.query', [...query.slice(0, 2), ['net.peer.port', 5433]]), a, 'another value');
  assert.notEqual(take(shared, 'pg.query', [query[1]!, query[0]!, query[2]!]), a, 'another order');
  assert.notEqual(take(shared, 'pg.query', query.slice(0, 2)), a, 'fewer keys');
  assert.notEqual(take(shared, 'pg.query', [...query, ['x', null]]), a, 'more keys');
  assert.notEqual(take(shared, 'pg.query', [...query.slice(0, 2), ['net.peer.port', '5432']]), a, 'a string is not a number');
  const nested: Array<[string, AttrValue]> = [['list', ['a']]];
  assert.notEqual(take(shared, 'n', nested), take(shared, 'n', [['list', ['a']]]), 'arrays are never taken as equal');
});

test('a repeated key keeps its last value, as an object literal would', () => {
  const shared = new SharedAttributes();
  const first = take(shared, 's', [['k', 1], ['k', 2]]);
  assert.deepEqual(first, { k: 2 });
  assert.deepEqual(take(shared, 's', [['k', 2]]), { k: 2 });
  assert.deepEqual(take(shared, 's', [['k', 1], ['k', 3]]), { k: 3 });
});

test('the last few distinct lists of a name are remembered', () => {
  const shared = new SharedAttributes();
  const objects = [1, 2, 3, 4].map((n) => take(shared, 'q', [['n', n]]));
  for (const [i, n] of [1, 2, 3, 4].entries()) assert.equal(take(shared, 'q', [['n', n]]), objects[i]);
  take(shared, 'q', [['n', 5]]);
  assert.notEqual(take(shared, 'q', [['n', 1]]), objects[0], 'the oldest was let go');
});

test('a name whose lists are rarely equal stops being compared; others go on being shared', () => {
  const shared = new SharedAttributes();
  for (let i = 0; i < 64; i++) take(shared, 'GET', [['http.url', `/items/${i}`]]);
  assert.equal(shared.begin('GET'), false);
  const a = take(shared, 'GET', [['http.url', '/items/1']]);
  assert.notEqual(take(shared, 'GET', [['http.url', '/items/1']]), a);
  assert.deepEqual(a, { 'http.url': '/items/1' });
  for (let i = 0; i < 64; i++) take(shared, 'pg.query', [['db.statement', i % 8 === 0 ? `SELECT ${i}` : 'SELECT 1']]);
  assert.equal(shared.begin('pg.query'), true);
  const q = take(shared, 'pg.query', [['db.statement', 'SELECT 1']]);
  assert.equal(take(shared, 'pg.query', [['db.statement', 'SELECT 1']]), q);
});

test('OTLP spans with equal attributes share the object, with the values as read', async () => {
  const kv = (key: string, value: string) => ({ key, value: { stringValue: value } });
  const span = (id: string, statement: string) => ({ traceId: 'a'.repeat(32), spanId: id, parentSpanId: 'b'.repeat(16), name: 'pg.query:SELECT', kind: 3, startTimeUnixNano: '1764300000000000000', endTimeUnixNano: '1764300000001000000', attributes: [kv('db.system', 'postgresql'), kv('db.statement', statement)] });
  const line = { resourceSpans: [{ resource: { attributes: [kv('service.name', 'api')] }, scopeSpans: [{ spans: [span('1'.repeat(16), 'SELECT * FROM t WHERE id = $1'), span('2'.repeat(16), 'SELECT * FROM t WHERE id = $1'), span('3'.repeat(16), 'SELECT * FROM u')] }] }] };
  const { spans } = await ingestBuffer('t.jsonl', `${JSON.stringify(line)}\n`);
  assert.equal(spans.length, 3);
  assert.equal(spans[0]!.attributes, spans[1]!.attributes);
  assert.notEqual(spans[1]!.attributes, spans[2]!.attributes);
  assert.deepEqual(spans[2]!.attributes, { 'db.system': 'postgresql', 'db.statement': 'SELECT * FROM u' });
});
