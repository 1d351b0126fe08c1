// A worklist that queues the links of a node only the first time it sees the node:
//   while (todo.length > 0) {
//     node = todo.pop();                    // every turn takes one element
//     if (!seen[node]) {                    // (or `if (seen[node]) continue;` before)
//       seen[node] = true;                  // marked before anything is queued
//       if (links[node]) todo = todo.concat(links[node]);   // or todo.push(...links[node])
//     }
//   }
// Everything ever queued is an initial element or a value held by `links`, which the loop does not
// change: a finite set, so finitely many distinct keys; each key lets one turn queue, a finite list
// each time; every other turn shrinks the list by one. So the loop ends whatever the data holds.
// Checked, narrowly: the test is false once the list is empty (`todo.length`, `> 0`, `!== 0`); the
// body's first statement takes one element (`pop`/`shift`) into a variable written nowhere else in
// the loop; the list is used in the loop only for that, its length, and additions (`push`,
// `unshift`, `todo = todo.concat(…)`) of `links[node]` or `links.get(node)` (a part of it) made
// after the mark on the unseen branch; the mark (`seen[node] = true`, `seen.add(node)`) is the only
// write to `seen`, which is never deleted from or rebound; `links` is only read in the loop. No await
// or yield, and no closure references the list, `seen` or `links`; the list and `seen` are made in
// the function (`[]`, `{}`, `new Set()`, `a.concat(b)`) and not handed on or copied before the loop,
// and no call in the loop is handed any of the three (nothing else changes them between turns).
// Assumptions: a call changes only what it is handed (as queue-drain.ts assumes for unresolved
// calls), so `links` read from elsewhere is not changed by one that is not handed it; `links`'s values are finite data (arrays, strings, plain objects), as parsed JSON and
// in-memory maps are; a Proxy or a getter that makes a new list per read is not looked at.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import { isFunctionNode, memberUseOf, unwrap, walk, type Node } from '../dataflow/ast';
import { referencesOf } from '../dataflow/references';
import type { LoopInfo } from '../cfg/loop-exits';
import type { ParsedFile } from '../project/types';

export function worklistQueuesUnseenOnly(loop: LoopInfo, file: ParsedFile): boolean {
  const node = loop.node;
  if (node.type !== 'WhileStatement' || node.body.type !== 'BlockStatement' || !node.body.body.length) return false;
  const refs = referencesOf(file);
  const list = emptiedBy(node.test, refs.variableOf);
  if (!list) return false;
  const body = node.body;
  const first = body.body[0];
  const taken = takesOne(first, list, refs.variableOf);
  if (!taken) return false;
  const home = functionOf(node);
  const local = (v: Variable) => v.references.every((r) => functionOf(r.identifier as Node) === home);
  if (!local(list) || !local(taken) || taken.references.some((r) => r.isWrite() && within(node, r.identifier as Node) && !within(first, r.identifier as Node))) return false;
  let ok = true;
  let seen: Variable | undefined;
  const links = new Set<Variable>();
  walk(node, (n) => {
    if (!ok) return false;
    if (n.type === 'AwaitExpression' || n.type === 'YieldExpression' || isFunctionNode(n)) return void (ok = false);
    if (n.type !== 'Identifier' || refs.variableOf(n) !== list) return;
    if (isLengthRead(n) || within(first, n)) return;
    const added = addition(n, list, refs.variableOf);
    if (!added) return void (ok = false);
    const guard = unseenGuard(added.at, body, taken, refs.variableOf);
    if (!guard || (seen && guard !== seen)) return void (ok = false);
    seen = guard;
    for (const value of added.values) {
      const from = linkRead(value, taken, refs.variableOf);
      if (!from) return void (ok = false);
      links.add(from);
    }
  });
  if (!ok || !seen || !local(seen)) return false;
  // The mark is the only write to `seen` in the loop; `links` is only read there.
  const seenVar = seen;
  if (!seenVar.references.every((r) => !within(node, r.identifier as Node) || onlyMarksOrReads(r.identifier as Node, taken, refs.variableOf))) return false;
  if (seenVar.references.some((r) => r.isWrite() && within(node, r.identifier as Node))) return false;
  for (const l of links) {
    if (l === list || l === seenVar || !local(l)) return false;
    if (!l.references.every((r) => !within(node, r.identifier as Node) || onlyRead(r.identifier as Node))) return false;
  }
  // The list and `seen` are this function's own (no alias a call could change them through), and
  // no other call in the loop is handed any of the three.
  if (!ownBeforeLoop(list, node, refs.variableOf) || !ownBeforeLoop(seenVar, node, refs.variableOf)) return false;
  return noCallHanded(node, new Set([list, seenVar, ...links]), refs.variableOf);
}

