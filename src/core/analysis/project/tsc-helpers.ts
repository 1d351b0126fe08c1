// The helpers tsc writes at the top of every file it compiles down (`var __generator = (this &&
// this.__generator) || function (thisArg, body) { … }`, likewise __awaiter, __values, __read,
// __spreadArray, __extends…): the compiler's runtime, repeated in each file, not the app's code.
// Their loops (the generator state machine's `while (g && …, _) try { … }`) end with the compiled
// function and are not analyzed; calls through them are followed as before.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { unwrap } from '../dataflow/ast';

/** `var __x = (this && this.__x) || function … / (…) ? function … : function …`. */
export function isTscEmitHelper(declarator: TSESTree.VariableDeclarator): boolean {
  if (declarator.id.type !== 'Identifier' || !declarator.id.name.startsWith('__') || !declarator.init) return false;
  const name = declarator.id.name;
  const init = unwrap(declarator.init);
  if (init.type !== 'LogicalExpression' || init.operator !== '||') return false;
  // (this && this.__x): the helper already defined by tslib or an earlier file wins.
  const own = unwrap(init.left);
  if (own.type !== 'LogicalExpression' || own.operator !== '&&' || unwrap(own.left).type !== 'ThisExpression') return false;
  const member = unwrap(own.right);
  if (member.type !== 'MemberExpression' || member.computed || unwrap(member.object).type !== 'ThisExpression' || member.property.type !== 'Identifier' || member.property.name !== name) return false;
  const body = unwrap(init.right);
  return body.type === 'FunctionExpression' || body.type === 'ConditionalExpression';
}
