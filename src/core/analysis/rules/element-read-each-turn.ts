// `for (let i = 0; i < xs.length; i++) { const id = xs[i].id; … }`: every turn reads a property of
// the element at the counter. A client's `{"length": 1e400}` has finitely many other keys, so once the
// counter passes them `xs[i]` is undefined and the read throws: the loop stops within as many turns as
// the data has elements, whatever its `length` says. The read must run on every turn that goes round
// (a `continue` before it, `xs[i]?.id` or a read in one branch only would let the loop go on), and the
// list must be the one the client sent: a list the loop grows, or one handed to other code, may get
// elements without end.
import type { Variable } from '@typescript-eslint/scope-manager';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { contains, enclosingFunction, isLoopNode, memberPath, unwrap, walk, type Node } from '../dataflow/ast';
import { referencesOf } from '../dataflow/references';
import { PURE_METHODS } from '../dataflow/loop-operands';
import { everyTurnPasses } from '../cfg/every-turn';
import type { LoopInfo } from '../cfg/loop-exits';
import type { ParsedFile } from '../project/types';

/** Whether every turn reads a member of `list[counter]` (directly, or of a `const` holding it). */
export function elementReadEachTurn(loop: LoopInfo, list: Node, counters: Set<unknown>, file: ParsedFile): boolean {
  const listPath = memberPath(list);
  if (!listPath || listPath.path.includes('[]') || loop.node.type !== 'ForStatement') return false;
  const refs = referencesOf(file);
  const root = listPath.root.type === 'Identifier' ? refs.variableOf(listPath.root) : undefined;
  if (!root) return false;
  // The counter moves only in the update: one set back in the body would read the same element again.
  const body = loop.node.body;
  for (const c of counters as Set<Variable | undefined>) if (c?.references.some((r) => r.isWrite() && contains(body, r.identifier as Node))) return false;
  // The list as the client sent it: nothing writes, grows or hands it on (other code could give it elements without end).
  const atCounter = (n: Node) => {
    const e = unwrap(n);
    return e.type === 'MemberExpression' && e.computed && unwrap(e.property).type === 'Identifier' && counters.has(refs.variableOf(unwrap(e.property) as TSESTree.Identifier));
  };
  if (!listKept(root, listPath.path, loop.node, atCounter)) return false;
  const isElement = (n: Node): boolean => {
    const e = unwrap(n);
    if (e.type !== 'MemberExpression' || !e.computed || e.optional) return false;
    const index = unwrap(e.property);
    if (index.type !== 'Identifier' || !counters.has(refs.variableOf(index))) return false;
    const p = memberPath(e.object);
    if (!p || p.path !== listPath.path) return false;
    return p.root.type === 'Identifier' && refs.variableOf(p.root) === root;
  };
  // `const node = xs[i];` in the body: a read of node's members is a read of the element's.
  const holders = new Set<Variable>();
  walk(loop.node.body, (n) => {
    if (n.type !== 'VariableDeclaration' || n.kind !== 'const') return;
    for (const d of n.declarations) {
      if (d.id.type === 'Identifier' && d.init && isElement(d.init)) {
        const v = refs.variableOf(d.id);
        if (v) holders.add(v);
      }
    }
  });
  const holdsElement = (n: Node) => {
    const e = unwrap(n);
    return isElement(e) || (e.type === 'Identifier' && holders.has(refs.variableOf(e) as Variable));
  };
  // The read must come before the turn replaces the element (`xs[i] = …` would make the next read succeed):
  // reads are counted only before the first such write, and no inner loop may bring a read back after one.
  let firstWrite = Infinity;
  let writeInInnerLoop = false;
  walk(loop.node.body, (n) => {
    if (n.type !== 'AssignmentExpression' || !isElement(n.left)) return;
    firstWrite = Math.min(firstWrite, n.range[0]);
    for (let p: Node | undefined = n.parent; p && p !== loop.node; p = p.parent) if (isLoopNode(p)) writeInInnerLoop = true;
  });
  if (writeInInnerLoop) return false;
  return everyTurnPasses(loop, (n) => {
    if (n.range[1] > firstWrite) return false;
    // `xs[i].id`, `node.data` (not `xs[i]?.id`), or `const { id } = xs[i]`.
    if (n.type === 'MemberExpression') return !n.optional && holdsElement(n.object);
    if (n.type === 'VariableDeclarator') return (n.id.type === 'ObjectPattern' || n.id.type === 'ArrayPattern') && !!n.init && holdsElement(n.init as TSESTree.Expression);
    return false;
  });
}

