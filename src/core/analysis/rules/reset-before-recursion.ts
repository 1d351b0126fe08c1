// A recursive call made right after removing the map entry the function's first statement reads, on
// the branch where that entry was there (a cache entry dropped before retrying): the new call reads
// no entry and takes the other branch, so this call does not happen again from it.
// Sound only where nothing can make the map answer otherwise: a private field (no code outside the
// class writes it) that only ever holds a Map or WeakMap (get after delete of a key gives
// undefined), the call on `this` (the same map), the key built from parameters the call passes on
// unchanged (read again, it is the same: no getter that changes), and no code between the removal
// and the read (the removal is the statement just before the call, the read the function's first
// statement).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, unwrap, walk, type Node } from '../dataflow/ast';
import { referencesOf } from '../dataflow/references';
import type { FunctionContext } from './types';

export function resetBeforeRecursing(context: FunctionContext, call: TSESTree.CallExpression | TSESTree.NewExpression, unchanged: number[]): boolean {
  const fn = context.fn.node;
  if (fn.body?.type !== 'BlockStatement' || call.type !== 'CallExpression') return false;
  const callee = unwrap(call.callee);
  if (callee.type !== 'MemberExpression' || unwrap(callee.object).type !== 'ThisExpression') return false;
  const read = firstRead(fn.body.body[0]);
  if (!read) return false;
  const refs = referencesOf(context.file);
  const present = refs.variableOf(read.id);
  // The statement holding the call and the one just before it, in the same block.
  const statement = call.parent?.type === 'ExpressionStatement' || call.parent?.type === 'ReturnStatement' ? call.parent : undefined;
  const block = statement?.parent;
  if (!statement || block?.type !== 'BlockStatement') return false;
  const before = block.body[block.body.indexOf(statement as TSESTree.Statement) - 1];
  const removal = before?.type === 'ExpressionStatement' ? unwrap(before.expression) : undefined;
  if (removal?.type !== 'CallExpression' || !isMapCall(removal, 'delete', read.map) || context.text(removal.arguments[0], 200) !== context.text(read.key, 200)) return false;
  if (!keyFromUnchanged(read.key, context, unchanged)) return false;
  return !!present && onPresentBranch(statement, fn.body, present, refs.variableOf) && onlyEverAMap(fn, read.map, refs.variableOf);
}

/** `const x = this.#map.get(key)`. */
function firstRead(statement: Node | undefined): { id: TSESTree.Identifier; map: string; key: Node } | undefined {
  if (statement?.type !== 'VariableDeclaration' || statement.kind !== 'const' || statement.declarations.length !== 1) return undefined;
  const [d] = statement.declarations;
  const init = d.init && unwrap(d.init);
  if (d.id.type !== 'Identifier' || init?.type !== 'CallExpression') return undefined;
  const map = mapOf(init, 'get');
  return map ? { id: d.id, map, key: init.arguments[0] } : undefined;
}

/** The private field a `this.#map.<method>(key)` call is on. */
function mapOf(call: TSESTree.CallExpression, method: string): string | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier' || callee.property.name !== method) return undefined;
  if (call.arguments.length !== 1 || call.arguments[0].type === 'SpreadElement') return undefined;
  const path = memberPath(callee.object)?.path;
  return path && /^this\.#[^.]+$/.test(path) ? path : undefined;
}

function isMapCall(call: TSESTree.CallExpression, method: string, map: string): boolean {
  return mapOf(call, method) === map;
}

/** The key is a parameter, or a member path of one, that the call passes on in its place. */
function keyFromUnchanged(key: Node, context: FunctionContext, unchanged: number[]): boolean {
  const mp = memberPath(key);
  if (!mp || mp.root.type !== 'Identifier' || mp.path.includes('[]')) return false;
  const variable = referencesOf(context.file).variableOf(mp.root);
  return unchanged.some((i) => {
    const p = context.fn.node.params[i];
    const id = p?.type === 'AssignmentPattern' ? p.left : p;
    return id?.type === 'Identifier' && referencesOf(context.file).variableOf(id) === variable;
  });
}

/**
 * Every test of the read value on the way to the statement (an enclosing `if`, or an earlier `if`
 * that leaves the function) lets only the value being there through; at least one does.
 */
