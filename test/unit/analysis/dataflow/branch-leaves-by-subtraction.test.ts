// Which `if` branches surely make the loop test false by `a -= b` after `a < b` (or `a <= b`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { findLoops } from '../../../../src/core/analysis/cfg/loop-exits';
import { branchesLeavingBySubtraction } from '../../../../src/core/analysis/dataflow/branch-leaves-by-subtraction';
import { calleeName, walk, type Node } from '../../../../src/core/analysis/dataflow/ast';
import { everyTurnPasses } from '../../../../src/core/analysis/cfg/every-turn';
import { functionNamed, parseSnippet } from './helpers';

/** [then branch leaves, else branch leaves] for the first `if` of the first loop in `f`'s body. */
const leaves = (body: string, params = 'q, n'): [boolean, boolean] => {
  const file = parseSnippet(`async function f(${params}) {\n${body}\n}`, 'snippet.js');
  const loop = findLoops(functionNamed(file, 'f'))[0]!;
  let first: TSESTree.IfStatement | undefined;
  walk(loop.node.body, (n) => {
    if (!first && n.type === 'IfStatement') first = n;
  });
  const check = branchesLeavingBySubtraction(loop, file);
  return [check(first!, true), check(first!, false)];
};

/** The ws `consume(n)` loop with its else branch and test swapped in. */
const consume = (elseBranch: string, test = 'n > 0', after = 'n -= buf.length;') =>
  `do {\n  const buf = q[0];\n  if (n >= buf.length) {\n    q.shift();\n  } else {\n    ${elseBranch}\n  }\n  ${after}\n} while (${test});`;

