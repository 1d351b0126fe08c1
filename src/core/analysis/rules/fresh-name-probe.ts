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
    // Counters the names read but do not step: each must move up on every turn too.
    const counters = new Set<Variable>();
    const fresh = (value: Node) => {
      const name = freshName(value, probe, refs, inLoop);
      if (name.read) counters.add(name.read);
      return name.fresh;
    };
    const effectOf = (n: Node): CursorEffect | undefined => {
      if (n.type === 'AssignmentExpression' && n.left.type === 'Identifier' && refs.variableOf(n.left) === probe) return n.operator === '=' && fresh(n.right) ? 'strict' : 'bad';
      if (n.type === 'UpdateExpression' && unwrap(n.argument).type === 'Identifier' && refs.variableOf(unwrap(n.argument) as TSESTree.Identifier) === probe) return 'bad';
      return undefined;
    };
    if (!everyTurnProgresses(loop.node.body, { effectOf, endWhen: () => false }, loop.labels, loop.test).progress) continue;
    if ([...counters].every((counter) => steppedEveryTurn(counter, loop, refs))) return true;
  }
  return false;
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

/**
 * A name built from parts that stay the same and one counter stepped up right there (`${base}-${n++}`,
 * `base + '-' + ++n`): the counter is written nowhere else in the loop, the other parts nowhere in it.
 * Or one counter read there (`read`) and stepped elsewhere in the loop: fresh if it moves every turn.
 */
function freshName(value: Node, probe: Variable, refs: ReturnType<typeof referencesOf>, inLoop: (n: Node) => boolean): { fresh: boolean; read?: Variable } {
  const no = { fresh: false };
  const v = unwrap(value);
  if (v.type !== 'TemplateLiteral' && !(v.type === 'BinaryExpression' && v.operator === '+')) return no;
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
  if (ok && !counter && read) return { fresh: true, read };
  if (!ok || !counter || read) return no;
  // The counter moves only there.
  const steps = counter.references.filter((r) => r.isWrite() && inLoop(r.identifier as Node));
  return { fresh: steps.length === 1 };
}

/** Written in the loop, and only by `++` or `+=` (whether on every turn is checked by steppedEveryTurn). */
function onlySteppedIn(variable: Variable, inLoop: (n: Node) => boolean): boolean {
  const writes = variable.references.filter((r) => r.isWrite() && inLoop(r.identifier as Node));
  return writes.length > 0 && writes.every((r) => {
    const parent = (r.identifier as Node).parent;
    return parent?.type === 'UpdateExpression' ? parent.operator === '++' : parent?.type === 'AssignmentExpression' && parent.operator === '+=';
  });
}
