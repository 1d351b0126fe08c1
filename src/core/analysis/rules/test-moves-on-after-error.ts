// Whether a loop goes on to new work after a try of its body failed, because its test moves by
// itself: `while ((m = re.exec(s)) !== null)` with a global or sticky regexp that cannot match the
// empty string starts each match at `lastIndex` and leaves it past the match, so the turn after a
// caught error reads the next match, not the same one again. A retry repeats the same operation; this
// only goes on, like a for-of whose body logs a failure (`catch (err) { log(err) }` in a match walk).
//
// Judged on the error path only: on a failed turn the catch block runs and the try block may have
// run in part, so
//   - the regexp is used nowhere but in this test (another use may move or reset `lastIndex`), and
//     the loop neither awaits nor yields (another run of the same code could use it meanwhile);
//   - the searched string is a variable the loop writes only inside the try block: the success path
//     writes it the same way (whether that rewriting ends is the success path's question, for the
//     other rules), and the catch block or the rest of the turn does not set it back.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { contains, unwrap, type Node } from '../dataflow/ast';
import { mayMatchEmpty } from '../dataflow/regex-nullable';
import { referencesOf } from '../dataflow/references';
import { knownRegex, searchCall } from './global-regex-walk';
import type { LoopContext } from './types';

export function testMovesOnAfterError(tryStatement: TSESTree.TryStatement, context: LoopContext): boolean {
  const { loop, effects, file } = context;
  const call = searchCall(loop.test);
  if (!call || effects.awaits.length || effects.yields.length) return false;
  const callee = unwrap(call.callee) as TSESTree.MemberExpression;
  const re = unwrap(callee.object);
  const arg = call.arguments.length === 1 ? unwrap(call.arguments[0]) : undefined;
  if (re.type !== 'Identifier' || arg?.type !== 'Identifier') return false;
  const refs = referencesOf(file);
  const regexVariable = refs.variableOf(re);
  const regex = regexVariable && knownRegex(regexVariable, file);
  if (!regex || !/[gy]/.test(regex.flags) || regex.flags.includes('v') || mayMatchEmpty(regex.pattern)) return false;
  const reads = regexVariable.references.filter((r) => !r.isWrite());
  if (reads.length !== 1 || reads[0].identifier !== re) return false;
  const text = refs.variableOf(arg);
  if (!text) return false;
  return text.references.every((r) => !r.isWrite() || !contains(loop.node, r.identifier as Node) || contains(tryStatement.block, r.identifier as Node));
}
