import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { elementRead, truthPastEnd } from '../../../../src/core/analysis/dataflow/past-end-reads';
import { isFunctionNode, walk, type Node } from '../../../../src/core/analysis/dataflow/ast';
import type { ParsedFile } from '../../../../src/core/analysis/project/types';
import { parseSnippet } from './helpers';

/** The truth of `probe(<condition>)` with every read at a cursor taken past the end; predicates resolved by name in the snippet. */
function truthOf(code: string): boolean | undefined {
  const file = parseSnippet(code, 'snippet.js');
  let condition: Node | undefined;
  const functions = new Map<string, Node>();
  walk(file.ast, (n) => {
    if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'probe') condition = n.arguments[0];
    if (n.type === 'FunctionDeclaration' && n.id) functions.set(n.id.name, n);
    if (n.type === 'VariableDeclarator' && n.id.type === 'Identifier' && n.init && isFunctionNode(n.init)) functions.set(n.id.name, n.init);
  });
  const resolve = (f: ParsedFile, call: TSESTree.CallExpression) => {
    const fn = call.callee.type === 'Identifier' ? functions.get(call.callee.name) : undefined;
    return fn ? [{ node: fn, file: f }] : [];
  };
  const bound = (n: Node) => {
    const r = elementRead(n);
    if (r) return { value: r.pastEnd };
    return n.type === 'Identifier' && n.name === 'ch' ? { value: NaN } : undefined;
  };
  return truthPastEnd(condition!, bound, file, resolve);
}

test('past the end: comparisons with NaN and undefined', () => {
  assert.equal(truthOf('probe(s.charCodeAt(i) === 32)'), false);
  assert.equal(truthOf('probe(s.charCodeAt(i + 1) !== 32)'), true);
  assert.equal(truthOf('probe(ch >= 0x30 && ch <= 0x39)'), false);
  assert.equal(truthOf('probe(ch < limit)'), false, 'an order comparison with NaN is false whatever the other side');
  assert.equal(truthOf('probe(xs[i] !== undefined)'), false);
  assert.equal(truthOf('probe(xs[i] === undefined && ys[i] === undefined)'), true);
  assert.equal(truthOf('probe(xs[i] === other)'), undefined, 'undefined === unknown is not known');
  assert.equal(truthOf('probe(ch !== 0)'), true, 'NaN is never the NUL a sentinel loop waits for');
  assert.equal(truthOf('probe(!(ch === 0x20))'), true);
});

test('past the end: unknown operands only where they cannot change the answer', () => {
  assert.equal(truthOf('probe(more && ch === 0x20)'), false);
  assert.equal(truthOf('probe(more || ch === 0x20)'), undefined);
  assert.equal(truthOf('probe(ch === 0x20 ? more : false)'), false);
  assert.equal(truthOf('probe(flag ? ch === 1 : ch === 2)'), false);
  assert.equal(truthOf('probe(flag ? ch === 1 : true)'), undefined);
  assert.equal(truthOf('probe(isNaN(ch))'), true);
  assert.equal(truthOf('probe(ch - 48 < 10)'), false);
  assert.equal(truthOf('probe(unknownCall(ch))'), undefined);
});

test('past the end: small predicates are evaluated with their arguments', () => {
  assert.equal(truthOf('function isDigit(c) { return c >= 0x30 && c <= 0x39; }\nprobe(isDigit(ch))'), false);
  assert.equal(truthOf('const isSpace = (c) => c === 0x20 || c === 0x09;\nprobe(!isSpace(ch))'), true);
  assert.equal(truthOf('function isWord(c) { return isLower(c) || isUpper(c); }\nfunction isLower(c) { return c >= 97 && c <= 122; }\nfunction isUpper(c) { return c >= 65 && c <= 90; }\nprobe(isWord(ch))'), false);
  // Not one returned expression, or a parameter reassigned: not evaluated.
  assert.equal(truthOf('function isDigit(c) { if (c > 57) return false; return c >= 48; }\nprobe(isDigit(ch))'), undefined);
  assert.equal(truthOf('function isDigit(c) { c = 48; return c >= 48; }\nprobe(isDigit(ch))'), undefined);
});

test('element reads: indexes and char codes at a cursor; charAt and at() are not', () => {
  const readOf = (code: string) => {
    const file = parseSnippet(code, 'snippet.js');
    let arg: Node | undefined;
    walk(file.ast, (n) => {
      if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'probe') arg = n.arguments[0];
    });
    const r = elementRead(arg!);
    return r && { cursor: (r.cursor as TSESTree.Identifier).name ?? r.cursor.type, pastEnd: r.pastEnd };
  };
  assert.deepEqual(readOf('probe(s.charCodeAt(++pos))'), { cursor: 'pos', pastEnd: NaN });
  assert.deepEqual(readOf('probe(xs[i - 1])'), { cursor: 'i', pastEnd: undefined });
  assert.equal(readOf('probe(s.charAt(i))'), undefined);
  assert.equal(readOf('probe(s.at(i))'), undefined);
  assert.equal(readOf("probe('abc'[i])"), undefined);
});
