// A loop that walks down a structure: every turn that goes on moves one variable a step down, and
// nothing else writes that variable while the loop runs. A step is
// - to a named child of the current value: `node = node.next`, or one chosen by a condition,
//   `node = key < node.key ? node.left : node.right`. The structure ends (a null child), so after at
//   most its depth the walk either stops or throws reading a member of null. Like the linked-list
//   walk, this assumes the structure is finite and acyclic; the condition only chooses the path. So
//   it holds only for the program's own structure: the variable starts from `this` or a field of it
//   (the tree an instance builds and holds, whatever data its nodes carry), or from a value that is
//   no flow data. A structure a caller or a client passed could be cyclic, and stays reported. Children are
//   fixed names: a key computed from data could pick an inherited member (`constructor` twice gives
//   Function again) and go round.
// - to its prototype: `obj = Object.getPrototypeOf(obj)` (or an alias). Prototype chains are finite
//   and acyclic by the language (setting a prototype that would close a cycle throws), whatever the
//   object; getPrototypeOf(null) throws, so the walk stops or throws. A Proxy whose getPrototypeOf trap
//   invents an endless chain is not data a caller passes by mistake, and is not considered.
// A step that can leave the variable null without throwing next time (`getPrototypeOf(Object(x))`,
// a `null` branch, `c && step`) needs a loop test that ends on that value (`while (obj)`).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import { everyTurnPasses } from '../cfg/every-turn';
import { insideLoopIteration } from '../cfg/loop-exits';
import type { LoopContext } from '../rules/types';
import { isFunctionNode, memberPath, unwrap, walk, type Node } from './ast';
import { prototypeFunctionOf } from './prototype-function';
import { referencesOf } from './references';
import { throughCallResult } from './taint';

/** What the loop test must end on after a step: 0 nothing; 1 null; 2 null or undefined; 3 any falsy value. */
type Need = 0 | 1 | 2 | 3;

interface Step {
  need: Need;
  /** Down to a child (the structure is assumed finite), not a prototype (finite by the language). */
  child: boolean;
}

export function walksFiniteStructure(context: LoopContext): boolean {
  const { loop, file } = context;
  const refs = referencesOf(file);
  const candidates = new Set<Variable>();
  const stepOf = (n: Node): { variable: Variable; step: Step } | undefined => {
    if (n.type !== 'AssignmentExpression' || n.operator !== '=' || n.left.type !== 'Identifier') return undefined;
    const variable = refs.variableOf(n.left);
    const step = variable && stepTo(n.right, variable, context);
    return step && variable ? { variable, step } : undefined;
  };
  collect(loop.node, (n) => {
    const s = stepOf(n);
    if (s) candidates.add(s.variable);
  });
  const home = enclosingFunction(loop.node);
  for (const variable of candidates) {
    const steps: Step[] = [];
    let other = false;
    for (const ref of variable.references) {
      if (!ref.isWrite()) continue;
      const id = ref.identifier as Node;
      // Written by a closure: it may run between turns.
      if (enclosingFunction(id) !== home) other = true;
      // A `for` loop's init runs once, before the first turn.
      if (!insideLoopIteration(loop.node, id)) continue;
      const s = id.parent && stepOf(id.parent);
      if (s && s.variable === variable && (id.parent as TSESTree.AssignmentExpression).left === id) steps.push(s.step);
      else other = true;
    }
    if (other || steps.length === 0) continue;
    const need = Math.max(...steps.map((s) => s.need));
    if (need > 0 && endsOn(loop.test, variable, refs.variableOf) < need) continue;
    if (!everyTurnPasses(loop, (n) => stepOf(n)?.variable === variable)) continue;
    if (steps.some((s) => s.child) && !entryIsOwnData(variable, home, context) && !(entryIs(variable, home, context, parsedRequestValue) && ownChildNames(variable, loop.node, context))) continue;
    return true;
  }
  return false;
}

/** Assignments in the loop's own code (not in functions written in it). */
function collect(root: Node, visit: (n: Node) => void): void {
  walk(root, (n) => void visit(n), false);
}

function enclosingFunction(node: Node): Node | undefined {
  let n = node.parent;
  while (n && !isFunctionNode(n)) n = n.parent;
  return n;
}

/** The step an assigned value makes from the variable's current value, if it is one. */
function stepTo(value: Node, variable: Variable, context: LoopContext): Step | undefined {
  const refs = referencesOf(context.file);
  const isVariable = (n: Node) => n.type === 'Identifier' && refs.variableOf(n) === variable;
  const n = unwrap(value);
  if (n.type === 'MemberExpression') {
    // A named child (or a chain of them) of the variable itself; `?.` would give undefined instead of throwing.
    let m: Node = n;
    while (m.type === 'MemberExpression') {
      if (m.optional || (m.computed && m.property.type !== 'Literal')) return undefined;
      m = unwrap(m.object);
    }
    return isVariable(m) ? { need: 0, child: true } : undefined;
  }
  if (n.type === 'ConditionalExpression') {
    const a = stepTo(n.consequent, variable, context) ?? ending(n.consequent);
    const b = stepTo(n.alternate, variable, context) ?? ending(n.alternate);
    // Both branches ending is no step at all.
    if (!a || !b || (ending(n.consequent) && ending(n.alternate))) return undefined;
    return { need: Math.max(a.need, b.need) as Need, child: a.child || b.child };
  }
  if (n.type === 'LogicalExpression' && n.operator === '&&') {
    const right = stepTo(n.right, variable, context);
    return right && { need: 3, child: right.child };
  }
  if (n.type === 'CallExpression' && n.arguments.length === 1 && isVariable(unwrap(n.arguments[0]))) {
    const how = prototypeFunctionOf(n.callee, context.file, context.code);
    if (how === 'native') return { need: 0, child: false };
    if (how === 'to-object') return { need: 1, child: false };
  }
  return undefined;
}

