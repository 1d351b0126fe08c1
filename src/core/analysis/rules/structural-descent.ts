// A recursive call that descends into its data: each argument is either the parameter in its place,
// passed on unchanged, or a part of that parameter (`x[i]`, `x[key]`, `x.children`, `x.a.b`, or the
// element of a `for…of` over it or over a part of it), and at least one is a part. Over acyclic
// finite data (request JSON always is) every such call is one level deeper into some argument while
// the others stay, so the recursion ends, whatever base case it tests.
// Where the data is not acyclic (a `parent`/`next` link back, a getter that makes a new object, a
// one-character string indexed to itself), synchronous recursion overflows the stack and throws a
// RangeError: no hang. So this is taken only for synchronous recursion: not an async function or a
// generator (whose recursion can go on without growing the stack), and the call made in the
// function's own body (unit collection keeps calls from callbacks out of recursiveCalls).
// A parameter with a default is not taken: a part that is `undefined` would bring the default back.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import { unwrap, type Node } from '../dataflow/ast';
import { referencesOf } from '../dataflow/references';
import type { FunctionContext } from './types';

export function descendsIntoArguments(context: FunctionContext, call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const fn = context.fn.node;
  if (fn.async || fn.generator || call.type !== 'CallExpression') return false;
  const params = fn.params;
  if (call.arguments.length !== params.length) return false;
  const refs = referencesOf(context.file);
  let descends = false;
  for (let i = 0; i < params.length; i++) {
    const param = params[i];
    const arg = call.arguments[i];
    if (param.type !== 'Identifier' || arg.type === 'SpreadElement') return false;
    const variable = refs.variableOf(param);
    // Rebinding the parameter anywhere: what the call passes may not be a part of what this call got.
    if (!variable || variable.references.some((r) => r.isWrite())) return false;
    const a = unwrap(arg);
    if (a.type === 'Identifier' && refs.variableOf(a) === variable) continue;
    if (!isPartOf(a, variable, context)) return false;
    descends = true;
  }
  return descends;
}

/** `p.x`, `p[k]`, `p.a[b].c` (member reads only, no calls on the way), or a `for…of` element of one of these or of `p`. */
function isPartOf(node: Node, param: Variable, context: FunctionContext): boolean {
  const refs = referencesOf(context.file);
  const n = unwrap(node);
  if (n.type === 'MemberExpression') return isPartOrSelf(n.object, param, context);
  if (n.type !== 'Identifier') return false;
  const v = refs.variableOf(n);
  const def = v?.defs.length === 1 ? v.defs[0] : undefined;
  if (!v || def?.type !== 'Variable' || v.references.some((r) => r.isWrite() && r.identifier !== def.name)) return false;
  const declaration = def.parent as Node | undefined;
  const loop = declaration?.parent;
  if (loop?.type !== 'ForOfStatement' || loop.left !== declaration || loop.await || (def.node as TSESTree.VariableDeclarator).id !== def.name) return false;
  return isPartOrSelf(loop.right, param, context);
}

function isPartOrSelf(node: Node, param: Variable, context: FunctionContext): boolean {
  const n = unwrap(node);
  if (n.type === 'Identifier') return referencesOf(context.file).variableOf(n) === param;
  return n.type === 'MemberExpression' && isPartOrSelf(n.object, param, context);
}
