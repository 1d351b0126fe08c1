// NestJS: @Controller('prefix') classes whose methods carry @Get(':id') / @Post() ...; decorated
// parameters (@Body, @Param, @Query, @Headers, @Req) carry the request. app.setGlobalPrefix('api') applies to all.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { EntryPointInfo, RequestParamRole } from '../project/types';
import type { AnalysisContext } from '../project/context';
import { locationOf, propertyName, unwrapExpression, type FileFacts } from '../project/collect';
import { joinRoute, objectProperty, routePaths, stringValue } from './routes';

const ROUTE_DECORATORS: Record<string, string> = { Get: 'GET', Post: 'POST', Put: 'PUT', Patch: 'PATCH', Delete: 'DELETE', All: '*', Head: 'HEAD', Options: 'OPTIONS' };
const REQUEST_DECORATORS = new Set(['Body', 'Param', 'Query', 'Headers', 'Req', 'Request', 'Ip', 'HostParam', 'Session', 'UploadedFile', 'UploadedFiles']);

function decoratorCall(d: TSESTree.Decorator): { name: string; args: TSESTree.Node[] } | undefined {
  const e = unwrapExpression(d.expression);
  if (e.type === 'CallExpression' && e.callee.type === 'Identifier') return { name: e.callee.name, args: e.arguments as TSESTree.Node[] };
  if (e.type === 'Identifier') return { name: e.name, args: [] };
  return undefined;
}

const globalPrefixes = new WeakMap<FileFacts, string | null>();

/** `app.setGlobalPrefix('api')` in this file, if any (cached with the file's facts). */
function globalPrefixOf(facts: FileFacts): string | undefined {
  let prefix = globalPrefixes.get(facts);
  if (prefix === undefined) {
    prefix = null;
    for (const { node } of facts.calls) {
      const callee = unwrapExpression(node.callee);
      if (callee.type === 'MemberExpression' && propertyName(callee.property, callee.computed) === 'setGlobalPrefix') {
        prefix = stringValue(node.arguments[0]) ?? prefix;
      }
    }
    globalPrefixes.set(facts, prefix);
  }
  return prefix ?? undefined;
}

export function findNestEntryPoints(ctx: AnalysisContext): EntryPointInfo[] {
  const out: EntryPointInfo[] = [];
  let globalPrefix = '';
  for (const facts of ctx.facts.values()) globalPrefix = globalPrefixOf(facts) ?? globalPrefix;
  for (const [file, facts] of ctx.facts) {
    for (const cls of facts.classes) {
      if (!cls.node.decorators?.length) continue;
      const controller = (cls.node.decorators ?? []).map(decoratorCall).find((d) => d?.name === 'Controller');
      if (!controller) continue;
      const first = controller.args[0];
      const prefixes = routePaths(first) ?? routePaths(objectProperty(first, 'path')) ?? [''];
      for (const member of cls.node.body.body) {
        if (member.type !== 'MethodDefinition' || member.value.type !== 'FunctionExpression') continue;
        const fn = facts.functionByNode.get(member.value);
        if (!fn) continue;
        for (const d of member.decorators ?? []) {
          const call = decoratorCall(d);
          const method = call ? ROUTE_DECORATORS[call.name] : undefined;
          if (!call || !method) continue;
          const paths = routePaths(call.args[0]) ?? [''];
          const requestParams: RequestParamRole[] = [];
          member.value.params.forEach((param, index) => {
            const decorators = (param.type === 'TSParameterProperty' ? param.decorators : (param as { decorators?: TSESTree.Decorator[] }).decorators) ?? [];
            const roles = decorators.map(decoratorCall).filter((p) => p && REQUEST_DECORATORS.has(p.name));
            if (roles.length) requestParams.push({ functionId: fn.id, paramIndex: index, role: roles.some((p) => p!.name === 'Req' || p!.name === 'Request') ? 'express-req' : 'nest-param' });
          });
          for (const prefix of prefixes) {
            for (const path of paths) {
              const route = joinRoute(joinRoute(globalPrefix, prefix), path);
              out.push({
                flow: `${method} ${route}`,
                method,
                route,
                framework: 'nestjs',
                registration: locationOf(file, d),
                handlers: [fn.location],
                handlerNames: [fn.name],
                handlerFunctionIds: [fn.id],
                requestParams,
              });
            }
          }
        }
      }
    }
  }
  return out;
}
