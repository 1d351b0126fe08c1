// `op.lines = 1; appendOp(op); numLines -= op.lines;`: a step read from a member that the same block
// set to a positive constant just before, with nothing in between that can change it, is that
// constant. Between the two, every call must be handed the object and keep the field (its body, and
// the callees it hands the object on to, only read it: dataflow/cursor-helpers.ts); any other call,
// an await or a write of the object or the field, and the step is unknown again.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import { unwrap, walk, type Node } from '../dataflow/ast';
import { referencesOf } from '../dataflow/references';
import { constantNumber } from '../dataflow/bounds';
import type { CursorHelpers } from '../dataflow/cursor-helpers';
import type { ParsedFile } from '../project/types';

/** Whether `step` (`o.f`) holds a constant ≥ 1 set in the block that holds `stepStatement`, earlier. */
export function memberStepSetBefore(step: Node, stepStatement: Node, file: ParsedFile, helpers: CursorHelpers): boolean {
  const s = unwrap(step);
  if (s.type !== 'MemberExpression' || s.computed || s.property.type !== 'Identifier' || unwrap(s.object).type !== 'Identifier') return false;
  const field = s.property.name;
  const refs = referencesOf(file);
  const holder = refs.variableOf(unwrap(s.object) as TSESTree.Identifier);
  if (!holder || holder.references.some((r) => r.isWrite() && !r.init)) return false;
  const block = stepStatement.parent;
  if (block?.type !== 'BlockStatement') return false;
  const at = block.body.indexOf(stepStatement as TSESTree.Statement);
  const isField = (n: Node) => {
    const m = unwrap(n);
    return m.type === 'MemberExpression' && !m.computed && m.property.type === 'Identifier' && m.property.name === field && unwrap(m.object).type === 'Identifier' && refs.variableOf(unwrap(m.object) as TSESTree.Identifier) === holder;
  };
  for (let i = at - 1; i >= 0; i--) {
    const statement = block.body[i] as Node;
    // `o.f = 1`: the value the step reads, if nothing after it changed it.
    if (statement.type === 'ExpressionStatement') {
      const e = unwrap(statement.expression);
      if (e.type === 'AssignmentExpression' && e.operator === '=' && isField(e.left)) {
        const value = constantNumber(e.right, file);
        return value !== undefined && value >= 1;
      }
    }
    if (!keepsField(statement, holder, field, isField, file, helpers)) return false;
  }
  return false;
}

/** A statement between the write and the step: no write of the field, no await, and every call is handed the object and keeps the field. */
function keepsField(statement: Node, holder: Variable, field: string, isField: (n: Node) => boolean, file: ParsedFile, helpers: CursorHelpers): boolean {
  const refs = referencesOf(file);
  let ok = true;
  walk(statement, (n) => {
    if (!ok) return false;
    if (n.type === 'AwaitExpression' || n.type === 'YieldExpression') ok = false;
    else if ((n.type === 'AssignmentExpression' && isField(n.left)) || (n.type === 'UpdateExpression' && isField(n.argument)) || (n.type === 'UnaryExpression' && n.operator === 'delete' && isField(n.argument))) ok = false;
    else if (n.type === 'CallExpression' || n.type === 'NewExpression') {
      const index = n.arguments.findIndex((a) => unwrap(a as Node).type === 'Identifier' && refs.variableOf(unwrap(a as Node) as TSESTree.Identifier) === holder);
      // The field holds the constant just set: a number, which callees may copy but not change by reference.
      if (index < 0 || !helpers.callKeepsField(file, n, index, field, true)) ok = false;
    }
  });
  return ok;
}
