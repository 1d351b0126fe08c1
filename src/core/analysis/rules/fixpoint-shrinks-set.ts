// A fixpoint loop over a shrinking set: `while (changed) { changed = false; for (const r of rest) {
// if (…) { rest.delete(r); changed = true; } } }`. The flag is cleared first thing every turn and set
// again only beside taking an element out of a set the loop walks and never adds to, so every turn
// that goes round removes one: the loop ends after at most as many turns as the set had elements.
// Sound while the set is a `const` made with `new Set(…)` (a Map's for-of yields entries, which its
// `delete` would not find) that nothing in the loop or a closure adds to or hands on, the block that
// sets the flag runs straight through (no jump between the removal and the flag), and no closure
// writes the flag.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import { enclosingFunction, isFunctionNode, unwrap, type Node } from '../dataflow/ast';
import { referencesOf } from '../dataflow/references';
import { insideLoopIteration } from '../cfg/loop-exits';
import type { LoopContext } from './types';

/** Uses of the set that leave it as it is, or shrink it (`delete`). */
const SET_READS = new Set(['has', 'get', 'size', 'forEach', 'keys', 'values', 'entries', 'delete']);

export function fixpointShrinksSet(context: LoopContext): boolean {
  const { loop, file } = context;
  const node = loop.node;
  if (node.type !== 'WhileStatement' && node.type !== 'DoWhileStatement') return false;
  const test = unwrap(node.test);
  const body = node.body;
  if (test.type !== 'Identifier' || body.type !== 'BlockStatement') return false;
  const refs = referencesOf(file);
  const flag = refs.variableOf(test);
  if (!flag || !isClearing(body.body[0], flag, refs)) return false;
  // Every other write of the flag sets it true beside a removal from a walked set; none in a closure.
  const scope = enclosingFunction(node);
  const sets = new Set<Variable>();
  for (const ref of flag.references) {
    if (!ref.isWrite()) continue;
    const id = ref.identifier as Node;
    if (enclosingFunction(id) !== scope) return false;
    if (!insideLoopIteration(node, id) || id.parent === (body.body[0] as TSESTree.ExpressionStatement).expression) continue;
    const set = setShrunkBeside(id, refs);
    if (!set) return false;
    sets.add(set);
  }
  return sets.size > 0 && [...sets].every((set) => isNewSet(set, refs) && onlyReadOrShrunk(set, node));
}

/** `flag = false;`, the body's first statement. */
function isClearing(statement: Node | undefined, flag: Variable, refs: ReturnType<typeof referencesOf>): boolean {
  if (statement?.type !== 'ExpressionStatement') return false;
  const e = unwrap(statement.expression);
  return e.type === 'AssignmentExpression' && e.operator === '=' && unwrap(e.left).type === 'Identifier' && refs.variableOf(unwrap(e.left) as TSESTree.Identifier) === flag && unwrap(e.right).type === 'Literal' && (unwrap(e.right) as TSESTree.Literal).value === false;
}

/**
 * `flag = true;` as a statement of a block that also holds `set.delete(x);`, where x is the element of
 * an enclosing `for (const x of set)`: the set that loses an element whenever the flag is set.
 */
function setShrunkBeside(flagId: Node, refs: ReturnType<typeof referencesOf>): Variable | undefined {
  const assignment = flagId.parent;
  if (assignment?.type !== 'AssignmentExpression' || assignment.operator !== '=' || unwrap(assignment.right).type !== 'Literal' || (unwrap(assignment.right) as TSESTree.Literal).value !== true) return undefined;
  const statement = assignment.parent;
  const block = statement?.parent;
  if (statement?.type !== 'ExpressionStatement' || block?.type !== 'BlockStatement') return undefined;
  // Straight through: nothing in the block can leave it between the removal and the flag.
  if (!block.body.every((s) => s.type === 'ExpressionStatement')) return undefined;
  for (const s of block.body) {
    if (s.type !== 'ExpressionStatement') continue;
    const call = unwrap(s.expression);
    if (call.type !== 'CallExpression' || call.arguments.length !== 1) continue;
    const callee = unwrap(call.callee);
    if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier' || callee.property.name !== 'delete') continue;
    const object = unwrap(callee.object);
    const arg = unwrap(call.arguments[0] as Node);
    if (object.type !== 'Identifier' || arg.type !== 'Identifier') continue;
    const set = refs.variableOf(object);
    const element = refs.variableOf(arg);
    if (set && element && walkedElement(block, set, element, refs)) return set;
  }
  return undefined;
}

/** Whether `element` is the variable of a `for (const element of set)` around the block. */
function walkedElement(from: Node, set: Variable, element: Variable, refs: ReturnType<typeof referencesOf>): boolean {
  for (let n: Node | undefined = from.parent; n && !isFunctionNode(n); n = n.parent) {
    if (n.type !== 'ForOfStatement') continue;
    const right = unwrap(n.right);
    const left = n.left.type === 'VariableDeclaration' ? n.left.declarations[0]?.id : n.left;
    if (right.type === 'Identifier' && refs.variableOf(right) === set && left?.type === 'Identifier' && refs.variableOf(left) === element && n.left.type === 'VariableDeclaration' && n.left.kind === 'const') return true;
  }
  return false;
}

/** `const s = new Set(…)` with the global Set. */
function isNewSet(set: Variable, refs: ReturnType<typeof referencesOf>): boolean {
  const def = set.defs[0];
  if (set.defs.length !== 1 || def?.type !== 'Variable' || (def.parent as TSESTree.VariableDeclaration).kind !== 'const') return false;
  const init = (def.node as TSESTree.VariableDeclarator).init;
  const made = init && unwrap(init);
  return made?.type === 'NewExpression' && made.callee.type === 'Identifier' && made.callee.name === 'Set' && !refs.variableOf(made.callee)?.defs.length;
}

/** Inside the loop and in closures, the set is only walked, read or shrunk: never added to or handed on. */
function onlyReadOrShrunk(set: Variable, loop: TSESTree.WhileStatement | TSESTree.DoWhileStatement): boolean {
  const home = enclosingFunction(loop);
  for (const ref of set.references) {
    const id = ref.identifier as Node;
    if (!insideLoopIteration(loop, id) && enclosingFunction(id) === home) continue;
    if (ref.isWrite()) return false;
    const p = id.parent;
    if (p?.type === 'ForOfStatement' && p.right === id) continue;
    if (p?.type === 'MemberExpression' && p.object === id && !p.computed && p.property.type === 'Identifier' && SET_READS.has(p.property.name)) continue;
    return false;
  }
  return true;
}

