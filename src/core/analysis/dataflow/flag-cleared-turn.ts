// A turn that moves nothing but clears the flag its branch was taken on: the loop body starts with
// `if (flag) { … flag = false; continue; … }`. That path needs the flag truthy when the turn starts and
// leaves it falsy, so the next turn cannot take it again: between two turns that make progress there is
// at most one such turn, and the loop still ends (the measure is progress first, then the flag).
// The `if` must be the body's first statement and the loop test (and a `for` update) must write nothing
// (so the flag read is the one the turn started with), and the clearing statement must be directly
// followed by `continue` (nothing after it can set the flag again in that turn).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ParsedFile } from '../project/types';
import type { LoopInfo } from '../cfg/loop-exits';
import { contains, unwrap, walk, type Node } from './ast';
import { isCursor, type CursorTarget } from './cursor-writes';

/** The flag a loop body's first statement tests (`if (this.pending)`, `if (pending)`), as a target, and its `if`. */
export function leadingFlagTest(loop: LoopInfo): { test: Node; statement: TSESTree.IfStatement } | undefined {
  const body = loop.node.body;
  const first = body.type === 'BlockStatement' ? body.body[0] : body;
  if (first?.type !== 'IfStatement') return undefined;
  // Nothing between turns may set it again: the test, and a `for` update, write nothing.
  if ((loop.test && writesAnything(loop.test)) || (loop.node.type === 'ForStatement' && loop.node.update && writesAnything(loop.node.update))) return undefined;
  const test = unwrap(first.test);
  return test.type === 'Identifier' || test.type === 'MemberExpression' ? { test, statement: first } : undefined;
}

/** `flag = false` (or another falsy literal) in the flag's `if` branch, directly followed by a `continue` of this loop. */
export function isFlagClearedBeforeContinue(node: Node, flag: CursorTarget, statement: TSESTree.IfStatement, loop: LoopInfo, file: ParsedFile): boolean {
  if (node.type !== 'AssignmentExpression' || node.operator !== '=' || !isCursor(node.left, flag, file) || !contains(statement.consequent, node)) return false;
  const right = unwrap(node.right);
  const falsy = (right.type === 'Literal' && !right.value && !('regex' in right)) || (right.type === 'Identifier' && right.name === 'undefined');
  if (!falsy) return false;
  const own = node.parent;
  const block = own?.parent;
  if (own?.type !== 'ExpressionStatement' || block?.type !== 'BlockStatement') return false;
  const next = block.body[block.body.indexOf(own) + 1];
  return next?.type === 'ContinueStatement' && (!next.label || loop.labels.includes(next.label.name));
}

function writesAnything(node: Node): boolean {
  let found = false;
  walk(node, (n) => {
    if (found) return false;
    if (n.type === 'AssignmentExpression' || n.type === 'UpdateExpression' || n.type === 'CallExpression' || n.type === 'NewExpression') found = true;
  });
  return found;
}
