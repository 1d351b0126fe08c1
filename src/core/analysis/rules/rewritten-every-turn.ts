// Whether every turn of a loop that goes round writes something an expression reads: a variable it
// names (`def = defs.shift()`, a `for` update `i++` for `parts[i]`) or a member path it reads
// (`this.buf = this.buf.slice(n)`). A turn that leaves the loop needs no write (cfg/every-turn.ts).
// Used to tell a search run on a new text each turn from one run on the same text forever.
//
// Assumptions: a write is taken to give the expression another value (`s = s` is not looked for);
// writes made by called functions, or only on some paths through the body, do not count, so a
// text changed only on a branch the loop may never take (`if (m[1] === 'x') s = s.slice(1)`) is
// still the same text on the other turns.
import type { Variable } from '@typescript-eslint/scope-manager';
import { everyTurnPasses } from '../cfg/every-turn';
import { memberPath, unwrap, type Node } from '../dataflow/ast';
import { operandsOf } from '../dataflow/loop-operands';
import { referencesOf } from '../dataflow/references';
import type { LoopContext } from './types';

export function rewrittenEveryTurn(expr: Node, context: LoopContext): boolean {
  // Cheap first: nothing it reads is written in the loop at all.
  if (!context.canChange(expr)) return false;
  const variables = new Set<Variable>();
  const paths = new Set<string>();
  for (const o of operandsOf(expr, context.file)) {
    if (o.kind === 'variable' && o.variable) variables.add(o.variable);
    if (o.kind === 'member') paths.add(o.path);
  }
  if (variables.size === 0 && paths.size === 0) return false;
  const refs = referencesOf(context.file);
  const writesRead = (target: Node | undefined): boolean => {
    const t = target && unwrap(target);
    if (!t) return false;
    if (t.type === 'Identifier') {
      const v = refs.variableOf(t);
      return !!v && variables.has(v);
    }
    if (t.type === 'MemberExpression') {
      const p = memberPath(t)?.path;
      return !!p && !p.includes('[]') && paths.has(p);
    }
    return false;
  };
  return everyTurnPasses(context.loop, (n) => {
    if (n.type === 'AssignmentExpression') return writesRead(n.left);
    if (n.type === 'UpdateExpression') return writesRead(n.argument);
    // `var def = defs.shift()`: every-turn looks into a declaration's initializers only.
    const p = n.parent;
    return p?.type === 'VariableDeclarator' && p.init === n && writesRead(p.id);
  });
}
