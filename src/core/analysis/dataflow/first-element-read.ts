// Whether every turn of a loop starts by reading a property of a queue's first element
// (`q[0].length`, or `const next = q[0]; const n = next.length`): on an empty queue `q[0]` is
// undefined and the read throws, so a loop that removes an element on every turn that goes on, with
// nothing adding one, ends (normally or by throwing) after at most as many turns as the queue had.
// Only the statements at the start of the body count, and only declarations and expression
// statements, so nothing can branch, go round or guard the read before it runs, then the test of an
// `if` (evaluated before either branch); `q[0]?.x` does not throw.
import type { Variable } from '@typescript-eslint/scope-manager';
import type { LoopInfo } from '../cfg/loop-exits';
import { stepsIn } from '../cfg/every-turn';
import type { ParsedFile } from '../project/types';
import { unwrap, type Node } from './ast';
import { referencesOf } from './references';

export function everyTurnReadsFirstElement(loop: LoopInfo, file: ParsedFile, isQueue: (n: Node) => boolean): boolean {
  const body = loop.node.body as Node;
  const statements = body.type === 'BlockStatement' ? (body.body as Node[]) : [body];
  const refs = referencesOf(file);
  // Constants holding the first element (`const next = q[0]`), declared before the read.
  const copies = new Set<Variable>();
  const isFirst = (n: Node): boolean => {
    const u = unwrap(n);
    if (u.type === 'MemberExpression' && u.computed && !u.optional && isZero(unwrap(u.property)) && isQueue(u.object)) return true;
    if (u.type !== 'Identifier') return false;
    const v = refs.variableOf(u);
    return !!v && copies.has(v);
  };
  // A property read on it that is not optional; a read inside `?.` chains is skipped by stepsIn.
  const throwingRead = (n: Node) => n.type === 'MemberExpression' && !n.optional && isFirst(n.object);
  for (const statement of statements) {
    if (statement.type === 'IfStatement') return stepsIn(statement.test, throwingRead);
    if (statement.type !== 'VariableDeclaration' && statement.type !== 'ExpressionStatement') return false;
    if (stepsIn(statement, throwingRead)) return true;
    if (statement.type === 'VariableDeclaration' && statement.kind === 'const') {
      for (const d of statement.declarations) {
        if (d.id.type !== 'Identifier' || !d.init || !isFirst(d.init)) continue;
        const v = refs.variableOf(d.id);
        if (v) copies.add(v);
      }
    }
  }
  return false;
}

const isZero = (n: Node) => n.type === 'Literal' && n.value === 0;
