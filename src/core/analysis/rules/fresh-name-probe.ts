// `while (await db.slugExists(slug)) slug = `${base}-${n++}``: a loop that asks a store whether a
// name is taken and, every turn it is, tries a name it has not tried before (a counter stepped up
// inside a name whose other parts stay the same, or read there and stepped up by `n++` / `n += 1`
// elsewhere in the loop, on every turn that goes round and nowhere else). A store holds finitely many names, so some turn finds
// one free. Only stores asked by existence (`exists`, `existsSync`, `has`, `includes`): a predicate of
// the name's shape (`isReserved`) could say yes to every name.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import { unwrap, walk, type Node } from '../dataflow/ast';
import { referencesOf } from '../dataflow/references';
import { everyTurnProgresses, type CursorEffect } from '../dataflow/cursor-paths';
import type { LoopContext } from './types';

const EXISTENCE = /exists?(Sync)?$|^has$|^includes$|^isTaken$/i;

export function probesFreshNames(context: LoopContext): boolean {
  const { loop, file } = context;
  if (loop.kind !== 'while' && loop.kind !== 'do-while') return false;
  let test = loop.test && unwrap(loop.test);
  if (test?.type === 'AwaitExpression') test = unwrap(test.argument);
  if (!test || test.type !== 'CallExpression') return false;
  const callee = unwrap(test.callee);
  const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' ? callee.property.name : undefined;
  if (!name || !EXISTENCE.test(name)) return false;
  const refs = referencesOf(file);
  const inLoop = (n: Node) => loop.node.range[0] <= n.range[0] && n.range[1] <= loop.node.range[1];
  for (const arg of test.arguments) {
    const a = unwrap(arg as Node);
    const probe = a.type === 'Identifier' ? refs.variableOf(a) : undefined;
    if (!probe) continue;
    const fresh = (value: Node) => freshName(value, probe, refs, inLoop);
    const effectOf = (n: Node): CursorEffect | undefined => {
      if (n.type === 'AssignmentExpression' && n.left.type === 'Identifier' && refs.variableOf(n.left) === probe) return n.operator === '=' && fresh(n.right) ? 'strict' : 'bad';
      if (n.type === 'UpdateExpression' && unwrap(n.argument).type === 'Identifier' && refs.variableOf(unwrap(n.argument) as TSESTree.Identifier) === probe) return 'bad';
      return undefined;
    };
    if (!everyTurnProgresses(loop.node.body, { effectOf, endWhen: () => false }, loop.labels, loop.test).progress) continue;
    // A counter the name reads but does not step: it must move up on every turn too.
    const counters = new Set<Variable>();
    collectAssigned(loop.node.body, probe, refs, counters);
    if (!counters.size) return true;
    if ([...counters].every((counter) => steppedEveryTurn(counter, loop, refs))) return true;
  }
  return false;
}

/** The counters read (not stepped) by the names assigned to the probe in the loop. */
function collectAssigned(body: Node, probe: Variable, refs: ReturnType<typeof referencesOf>, out: Set<Variable>): void {
  walk(body, (n) => {
    if (n.type !== 'AssignmentExpression' || n.left.type !== 'Identifier' || refs.variableOf(n.left) !== probe) return;
    const counter = readCounters.get(n.right);
    if (counter) out.add(counter);
  });
}

/** `n++`, `++n` or `n += 1` on every turn that goes round, and no other write of `n` in the loop. */
function steppedEveryTurn(counter: Variable, loop: LoopContext['loop'], refs: ReturnType<typeof referencesOf>): boolean {
  const effectOf = (n: Node): CursorEffect | undefined => {
    if (n.type === 'UpdateExpression' && unwrap(n.argument).type === 'Identifier' && refs.variableOf(unwrap(n.argument) as TSESTree.Identifier) === counter) return n.operator === '++' ? 'strict' : 'bad';
    if (n.type === 'AssignmentExpression' && n.left.type === 'Identifier' && refs.variableOf(n.left) === counter) {
      const step = unwrap(n.right);
      return n.operator === '+=' && step.type === 'Literal' && typeof step.value === 'number' && step.value > 0 ? 'strict' : 'bad';
    }
    return undefined;
  };
  return everyTurnProgresses(loop.node.body, { effectOf, endWhen: () => false }, loop.labels, loop.test).progress;
}

/** Names whose counter is read there and stepped elsewhere in the loop (checked per loop by steppedEveryTurn). */
const readCounters = new WeakMap<Node, Variable>();

/**
 * A name built from parts that stay the same and one counter stepped up right there (`${base}-${n++}`,
 * `base + '-' + ++n`): the counter is written nowhere else in the loop, the other parts nowhere in it.
 */
function freshName(value: Node, probe: Variable, refs: ReturnType<typeof referencesOf>, inLoop: (n: Node) => boolean): boolean {
  const v = unwrap(value);
  if (v.type !== 'TemplateLiteral' && !(v.type === 'BinaryExpression' && v.operator === '+')) return false;
  let counter: Variable | undefined;
  let read: Variable | undefined;
  let ok = true;
  walk(v, (n) => {
    if (!ok) return false;
    if (n.type === 'UpdateExpression') {
      const target = unwrap(n.argument);
      const variable = target.type === 'Identifier' ? refs.variableOf(target) : undefined;
      if (n.operator !== '++' || !variable || counter || variable === probe) ok = false;
      else counter = variable;
      return false;
    }
    if (n.type === 'CallExpression' || n.type === 'AssignmentExpression' || n.type === 'AwaitExpression') ok = false;
    if (n.type === 'Identifier') {
      const variable = refs.variableOf(n);
      // Another part: not the probe itself, and not written in the loop (it stays the same every turn),
      // or the one counter, read here and stepped elsewhere.
      if (variable && variable !== probe && !counter && !read && onlySteppedIn(variable, inLoop)) read = variable;
      else if (variable && (variable === probe || variable.references.some((r) => r.isWrite() && inLoop(r.identifier as Node)))) ok = false;
    }
  });
  if (ok && !counter && read) {
    readCounters.set(value, read);
    return true;
  }
  if (!ok || !counter || read) return false;
  // The counter moves only there.
  const steps = counter.references.filter((r) => r.isWrite() && inLoop(r.identifier as Node));
  return steps.length === 1;
}

/** Written in the loop, and only by `++` or `+=` (whether on every turn is checked by steppedEveryTurn). */
function onlySteppedIn(variable: Variable, inLoop: (n: Node) => boolean): boolean {
  const writes = variable.references.filter((r) => r.isWrite() && inLoop(r.identifier as Node));
  return writes.length > 0 && writes.every((r) => {
    const parent = (r.identifier as Node).parent;
    return parent?.type === 'UpdateExpression' ? parent.operator === '++' : parent?.type === 'AssignmentExpression' && parent.operator === '+=';
  });
}
