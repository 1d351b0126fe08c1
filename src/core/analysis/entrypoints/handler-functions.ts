// What the entry-point readers of handlers without a route path share (socket listeners, GraphQL
// resolvers, NestJS gateways): the project functions a handler argument stands for, and the entry
// point a registration of such handlers makes, and the name a call's callee ends with.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Framework } from '../../model/code';
import type { EntryPointInfo, FunctionInfo, RequestParamRole } from '../project/types';
import type { AnalysisContext } from '../project/context';
import { isFunctionNode, locationOf, propertyName, unwrapExpression, type FileFacts } from '../project/collect';

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

/** The entry point `METHOD route` (`SOCKET /chat add`, `GRAPHQL Query.user`) of handlers registered at `registration` in `file`. */
export function handlerEntryPoint(method: string, route: string, framework: Framework, file: string, registration: TSESTree.Node, handlers: FunctionInfo[], requestParams: RequestParamRole[]): EntryPointInfo {
  return {
    flow: `${method} ${route}`,
    method,
    route,
    framework,
    registration: locationOf(file, registration),
    handlers: handlers.map((h) => h.location),
    handlerNames: handlers.map((h) => h.name),
    handlerFunctionIds: handlers.map((h) => h.id),
    requestParams,
  };
}

/** The name a call's callee ends with: `f` for `f(…)`, `x` for `a.b.x(…)`. */
export function calleeName(raw: TSESTree.Node): string | undefined {
  const e = unwrapExpression(raw);
  if (e.type === 'Identifier') return e.name;
  return e.type === 'MemberExpression' ? propertyName(e.property, e.computed) : undefined;
}
