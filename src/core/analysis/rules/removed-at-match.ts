// Whether a loop searching a list (`while ((i = list.indexOf(x)) !== -1)`) takes the found element
// out on every turn that goes round (`list.splice(i, 1)`): the list shrinks by at least one each
// turn, so the search runs out of matches. Used to tell such a drain from a search that finds the
// same element forever.
//
// Assumptions: the splice's start is the variable the search's result was assigned to, written
// nowhere else in the loop (so it is the found, in-range index); it removes at least one element
// (no count, or a positive number) and inserts none (`list.splice(i, 1, x)` may put the match
// back); and the loop touches the list otherwise only through read-only methods and member reads:
// no other method call, member write or hand-off that could grow it again. A list reached through
// another name (an alias) is not followed, so such a loop is not accepted.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { everyTurnPasses } from '../cfg/every-turn';
import { calleeName, memberPath, unwrap, walk, type Node } from '../dataflow/ast';
import { PURE_METHODS } from '../dataflow/loop-operands';
import { aliasesOf } from '../dataflow/aliases';
import { referencesOf } from '../dataflow/references';
import type { LoopContext } from './types';

export function removedAtMatchEveryTurn(search: TSESTree.CallExpression, context: LoopContext): boolean {
  const callee = unwrap(search.callee);
  if (callee.type !== 'MemberExpression') return false;
  const list = memberPath(callee.object);
  if (!list || list.root.type !== 'Identifier') return false;
  // The variable holding the found index: `i = list.indexOf(x)`, written only there in the loop.
  const holder = search.parent;
  const target = holder?.type === 'AssignmentExpression' && holder.operator === '=' && holder.right === search ? holder.left : holder?.type === 'VariableDeclarator' && holder.init === search ? holder.id : undefined;
  if (target?.type !== 'Identifier') return false;
  const refs = referencesOf(context.file);
  const index = refs.variableOf(target);
  const listVar = refs.variableOf(list.root);
  if (!index || !listVar || aliasesOf(listVar, context.file).length > 0) return false;
  if (index.references.some((r) => r.isWrite() && r.identifier !== target && context.effects.contains(r.identifier as Node))) return false;
  const removesFound = (n: Node): n is TSESTree.CallExpression => {
    if (n.type !== 'CallExpression' || calleeName(n) !== 'splice' || n.arguments.length > 2) return false;
    const c = unwrap(n.callee);
    if (c.type !== 'MemberExpression' || memberPath(c.object)?.path !== list.path) return false;
    const [start, count] = n.arguments.map((a) => unwrap(a));
    if (start?.type !== 'Identifier' || refs.variableOf(start) !== index) return false;
    return !count || (count.type === 'Literal' && typeof count.value === 'number' && count.value >= 1);
  };
  if (!onlyReadOrRemoved(list.path, listVar, removesFound, context)) return false;
  return everyTurnPasses(context.loop, removesFound);
}

/** Every mention of the list in the loop reads it (a member, a read-only method) or is an accepted removal. */
function onlyReadOrRemoved(path: string, listVar: NonNullable<ReturnType<ReturnType<typeof referencesOf>['variableOf']>>, removes: (n: Node) => boolean, context: LoopContext): boolean {
  const refs = referencesOf(context.file);
  let ok = true;
  walk(context.loop.node, (n) => {
    if (!ok) return false;
    if (n.type !== 'Identifier' || refs.variableOf(n) !== listVar) return;
    // Up from the root to the list's own expression (`a.b` for path `a.b`).
    let e: Node = n;
    while (e.parent?.type === 'MemberExpression' && e.parent.object === e && memberPath(e)?.path !== path) e = e.parent;
    if (memberPath(e)?.path !== path) return void (ok = false);
    const p = e.parent;
    if (p?.type === 'MemberExpression' && p.object === e) {
      const call = p.parent;
      if (call?.type === 'CallExpression' && call.callee === p) {
        if (!(PURE_METHODS.has(calleeName(call) ?? '') || removes(call))) ok = false;
        return;
      }
      // A member read (`list.length`, `list[i]`), not a write.
      const use = p.parent;
      if ((use?.type === 'AssignmentExpression' && use.left === p) || use?.type === 'UpdateExpression' || (use?.type === 'UnaryExpression' && use.operator === 'delete')) ok = false;
      return;
    }
    ok = false; // handed on, reassigned or aliased: it could grow again
  });
  return ok;
}
