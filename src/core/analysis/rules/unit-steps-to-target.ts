// Whether a `for` loop counting by exactly one towards an integer it tests with `!==` reaches it:
// `for (let i = list.length; i !== 0; i--)`. The counter starts as an integer on the right side of the
// target (a size of a caller's data is one), is written once in the loop, by one, and that write runs
// on every turn that goes round again, so it cannot step over the target.
import type { Variable } from '@typescript-eslint/scope-manager';
import { unwrap, type Node } from '../dataflow/ast';
import { referencesOf } from '../dataflow/references';
import { boundsOf } from '../dataflow/bounds';
import { insideLoopIteration } from '../cfg/loop-exits';
import { everyTurnProgresses } from '../dataflow/cursor-paths';
import { insideNestedFunction } from '../dataflow/cursor-helpers';
import { checkedFor } from './checked-before-loop';
import type { LoopContext } from './types';

export function unitStepsReachTarget(context: LoopContext): boolean {
  const { loop, file } = context;
  const node = loop.node;
  if (node.type !== 'ForStatement' || !node.test || node.init?.type !== 'VariableDeclaration' || node.init.kind === 'const') return false;
  const declarator = node.init.declarations.length === 1 ? node.init.declarations[0] : undefined;
  if (declarator?.id.type !== 'Identifier' || !declarator.init) return false;
  const refs = referencesOf(file);
  const variable = refs.variableOf(declarator.id);
  if (!variable) return false;
  const target = targetOf(node.test, variable, file);
  if (target === undefined) return false;
  const scope = context.fn?.node ?? file.ast;
  const writes = variable.references.filter((r) => r.isWrite() && !r.init);
  if (writes.length !== 1 || !insideLoopIteration(node, writes[0].identifier as Node) || insideNestedFunction(writes[0].identifier as Node, scope)) return false;
  const write = (writes[0].identifier as Node).parent!;
  const direction = unitStep(write);
  if (!direction) return false;
  // Starts on the side it moves away from, as an integer the data cannot make huge.
  const start = boundsOf(file, declarator.init);
  if (!start.int || !(direction === -1 ? start.lo >= target : start.hi <= target)) return false;
  if (context.flowData(declarator.init).some((s) => !checkedFor(s, 'integer-range'))) return false;
  const spec = { effectOf: (n: Node) => (n === write ? ('strict' as const) : undefined), endWhen: () => false };
  return everyTurnProgresses(node.body, spec, loop.labels, node.test, node.update).progress;
}

/** The integer `i !== K` (or a conjunct of `&&` saying so) keeps the loop going until. */
function targetOf(test: Node, variable: Variable, file: LoopContext['file']): number | undefined {
  const t = unwrap(test);
  if (t.type === 'LogicalExpression' && t.operator === '&&') return targetOf(t.left, variable, file) ?? targetOf(t.right, variable, file);
  if (t.type !== 'BinaryExpression' || (t.operator !== '!==' && t.operator !== '!=')) return undefined;
  const refs = referencesOf(file);
  for (const [a, b] of [[unwrap(t.left as Node), unwrap(t.right)], [unwrap(t.right), unwrap(t.left as Node)]]) {
    if (a.type === 'Identifier' && refs.variableOf(a) === variable && b.type === 'Literal' && typeof b.value === 'number' && Number.isInteger(b.value)) return b.value;
  }
  return undefined;
}

/** +1 / -1 for `i++`, `i--`, `i += 1`, `i -= 1`; undefined for any other write. */
function unitStep(write: Node): 1 | -1 | undefined {
  if (write.type === 'UpdateExpression') return write.operator === '++' ? 1 : -1;
  if (write.type !== 'AssignmentExpression' || (write.operator !== '+=' && write.operator !== '-=')) return undefined;
  const step = unwrap(write.right);
  if (step.type !== 'Literal' || step.value !== 1) return undefined;
  return write.operator === '+=' ? 1 : -1;
}
