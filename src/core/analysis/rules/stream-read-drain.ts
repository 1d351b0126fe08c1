// A loop that drains a Node readable's buffer: `while (stream.read() != null)`,
// `while ((chunk = stream.read()) !== null)`, `while (chunk = stream.read(size))`. Node's `read()`
// (no argument, or a size) takes what is buffered and returns null once the buffer holds nothing (or
// less than the size), so the test is false in the end, whatever the data in the chunks.
// Only when `read` is not code of the project (the call graph resolves no target: a project class's
// own `read` may never return null), the test is false on null (`!= null`, `!== null`,
// `!= undefined`, a truthiness test, or one `&&` conjunct of those; `!== undefined` never is: Node's
// read returns null), it is not awaited (a web stream reader's `read()` is a promise, never null),
// the receiver is not a `getReader()` result, and the loop hands the stream to nothing, calls no other
// method on it (`unshift` would refill it), never rebinds it, and neither awaits nor yields (other
// code, which may push, would run between turns). A use on a path that surely leaves the loop (the
// rest of its block ends in `return`, `break` or `throw`: `stream.unshift(head); return;`) brings no
// other turn and is allowed.
// Assumed: a `read()` the call graph cannot resolve keeps Node's contract (null once nothing is
// buffered; another library's reader that ends with undefined would turn `!== null` forever); the
// stream's `_read` does not push synchronously on every call forever (an endless synchronous source);
// calls handed nothing of the stream do not refill it (as for other unresolved calls).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { enclosingFunction, memberPath, unwrap, walk, conjunctsOf, type Node } from '../dataflow/ast';
import { referencesOf } from '../dataflow/references';
import { leavesLoopAfter } from '../dataflow/leaves-loop';
import type { LoopContext } from './types';

export function readDrainsBuffer(context: LoopContext): boolean {
  const { loop } = context;
  if (!loop.test || loop.constantTest || (loop.kind !== 'while' && loop.kind !== 'do-while' && loop.kind !== 'for')) return false;
  if (context.effects.awaits.length > 0 || context.effects.yields.length > 0) return false;
  for (const conjunct of conjunctsOf(loop.test)) {
    const read = readFalseOnNull(conjunct);
    if (read && drainsUnchanged(read, context)) return true;
  }
  return false;
}


const isNull = (n: Node) => n.type === 'Literal' && n.value === null && !('regex' in n);
const isUndefined = (n: Node) => n.type === 'Identifier' && n.name === 'undefined';

/** The `x.read()` call of a condition that is false when the call returns null. */
function readFalseOnNull(condition: Node): TSESTree.CallExpression | undefined {
  const n = unwrap(condition);
  if (n.type === 'BinaryExpression' && n.left.type !== 'PrivateIdentifier') {
    const left = unwrap(n.left);
    const right = unwrap(n.right);
    for (const [value, other] of [[left, right], [right, left]]) {
      if ((n.operator === '!==' && isNull(other)) || (n.operator === '!=' && (isNull(other) || isUndefined(other)))) return readCall(value);
    }
    return undefined;
  }
  return readCall(n);
}

/** `x.read()` or `x.read(size)`, also assigned on the way (`(chunk = x.read())`). */
function readCall(node: Node): TSESTree.CallExpression | undefined {
  let n = unwrap(node);
  if (n.type === 'AssignmentExpression' && n.operator === '=') n = unwrap(n.right);
  if (n.type !== 'CallExpression' || n.optional || n.arguments.length > 1 || n.arguments.some((a) => a.type === 'SpreadElement')) return undefined;
  const callee = unwrap(n.callee);
  if (callee.type !== 'MemberExpression' || callee.computed || callee.optional || callee.property.type !== 'Identifier' || callee.property.name !== 'read') return undefined;
  return n;
}

/** The receiver stays the same stream, is only read from, and `read` is none of the project's functions. */
function drainsUnchanged(read: TSESTree.CallExpression, context: LoopContext): boolean {
  const callee = unwrap(read.callee) as TSESTree.MemberExpression;
  const receiver = memberPath(unwrap(callee.object));
  if (!receiver || receiver.path.includes('[]')) return false;
  const { file, loop } = context;
  const scope = context.fn?.node ?? file.ast;
  if (receiver.root.type === 'Identifier') {
    const variable = referencesOf(file).variableOf(receiver.root);
    // A web stream reader (`const reader = body.getReader()`): its read() is a promise.
    if (variable?.defs.some((d) => d.type === 'Variable' && d.node.init && isGetReader(d.node.init))) return false;
    // Rebound by another function (a closure a call in the loop may run).
    if (variable?.references.some((r) => r.isWrite() && !r.init && (enclosingFunction(r.identifier as Node) ?? file.ast) !== scope)) return false;
  }
  if (!onlyReadFrom(receiver.path, receiver.root, loop.node, file)) return false;
  return context.code.calleesOf(file, read).length === 0;
}


function isGetReader(init: Node): boolean {
  let n = unwrap(init);
  if (n.type === 'AwaitExpression') n = unwrap(n.argument);
  if (n.type !== 'CallExpression') return false;
  const callee = unwrap(n.callee);
  return callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && callee.property.name === 'getReader';
}

/**
 * In the loop, the receiver path and its prefixes appear only as the object of `.read(…)` (the receiver)
 * or of a member that branches off it (`consume.body` beside `consume.stream`): never written, handed
 * on or called with another method.
 */
function onlyReadFrom(path: string, root: TSESTree.Identifier | TSESTree.ThisExpression, loopNode: Node, file: LoopContext['file']): boolean {
  const refs = referencesOf(file);
  const rootVariable = root.type === 'Identifier' ? refs.variableOf(root) : undefined;
  const sameRoot = (n: TSESTree.Identifier | TSESTree.ThisExpression) => (root.type === 'ThisExpression' ? n.type === 'ThisExpression' : n.type === 'Identifier' && refs.variableOf(n) === rootVariable);
  let ok = true;
  walk(loopNode, (n) => {
    if (!ok) return false;
    if (n.type !== 'Identifier' && n.type !== 'ThisExpression' && n.type !== 'MemberExpression') return;
    const mp = memberPath(n);
    if (!mp || !sameRoot(mp.root) || !(mp.path === path || path.startsWith(mp.path + '.'))) return;
    // Property names of members are not references.
    if (n.type === 'Identifier' && n.parent?.type === 'MemberExpression' && n.parent.property === n && !n.parent.computed) return;
    const up = n.parent;
    if (up?.type !== 'MemberExpression' || up.object !== n || up.computed || up.property.type !== 'Identifier') return void (ok = leavesAfter(n, loopNode));
    if (mp.path === path) {
      const called = up.parent?.type === 'CallExpression' && up.parent.callee === up;
      if (!called || up.property.name !== 'read') ok = leavesAfter(n, loopNode);
      return false;
    }
    // A prefix on its own (the receiver's chain is met whole, from the top): a member beside the receiver.
    return false;
  });
  return ok;
}

/** The node is in a statement of the loop's body whose block then surely leaves the loop. */
function leavesAfter(node: Node, loopNode: Node): boolean {
  let statement: Node | undefined = node;
  while (statement && statement.parent?.type !== 'BlockStatement') {
    if (statement === loopNode || statement.type.endsWith('FunctionExpression') || statement.type === 'FunctionDeclaration') return false;
    statement = statement.parent;
  }
  return !!statement && leavesLoopAfter(statement, loopNode);
}
