import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ReturnFloors } from '../../../../src/core/analysis/dataflow/return-floors';
import { walk, type Node } from '../../../../src/core/analysis/dataflow/ast';
import type { FunctionNode } from '../../../../src/core/analysis/project/types';
import { functionNamed, parseSnippet } from './helpers';

/** The floor of what `probe(helper(…))`'s call returns above argument `index` (or its `property`); callees found by name in the snippet. */
function floorAt(code: string, index: number, property?: string): number | undefined {
  const file = parseSnippet(code, 'snippet.js');
  const floors = new ReturnFloors((_, call) => {
    const callee = call.callee;
    if (callee.type !== 'Identifier') return [];
    try {
      return [{ node: functionNamed(file, callee.name) as FunctionNode, file }];
    } catch {
      return [];
    }
  });
  let call: Node | undefined;
  walk(file.ast, (n) => {
    if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'probe') call = n.arguments[0];
  });
  assert.equal(call?.type, 'CallExpression');
  return floors.callFloor(file, call as Parameters<typeof floors.callFloor>[1], index, property);
}

test('return floors: a parameter only raised, locals set from it, conditionals, Math.max', () => {
  assert.equal(floorAt(`function h(s, i) { while (s[i] === ' ') i++; return i; }\nprobe(h(t, 0));`, 1), 0);
  assert.equal(floorAt(`function h(s, i) { if (s[i] !== '?') return i + 1; i += 2; return i < s.length ? i + 1 : i; }\nprobe(h(t, 0));`, 1), 0, 'raised in place: known only not to be below what was passed');
  assert.equal(floorAt(`function h(s, i) { let j = i + 1; while (s[j] !== ']') j++; return j + 1; }\nprobe(h(t, 0));`, 1), 2);
  assert.equal(floorAt(`function h(s, i) { return Math.max(i + 3, s.indexOf('x')); }\nprobe(h(t, 0));`, 1), 3);
  assert.equal(floorAt(`const h = (s, i) => i + s.length;\nprobe(h(t, 0));`, 1), 0);
  assert.equal(floorAt(`function g(s, i) { return i + 2; }\nfunction h(s, i) { return g(s, i + 1); }\nprobe(h(t, 0));`, 1), 3, 'through a helper of the helper');
});

test('return floors: a property of every object literal returned', () => {
  const q = `function q(s, i) { if (s[i] === '*') { const next = s[i + 1] === '?' ? i + 2 : i + 1; return { present: true, next }; } let next = i; if (s[i] === '{') next += s.length; return { present: false, next }; }\nprobe(q(t, 0));`;
  assert.equal(floorAt(q, 1, 'next'), 0);
  assert.equal(floorAt(q, 1, 'present'), undefined);
  assert.equal(floorAt(`function q(s, i) { return { next: i + 1, ...s }; }\nprobe(q(t, 0));`, 1, 'next'), undefined, 'a spread after it may replace it');
  assert.equal(floorAt(`function q(s, i) { return { ...s, next: i + 1 }; }\nprobe(q(t, 0));`, 1, 'next'), 1);
});

test('return floors: none when a path returns less, nothing, or something else', () => {
  assert.equal(floorAt(`function h(s, i) { if (s[i] === '\\\\') return i - 1; return i + 1; }\nprobe(h(t, 0));`, 1), undefined);
  assert.equal(floorAt(`function h(s, i) { while (s[i] === ' ') i--; return i + 1; }\nprobe(h(t, 0));`, 1), undefined, 'the parameter goes down');
  assert.equal(floorAt(`function h(s, i) { if (s[i] === 'x') return i + 1; }\nprobe(h(t, 0));`, 1), undefined, 'falls off the end');
  assert.equal(floorAt(`function h(s, i) { return s.indexOf('x', i); }\nprobe(h(t, 0));`, 1), undefined);
  assert.equal(floorAt(`function h(s, i) { return i + s; }\nprobe(h(t, 0));`, 1), undefined);
  assert.equal(floorAt(`async function h(s, i) { return i + 1; }\nprobe(h(t, 0));`, 1), undefined, 'a promise');
  assert.equal(floorAt(`function h(s, i) { return h(s, i + 1); }\nprobe(h(t, 0));`, 1), undefined, 'calls itself');
  assert.equal(floorAt(`function h(s, i) { try { return i + 1; } finally { return 0; } }\nprobe(h(t, 0));`, 1), undefined, 'a finally that returns');
  assert.equal(floorAt(`function h(s, i) { return i + 1; }\nprobe(h(t, 0));`, 0), undefined, 'another parameter');
});