/** Whether a loop can run code other than its own: a call, `new`, a tagged template, an await or a yield. */
function runsOtherCode(loop: Node): boolean {
  let found = false;
  walk(loop, (n) => {
    if (found) return false;
    if (n.type === 'CallExpression' || n.type === 'NewExpression' || n.type === 'TaggedTemplateExpression' || n.type === 'AwaitExpression' || n.type === 'YieldExpression') found = true;
  });
  return found;
}

/**
 * Nothing can give the list more elements while the loop runs: the variable is assigned only outside
 * the loop, in its own function; the list and the objects on the way to it are only read (its length,
 * its elements, read-only methods), never written, grown or handed on. Fields of its elements may be
 * written (`xs[i].seen = true` reads the element first, like any member of it), and so may the
 * element at the counter itself (`xs[i] = …` sets a key the loop has reached, none past it).
 */
function listKept(root: Variable, path: string, loop: Node, atCounter: (n: Node) => boolean): boolean {
  const home = enclosingFunction(loop);
  const onTheWay = (t: string) => t === path || path.startsWith(t + '.');
  for (const ref of root.references) {
    const id = ref.identifier as Node;
    if (ref.isWrite()) {
      if (contains(loop, id) || enclosingFunction(id) !== home) return false;
      continue;
    }
    let top = id;
    while (top.parent?.type === 'MemberExpression' && top.parent.object === top) top = top.parent;
    const t = memberPath(top)?.path;
    if (!t) return false;
    const inList = t.startsWith(path + '[]') || t.startsWith(path + '.');
    if (!onTheWay(t) && !inList) continue;
    const parent = top.parent;
    if ((parent?.type === 'AssignmentExpression' && parent.left === top) || parent?.type === 'UpdateExpression' || (parent?.type === 'UnaryExpression' && parent.operator === 'delete')) {
      if (inList && writesElementField(id, top)) continue;
      // `xs[i] = omit(xs[i], …)`: the element just read is replaced in place; no key past it appears.
      if (parent?.type === 'AssignmentExpression' && parent.operator === '=' && atCounter(top) && memberPath((top as TSESTree.MemberExpression).object)?.path === path) continue;
      return false;
    }
    if (parent?.type === 'CallExpression' && parent.callee === top && top.type === 'MemberExpression') {
      const receiver = memberPath(top.object)?.path;
      const method = !top.computed && top.property.type === 'Identifier' ? top.property.name : undefined;
      if (receiver && onTheWay(receiver) && !(method && PURE_METHODS.has(method))) return false;
      continue;
    }
    if (inList) continue;
    // The list, or an object on the way, as a value: compared or tested is fine, handed on is not.
    if (parent?.type === 'BinaryExpression' || parent?.type === 'UnaryExpression') continue;
    if ((parent?.type === 'IfStatement' || parent?.type === 'ConditionalExpression' || parent?.type === 'LogicalExpression') && (parent as { test?: Node }).test === top) continue;
    if (parent?.type === 'ForOfStatement' && parent.right === top) continue;
    // Handed on once the loop is over (returned, passed on), and no loop around this one comes back to it.
    if (afterLoop(id)) continue;
    // Or before it, when the loop runs no other code (no call, no await): whatever holds it cannot act meanwhile.
    if (id.range[1] <= loop.range[0] && !runsOtherCode(loop)) continue;
    return false;
  }
  return true;

  /** `xs[i].seen = true`: the target is a member of an element, not the list, the element or an object on the way. */
  function writesElementField(id: Node, top: Node): boolean {
    let n: Node = id;
    while (n.parent?.type === 'MemberExpression' && n.parent.object === n && onTheWay(memberPath(n)?.path ?? '')) n = n.parent;
    // n is now the first member past the list: `xs[i]` (or `xs.length`); the target must lie beyond it.
    return n !== top && n.type === 'MemberExpression' && n.computed;
  }

  function afterLoop(n: Node): boolean {
    if (n.range[0] < loop.range[1]) return false;
    for (let p = loop.parent; p && p !== home; p = p.parent) if (isLoopNode(p) && contains(p, n)) return false;
    return true;
  }
}
