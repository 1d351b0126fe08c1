import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findLoops } from '../../../../src/core/analysis/cfg/loop-exits';
import { parseSnippet } from './helpers';

const exitsOf = (code: string, index = 0) => {
  const file = parseSnippet(code);
  const loop = findLoops(file.ast)[index]!;
  return loop.exits.map((e) => ({ kind: e.kind, line: e.node.loc.start.line, guards: e.guards.map((g) => (g.type === 'CatchClause' ? 'catch' : file.text.slice(g.range[0], g.range[1]))), onError: e.onError }));
};

const cases: Array<{ name: string; code: string; index?: number; exits: ReturnType<typeof exitsOf> }> = [
  { name: 'while test only', code: 'while (a < b) a++;', exits: [{ kind: 'test', line: 1, guards: [], onError: false }] },
  { name: 'constant test has no test exit; guarded break', code: 'while (true) {\n  if (x) break;\n}', exits: [{ kind: 'break', line: 2, guards: ['x'], onError: false }] },
  { name: 'break of an inner loop or switch is not an exit', code: 'for (;;) {\n  for (;;) break;\n  switch (k) { case 1: break; }\n  if (y) return;\n}', exits: [{ kind: 'return', line: 4, guards: ['y'], onError: false }] },
  { name: 'labeled break out of an inner loop exits the outer one', code: 'outer: while (true) {\n  while (z) {\n    if (q) break outer;\n  }\n}', exits: [{ kind: 'break', line: 3, guards: ['z', 'q'], onError: false }] },
  { name: 'labeled continue of an enclosing loop exits the inner one', index: 1, code: 'a: for (;;) {\n  for (;;) {\n    if (w) continue a;\n  }\n}', exits: [{ kind: 'outer-continue', line: 3, guards: ['w'], onError: false }] },
  { name: 'throw inside try/catch is caught; throw in catch exits on error', code: 'do {\n  try {\n    throw e;\n  } catch (err) {\n    if (n > 3) throw err;\n  } finally {\n    if (done) break;\n  }\n} while (1);', exits: [
    { kind: 'throw', line: 5, guards: ['catch', 'n > 3'], onError: true },
    { kind: 'break', line: 7, guards: ['done'], onError: false },
  ] },
  { name: 'nested functions are not the loop’s control flow', code: 'while (go) {\n  list.forEach(() => { return 1; });\n}', exits: [{ kind: 'test', line: 1, guards: [], onError: false }] },
  { name: 'else branch is guarded by the same test', code: 'for (;;) {\n  if (a) { x(); } else { break; }\n}', exits: [{ kind: 'break', line: 2, guards: ['a'], onError: false }] },
];

for (const c of cases) test(`loop exits: ${c.name}`, () => assert.deepEqual(exitsOf(c.code, c.index), c.exits));

test('loop kinds, including for await and do-while', () => {
  const file = parseSnippet('async function f(s) {\n  for await (const x of s) {}\n  for (const k in s) {}\n  do {} while (s);\n  for (;;) {}\n}');
  assert.deepEqual(findLoops(file.ast.body[0]!).map((l) => [l.kind, l.constantTest]), [
    ['for-await', false],
    ['for-in', false],
    ['do-while', false],
    ['for', true],
  ]);
});