const cases: Array<[string, string, [boolean, boolean], string?]> = [
  ['else of `n >= buf.length`, then `n -= buf.length` after the if: leaves', consume('q[0] = buf.slice(n);'), [false, true]],
  ['the same with a test `n >= 0` (n - buf.length < 0 when n < buf.length)', consume('q[0] = buf.slice(n);', 'n >= 0'), [false, true]],
  ['`0 < n` as a conjunct of the test', consume('q[0] = buf.slice(n);', 'more && 0 < n'), [false, true], 'q, n, more'],
  ['`n = n - buf.length` in the branch, then a continue', 'while (n > 0) {\n  const buf = q[0];\n  if (n < buf.length) {\n    q[0] = buf.slice(n);\n    n = n - buf.length;\n    continue;\n  }\n  q.shift();\n  n -= buf.length;\n}', [true, false]],
  ['a literal bound: `if (n >= 8) … else n -= 8`', 'while (n > 0) {\n  if (n >= 8) q.shift();\n  else n -= 8;\n}', [false, true]],
  ['`n <= buf.length` leaves a test `n > 0`', 'do {\n  const buf = q[0];\n  if (n > buf.length) q.shift();\n  n -= buf.length;\n} while (n > 0);', [false, true]],
  ['a `this` bound with no call between', 'while (n > 0) {\n  if (n >= this.length) q.shift();\n  else { q[0] = null; n -= this.length; }\n}', [false, true]],
  ['a for loop whose update does not write n', 'for (let i = 0; n > 0; i++) {\n  const buf = q[0];\n  if (n >= buf.length) q.shift();\n  else q[0] = buf.slice(n);\n  n -= buf.length;\n}', [false, true]],
  // Near-misses: each can go round with n > 0.
  ['n unchanged on the else branch', consume('q[0] = buf.slice(n);', 'n > 0', 'q.length;'), [false, false]],
  ['`n -= 1`', consume('q[0] = buf.slice(n); n -= 1;', 'n > 0', ''), [false, false]],
  ['`n -= buf.length - 1`', consume('q[0] = buf.slice(n); n -= buf.length - 1;', 'n > 0', ''), [false, false]],
  ['n written between the branch and the subtraction', consume('n = total;', 'n > 0'), [false, false], 'q, n, total'],
  ['buf.length assigned between', consume('buf.length = 0;', 'n > 0'), [false, false]],
  ['buf.length changed through a method of buf', consume('buf.pop();', 'n > 0'), [false, false]],
  ['buf handed to a call between', consume('trim(buf);', 'n > 0'), [false, false]],
  ['buf mutated through the path it was read from', 'do {\n  const buf = q[0];\n  if (n >= buf.length) q.shift();\n  else q[0].pop();\n  n -= buf.length;\n} while (n > 0);', [false, false]],
  ['buf mutated through a copy', 'do {\n  const buf = q[0];\n  const same = buf;\n  if (n >= buf.length) q.shift();\n  else same.pop();\n  n -= buf.length;\n} while (n > 0);', [false, false]],
  ['buf rebound between', 'do {\n  let buf = q[0];\n  if (n >= buf.length) q.shift();\n  else buf = q[1];\n  n -= buf.length;\n} while (n > 0);', [false, false]],
  ['a `this` bound with a call between', 'while (n > 0) {\n  if (n >= this.length) q.shift();\n  else { this.shrink(); n -= this.length; }\n}', [false, false]],
  ['an await between', 'do {\n  const buf = q[0];\n  if (n >= buf.length) q.shift();\n  else await tick();\n  n -= buf.length;\n} while (n > 0);', [false, false]],
  ['`n <= buf.length` under a test `n >= 0` (n === buf.length goes round)', 'do {\n  const buf = q[0];\n  if (n > buf.length) q.shift();\n  n -= buf.length;\n} while (n >= 0);', [false, false]],
  ['a test `n > -1`', consume('q[0] = buf.slice(n);', 'n > -1'), [false, false]],
  ['n written after the subtraction', consume('q[0] = buf.slice(n);', 'n > 0', 'n -= buf.length; n = Math.abs(n);'), [false, false]],
  ['a for update that writes n', 'for (; n > 0; n += 10) {\n  const buf = q[0];\n  if (n >= buf.length) q.shift();\n  else q[0] = buf.slice(n);\n  n -= buf.length;\n}', [false, false]],
  ['a continue before the subtraction', consume('if (q.length > 1) continue;'), [false, false]],
  ['a bound not surely a number (`.size` may be a string)', 'while (n > 0) {\n  if (n >= this.size) q.shift();\n  else { q[0] = null; n -= this.size; }\n}', [false, false]],
  ['two strings compare as text: a bound that may be a string', 'while (n > 0) {\n  if (n >= limit) q.shift();\n  else n -= limit;\n}', [false, false], 'q, n, limit'],
  ['n written by a closure', 'const reset = () => { n = 9; };\ndo {\n  const buf = q[0];\n  if (n >= buf.length) q.shift();\n  else reset();\n  n -= buf.length;\n} while (n > 0);', [false, false]],
  ['the if inside a switch case', 'do {\n  const buf = q[0];\n  switch (k) {\n    case 1:\n      if (n >= buf.length) q.shift();\n      n -= buf.length;\n  }\n} while (n > 0);', [false, false], 'q, n, k'],
];

for (const [name, body, expected, params] of cases) test(`branch leaves by subtraction: ${name}`, () => assert.deepEqual(leaves(body, params), expected));

/** Whether every turn that goes round calls q.shift(), the branches that leave by subtraction not counted. */
const shiftsEveryTurn = (body: string) => {
  const file = parseSnippet(`function f(q, n) {\n${body}\n}`, 'snippet.js');
  const loop = findLoops(functionNamed(file, 'f'))[0]!;
  const isShift = (n: Node) => n.type === 'CallExpression' && calleeName(n) === 'shift';
  return everyTurnPasses(loop, isShift, branchesLeavingBySubtraction(loop, file));
};

test('every turn passes a step: the branch that leaves by subtraction needs none', () => assert.equal(shiftsEveryTurn(consume('q[0] = buf.slice(n);')), true));
test('every turn passes a step: a branch that keeps n still needs one', () => assert.equal(shiftsEveryTurn(consume('q[0] = buf.slice(n);', 'n > 0', 'q.length;')), false));
