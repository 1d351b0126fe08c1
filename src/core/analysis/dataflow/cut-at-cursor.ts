// A window kept as a buffer and a cursor into it, consumed by cutting the buffer at the cursor and
// starting the cursor over: `buf = buf.subarray(pos + 1); pos = 0` (also slice / substring / substr,
// any constant k >= 1 in `pos + k`). What is left to scan, `buf.length - pos`, drops by at least k:
// from L - pos to at most L - pos - k (a negative start counts from the end, or from 0 for substring,
// and still leaves no more than L elements while L - pos > L). The reset must be the statement right
// after the cut, in the same block, so no path sees one without the other.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ParsedFile } from '../project/types';
import { unwrap, type Node } from './ast';
import { isCursor, type CursorTarget } from './cursor-writes';

const CUTS = new Set(['subarray', 'slice', 'substring', 'substr']);

/** `buf = buf.subarray(pos + k)` (k >= 1) for this buffer and cursor, the next statement resetting the cursor to 0. */
export function isCutBeforeReset(node: Node, buffer: CursorTarget, cursor: CursorTarget, file: ParsedFile): boolean {
  if (node.type !== 'AssignmentExpression' || node.operator !== '=' || !isCursor(node.left, buffer, file)) return false;
  const right = unwrap(node.right);
  if (right.type !== 'CallExpression' || right.optional || right.arguments.length !== 1) return false;
  const callee = unwrap(right.callee);
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier' || !CUTS.has(callee.property.name)) return false;
  if (!isCursor(callee.object, buffer, file) || !isCursorPlusConstant(right.arguments[0] as Node, cursor, file)) return false;
  const next = nextStatement(node);
  return !!next && next.type === 'ExpressionStatement' && isResetToZero(next.expression, cursor, file);
}

/** `pos = 0` right after a cut of the buffer at the cursor. */
export function isResetAfterCut(node: Node, buffer: CursorTarget, cursor: CursorTarget, file: ParsedFile): boolean {
  if (!isResetToZero(node, cursor, file) || node.parent?.type !== 'ExpressionStatement') return false;
  const before = previousStatement(node.parent);
  return !!before && before.type === 'ExpressionStatement' && isCutBeforeReset(before.expression, buffer, cursor, file);
}

function isResetToZero(node: Node, cursor: CursorTarget, file: ParsedFile): boolean {
  if (node.type !== 'AssignmentExpression' || node.operator !== '=' || !isCursor(node.left, cursor, file)) return false;
  const right = unwrap(node.right);
  return right.type === 'Literal' && right.value === 0;
}

function isCursorPlusConstant(node: Node, cursor: CursorTarget, file: ParsedFile): boolean {
  const n = unwrap(node);
  if (n.type !== 'BinaryExpression' || n.operator !== '+') return false;
  const [left, right] = [unwrap(n.left as Node), unwrap(n.right)];
  const atLeastOne = (x: Node) => x.type === 'Literal' && typeof x.value === 'number' && x.value >= 1;
  return (isCursor(left, cursor, file) && atLeastOne(right)) || (isCursor(right, cursor, file) && atLeastOne(left));
}

/** The statement after the expression's own statement in its block. */
function nextStatement(expression: Node): Node | undefined {
  const statement = expression.parent;
  if (statement?.type !== 'ExpressionStatement') return undefined;
  const block = statement.parent;
  if (block?.type !== 'BlockStatement' && block?.type !== 'SwitchCase') return undefined;
  const body = (block.type === 'BlockStatement' ? block.body : block.consequent) as TSESTree.Statement[];
  return body[body.indexOf(statement) + 1];
}

function previousStatement(statement: Node): Node | undefined {
  const block = statement.parent;
  if (block?.type !== 'BlockStatement' && block?.type !== 'SwitchCase') return undefined;
  const body = (block.type === 'BlockStatement' ? block.body : block.consequent) as TSESTree.Statement[];
  const at = body.indexOf(statement as TSESTree.Statement);
  return at > 0 ? body[at - 1] : undefined;
}
