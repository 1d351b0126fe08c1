// A loop that steps an iterator by hand ends when the iterator does, exactly as a for-of over it
// would: `while (!(step = it.next()).done)`, a compiler's for-of under other method names, or the
// hasNext/next protocol (`while (it.hasNext()) { const op = it.next(); … }`) when every turn that
// goes round takes the next element of the same iterator and the loop does not swap it for another.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { everyTurnPasses } from '../cfg/every-turn';
import type { LoopInfo } from '../cfg/loop-exits';
import { memberPath, unwrap, walk, type Node } from '../dataflow/ast';

export function isIteratorWalk(test: Node): boolean {
  let next = false;
  let done = false;
  walk(
    test,
    (n) => {
      if (n.type === 'CallExpression' && n.arguments.length === 0) {
        const callee = unwrap(n.callee);
        if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && callee.property.name === 'next') next = true;
      }
      if (n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier' && n.property.name === 'done') done = true;
    },
    false,
  );
  return next && done;
}

/**
 * The iterator-result protocol under any method name, as compilers emit for-of and destructuring
 * (`for (it.s(); !(step = it.n()).done;) { const x = step.value; … }`,
 * `!(done = (r = next.call(it)).done) && (out.push(r.value), …)`): the test reads `.done` of a call's
 * result held in a variable, and the loop reads that variable's `.value`.
 */
export function isIteratorResultWalk(loop: LoopInfo): boolean {
  if (!loop.test) return false;
  const results = new Set<string>();
  walk(
    loop.test,
    (n) => {
      if (n.type !== 'MemberExpression' || n.computed || n.property.type !== 'Identifier' || n.property.name !== 'done') return;
      const held = unwrap(n.object);
      if (held.type === 'AssignmentExpression' && held.operator === '=' && held.left.type === 'Identifier' && unwrap(held.right).type === 'CallExpression') results.add(held.left.name);
    },
    false,
  );
  if (!results.size) return false;
  let readsValue = false;
  walk(
    loop.node,
    (n) => {
      if (readsValue) return false;
      if (n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier' && n.property.name === 'value' && n.object.type === 'Identifier' && results.has(n.object.name)) readsValue = true;
    },
    false,
  );
  return readsValue;
}

/**
 * tsc's for-of for ES5 targets: `for (var _c = __values(xs), _d = _c.next(); !_d.done; _d = _c.next())
 * { var x = _d.value; … }`. The update takes the next element on every turn that goes round (a
 * `continue` runs it too), so the loop ends with the iterator, as the for-of it was. Only while
 * nothing in the body assigns the iterator or the step.
 */
export function isDownleveledForOf(loop: LoopInfo): boolean {
  const l = loop.node;
  if (l.type !== 'ForStatement' || !l.test || !l.update) return false;
  const update = unwrap(l.update);
  if (update.type !== 'AssignmentExpression' || update.operator !== '=' || update.left.type !== 'Identifier') return false;
  const call = unwrap(update.right);
  if (call.type !== 'CallExpression' || call.arguments.length !== 0) return false;
  const callee = unwrap(call.callee);
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier' || callee.property.name !== 'next' || unwrap(callee.object).type !== 'Identifier') return false;
  const step = update.left.name;
  const iterator = (unwrap(callee.object) as TSESTree.Identifier).name;
  // `!_d.done`
  const test = unwrap(l.test);
  const done = test.type === 'UnaryExpression' && test.operator === '!' ? unwrap(test.argument) : undefined;
  if (done?.type !== 'MemberExpression' || done.computed || done.property.type !== 'Identifier' || done.property.name !== 'done' || unwrap(done.object).type !== 'Identifier' || (unwrap(done.object) as TSESTree.Identifier).name !== step) return false;
  let readsValue = false;
  let reassigned = false;
  walk(
    l.body,
    (n) => {
      if (n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier' && n.property.name === 'value' && n.object.type === 'Identifier' && n.object.name === step) readsValue = true;
      if (n.type === 'AssignmentExpression' && n.left.type === 'Identifier' && (n.left.name === step || n.left.name === iterator)) reassigned = true;
      if (n.type === 'UpdateExpression' && n.argument.type === 'Identifier' && (n.argument.name === step || n.argument.name === iterator)) reassigned = true;
    },
    false,
  );
  return readsValue && !reassigned;
}

/** `it.next(…)` / `this.ops.next(…)` called on the iterator at `path`. */
const callsMethodOn = (n: Node, method: string, path: string): n is TSESTree.CallExpression => {
  if (n.type !== 'CallExpression') return false;
  const callee = unwrap(n.callee);
  return callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && callee.property.name === method && memberPath(callee.object)?.path === path;
};

/** The loop test is `it.hasNext()` and every turn that goes round calls `it.next()` on the same, unswapped iterator. */
export function isHasNextWalk(loop: LoopInfo): boolean {
  const test = loop.test && unwrap(loop.test);
  if (!test || test.type !== 'CallExpression' || test.arguments.length > 0) return false;
  const callee = unwrap(test.callee);
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier' || callee.property.name !== 'hasNext') return false;
  const path = memberPath(callee.object)?.path;
  if (!path || path.includes('[]')) return false;
  if (swapsIterator(loop.node, path)) return false;
  return everyTurnPasses(loop, (n) => callsMethodOn(n, 'next', path));
}

/** Something in the loop assigns the iterator (or an object on its path) anew. */
function swapsIterator(loop: Node, path: string): boolean {
  let swapped = false;
  walk(loop, (n) => {
    if (swapped) return false;
    const target = n.type === 'AssignmentExpression' ? n.left : n.type === 'VariableDeclarator' ? n.id : undefined;
    if (!target) return;
    const written = memberPath(target)?.path;
    if (written && (path === written || path.startsWith(`${written}.`))) swapped = true;
  });
  return swapped;
}
