import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sentinelOf } from '../../../../src/core/analysis/dataflow/sentinel';
import { walk, isLoopNode, type Node } from '../../../../src/core/analysis/dataflow/ast';
import { parseSnippet } from './helpers';

/** The sentinel of the object `probe(<object>)` names inside the snippet's one loop. */
function sentinelIn(code: string): string | undefined {
  const file = parseSnippet(code, 'snippet.js');
  let loop: Node | undefined;
  let object: Node | undefined;
  walk(file.ast, (n) => {
    if (isLoopNode(n)) loop = n;
    if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'probe') object = n.arguments[0];
  });
  return sentinelOf(object!, loop!, file);
}

const loopOver = (object: string) => `function scan(state) { let i = 0; while (probe(${object})) i++; return i; }\n`;

test('sentinel: a field appended once, first set in a constructor', () => {
  assert.equal(sentinelIn(`function State(input) { this.input = input; }\nfunction load(t) { const s = new State(t); s.input += '\\0'; return scan(s); }\n${loopOver('state.input')}`), '\0');
  assert.equal(sentinelIn(`class Reader { constructor(src) { this.src = src; } }\nfunction load(t) { const r = new Reader(t); r.src = r.src + ';'; return scan(r); }\n${loopOver('state.src')}`), ';');
});

test('sentinel: none when the field is also set otherwise, to two characters, or never appended', () => {
  assert.equal(sentinelIn(`function State(input) { this.input = input; }\nfunction load(t) { const s = new State(t); s.input += '\\0'; s.input = s.input.trim(); return scan(s); }\n${loopOver('state.input')}`), undefined);
  assert.equal(sentinelIn(`function State(input) { this.input = input; }\nfunction a(s) { s.input += '\\0'; }\nfunction b(s) { s.input += ';'; }\n${loopOver('state.input')}`), undefined);
  assert.equal(sentinelIn(`function state(input) { this.input = input; }\nfunction a(s) { s.input += '\\0'; }\n${loopOver('state.input')}`), undefined, 'a lowercase function is no constructor');
  assert.equal(sentinelIn(`function State(input) { this.input = input; }\n${loopOver('state.input')}`), undefined);
  assert.equal(sentinelIn(`function a(s) { s.input += '\\0\\0'; }\n${loopOver('state.input')}`), undefined, 'more than one character');
});

test('sentinel: a variable declared with it, or appended to before the loop in the same function', () => {
  assert.equal(sentinelIn(`function f(t) { const s = t + '\\0'; let i = 0; while (probe(s)) i++; return i; }`), '\0');
  assert.equal(sentinelIn(`function f(t) { let s = t; s += '\\0'; let i = 0; while (probe(s)) i++; return i; }`), '\0');
  assert.equal(sentinelIn(`function f(t) { let s = t; let i = 0; while (probe(s)) i++; s += '\\0'; return i; }`), undefined, 'appended after the loop');
  assert.equal(sentinelIn(`function f(t) { let s = t; const g = () => { s += '\\0'; }; g(); let i = 0; while (probe(s)) i++; return i; }`), undefined, 'appended in a closure');
  assert.equal(sentinelIn(`function f(t) { let s = t; let i = 0; while (probe(s)) i++; return i; }`), undefined);
});
