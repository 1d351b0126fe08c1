// A worklist over a client's parsed data that queues only parts of the element it took:
//   const stack = [...req.body.items];
//   while (stack.length) { const it = stack.pop(); …; if (it.children) stack.push(...it.children); }
// Parsed JSON (a body, a query) is a finite tree: no value holds itself, and every part is smaller
// than what holds it. Each turn takes one element and adds only its own parts, so every element is
// queued at most once and the loop ends after as many turns as the tree has nodes. Data that came
// through an await (a database row, an ORM object graph, an upstream's reply) may hold cycles and is
// not taken. Checked as
// unseen-worklist.ts checks its list: the test is false once the list is empty, the first statement
// takes one element into a variable written nowhere else in the loop, the list is used in the loop
// only for that, its length and additions, no await or closure, and no other call is handed the list.
import type { Variable } from '@typescript-eslint/scope-manager';
import { isFunctionNode, memberPath, unwrap, walk, type Node } from '../dataflow/ast';
import { referencesOf } from '../dataflow/references';
import { addition, emptiedBy, functionOf, isLengthRead, noCallHanded, takesOne, within } from './unseen-worklist';
import type { LoopContext } from './types';

export function worklistDescendsRequestTree(context: LoopContext): boolean {
  const node = context.loop.node;
  if (node.type !== 'WhileStatement' || node.body.type !== 'BlockStatement' || !node.body.body.length) return false;
  const refs = referencesOf(context.file);
  const list = emptiedBy(node.test, refs.variableOf);
  const first = node.body.body[0];
  const taken = list && takesOne(first, list, refs.variableOf);
  if (!list || !taken) return false;
  const home = functionOf(node);
  const local = (v: Variable) => v.references.every((r) => functionOf(r.identifier as Node) === home);
  if (!local(list) || !local(taken) || taken.references.some((r) => r.isWrite() && within(node, r.identifier as Node) && !within(first, r.identifier as Node))) return false;
  let ok = true;
  walk(node, (n) => {
    if (!ok) return false;
    if (n.type === 'AwaitExpression' || n.type === 'YieldExpression' || isFunctionNode(n)) return void (ok = false);
    if (n.type !== 'Identifier' || refs.variableOf(n) !== list || isLengthRead(n) || within(first, n)) return;
    const added = addition(n, list, refs.variableOf);
    // Each value added is a part of the element taken this turn (`it.children`, `it.left`).
    if (!added || !added.values.length || !added.values.every((v) => partOf(v, taken, refs.variableOf))) ok = false;
  });
  if (!ok || !noCallHanded(node, new Set([list]), refs.variableOf)) return false;
  return startsFromRequestTree(list, node, context);
}

/** `it.children` (any member path below the taken element, not the element itself). */
function partOf(value: Node, taken: Variable, variableOf: (id: import('@typescript-eslint/typescript-estree').TSESTree.Identifier) => Variable | undefined): boolean {
  const v = unwrap(value);
  if (v.type !== 'MemberExpression') return false;
  const mp = memberPath(v);
  return !!mp && mp.root.type === 'Identifier' && variableOf(mp.root) === taken;
}

/**
 * Before the loop the list is only declared, as a copy of request data or the data itself
 * (`[...req.body.items]`, `req.body.items`, `.slice()`, `[node]`), every source of which is request
 * input that came through no await.
 */
function startsFromRequestTree(list: Variable, loop: Node, context: LoopContext): boolean {
  let init: Node | undefined;
  for (const r of list.references) {
    const id = r.identifier as Node;
    if (id.range[0] >= loop.range[0]) continue;
    if (!r.init || id.parent?.type !== 'VariableDeclarator' || !id.parent.init) return false;
    init = id.parent.init;
  }
  if (!init) return false;
  const sources = context.flowData(init);
  return sources.length > 0 && sources.every((s) => s.kind === 'request' && !s.path.some((step) => step.message.startsWith('awaited result of ')));
}
