import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mayMatchEmpty } from '../../../../src/core/analysis/dataflow/regex-nullable';
import { constantString } from '../../../../src/core/analysis/dataflow/constant-string';
import { walk, type Node } from '../../../../src/core/analysis/dataflow/ast';
import { parseSnippet } from './helpers';

const cases: Array<[string, boolean]> = [
  ['a', false], ['[a-z]+', false], ['(?:ab)+', false], ['a{2,}', false], ['\\ud83c[\\udffb-\\udfff]', false], ['(?<n>a)', false], ['x(?=y)', false], ['(\\w)\\1', false],
  ['a*', true], ['a|', true], ['(?= )', true], ['\\b', true], ['^', true], ['(?:a?){2}', true], ['\\d{0,3}', true], ['.*?', true], ['(a*)\\1', true], ['(?!x)', true], ['(?<=a)', true],
  // Not read: taken as possibly empty.
  ['[', true], ['a)', true], ['(?', true],
];
for (const [pattern, empty] of cases) test(`regex ${JSON.stringify(pattern)} ${empty ? 'may' : 'cannot'} match empty`, () => assert.equal(mayMatchEmpty(pattern), empty));

function textOfProbe(code: string): string | undefined {
  const file = parseSnippet(code, 'snippet.js');
  let arg: Node | undefined;
  walk(file.ast, (n) => {
    if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'probe') arg = n.arguments[0];
  });
  return constantString(arg!, file);
}

test('constant text: concatenations, joins and module vars written once', () => {
  assert.equal(textOfProbe("var a = '[a-z]', b = '\\\\d';\nvar c = '(?:' + [a, b].join('|') + ')';\nprobe(c + `+${a}`);"), '(?:[a-z]|\\d)+[a-z]');
  assert.equal(textOfProbe("var a = 'x';\na = 'y';\nprobe(a);"), undefined);
  assert.equal(textOfProbe("function f(p) { probe('a' + p); }"), undefined);
  assert.equal(textOfProbe("function f() { let a = 'x'; probe(a); }"), undefined);
});