/** Before the loop, the variable is only given new values (`[]`, `{}`, `new Set()`, `a.concat(b)`, `Object.keys(o)`) or used through its members: never handed on or copied. */
function ownBeforeLoop(variable: Variable, loop: Node, variableOf: VariableOf): boolean {
  return variable.references.every((r) => {
    const id = r.identifier as Node;
    if (id.range[0] >= loop.range[0]) return true;
    if (r.isWrite()) return !!r.writeExpr && isFresh(r.writeExpr as Node, variableOf) && (id.parent?.type === 'VariableDeclarator' || (id.parent?.type === 'AssignmentExpression' && id.parent.operator === '='));
    const p = id.parent;
    return p?.type === 'MemberExpression' && p.object === id;
  });
}

const FRESH_METHODS = new Set(['concat', 'slice', 'map', 'filter', 'flat', 'flatMap']);
const FRESH_STATICS = new Set(['Object.keys', 'Object.values', 'Object.entries', 'Object.create', 'Array.from', 'Array.of']);

/** A value made here, that nothing else holds yet. */
function isFresh(value: Node, variableOf: VariableOf): boolean {
  const v = unwrap(value);
  if (v.type === 'ArrayExpression' || v.type === 'ObjectExpression') return true;
  if (v.type === 'NewExpression') {
    const c = unwrap(v.callee);
    return c.type === 'Identifier' && ['Set', 'Map', 'Array', 'Object'].includes(c.name) && !variableOf(c)?.defs.length;
  }
  if (v.type !== 'CallExpression') return false;
  const c = unwrap(v.callee);
  if (c.type !== 'MemberExpression' || c.computed || c.property.type !== 'Identifier') return false;
  const o = unwrap(c.object);
  if (o.type === 'Identifier' && (o.name === 'Object' || o.name === 'Array') && !variableOf(o)?.defs.length) return FRESH_STATICS.has(`${o.name}.${c.property.name}`);
  return FRESH_METHODS.has(c.property.name);
}

/** Calls other than the worklist's own steps (recognized above) are not handed the list, `seen` or `links`, as receiver or argument. */
export function noCallHanded(loop: Node, held: Set<Variable>, variableOf: VariableOf): boolean {
  const OWN = new Set(['pop', 'shift', 'push', 'unshift', 'concat', 'has', 'add', 'get']);
  const rootOf = (n: Node): Variable | undefined => {
    let u = unwrap(n);
    while (u.type === 'MemberExpression') u = unwrap(u.object);
    return u.type === 'Identifier' ? variableOf(u) : undefined;
  };
  let ok = true;
  walk(loop, (n) => {
    if (!ok) return false;
    if (n.type !== 'CallExpression' && n.type !== 'NewExpression') return;
    const callee = unwrap(n.callee);
    const object = callee.type === 'MemberExpression' ? unwrap(callee.object) : undefined;
    const receiver = object && rootOf(object);
    const method = callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' ? callee.property.name : undefined;
    // The list's, seen's and links's own steps were checked where they are used.
    if (receiver && held.has(receiver) && method && OWN.has(method) && object?.type === 'Identifier') return;
    if (receiver && held.has(receiver)) return void (ok = false);
    for (const a of n.arguments) {
      const arg = unwrap(a.type === 'SpreadElement' ? a.argument : a);
      // An element or a part (`links[node]`) is handed, not the holder itself.
      if (arg.type === 'Identifier' && held.has(variableOf(arg)!)) return void (ok = false);
    }
  });
  return ok;
}

