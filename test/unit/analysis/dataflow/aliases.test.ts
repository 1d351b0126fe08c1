import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aliasesOf } from '../../../../src/core/analysis/dataflow/aliases';
import { referencesOf } from '../../../../src/core/analysis/dataflow/references';
import { walk, type Node } from '../../../../src/core/analysis/dataflow/ast';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { parseSnippet } from './helpers';

/** Names of the aliases of the variable `job` declared in the snippet. */
function aliasesOfJob(code: string): string[] {
  const file = parseSnippet(code);
  let id: TSESTree.Identifier | undefined;
  walk(file.ast, (n: Node) => {
    if (!id && n.type === 'Identifier' && n.name === 'job') id = n;
  });
  const variable = referencesOf(file).variableOf(id!);
  return aliasesOf(variable!, file).map((v) => v.name).sort();
}

test('aliases: const copies, chained, both ways', () => {
  assert.deepEqual(aliasesOfJob('function f(job) { const s = job; const t = s; }'), ['s', 't']);
  assert.deepEqual(aliasesOfJob('function f(x) { const job = x; }'), ['x']);
});
test('aliases: a copy reassigned to another object is not one', () => {
  assert.deepEqual(aliasesOfJob('function f(job, other) { let s = job; s = other; }'), []);
});
test('aliases: a copy made before the source is reassigned is not one', () => {
  assert.deepEqual(aliasesOfJob('function f(job, other) { const s = job; job = other; }'), []);
});
test('aliases: a source reassigned before the copy still is one', () => {
  assert.deepEqual(aliasesOfJob('function f(job, other) { job = other; const s = job; }'), ['s']);
});
test('aliases: a member read is not a copy of the object', () => {
  assert.deepEqual(aliasesOfJob('function f(job) { const s = job.state; }'), []);
});
