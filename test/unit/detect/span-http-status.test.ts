import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spanHttpStatus } from '../../../src/core/detect/detectors/duration-at-timeout';

test('a span status is three digits, as a number or as text, from the first status key that has one', () => {
  assert.equal(spanHttpStatus({ 'http.status_code': 200 }), 200);
  assert.equal(spanHttpStatus({ 'http.status_code': '504' }), 504);
  assert.equal(spanHttpStatus({ 'http.response.status_code': 499, 'http.status_code': 200 }), 499);
  for (const odd of [99, 1000, 200.5, -200, Number.NaN, Infinity, '20', '2000', ' 200', '200 OK', true, null]) {
    assert.equal(spanHttpStatus({ 'http.status_code': odd }), undefined, String(odd));
    assert.equal(spanHttpStatus({ 'http.response.status_code': odd, 'http.status_code': 302 }), 302, `${String(odd)} then a status`);
  }
  assert.equal(spanHttpStatus({ 'http.status_code': 100 }), 100);
  assert.equal(spanHttpStatus({ 'http.status_code': 999 }), 999);
});
