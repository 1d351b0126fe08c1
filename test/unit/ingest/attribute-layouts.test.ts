import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ingestBuffer } from '../../../src/core/ingest/index';

/** One OTLP JSON line of spans of one name, each with its own attribute list (values unique per span, so no object is shared). */
function line(lists: Array<Array<{ key: string; value: unknown }>>): string {
  const spans = lists.map((attributes, i) => ({ traceId: 'a'.repeat(32), spanId: (i + 1).toString(16).padStart(16, '0'), name: 'GET /items/:id', kind: 2, startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000000100000000', attributes }));
  return JSON.stringify({ resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ spans }] }] }) + '\n';
}
const str = (key: string, s: string) => ({ key, value: { stringValue: s } });
const int = (key: string, n: number) => ({ key, value: { intValue: String(n) } });

test('spans of one name with the same keys get their own objects, with their own values, keys in list order', async () => {
  // Unique values per span: the name stops being compared for sharing, so each object is built (copied from the last layout).
  const lists: Array<Array<{ key: string; value: unknown }>> = Array.from({ length: 100 }, (_, i) => [str('http.target', `/items/${i}`), int('http.status_code', 200 + (i % 3)), str('client.address', `10.0.0.${i}`)]);
  lists[70] = [int('http.status_code', 201), str('http.target', '/items/70'), str('client.address', '10.0.0.70')];
  lists[71] = [str('http.target', '/items/71'), int('http.status_code', 202)];
  lists[72] = [str('http.target', '/items/72'), str('http.target', '/items/72b'), str('client.address', '10.0.0.72')];
  lists[73] = [str('http.target', '/items/73'), { key: 'nested', value: { kvlistValue: { values: [str('a', 'b')] } } }, str('client.address', '10.0.0.73')];
  lists[74] = [str('http.target', '/items/74'), { key: 'nested', value: { kvlistValue: { values: [str('a', 'c')] } } }, str('client.address', '10.0.0.74')];
  lists[75] = [str('1', 'x'), str('0', 'y'), str('client.address', 'z')];
  lists[76] = [str('1', 'x'), str('0', 'y'), str('client.address', 'w')];
  const { spans } = await ingestBuffer('t.jsonl', line(lists));
  assert.equal(spans.length, 100);
  const expected = (list: Array<{ key: string; value: unknown }>): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const { key, value } of list) {
      const v = value as { stringValue?: string; intValue?: string; kvlistValue?: { values: Array<{ key: string; value: { stringValue: string } }> } };
      out[key] = v.stringValue ?? (v.intValue !== undefined ? Number(v.intValue) : Object.fromEntries(v.kvlistValue!.values.map((x) => [x.key, x.value.stringValue])));
    }
    return out;
  };
  spans.forEach((s, i) => {
    assert.deepEqual(s.attributes, expected(lists[i]!), `span ${i}`);
    assert.deepEqual(Object.keys(s.attributes), Object.keys(expected(lists[i]!)), `span ${i} key order`);
  });
  assert.notEqual(spans[73]!.attributes.nested, spans[74]!.attributes.nested, 'nested values are not shared through the copy');
  assert.equal(new Set(spans.map((s) => s.attributes)).size, 100, 'one object per span');
});
