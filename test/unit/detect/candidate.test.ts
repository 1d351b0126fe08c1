import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Span } from '../../../src/core/model';
import { flatText, SpansById } from '../../../src/core/detect/candidate';
import { span } from './builders';

/** What the per-request map used to hold: the first span of each id, unless a later one is the server half. */
function expectedById(spans: Span[]): Map<string, Span> {
  const map = new Map<string, Span>();
  for (const s of spans) if (!map.has(s.spanId) || s.kind === 'server') map.set(s.spanId, s);
  return map;
}

for (const size of [3, 16, 17, 40]) {
  test(`SpansById finds what a map of first-or-server spans finds (${size} spans, ${size > 16 ? 'map' : 'scan'})`, () => {
    const spans: Span[] = [];
    for (let i = 0; i < size; i++) {
      // Every third id is shared by a client and a server half (Zipkin), in either order.
      const id = `00000000000000${String(Math.floor(i / 2) % 50).padStart(2, '0')}`;
      spans.push(span({ traceId: 't', spanId: id, name: `s${i}`, startMs: i, kind: i % 3 === 0 ? 'server' : i % 3 === 1 ? 'client' : 'internal' }));
    }
    const byId = new SpansById(spans);
    const expected = expectedById(spans);
    for (const [id, s] of expected) {
      assert.equal(byId.get(id), s, id);
      assert.ok(byId.has(id));
    }
    assert.equal(byId.get('ffffffffffffffff'), undefined);
    assert.equal(byId.has('ffffffffffffffff'), false);
  });
}

test('flatText writes what the template literal writes', () => {
  const status = 200;
  const name = "GET /orders/:id";
  assert.equal(flatText`'${name}' ended after ${'45 ms'}${status ? ` with HTTP ${status}` : ''}.`, `'${name}' ended after 45 ms with HTTP 200.`);
  assert.equal(flatText`plain`, 'plain');
  assert.equal(flatText`${undefined}-${null}-${1.5}`, 'undefined-null-1.5');
});
