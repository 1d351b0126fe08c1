// What a value assigned from a call was fetched WITH, for cursor-may-repeat's "page fetched with the
// cursor": the variables its calls read, except the receiver of a method call that is not awaited.
// `list.pop()`, `queue.concat(more)`, `items.filter(f)` work on the value they are called on in
// memory; they fetch no page with it (a worklist is not pagination). A fetch takes the cursor as an
// argument (`api.list({ cursor })`, `stmt.all(cursor)`: sync I/O included), or is awaited, and then
// its receiver counts too (`await cursor.next()`).
// Assumption: a synchronous method called on the cursor itself does no I/O that answers with the
// next cursor. Computed keys and arguments inside the receiver chain still count (`pages[cursor].pop()`).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import { isFunctionNode, unwrap, walk, type Node } from '../dataflow/ast';
import { referencesOf } from '../dataflow/references';
import type { ParsedFile } from '../project/types';

export function fetchInputs(value: Node, file: ParsedFile): Set<Variable> {
  const refs = referencesOf(file);
  const receivers = new Set<Node>();
  const out = new Set<Variable>();
  walk(value, (n) => {
    if (isFunctionNode(n)) return false;
    if (n.type === 'CallExpression' && !awaited(n) && !isReceiver(n)) {
      const root = receiverRoot(n);
      if (root) receivers.add(root);
    }
    if (n.type === 'Identifier' && !receivers.has(n)) {
      const v = refs.variableOf(n);
      if (v) out.add(v);
    }
  });
  return out;
}

/** The identifier a method call's receiver chain starts from (`a` in `a.b.concat(x).pop()`). */
function receiverRoot(call: TSESTree.CallExpression): Node | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== 'MemberExpression') return undefined;
  let n = unwrap(callee.object);
  for (;;) {
    if (n.type === 'MemberExpression') n = unwrap(n.object);
    else if (n.type === 'CallExpression') {
      const c = unwrap(n.callee);
      if (c.type !== 'MemberExpression') return undefined;
      n = unwrap(c.object);
    } else return n.type === 'Identifier' ? n : undefined;
  }
}

/** The call's value is used as it is (awaited, yielded), not as the receiver of a further member: only a chain's last call decides. */
function outer(call: Node): Node {
  let n: Node = call;
  while (n.parent && (n.parent.type === 'ChainExpression' || n.parent.type === 'TSNonNullExpression' || n.parent.type === 'TSAsExpression')) n = n.parent;
  return n;
}

function awaited(call: Node): boolean {
  // Through reads of the result (`await api.send(x).promise`): what is awaited is still this call's.
  let n = outer(call);
  while (n.parent?.type === 'MemberExpression' && n.parent.object === n && !(n.parent.parent?.type === 'CallExpression' && n.parent.parent.callee === n.parent)) n = outer(n.parent);
  const p = n.parent;
  return p?.type === 'AwaitExpression' || p?.type === 'YieldExpression';
}

/** A receiver of a further method call (`a.concat(x).pop()`); `s.split(',')[0]` or `r.value` only reads the call's result. */
function isReceiver(call: Node): boolean {
  const n = outer(call);
  const member = n.parent;
  if (member?.type !== 'MemberExpression' || member.object !== n) return false;
  let m: Node = member;
  while (m.parent && (m.parent.type === 'ChainExpression' || m.parent.type === 'TSNonNullExpression' || m.parent.type === 'TSAsExpression')) m = m.parent;
  return m.parent?.type === 'CallExpression' && m.parent.callee === m;
}