export const within = (outer: Node, inner: Node) => outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];

export function functionOf(n: Node): Node | undefined {
  let p = n.parent;
  while (p && !isFunctionNode(p) && p.type !== 'Program') p = p.parent;
  return p;
}

export type VariableOf = (id: TSESTree.Identifier) => Variable | undefined;

/** The list whose emptiness ends the test: `q.length`, `q.length > 0`, `q.length !== 0`, `q.length >= 1`, `0 < q.length`. */
export function emptiedBy(test: Node, variableOf: VariableOf): Variable | undefined {
  const t = unwrap(test);
  const lengthOf = (x: Node): Variable | undefined => {
    const m = unwrap(x);
    if (m.type !== 'MemberExpression' || m.computed || m.property.type !== 'Identifier' || m.property.name !== 'length') return undefined;
    const o = unwrap(m.object);
    return o.type === 'Identifier' ? variableOf(o) : undefined;
  };
  if (t.type === 'MemberExpression') return lengthOf(t);
  if (t.type !== 'BinaryExpression' || t.left.type === 'PrivateIdentifier') return undefined;
  const num = (x: Node) => {
    const u = unwrap(x);
    return u.type === 'Literal' && typeof u.value === 'number' ? u.value : undefined;
  };
  const [op, v, c] = lengthOf(t.left) ? [t.operator, lengthOf(t.left), num(t.right)] : [({ '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as Record<string, string>)[t.operator] ?? t.operator, lengthOf(t.right), num(t.left)];
  if (!v || c === undefined) return undefined;
  return (op === '>' && c >= 0) || (op === '>=' && c >= 1) || ((op === '!==' || op === '!=') && c === 0) ? v : undefined;
}

/** `x = q.pop()` / `const x = q.shift()`: the variable that receives one element. */
export function takesOne(statement: Node, list: Variable, variableOf: VariableOf): Variable | undefined {
  let target: Node | undefined;
  let value: Node | undefined;
  if (statement.type === 'ExpressionStatement') {
    const e = unwrap(statement.expression);
    if (e.type === 'AssignmentExpression' && e.operator === '=') [target, value] = [e.left, e.right];
  } else if (statement.type === 'VariableDeclaration' && statement.declarations.length === 1) {
    [target, value] = [statement.declarations[0].id, statement.declarations[0].init ?? undefined];
  }
  if (target?.type !== 'Identifier' || !value) return undefined;
  const v = unwrap(value);
  if (v.type !== 'CallExpression' || v.arguments.length) return undefined;
  const c = unwrap(v.callee);
  if (c.type !== 'MemberExpression' || c.computed || c.property.type !== 'Identifier' || (c.property.name !== 'pop' && c.property.name !== 'shift')) return undefined;
  const o = unwrap(c.object);
  return o.type === 'Identifier' && variableOf(o) === list ? variableOf(target) : undefined;
}

export function isLengthRead(id: Node): boolean {
  const p = id.parent;
  return p?.type === 'MemberExpression' && p.object === id && !p.computed && p.property.type === 'Identifier' && p.property.name === 'length' && !(p.parent?.type === 'AssignmentExpression' && p.parent.left === p);
}

/** `q.push(a, …)` / `q.unshift(…)` (spread or not) or `q = q.concat(a, …)`: the statement making it and the values added. */
export function addition(id: Node, list: Variable, variableOf: VariableOf): { at: Node; values: Node[] } | undefined {
  const p = id.parent;
  const argsOf = (call: TSESTree.CallExpression) => call.arguments.map((a) => (a.type === 'SpreadElement' ? a.argument : a));
  if (p?.type === 'MemberExpression' && p.object === id && !p.computed && p.property.type === 'Identifier' && p.parent?.type === 'CallExpression' && p.parent.callee === p) {
    const call = p.parent;
    const name = p.property.name;
    if ((name === 'push' || name === 'unshift') && call.parent?.type === 'ExpressionStatement') return { at: call.parent, values: argsOf(call) };
    // `q = q.concat(…)`: the receiver of the concat assigned back.
    const assign = call.parent;
    if (name === 'concat' && assign?.type === 'AssignmentExpression' && assign.operator === '=' && assign.right === call && assign.left.type === 'Identifier' && variableOf(assign.left) === list && assign.parent?.type === 'ExpressionStatement') {
      return { at: assign.parent, values: call.arguments.some((a) => a.type === 'SpreadElement') ? [] : argsOf(call) };
    }
    return undefined;
  }
  // The left side of `q = q.concat(…)`.
  if (p?.type === 'AssignmentExpression' && p.left === id && p.operator === '=') {
    const r = unwrap(p.right);
    if (r.type === 'CallExpression') {
      const c = unwrap(r.callee);
      if (c.type === 'MemberExpression' && !c.computed && c.property.type === 'Identifier' && c.property.name === 'concat' && unwrap(c.object).type === 'Identifier' && variableOf(unwrap(c.object) as TSESTree.Identifier) === list && p.parent?.type === 'ExpressionStatement') {
        return { at: p.parent, values: r.arguments.some((a) => a.type === 'SpreadElement') ? [] : r.arguments.map((a) => a as Node) };
      }
    }
  }
  return undefined;
}

/** `links[node]`, `links.get(node)`, or a member read of one of them (`links[node].wires`): the variable `links`. */
function linkRead(value: Node, taken: Variable, variableOf: VariableOf): Variable | undefined {
  let v = unwrap(value);
  // `links[node] || []`: nothing more when there are no links.
  if (v.type === 'LogicalExpression' && (v.operator === '||' || v.operator === '??')) {
    const r = unwrap(v.right);
    if (r.type !== 'ArrayExpression' || r.elements.length) return undefined;
    v = unwrap(v.left);
  }
  for (;;) {
    if (v.type === 'MemberExpression' && v.computed && isTaken(v.property, taken, variableOf)) break;
    if (v.type === 'CallExpression' && v.arguments.length === 1 && isTaken(v.arguments[0], taken, variableOf)) {
      const c = unwrap(v.callee);
      if (c.type !== 'MemberExpression' || c.computed || c.property.type !== 'Identifier' || c.property.name !== 'get') return undefined;
      v = c;
      break;
    }
    if (v.type !== 'MemberExpression') return undefined;
    v = unwrap(v.object);
  }
  const o = unwrap(v.object);
  return o.type === 'Identifier' ? variableOf(o) : undefined;
}

function isTaken(n: Node, taken: Variable, variableOf: VariableOf): boolean {
  const u = unwrap(n);
  return u.type === 'Identifier' && variableOf(u) === taken;
}

/** The `seen` variable when the statement runs only after the node was found unseen and marked. */
function unseenGuard(at: Node, body: TSESTree.BlockStatement, taken: Variable, variableOf: VariableOf): Variable | undefined {
  for (let child: Node = at, parent = at.parent; parent && parent !== body.parent; child = parent, parent = parent.parent) {
    if (parent.type !== 'BlockStatement') continue;
    const statements = parent.body as Node[];
    const before = statements.slice(0, statements.indexOf(child));
    // In `if (!seen[node]) { seen[node] = true; … }`: the block is that if's consequent.
    const owner = parent.parent;
    if (owner?.type === 'IfStatement' && owner.consequent === parent) {
      const seen = seenTest(owner.test, false, taken, variableOf);
      if (seen && before.some((s) => marks(s, seen, taken, variableOf))) return seen;
    }
    // In the loop body after `if (seen[node]) continue;` and the mark.
    if (parent === body) {
      for (const [i, s] of before.entries()) {
        if (s.type !== 'IfStatement' || s.alternate || !skipsTurn(s.consequent)) continue;
        const seen = seenTest(s.test, true, taken, variableOf);
        if (seen && before.slice(i + 1).some((m) => marks(m, seen, taken, variableOf))) return seen;
      }
    }
  }
  return undefined;
}

function skipsTurn(n: Node): boolean {
  if (n.type === 'ContinueStatement' && !n.label) return true;
  return n.type === 'BlockStatement' && n.body.length === 1 && skipsTurn(n.body[0]);
}

/** `seen[node]` / `seen.has(node)` read so that the test is `truth` when the node was seen: the `seen` variable. */
function seenTest(test: Node, truth: boolean, taken: Variable, variableOf: VariableOf): Variable | undefined {
  const t = unwrap(test);
  if (t.type === 'UnaryExpression' && t.operator === '!') return seenTest(t.argument, !truth, taken, variableOf);
  if (!truth) return undefined;
  const object = t.type === 'MemberExpression' && t.computed && isTaken(t.property, taken, variableOf) ? t.object : t.type === 'CallExpression' && t.arguments.length === 1 && isTaken(t.arguments[0], taken, variableOf) ? memberCallReceiver(t, 'has') : undefined;
  const o = object && unwrap(object);
  return o?.type === 'Identifier' ? variableOf(o) : undefined;
}

function memberCallReceiver(call: TSESTree.CallExpression, method: string): Node | undefined {
  const c = unwrap(call.callee);
  return c.type === 'MemberExpression' && !c.computed && c.property.type === 'Identifier' && c.property.name === method ? c.object : undefined;
}

/** `seen[node] = true` (a truthy literal) or `seen.add(node)` as a statement. */
function marks(statement: Node, seen: Variable, taken: Variable, variableOf: VariableOf): boolean {
  if (statement.type !== 'ExpressionStatement') return false;
  const e = unwrap(statement.expression);
  const isSeen = (n: Node | undefined) => {
    const u = n && unwrap(n);
    return u?.type === 'Identifier' && variableOf(u) === seen;
  };
  if (e.type === 'AssignmentExpression' && e.operator === '=' && e.left.type === 'MemberExpression' && e.left.computed && isSeen(e.left.object) && isTaken(e.left.property, taken, variableOf)) {
    const r = unwrap(e.right);
    return r.type === 'Literal' && !!r.value;
  }
  return e.type === 'CallExpression' && e.arguments.length === 1 && isTaken(e.arguments[0], taken, variableOf) && isSeen(memberCallReceiver(e, 'add'));
}

/** A use of `seen` in the loop: `seen[node]` read or marked, `seen.has(node)`, `seen.add(node)`. */
function onlyMarksOrReads(id: Node, taken: Variable, variableOf: VariableOf): boolean {
  const p = id.parent;
  if (p?.type !== 'MemberExpression' || p.object !== id) return false;
  if (p.computed) {
    if (!isTaken(p.property, taken, variableOf)) return false;
    const up = p.parent;
    if (up?.type === 'UnaryExpression' && up.operator === 'delete') return false;
    if (up?.type === 'UpdateExpression') return false;
    if (up?.type === 'AssignmentExpression' && up.left === p) return up.operator === '=' && unwrap(up.right).type === 'Literal' && !!(unwrap(up.right) as TSESTree.Literal).value;
    return true;
  }
  return p.property.type === 'Identifier' && (p.property.name === 'has' || p.property.name === 'add') && p.parent?.type === 'CallExpression' && p.parent.callee === p;
}

/** A read of `links`: a member read not written, deleted or called with a method other than `get`/`has`. */
function onlyRead(id: Node): boolean {
  const use = memberUseOf(id);
  return use.kind === 'read' || (use.kind === 'call' && (use.method === 'get' || use.method === 'has'));
}
