// Whether a loop tested by `re.test(s)` (or `re.exec(s)`) ends on its own: with the `g` or `y` flag
// each match starts at `lastIndex` and leaves it at the match's end, so a regexp that cannot match the
// empty string moves it forward every turn, and past the end of `s` the test fails. It holds only
// while nothing else in the loop moves `lastIndex` (a call could reset it), changes `s` or the regexp.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { enclosingFunction, memberPath, unwrap, type Node } from '../dataflow/ast';
import { constantString } from '../dataflow/constant-string';
import { mayMatchEmpty } from '../dataflow/regex-nullable';
import { referencesOf } from '../dataflow/references';
import type { ParsedFile } from '../project/types';
import type { Variable } from '@typescript-eslint/scope-manager';
import type { LoopContext } from './types';

export function globalRegexWalkEnds(context: LoopContext): boolean {
  const { loop, effects, file } = context;
  const call = searchCall(loop.test);
  if (!call) return false;
  const callee = unwrap(call.callee) as TSESTree.MemberExpression;
  const re = unwrap(callee.object);
  if (re.type !== 'Identifier' || call.arguments.length !== 1 || call.arguments[0].type === 'SpreadElement') return false;
  const variable = referencesOf(file).variableOf(re);
  const regex = variable && knownRegex(variable, file);
  // (The v flag's class syntax, `[\q{}]` among it, is not read.)
  if (!regex || !/[gy]/.test(regex.flags) || regex.flags.includes('v') || mayMatchEmpty(regex.pattern)) return false;
  // The test's call is the only one: any other may use the regexp and set its lastIndex back, unless
  // the regexp is the function's own and no other code can reach it.
  if (effects.awaits.length || effects.yields.length) return false;
  if ((effects.calls.length !== 1 || effects.calls[0] !== call) && !unreachableFromCalls(variable, loop.node)) return false;
  if (effects.writtenPaths.some((p) => p.endsWith('lastIndex'))) return false;
  const uses = variable.references.filter((r) => effects.contains(r.identifier as Node));
  if (uses.length !== 1 || uses[0].identifier !== re) return false;
  return !context.canChange(call.arguments[0]);
}

/** `re.test(s)`, `re.exec(s)`, `(m = re.exec(s)) !== null`. */
export function searchCall(test: Node | undefined | null): TSESTree.CallExpression | undefined {
  if (!test) return undefined;
  let t = unwrap(test);
  if (t.type === 'BinaryExpression' && (t.operator === '!==' || t.operator === '!=') && unwrap(t.right).type === 'Literal' && (unwrap(t.right) as TSESTree.Literal).value === null) t = unwrap(t.left);
  if (t.type === 'AssignmentExpression' && t.operator === '=') t = unwrap(t.right);
  if (t.type !== 'CallExpression') return undefined;
  const callee = unwrap(t.callee);
  const method = callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' ? callee.property.name : undefined;
  return method === 'test' || method === 'exec' ? t : undefined;
}

/** A variable set once to a regexp literal or `RegExp(text, flags)` with texts the code spells out. */
export function knownRegex(variable: NonNullable<ReturnType<ReturnType<typeof referencesOf>['variableOf']>>, file: ParsedFile): { pattern: string; flags: string } | undefined {
  const writes = variable.references.filter((r) => r.isWrite());
  const d = writes.length === 1 ? writes[0].identifier.parent : undefined;
  if (d?.type !== 'VariableDeclarator' || !d.init) return undefined;
  const init = unwrap(d.init);
  if (init.type === 'Literal' && 'regex' in init && init.regex) return { pattern: init.regex.pattern, flags: init.regex.flags };
  if ((init.type !== 'CallExpression' && init.type !== 'NewExpression') || memberPath(unwrap(init.callee))?.path !== 'RegExp') return undefined;
  // The global RegExp, not a binding of the file's that shadows it.
  const callee = unwrap(init.callee);
  if (callee.type === 'Identifier' && referencesOf(file).variableOf(callee)?.defs.length) return undefined;
  const [p, f] = init.arguments;
  if (!p || p.type === 'SpreadElement' || (f && f.type === 'SpreadElement')) return undefined;
  const pattern = constantString(p, file);
  const flags = f ? constantString(f, file) : '';
  return pattern === undefined || flags === undefined ? undefined : { pattern, flags };
}

/**
 * A regexp variable of the loop's own function that no call can reach: every reference reads a member
 * of it (`re.exec(s)`, `re.lastIndex = n`), none hands it on, and a closure that uses it is one run in
 * place before the loop (`(function () { re.lastIndex = n; }())`), not one the loop could call.
 */
function unreachableFromCalls(variable: Variable, loop: Node): boolean {
  const home = enclosingFunction(loop);
  const def = variable.defs.length === 1 ? (variable.defs[0].name as Node) : undefined;
  if (!home || !def || enclosingFunction(def) !== home) return false;
  return variable.references.every((r) => {
    const id = r.identifier as Node;
    if (id === def) return true;
    if (id.parent?.type !== 'MemberExpression' || id.parent.object !== id) return false;
    const fn = enclosingFunction(id);
    return fn === home || (!!fn && runsInPlaceBefore(fn, loop, home));
  });
}

/** A function expression called where it stands (an IIFE) in `home`, outside and before the loop. */
function runsInPlaceBefore(fn: Node, loop: Node, home: Node): boolean {
  const call = fn.parent;
  if (call?.type !== 'CallExpression' || call.callee !== fn || enclosingFunction(call) !== home) return false;
  // Ended before the loop starts: run again, if ever, only between the turns of a loop around both.
  return call.range[1] <= loop.range[0];
}
