// Whether a value the loop's exit reads through a captured or module-level variable (`sockets.size`,
// `openTags.length`, `pending.has(id)`) can be changed in place by another function of the file
// while the loop runs: a function that mutates its members (`sockets.delete(s)`, `openTags.shift()`,
// `state.done = true`) and that may run during the loop, because the loop awaits (any code of the
// file may run between turns: an event handler, a timer) or because a call in the loop reaches it
// through the call graph (`emitCloseTag(openTags[0])`, whose body shifts the captured list).
//
// An AbortSignal read through its own variable (`const signal = controller.signal`) changes when
// another function calls `controller.abort()`.
//
// Assumptions: only the variable's own name is followed (a copy, or the value handed to a call and
// mutated there, is not); a method counts as mutating unless it is known to be read-only; a function
// defined inside a callee counts as reached with it (a callback it passes on), one merely defined
// beside the loop does not; the call graph is followed within the file, up to a bound.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import type { ParsedFile } from '../project/types';
import type { CodeIndex } from './code-index';
import { calleeName, contains, isFunctionNode, memberPath, unwrap, walk, type Node } from './ast';
import { PURE_METHODS, type LoopEffects, type Operand } from './loop-operands';
import { referencesOf } from './references';

/** Functions of the call graph followed from one loop's calls before giving up (then: not reached). */
const MAX_FUNCTIONS = 60;

export function changedByOtherFunction(ops: Operand[], effects: LoopEffects, file: ParsedFile, code: CodeIndex): boolean {
  if (effects.calls.length === 0 && effects.awaits.length === 0) return false;
  const refs = referencesOf(file);
  const variables = new Set<Variable>();
  for (const o of ops) {
    if (o.kind === 'member' && o.variable) variables.add(o.variable);
    // A read-only method's receiver and arguments (`pending.has(id)`): their contents decide its result.
    if (o.kind === 'call' && PURE_METHODS.has(calleeName(o.node as TSESTree.CallExpression) ?? '')) {
      const call = o.node as TSESTree.CallExpression;
      const callee = unwrap(call.callee);
      for (const input of callee.type === 'MemberExpression' ? [callee.object, ...call.arguments] : call.arguments) {
        const root = input.type === 'SpreadElement' ? undefined : memberPath(unwrap(input))?.root;
        const v = root?.type === 'Identifier' ? refs.variableOf(root) : undefined;
        if (v) variables.add(v);
      }
    }
  }
  // An AbortSignal changes with its controller: `const signal = controller.signal` follows `controller.abort()`.
  for (const v of [...variables]) {
    const controller = signalOf(v, refs);
    if (controller) variables.add(controller);
  }
  if (variables.size === 0) return false;
  const own = enclosingFunction(effects.loop.node);
  const mutators: Node[] = [];
  for (const v of variables) {
    for (const ref of v.references) {
      const id = ref.identifier as Node;
      const fn = enclosingFunction(id);
      if (fn && fn !== own && !mutators.includes(fn) && mutatesMembers(id)) mutators.push(fn);
    }
  }
  if (mutators.length === 0) return false;
  if (effects.awaits.length > 0) return true;
  return reaches(effects.calls, mutators, file, code);
}

/** `const signal = controller.signal`: the controller's variable, whose `abort()` sets `signal.aborted`. */
function signalOf(v: Variable, refs: ReturnType<typeof referencesOf>): Variable | undefined {
  const def = v.defs.length === 1 && v.defs[0].type === 'Variable' ? (v.defs[0].node as TSESTree.VariableDeclarator) : undefined;
  if (!def || def.id.type !== 'Identifier' || !def.init || v.references.some((r) => r.isWrite() && !r.init)) return undefined;
  const init = unwrap(def.init);
  if (init.type !== 'MemberExpression' || init.computed || init.property.type !== 'Identifier' || init.property.name !== 'signal') return undefined;
  const object = unwrap(init.object);
  return object.type === 'Identifier' ? refs.variableOf(object) : undefined;
}

/** The innermost function around a node (undefined at module level). */
function enclosingFunction(node: Node): Node | undefined {
  let n = node.parent;
  while (n && !isFunctionNode(n)) n = n.parent;
  return n;
}

/** `v.add(x)`, `v.items.push(x)`, `v.done = true`, `delete v[k]`, `v.n++`: the value the name holds is changed in place. */
function mutatesMembers(id: Node): boolean {
  let e: Node = id;
  while (e.parent?.type === 'MemberExpression' && e.parent.object === e) {
    const member = e.parent;
    const call = member.parent;
    if (call?.type === 'CallExpression' && call.callee === member) {
      const name = calleeName(call) ?? '';
      return !PURE_METHODS.has(name) && !COPYING.has(name);
    }
    e = member;
  }
  if (e === id) return false;
  const p = e.parent;
  return (p?.type === 'AssignmentExpression' && p.left === e) || p?.type === 'UpdateExpression' || (p?.type === 'UnaryExpression' && p.operator === 'delete');
}

/** Methods that give a new value, or call back or listen, and leave their receiver's data as it was. */
const COPYING = new Set(['replace', 'replaceAll', 'normalize', 'matchAll', 'map', 'filter', 'forEach', 'some', 'every', 'find', 'findIndex', 'reduce', 'flatMap', 'flat', 'toFixed', 'toSorted', 'toReversed', 'toSpliced', 'with', 'emit', 'on', 'once']);

/** Whether the loop's calls reach one of the functions, following the call graph within the file. */
function reaches(calls: Array<TSESTree.CallExpression | TSESTree.NewExpression>, targets: Node[], file: ParsedFile, code: CodeIndex): boolean {
  const seen = new Set<Node>();
  const queue = [...calls];
  while (queue.length) {
    const call = queue.shift()!;
    for (const callee of code.calleesOf(file, call)) {
      if (callee.file !== file || seen.has(callee.info.node)) continue;
      const fn = callee.info.node as Node;
      if (targets.some((t) => t === fn || contains(fn, t))) return true;
      seen.add(fn);
      if (seen.size > MAX_FUNCTIONS) return false;
      walk(fn, (n) => {
        if (n.type === 'CallExpression' || n.type === 'NewExpression') queue.push(n);
      }, false);
    }
  }
  return false;
}