/** A branch that ends the walk instead of stepping: null, undefined or another falsy constant. */
function ending(branch: Node): Step | undefined {
  const n = unwrap(branch);
  if (n.type === 'Literal' && n.value === null && !(n as TSESTree.RegExpLiteral).regex) return { need: 1, child: false };
  if (n.type === 'Identifier' && n.name === 'undefined') return { need: 2, child: false };
  if (n.type === 'Literal' && !n.value && !(n as TSESTree.RegExpLiteral).regex && !(n as TSESTree.BigIntLiteral).bigint) return { need: 3, child: false };
  return undefined;
}

/** Which values of the variable the loop test surely ends on (see Need), from its `&&` conjuncts. */
function endsOn(test: Node | null, variable: Variable, variableOf: (id: TSESTree.Identifier) => Variable | undefined): Need {
  if (!test) return 0;
  const n = unwrap(test);
  const isVariable = (x: Node) => {
    const u = unwrap(x);
    return u.type === 'Identifier' && variableOf(u) === variable;
  };
  if (n.type === 'LogicalExpression' && n.operator === '&&') return Math.max(endsOn(n.left, variable, variableOf), endsOn(n.right, variable, variableOf)) as Need;
  if (isVariable(n)) return 3;
  if (n.type === 'UnaryExpression' && n.operator === '!' && unwrap(n.argument).type === 'UnaryExpression') {
    const inner = unwrap(n.argument) as TSESTree.UnaryExpression;
    if (inner.operator === '!' && isVariable(inner.argument)) return 3;
  }
  if (n.type === 'BinaryExpression' && (n.operator === '!=' || n.operator === '!==')) {
    const other = isVariable(n.left) ? unwrap(n.right) : isVariable(n.right) ? unwrap(n.left) : undefined;
    if (!other) return 0;
    const isNull = other.type === 'Literal' && other.value === null && !(other as TSESTree.RegExpLiteral).regex;
    const isUndefined = other.type === 'Identifier' && other.name === 'undefined';
    if (n.operator === '!=' && (isNull || isUndefined)) return 2;
    if (n.operator === '!==' && isNull) return 1;
  }
  return 0;
}

/**
 * The variable's value before the loop is the program's own structure: a local of the loop's function
 * (not a parameter) whose every write other than a step is `this`, a field of it, or no flow data.
 */
function entryIsOwnData(variable: Variable, home: Node | undefined, context: LoopContext): boolean {
  return entryIs(variable, home, context, ownStructure);
}

/** Whether every value the variable starts from (its declaration, assignments outside the steps) passes `start`. */
function entryIs(variable: Variable, home: Node | undefined, context: LoopContext, start: (value: Node, context: LoopContext) => boolean): boolean {
  const def = variable.defs[0];
  if (!def || def.type !== 'Variable' || variable.defs.length !== 1 || enclosingFunction(def.name as Node) !== home) return false;
  for (const ref of variable.references) {
    if (!ref.isWrite()) continue;
    const id = ref.identifier as Node;
    const parent = id.parent;
    if (parent?.type === 'AssignmentExpression' && parent.left === id && parent.operator === '=') {
      if (stepTo(parent.right, variable, context)?.child || start(parent.right, context)) continue;
      return false;
    }
    if (parent?.type === 'VariableDeclarator' && parent.id === id) {
      if (parent.init && !start(parent.init, context)) return false;
      continue;
    }
    return false; // destructuring, for-of binding, update: not followed
  }
  return true;
}

function ownStructure(value: Node, context: LoopContext): boolean {
  return memberPath(value)?.root.type === 'ThisExpression' || context.flowData(value).length === 0;
}

/**
 * A request part (`req.body.head`, also handed down to helpers): parsed from JSON or a query string,
 * it is a tree, so a walk down its own members ends. Not a value that went through a call's result:
 * that may be a record a database or a library built, which can link back to itself.
 */
function parsedRequestValue(value: Node, context: LoopContext): boolean {
  const sources = context.flowData(value);
  return sources.length > 0 && sources.every((s) => s.kind === 'request' && !throughCallResult(s.path));
}

/**
 * Names that any value parsed data holds inherits (`constructor`, `toString`, a function's `call`):
 * stepping through one leaves the tree for the runtime's own objects, and `constructor` twice cycles.
 */
const INHERITED = new Set(
  [Object.prototype, Function.prototype, Array.prototype, String.prototype, Number.prototype, Boolean.prototype].flatMap((p) => Object.getOwnPropertyNames(p)),
);

/** Every step of the walk goes down a named member no parsed value inherits. */
function ownChildNames(variable: Variable, loop: Node, context: LoopContext): boolean {
  const refs = referencesOf(context.file);
  let ok = true;
  walk(
    loop,
    (n) => {
      if (!ok || n.type !== 'AssignmentExpression' || n.left.type !== 'Identifier' || refs.variableOf(n.left) !== variable) return;
      walk(n.right, (m) => {
        if (m.type !== 'MemberExpression') return;
        const name = !m.computed && m.property.type === 'Identifier' ? m.property.name : m.property.type === 'Literal' ? String(m.property.value) : undefined;
        if (name === undefined || INHERITED.has(name)) ok = false;
      });
    },
    false,
  );
  return ok;
}
