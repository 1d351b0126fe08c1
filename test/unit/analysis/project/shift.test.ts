// The position shift carries an edited file's old positions over to its new text: every node outside
// the changed region must land exactly where the parser puts it in the new text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, type TSESTree } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import { commonPrefix, commonSuffix, positionShift } from '../../../../src/core/analysis/project/shift';
import type { CodeLocation } from '../../../../src/core/model/code';

function nodesOf(text: string): Array<{ type: string; range: [number, number]; location: CodeLocation }> {
  const out: Array<{ type: string; range: [number, number]; location: CodeLocation }> = [];
  const visit = (node: TSESTree.Node) => {
    const { start, end } = node.loc;
    out.push({ type: node.type, range: node.range, location: { file: 'f.js', startLine: start.line, startColumn: start.column + 1, endLine: end.line, endColumn: end.column + 1 } });
    for (const key of visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const c of Array.isArray(child) ? child : [child]) if (c && typeof c === 'object' && 'type' in c) visit(c as TSESTree.Node);
    }
  };
  visit(parse(text, { loc: true, range: true }));
  return out;
}

const BASE = 'function a(x) {\n  const y = x;\n  return y;\n}\nfunction b(z) { return z + 1; }\nconst c = () => 2;\n';
// Whole lines inserted or removed: every node outside them has its counterpart. A change within a
// line can grow the node around it (`z + 1` to `z + 100`): there only nodes off its edges are held to it.
const EDITS: Record<string, [string, string, boolean?]> = {
  'a line inserted in a body': [BASE, BASE.replace('  const y', '  void 0;\n  const y')],
  'a line deleted': [BASE, BASE.replace('  const y = x;\n', '')],
  'a line split in two': [BASE, BASE.replace('return z + 1;', 'return z +\n 1;')],
  'a function inserted before others': [BASE, BASE.replace('function b', '\n\nfunction q() {}\nfunction b')],
  'CRLF line ends': [BASE.replace(/\n/g, '\r\n'), BASE.replace(/\n/g, '\r\n').replace('  const y', '  void 0;\r\n  const y')],
  'a change within one line': [BASE, BASE.replace('z + 1', 'z + 100'), true],
  // The first line (no line break before the change) and line separators (counted one character at a time).
  'a change on the first line': [BASE, BASE.replace('function a(x)', 'function aa(x)'), true],
  'a line inserted below a U+2028 in a string': [`const s = 'a\u2028b';\n${BASE}`, `const s = 'a\u2028b';\n${BASE.replace('  const y', '  void 0;\n  const y')}`],
};

for (const [what, [oldText, newText, withinLine]] of Object.entries(EDITS)) {
  test(`position shift: ${what}`, () => {
    const shift = positionShift('f.js', oldText, newText);
    const after = nodesOf(newText);
    let prefix = 0;
    while (oldText[prefix] === newText[prefix]) prefix++;
    let mapped = 0;
    for (const node of nodesOf(oldText)) {
      const location = shift.location(node.location);
      const start = shift.start(node.range[0]);
      const end = shift.end(node.range[1]);
      if (!location || start === undefined || end === undefined) continue;
      mapped++;
      // (The within-line edit is an insertion: the region's edges are both at the common prefix.)
      const onEdge = node.range[1] === prefix || node.range[0] === prefix;
      if (withinLine && onEdge) continue;
      const twin = after.find((n) => n.type === node.type && n.range[0] === start && n.range[1] === end);
      assert.ok(twin, `${node.type} at ${node.range} has a counterpart at ${start}-${end}`);
      assert.deepEqual(location, twin.location, `${node.type} at ${node.range}`);
    }
    // The nodes after the edit are carried over, not given up.
    assert.ok(mapped >= nodesOf(oldText).length / 3, `${mapped} nodes mapped`);
  });
}

test('position shift: a node on the edge of a change within a line is guessed unchanged (the scanner checks such guesses)', () => {
  const shift = positionShift('f.js', BASE, BASE.replace('z + 1', 'z + 100'));
  const binary = nodesOf(BASE).find((n) => n.type === 'BinaryExpression')!;
  assert.deepEqual(shift.location(binary.location), binary.location);
  assert.notDeepEqual(nodesOf(BASE.replace('z + 1', 'z + 100')).find((n) => n.type === 'BinaryExpression')!.location, binary.location);
});

test('position shift: a position inside the changed region has no counterpart', () => {
  const shift = positionShift('f.js', BASE, BASE.replace('const y = x;', 'let y = x + 1;'));
  const line2 = { file: 'f.js', startLine: 2, startColumn: 3, endLine: 2, endColumn: 15 };
  assert.equal(shift.location(line2), undefined);
  assert.deepEqual(shift.location({ file: 'f.js', startLine: 5, startColumn: 1, endLine: 5, endColumn: 32 }), { file: 'f.js', startLine: 5, startColumn: 1, endLine: 5, endColumn: 32 });
});

test('common prefix and suffix: the block compares agree with a character loop (edits at block edges, limits, equal texts)', () => {
  const naivePrefix = (a: string, b: string) => {
    let n = 0;
    while (n < Math.min(a.length, b.length) && a[n] === b[n]) n++;
    return n;
  };
  const naiveSuffix = (a: string, b: string, limit: number) => {
    let n = 0;
    while (n < limit && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
    return n;
  };
  let seed = 7;
  const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
  const base = Array.from({ length: 9000 }, () => 'ab\n'[random(3)]).join('');
  const texts: Array<[string, string]> = [[base, base], [base, ''], ['', base]];
  for (const at of [0, 1, 15, 16, 17, 255, 256, 4095, 4096, 4097, 8999, 9000]) {
    texts.push([base, base.slice(0, at) + 'X' + base.slice(at)]);
    texts.push([base, base.slice(0, at) + base.slice(at + 1)]);
  }
  for (let i = 0; i < 50; i++) {
    const at = random(base.length);
    texts.push([base, base.slice(0, at) + 'yz'.repeat(random(3)) + base.slice(at + random(40))]);
  }
  for (const [a, b] of texts) {
    const prefix = commonPrefix(a, b);
    assert.equal(prefix, naivePrefix(a, b));
    const limit = Math.min(a.length, b.length) - prefix;
    assert.equal(commonSuffix(a, b, limit), naiveSuffix(a, b, limit));
    assert.equal(commonSuffix(a, b, Math.min(limit, 20)), naiveSuffix(a, b, Math.min(limit, 20)));
  }
});
