// A call of a built-in pure function (`Math.floor(x)`, `Number(s)`, `parseInt(s, 10)`) computes its
// result from its arguments alone: it fetches nothing, so a value it makes from a cursor is no page
// (a bisection's `mid = Math.floor((lo + hi) / 2)` is not pagination). Only the global names count:
// a local or imported `Math` or `parseInt` may be anything.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { unwrap, type Node } from '../dataflow/ast';
import { referencesOf } from '../dataflow/references';
import type { ParsedFile } from '../project/types';

const PURE_GLOBAL_FUNCTIONS = new Set(['Number', 'String', 'Boolean', 'parseInt', 'parseFloat', 'isNaN', 'isFinite']);
/** Namespaces whose every member function is pure (Number.parseInt, Math.max, ...). */
const PURE_NAMESPACES = new Set(['Math', 'Number']);

export function isPureBuiltinCall(call: TSESTree.CallExpression | TSESTree.NewExpression, file: ParsedFile): boolean {
  if (call.type !== 'CallExpression') return false;
  const callee = unwrap(call.callee);
  if (callee.type === 'Identifier') return PURE_GLOBAL_FUNCTIONS.has(callee.name) && isGlobal(callee, file);
  if (callee.type !== 'MemberExpression' || callee.computed) return false;
  const object = unwrap(callee.object);
  return object.type === 'Identifier' && PURE_NAMESPACES.has(object.name) && isGlobal(object, file);
}

/** Not declared in the file (no import, parameter or local of that name). */
function isGlobal(id: Node, file: ParsedFile): boolean {
  const v = referencesOf(file).variableOf(id as TSESTree.Identifier);
  return !v || v.defs.length === 0;
}
