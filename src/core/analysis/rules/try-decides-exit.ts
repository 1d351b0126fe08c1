// Whether a try/catch in a loop is a retry: whether its error can decide that the loop goes round
// again. A swallowed error is a retry only when success and failure can end differently:
//   - the try block holds an exit of the loop (`try { return await fetch(u) } catch {}`): success leaves;
//   - the catch block holds a `continue`: failure skips the rest of the turn, and what it would do;
//   - the try or catch block writes a variable or member path an exit condition reads
//     (`ok = await ping()`, `catch { k++ }`), or the try block makes a call or await that may change
//     what an exit reads (an exit that calls out, a global or a member; a closure-written variable).
// Otherwise the loop ends, or not, exactly as it would without the try: the error is recorded or
// ignored (`try { val = JSON.parse(s) } catch {}`) and the loop's own exits are other rules' business.
//
// Assumptions: calls of PURE_METHODS and JSON.parse/JSON.stringify without a callback change nothing
// (a reviver/replacer could); the container methods push/set/add/… (no callback argument) change
// their receiver only; any other call or await may change any member, global or call result.
// Writes are matched by variable, or by member path spelling as LoopEffects does.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import { calleeName, contains, enclosingFunction, isFunctionNode, memberPath, someNode, unwrap, walk, type Node } from '../dataflow/ast';
import { operandsOf, PURE_METHODS } from '../dataflow/loop-operands';
import { referencesOf } from '../dataflow/references';
import type { LoopContext } from './types';

export function tryDecidesExit(tryStatement: TSESTree.TryStatement, context: LoopContext): boolean {
  const { loop } = context;
  const handler = tryStatement.handler;
  if (loop.exits.some((e) => !e.onError && e.kind !== 'test' && contains(tryStatement.block, e.node))) return true;
  if (handler && holdsContinue(handler.body)) return true;
  const effects = effectsOf(tryStatement, context);
  for (const { conditions, exit } of context.exitConditions) {
    if (exit.onError) continue;
    for (const condition of conditions) {
      for (const o of operandsOf(condition, context.file)) {
        if (o.kind === 'call') {
          const name = calleeName(o.node as TSESTree.CallExpression);
          if (!(name && PURE_METHODS.has(name)) && effects.impure) return true;
        } else if (o.kind === 'variable') {
          if (!o.variable) {
            if (effects.impure) return true;
          } else if (effects.variables.has(o.variable) || (effects.impure && writtenElsewhere(o.variable, loop.node))) return true;
        } else {
          const root = o.path.split('.')[0];
          if (effects.impure || (o.variable && effects.variables.has(o.variable))) return true;
          if (effects.paths.some((p) => p === o.path || o.path.startsWith(p + '.') || p.startsWith(o.path + '.') || (root !== 'this' && p === root))) return true;
        }
      }
    }
  }
  return false;
}

interface TryEffects {
  /** Variables written in the try statement. */
  variables: Set<Variable>;
  /** Member paths written, or mutated through a method, in the try statement. */
  paths: string[];
  /** A call or await that may change state beyond what it writes here. */
  impure: boolean;
}

function effectsOf(tryStatement: TSESTree.TryStatement, context: LoopContext): TryEffects {
  const refs = referencesOf(context.file);
  const out: TryEffects = { variables: new Set(), paths: [], impure: false };
  const target = (t: Node) => {
    const n = unwrap(t);
    if (n.type === 'Identifier') {
      const v = refs.variableOf(n);
      if (v) out.variables.add(v);
      else out.impure = true; // a global: anything may read it
    } else if (n.type === 'MemberExpression') {
      const p = memberPath(n)?.path;
      if (p) out.paths.push(p);
      else out.impure = true;
    } else {
      // A destructuring target: its identifiers.
      walk(n, (x) => {
        if (x.type === 'Identifier') {
          const v = refs.variableOf(x);
          if (v) out.variables.add(v);
        }
      }, false);
    }
  };
  walk(
    tryStatement,
    (n) => {
      switch (n.type) {
        case 'AssignmentExpression':
          target(n.left);
          break;
        case 'UpdateExpression':
          target(n.argument);
          break;
        case 'UnaryExpression':
          if (n.operator === 'delete') target(n.argument);
          break;
        case 'VariableDeclarator':
          if (n.init) target(n.id);
          break;
        case 'ForOfStatement':
        case 'ForInStatement':
          // `for (x of xs)` writes x on each of its turns.
          if (n.left.type === 'VariableDeclaration') for (const d of n.left.declarations) target(d.id);
          else target(n.left);
          break;
        case 'AwaitExpression':
        case 'YieldExpression':
          out.impure = true;
          break;
        case 'CallExpression':
        case 'NewExpression':
          if (changesNothing(n)) break;
          {
            const callee = unwrap(n.callee);
            const receiver = callee.type === 'MemberExpression' ? memberPath(callee.object)?.path : undefined;
            // `out.push(v)`: a container method changes its receiver only (a callback argument could do anything).
            if (receiver && CONTAINER_WRITES.has(calleeName(n) ?? '') && !n.arguments.some((a) => isFunctionNode(unwrap(a as Node)))) out.paths.push(receiver);
            else out.impure = true;
          }
          break;
      }
    },
    false,
  );
  return out;
}

/** Methods of arrays, Maps and Sets that change their receiver and nothing else. */
const CONTAINER_WRITES = new Set(['push', 'unshift', 'pop', 'shift', 'splice', 'set', 'add', 'delete', 'clear', 'sort', 'reverse', 'fill']);

/** A call known to change nothing: a pure method, or JSON.parse/stringify without a reviver/replacer. */
function changesNothing(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const name = calleeName(call);
  if (name && PURE_METHODS.has(name)) return true;
  const callee = unwrap(call.callee);
  return (
    callee.type === 'MemberExpression' &&
    unwrap(callee.object).type === 'Identifier' &&
    (unwrap(callee.object) as TSESTree.Identifier).name === 'JSON' &&
    (name === 'parse' || name === 'stringify') &&
    call.arguments.length <= 1
  );
}

/** A variable written outside the loop's function (a closure or another scope) may change during a call. */
function writtenElsewhere(variable: Variable, loopNode: Node): boolean {
  const own = enclosingFunction(loopNode);
  return variable.references.some((r) => r.isWrite() && enclosingFunction(r.identifier as Node) !== own);
}

function holdsContinue(node: Node): boolean {
  return someNode(node, (n) => n.type === 'ContinueStatement', false);
}
