// analyzeScopes (no lib, then lib globals bound for the names used) must resolve every reference
// exactly as the scope manager's default analysis does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '@typescript-eslint/typescript-estree';
import { analyze, type ScopeManager } from '@typescript-eslint/scope-manager';
import { analyzeScopes } from '../../../../src/core/analysis/project/lib-globals';

/** Every reference: where it is, what it resolved to (name, scope, kind, its references), and what stays unresolved. */
function resolution(manager: ScopeManager): string[] {
  const out: string[] = [];
  for (const scope of manager.scopes) {
    out.push(`${scope.type}@${scope.block.range[0]} through ${scope.through.map((r) => `${r.identifier.name}@${r.identifier.range[0]}`).join(',')}`);
    for (const ref of scope.references) {
      const v = ref.resolved;
      const target = v ? `${v.name} in ${v.scope.type}, ${v.constructor.name}, defs ${v.defs.length}, refs ${v.references.map((r) => r.identifier.range[0]).join(',')}` : 'unresolved';
      out.push(`${ref.identifier.name}@${ref.identifier.range[0]} -> ${target}`);
    }
  }
  return out;
}

const cases: Array<[string, string, 'script' | 'module']> = [
  ['lib values and an undeclared global', 'const p = Promise.resolve(1); while (Date.now() < t) { Math.max(p, undefinedThing); }\nArray.isArray([]);', 'module'],
  ['a local shadows a lib name', 'function f(Promise) { return Promise.all([]); } const Map = 1; new Map();', 'module'],
  ['CommonJS script, implicit global assignment', "const fs = require('fs'); Symbol = fs; module.exports = () => JSON.stringify(Symbol);", 'script'],
  ['TypeScript type and value uses of lib names', 'let a: Promise<PropertyKey> = Promise.resolve("x"); type R = Record<string, Array<number>>; const b = <const>[1]; const c = [2] as const;', 'module'],
  ['a with scope (falls back to the default analysis)', 'with (obj) { Math.floor(x); } Object.keys(obj);', 'script'],
];

for (const [name, code, sourceType] of cases) {
  test(`analyzeScopes resolves like the default analysis: ${name}`, () => {
    const ast = parse(code, { range: true, loc: true });
    const options = { sourceType, globalReturn: sourceType === 'script', jsxPragma: 'React' };
    assert.deepEqual(resolution(analyzeScopes(ast, options)), resolution(analyze(ast, options)));
  });
}

test('analyzeScopes keeps only the lib globals a file uses', () => {
  // Promise is a type-only lib global to the scope manager: a value use stays unresolved, as by default.
  const ast = parse('Math.max(Date.now(), 1); Promise.resolve(1);', { range: true, loc: true });
  const names = [...analyzeScopes(ast, { sourceType: 'module' }).globalScope!.set.keys()].sort();
  assert.deepEqual(names, ['Date', 'Math', 'const']);
  assert.ok(analyze(ast, { sourceType: 'module' }).globalScope!.set.size > 100);
});