function onPresentBranch(statement: Node, body: Node, present: unknown, variableOf: (id: TSESTree.Identifier) => unknown): boolean {
  let guarded = false;
  for (let n: Node = statement; n !== body && n.parent; n = n.parent) {
    const p: Node = n.parent;
    if (p.type === 'BlockStatement') {
      // `if (x == null) { …; return; }` before it: past that, x is there.
      for (const earlier of p.body.slice(0, p.body.indexOf(n as TSESTree.Statement))) {
        if (earlier.type !== 'IfStatement' || !leaves(earlier.consequent)) continue;
        const absentWhenTrue = testsAbsent(earlier.test, present, variableOf);
        if (absentWhenTrue === undefined || earlier.alternate) continue;
        if (!absentWhenTrue) return false;
        guarded = true;
      }
    }
    if (p.type !== 'IfStatement' || p.test === n) continue;
    const absentWhenTrue = testsAbsent(p.test, present, variableOf);
    if (absentWhenTrue === undefined) continue;
    if ((p.alternate === n) !== absentWhenTrue) return false;
    guarded = true;
  }
  return guarded;
}

/** The branch always leaves the function: it ends with return or throw and holds no break or continue. */
function leaves(branch: Node): boolean {
  const last = branch.type === 'BlockStatement' ? branch.body[branch.body.length - 1] : branch;
  if (last?.type !== 'ReturnStatement' && last?.type !== 'ThrowStatement') return false;
  let jumps = false;
  walk(branch, (n) => {
    if (n.type === 'BreakStatement' || n.type === 'ContinueStatement') jumps = true;
  }, false);
  return !jumps;
}

/** true: the test is true when the value is missing (`x == null`, `!x`); false: when it is there (`x != null`, `x`). */
function testsAbsent(test: Node, present: unknown, variableOf: (id: TSESTree.Identifier) => unknown): boolean | undefined {
  const t = unwrap(test);
  const isIt = (n: Node) => {
    const u = unwrap(n);
    return u.type === 'Identifier' && variableOf(u) === present;
  };
  if (isIt(t)) return false;
  if (t.type === 'UnaryExpression' && t.operator === '!' && isIt(t.argument)) return true;
  if (t.type === 'BinaryExpression' && t.left.type !== 'PrivateIdentifier' && (isIt(t.left) || isIt(t.right))) {
    const other = unwrap(isIt(t.left) ? t.right : t.left);
    const missing = (other.type === 'Literal' && other.value === null && !(other as TSESTree.RegExpLiteral).regex) || (other.type === 'Identifier' && other.name === 'undefined');
    if (!missing) return undefined;
    if (t.operator === '==' || (t.operator === '===' && other.type === 'Identifier')) return true;
    if (t.operator === '!=' || (t.operator === '!==' && other.type === 'Identifier')) return false;
  }
  return undefined;
}

/** The class declares the private field as `new Map()` (or WeakMap) and only ever assigns it one. */
function onlyEverAMap(fn: Node, map: string, variableOf: (id: TSESTree.Identifier) => { defs: unknown[] } | undefined): boolean {
  const classBody = fn.parent?.type === 'MethodDefinition' ? fn.parent.parent : undefined;
  if (classBody?.type !== 'ClassBody') return false;
  const name = map.slice('this.#'.length);
  const isNewMap = (n: Node | null | undefined) => {
    const v = n && unwrap(n);
    return v?.type === 'NewExpression' && v.callee.type === 'Identifier' && (v.callee.name === 'Map' || v.callee.name === 'WeakMap') && variableOf(v.callee)?.defs.length === 0;
  };
  let declared = false;
  let other = false;
  for (const member of classBody.body) {
    if (member.type === 'PropertyDefinition' && member.key.type === 'PrivateIdentifier' && member.key.name === name) declared = isNewMap(member.value);
  }
  walk(classBody, (n) => {
    if (n.type === 'AssignmentExpression' && memberPath(n.left)?.path === map && !(n.operator === '=' && isNewMap(n.right))) other = true;
    if (n.type === 'UpdateExpression' && memberPath(n.argument)?.path === map) other = true;
  });
  return declared && !other;
}
