import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findLoops } from '../../../../src/core/analysis/cfg/loop-exits';
import { everyTurnPasses } from '../../../../src/core/analysis/cfg/every-turn';
import { calleeName, type Node } from '../../../../src/core/analysis/dataflow/ast';
import { parseSnippet } from './helpers';

/** Whether every turn of the first loop that goes on calls step(). */
const stepsEveryTurn = (code: string) => {
  const file = parseSnippet(code);
  const loop = findLoops(file.ast)[0]!;
  return everyTurnPasses(loop, (n: Node) => (n.type === 'CallExpression' && calleeName(n) === 'step') || false);
};

const cases: Array<[string, string, boolean]> = [
  ['a step in the body', 'while (a) { x(); step(); }', true],
  ['no step', 'while (a) { x(); }', false],
  ['a step in one branch only', 'while (a) { if (b) step(); }', false],
  ['a step in both branches', 'while (a) { if (b) step(); else { y(); step(); } }', true],
  ['the branch without one leaves the loop', 'while (a) { if (b) return; step(); }', true],
  ['a continue before the step', 'while (a) { if (b) continue; step(); }', false],
  ['a continue after the step', 'while (a) { step(); if (b) continue; y(); }', true],
  ['a continue of an inner loop is not one of this loop', 'while (a) { for (const x of l) { if (x) continue; } step(); }', true],
  ['a labeled continue of this loop from an inner loop', 'outer: while (a) { for (const x of l) { if (x) continue outer; } step(); }', false],
  ['a step inside an inner loop may not run', 'while (a) { for (const x of l) step(); }', false],
  ['a step in the test whenever it is true', 'while (a && step()) x();', true],
  ['a step on the right of || need not run', 'while (a || step()) x();', false],
  ['a step in a for update', 'for (; a; step()) x();', true],
  ['a step in a nested function does not run here', 'while (a) { l.forEach(() => step()); }', false],
  ['a step behind ?. may not run', 'while (a) { o?.step(); }', false],
  ['a step after a try whose catch skips it', 'while (a) { try { step(); } catch (e) { continue; } }', false],
  ['a step in try and in catch', 'while (a) { try { step(); } catch (e) { step(); } }', true],
  ['a switch whose cases all step or leave', 'while (a) { switch (k) { case 1: step(); break; default: return; } }', true],
  ['a switch without default falls through unstepped', 'while (a) { switch (k) { case 1: step(); break; } }', false],
];

for (const [name, code, expected] of cases) test(`every turn passes a step: ${name}`, () => assert.equal(stepsEveryTurn(code), expected));
