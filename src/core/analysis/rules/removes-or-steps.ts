// `while (i < xs.length) { if (drop(xs[i])) { xs.splice(i, 1); continue; } i++; }`: every turn that
// goes round either moves the counter up or removes the element at it, so `xs.length - i` falls by at
// least one each turn and the test fails in the end. Removing at the counter removes one element
// because the test just held (`i < xs.length`); a client's object has no `splice` (the call throws).
// Nothing else may grow the list or move the counter back: the list is a local variable no nested
// function sees, only read in the loop besides those removals, and handed to no call.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import { unwrap, type Node } from '../dataflow/ast';
import { referencesOf } from '../dataflow/references';
import { everyTurnProgresses, type CursorEffect } from '../dataflow/cursor-paths';
import { insideNestedFunction } from '../dataflow/cursor-helpers';
import { PURE_METHODS } from '../dataflow/loop-operands';
import type { LoopContext } from './types';

export function removesOrSteps(context: LoopContext): boolean {
  const { loop, file } = context;
  if (loop.kind !== 'while' && loop.kind !== 'for') return false;
  const test = loop.test && unwrap(loop.test);
  if (!test || test.type !== 'BinaryExpression' || test.operator !== '<') return false;
  const counterId = unwrap(test.left as Node);
  const length = unwrap(test.right);
  if (counterId.type !== 'Identifier' || length.type !== 'MemberExpression' || length.computed || length.property.type !== 'Identifier' || length.property.name !== 'length') return false;
  const listId = unwrap(length.object);
  if (listId.type !== 'Identifier') return false;
  const refs = referencesOf(file);
  const counter = refs.variableOf(counterId);
  const list = refs.variableOf(listId);
  const scope = context.fn?.node ?? file.ast;
  if (!counter || !list || counter === list || !usedOnlyHere(list, scope, loop.node)) return false;
  const isCounter = (n: Node) => unwrap(n).type === 'Identifier' && refs.variableOf(unwrap(n) as TSESTree.Identifier) === counter;
  const isList = (n: Node) => unwrap(n).type === 'Identifier' && refs.variableOf(unwrap(n) as TSESTree.Identifier) === list;
  const effectOf = (n: Node): CursorEffect | undefined => {
    if (n.type === 'UpdateExpression') return isCounter(n.argument) ? (n.operator === '++' ? 'strict' : 'bad') : undefined;
    if (n.type === 'AssignmentExpression') {
      if (isCounter(n.left)) return n.operator === '+=' && positive(n.right) ? 'strict' : 'bad';
      return isList(n.left) || (n.left.type === 'MemberExpression' && isList(n.left.object)) ? 'bad' : undefined;
    }
    if (n.type !== 'CallExpression' && n.type !== 'NewExpression') return undefined;
    if (n.arguments.some((a) => isList(a as Node))) return 'bad';
    const callee = unwrap(n.callee);
    if (callee.type !== 'MemberExpression' || !isList(callee.object)) return undefined;
    const method = !callee.computed && callee.property.type === 'Identifier' ? callee.property.name : undefined;
    // `xs.splice(i, k)`: removes k ≥ 1 elements at the counter, inserts none.
    if (method === 'splice') return n.arguments.length === 2 && isCounter(n.arguments[0] as Node) && positive(n.arguments[1] as Node) ? 'strict' : 'bad';
    return method && PURE_METHODS.has(method) ? undefined : 'bad';
  };
  const update = loop.node.type === 'ForStatement' ? loop.node.update : undefined;
  return everyTurnProgresses(loop.node.body, { effectOf, endWhen: () => false }, loop.labels, loop.test, update).progress;
}

function positive(n: Node): boolean {
  const v = unwrap(n);
  return v.type === 'Literal' && typeof v.value === 'number' && v.value >= 1;
}

/** A variable of this function that no nested function reads or writes, and that is not reassigned inside the loop. */
function usedOnlyHere(variable: Variable, scope: Node, loop: Node): boolean {
  return variable.references.every((r) => {
    const id = r.identifier as Node;
    if (insideNestedFunction(id, scope)) return false;
    return !(r.isWrite() && !r.init && loop.range[0] <= id.range[0] && id.range[1] <= loop.range[1]);
  });
}
