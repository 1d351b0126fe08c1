// Whether code runs only where a validation succeeded: inside the branch where a flag says so
// (`if (parsed.success) { … }`, `ok && …`), or after an `if` that leaves otherwise (`if
// (!parsed.success) return …`, `if (error) throw error`, `if (error) ctx.throw(400)`). The flag must
// be a variable written once; other shapes (a flag copied, `switch`, a check in a called function)
// do not count.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { calleeName, unwrap, type Node } from '../ast';
import { abrupt } from '../bounds';

/** The flag's truthiness a test's outcome implies: true/false, or undefined when it says nothing. */
export type FlagTest = (atom: Node, truth: boolean) => boolean | undefined;

/** Whether `at` is reached only where the flag is `wanted` (truthy or falsy). */
export function reachedOnlyWhen(at: Node, flag: FlagTest, wanted: boolean): boolean {
  const implies = (test: Node, truth: boolean): boolean => impliesFlag(test, truth, flag) === wanted;
  for (let child: Node = at, p = at.parent; p; child = p, p = p.parent) {
    if ((p.type === 'IfStatement' || p.type === 'ConditionalExpression') && child !== p.test) {
      if (implies(p.test, child === p.consequent)) return true;
    }
    if (p.type === 'LogicalExpression' && child === p.right && p.operator !== '??' && implies(p.left, p.operator === '&&')) return true;
    const list = p.type === 'BlockStatement' || p.type === 'Program' || p.type === 'StaticBlock' ? p.body : p.type === 'SwitchCase' ? p.consequent : undefined;
    for (const s of (list ?? []) as Node[]) {
      if (s === child) break;
      if (s.type !== 'IfStatement') continue;
      if (leaves(s.consequent) && implies(s.test, false)) return true;
      if (s.alternate && leaves(s.alternate) && implies(s.test, true)) return true;
    }
  }
  return false;
}

/** Never completes normally: a return/throw/break (bounds.ts), or a `.throw()` method call (Koa's `ctx.throw(400)` always throws). */
function leaves(n: Node): boolean {
  if (abrupt(n)) return true;
  if (n.type === 'BlockStatement') return n.body.some(leaves);
  if (n.type !== 'ExpressionStatement') return false;
  const e = unwrap(n.expression);
  return e.type === 'CallExpression' && unwrap(e.callee).type === 'MemberExpression' && calleeName(e) === 'throw';
}

/** What `test` evaluating to `truth` says of the flag (through `!`, `&&`, `||`). */
function impliesFlag(test: Node, truth: boolean, flag: FlagTest): boolean | undefined {
  const t = unwrap(test);
  if (t.type === 'UnaryExpression' && t.operator === '!') return impliesFlag(t.argument, !truth, flag);
  if (t.type === 'LogicalExpression' && t.operator !== '??') {
    const l = impliesFlag(t.left, truth, flag);
    const r = impliesFlag(t.right, truth, flag);
    // a && b true (a || b false): both parts hold, either one may say it. Otherwise only what both say.
    if ((t.operator === '&&') === truth) return l ?? r;
    return l === r ? l : undefined;
  }
  return flag(t, truth);
}

/** `x === lit` / `x != null`: the literal compared with, the side that is not it, and whether equality was asked. */
export function comparedWithLiteral(t: Node): { other: Node; literal: unknown; equal: boolean; loose: boolean } | undefined {
  if (t.type !== 'BinaryExpression' || !['===', '!==', '==', '!='].includes(t.operator) || t.left.type === 'PrivateIdentifier') return undefined;
  const lit = (n: Node) => (n.type === 'Literal' ? { value: (n as TSESTree.Literal).value } : n.type === 'Identifier' && n.name === 'undefined' ? { value: undefined } : undefined);
  const l = lit(unwrap(t.left));
  const r = lit(unwrap(t.right));
  const [other, literal] = l && !r ? [t.right, l.value] : r && !l ? [t.left, r.value] : [undefined, undefined];
  if (!other) return undefined;
  return { other: unwrap(other), literal, equal: t.operator === '===' || t.operator === '==', loose: t.operator === '==' || t.operator === '!=' };
}
