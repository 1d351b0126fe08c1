// The project functions a handler argument stands for, shared by the entry-point readers that take
// handlers as arguments or property values (socket listeners, GraphQL resolvers).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { FunctionInfo } from '../project/types';
import type { AnalysisContext } from '../project/context';
import { isFunctionNode, unwrapExpression, type FileFacts } from '../project/collect';

/** The project functions a handler argument stands for: written in place, or named (in any file). */
export function functionsOf(ctx: AnalysisContext, facts: FileFacts, raw: TSESTree.Node): FunctionInfo[] {
  const node = unwrapExpression(raw);
  if (isFunctionNode(node)) {
    const info = facts.functionByNode.get(node);
    return info ? [info] : [];
  }
  return ctx.linker
    .resolve(facts.evaluate(node))
    .flatMap((v) => (v.k === 'fn' ? [ctx.functions.get(v.id)] : []))
    .filter((f): f is FunctionInfo => !!f);
}
