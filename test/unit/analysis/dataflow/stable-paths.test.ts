import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { pathUse } from '../../../../src/core/analysis/dataflow/stable-paths';
import { referencesOf } from '../../../../src/core/analysis/dataflow/references';
import { functionNamed, parseSnippet } from './helpers';

/** pathUse of `x.list` for the parameter x of function f. */
function useOfList(code: string) {
  const file = parseSnippet(code);
  const f = functionNamed(file, 'f') as TSESTree.FunctionDeclaration;
  const variable = referencesOf(file).variableOf(f.params[0] as TSESTree.Identifier)!;
  const use = pathUse(variable, 'x.list');
  return { stable: use.stable, handedOn: use.handedOn };
}

const cases: Array<{ name: string; code: string; stable: boolean; handedOn: boolean }> = [
  { name: 'checked by Array.isArray and tested for truth in an if', code: 'function f(x) { if (x.list && Array.isArray(x.list)) use(x.list.length); }', stable: true, handedOn: false },
  { name: 'negated test of a logical expression', code: 'function f(x) { if (!(x.list || x.other)) return; use(x.list.length); }', stable: true, handedOn: false },
  { name: 'a logical expression whose value is kept hands the path on', code: 'function f(x) { const l = x.list || []; use(l); }', stable: true, handedOn: true },
  { name: 'handed to a call that may keep it', code: 'function f(x) { keep(x.list); }', stable: true, handedOn: true },
  { name: 'pushed onto', code: 'function f(x) { if (Array.isArray(x.list)) x.list.push(1); }', stable: false, handedOn: false },
  { name: 'assigned', code: 'function f(x) { x.list = []; }', stable: false, handedOn: false },
];

for (const c of cases) test(`pathUse: ${c.name}`, () => assert.deepEqual(useOfList(c.code), { stable: c.stable, handedOn: c.handedOn }));
