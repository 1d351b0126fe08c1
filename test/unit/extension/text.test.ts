import assert from 'node:assert/strict';
import { test } from 'node:test';
import { markdownCode, markdownText, plainText } from '../../../src/extension/model/text';

test('plainText drops control, bidi and zero-width characters and folds newlines', () => {
  const cases: Array<[string, string]> = [
    ['a\u001b[31mred\u001b[0m', 'a[31mred[0m'],
    ['line1\nline2\r\nline3', 'line1 line2 line3'],
    ['evil\u202etxt.exe', 'eviltxt.exe'],
    ['zero\u200bwidth', 'zerowidth'],
    ['  padded  ', 'padded'],
  ];
  for (const [input, expected] of cases) assert.equal(plainText(input), expected, JSON.stringify(input));
});

test('plainText caps the length with an ellipsis', () => {
  assert.equal(plainText('x'.repeat(300), 10), `${'x'.repeat(9)}…`);
  assert.equal(plainText(undefined), '');
});

test('markdownText makes HTML and markdown markup inert', () => {
  const cases: Array<[string, string]> = [
    ['<img src=x onerror="alert(1)">', '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'],
    ['[click](command:workbench.action.terminal.new)', '\\[click\\](command:workbench.action.terminal.new)'],
    ['**bold** _it_ `code`', '\\*\\*bold\\*\\* \\_it\\_ \\`code\\`'],
    ['# heading', '\\# heading'],
    ['- item', '\\- item'],
    ['1. first', '1\\. first'],
    ['src/orders.ts:8', 'src/orders.ts:8'],
    ['a & b', 'a &amp; b'],
  ];
  for (const [input, expected] of cases) assert.equal(markdownText(input), expected, input);
});

test('markdownCode cannot be closed by a backtick in the data', () => {
  assert.equal(markdownCode('a`b'), '`aˋb`');
  assert.equal(markdownCode(''), '` `');
  assert.ok(!markdownCode('x\ny').includes('\n'));
});
