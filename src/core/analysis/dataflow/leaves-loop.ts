// Whether a statement of a loop's body is on a path that surely leaves the loop: the rest of its
// block (it included) ends with a `break`, `return` or `throw` and holds no `continue`, inner loop,
// switch, try or label, and the block sits in the loop body through blocks and `if` branches only
// (so an unlabeled `break` there is the loop's and a labeled one names the loop or an outer statement).
// What such a statement does to the loop's data cannot bring another turn.
// With `branchLeaves`, so is a statement inside an `if` branch (reached through blocks and `if`
// branches) that a fact proves makes the loop test false (branch-leaves-by-subtraction.ts).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunctionNode, isLoopNode, walk, type Node } from './ast';

/** Whether taking this branch of an `if` in the loop body surely leaves the loop. */
export type BranchLeaves = (statement: TSESTree.IfStatement, truth: boolean) => boolean;

export function leavesLoopAfter(statement: Node, loop: Node, branchLeaves?: BranchLeaves): boolean {
  if (branchLeaves && inLeavingBranch(statement, loop, branchLeaves)) return true;
  const block = statement.parent;
  if (block?.type !== 'BlockStatement' || !reachesLoopBody(block, loop)) return false;
  const rest = (block.body as Node[]).slice((block.body as Node[]).indexOf(statement));
  const last = rest[rest.length - 1];
  if (!last || (last.type !== 'BreakStatement' && last.type !== 'ReturnStatement' && last.type !== 'ThrowStatement')) return false;
  return rest.every((s) => !goesElsewhere(s));
}

/** A statement in a branch that leaves, the branch reached from the loop body through blocks and `if` branches only. */
function inLeavingBranch(statement: Node, loop: Node, branchLeaves: BranchLeaves): boolean {
  const body = (loop as { body?: Node }).body;
  let n = statement;
  if (n.parent?.type !== 'BlockStatement' && n.parent?.type !== 'IfStatement') return false;
  for (let parent: Node | undefined = n.parent; parent && n !== body; n = parent, parent = parent.parent) {
    if (parent.type === 'IfStatement' && parent.test !== n && branchLeaves(parent, parent.consequent === n)) return true;
    if (parent.type !== 'BlockStatement' && (parent.type !== 'IfStatement' || parent.test === n)) return false;
  }
  return false;
}

/** The block is the loop body, or inside it through blocks and `if` branches only. */
function reachesLoopBody(block: Node, loop: Node): boolean {
  for (let n: Node = block; ; ) {
    const parent = n.parent;
    if (!parent) return false;
    if (parent === loop) return (loop as { body?: Node }).body === n;
    if (parent.type === 'BlockStatement' || (parent.type === 'IfStatement' && parent.test !== n)) {
      n = parent;
      continue;
    }
    return false;
  }
}

/** A `continue`, inner loop, switch, try or labeled statement: control could come back into the loop. */
function goesElsewhere(statement: Node): boolean {
  let found = false;
  walk(
    statement,
    (n) => {
      if (found || isFunctionNode(n)) return false;
      if (n.type === 'ContinueStatement' || isLoopNode(n) || n.type === 'SwitchStatement' || n.type === 'TryStatement' || n.type === 'LabeledStatement') found = true;
    },
    false,
  );
  return found;
}
