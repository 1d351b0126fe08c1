// NestJS: @Controller('prefix') classes whose methods carry @Get(':id') / @Post() ...; decorated
// parameters (@Body, @Param, @Query, @Headers, @Req) carry the request. app.setGlobalPrefix('api') applies to all.
// Compiled by tsc, the decorators are calls: `C = __decorate([Controller('x')], C)` for the class,
// `__decorate([Get(':id'), __param(0, Body())], C.prototype, "find", null)` for a method, with
// `(0, common_1.Get)(…)` for an imported name in CommonJS output.
// `@WebSocketGateway` classes give socket events, `@Resolver` classes (@nestjs/graphql, type-graphql)
// GraphQL fields, named as entrypoints/socketio.ts and entrypoints/graphql.ts name theirs.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { EntryPointInfo, FunctionInfo, RequestParamRole } from '../project/types';
import type { AnalysisContext } from '../project/context';
import { locationOf, propertyName, unwrapExpression, type FileFacts } from '../project/collect';
import { joinRoute, objectProperty, routePaths, stringValue } from './routes';
import { calleeName, handlerEntryPoint } from './handler-functions';

const ROUTE_DECORATORS: Record<string, string> = { Get: 'GET', Post: 'POST', Put: 'PUT', Patch: 'PATCH', Delete: 'DELETE', All: '*', Head: 'HEAD', Options: 'OPTIONS' };
const REQUEST_DECORATORS = new Set(['Body', 'Param', 'Query', 'Headers', 'Req', 'Request', 'Ip', 'HostParam', 'Session', 'UploadedFile', 'UploadedFiles']);

function decoratorCall(d: TSESTree.Decorator): { name: string; args: TSESTree.Node[] } | undefined {
  return decoratorExpression(d.expression);
}

/** `Get(':id')`, `Get`, and as compiled: `common_1.Get(':id')`, `(0, common_1.Get)(':id')`. */
function decoratorExpression(raw: TSESTree.Node): { name: string; args: TSESTree.Node[] } | undefined {
  const e = unwrapExpression(raw);
  if (e.type === 'CallExpression') {
    const name = decoratorName(e.callee);
    return name ? { name, args: e.arguments as TSESTree.Node[] } : undefined;
  }
  const name = decoratorName(e);
  return name ? { name, args: [] } : undefined;
}

function decoratorName(raw: TSESTree.Node): string | undefined {
  const e = unwrapExpression(raw);
  return calleeName(e.type === 'SequenceExpression' ? e.expressions[e.expressions.length - 1]! : e);
}

/** tsc's decorator helper: `__decorate(…)`, `tslib.__decorate(…)`, `(0, tslib_1.__decorate)(…)`. */
function isDecorateCall(call: TSESTree.CallExpression): boolean {
  return decoratorName(call.callee) === '__decorate' && call.arguments[0]?.type === 'ArrayExpression';
}

/** The decorators a class and its methods carry, written in the source or applied by tsc's `__decorate` calls. */
interface ClassDecorators {
  ofClass: Array<{ name: string; args: TSESTree.Node[]; node: TSESTree.Node }>;
  /** Method name → its decorators, and its parameters' (`__param(0, Body())`, or written on the parameter). */
  ofMethods: Map<string, { decorators: Array<{ name: string; args: TSESTree.Node[]; node: TSESTree.Node }>; params: Map<number, string[]> }>;
}

const compiledDecorators = new WeakMap<FileFacts, Map<string, ClassDecorators>>();

/** What the file's `__decorate` calls apply, by class name (cached with the file's facts). */
function compiledDecoratorsOf(facts: FileFacts): Map<string, ClassDecorators> {
  let byClass = compiledDecorators.get(facts);
  if (byClass) return byClass;
  byClass = new Map();
  for (const { node } of facts.calls) {
    if (node.type !== 'CallExpression' || !isDecorateCall(node)) continue;
    const list = (node.arguments[0] as TSESTree.ArrayExpression).elements.filter((e): e is TSESTree.Expression => !!e && e.type !== 'SpreadElement');
    const target = node.arguments[1] && unwrapExpression(node.arguments[1] as TSESTree.Node);
    // `C.prototype, "method"`: a method's; `C` alone: the class's.
    const onPrototype = target?.type === 'MemberExpression' && propertyName(target.property, target.computed) === 'prototype' ? unwrapExpression(target.object) : undefined;
    const className = onPrototype?.type === 'Identifier' ? onPrototype.name : target?.type === 'Identifier' && node.arguments.length === 2 ? target.name : undefined;
    if (!className) continue;
    let entry = byClass.get(className);
    if (!entry) byClass.set(className, (entry = { ofClass: [], ofMethods: new Map() }));
    const decorators = list.flatMap((e) => {
      const d = decoratorExpression(e);
      return d ? [{ ...d, node: e as TSESTree.Node }] : [];
    });
    if (!onPrototype) {
      entry.ofClass.push(...decorators);
      continue;
    }
    const key = node.arguments[2] && unwrapExpression(node.arguments[2] as TSESTree.Node);
    const method = key?.type === 'Literal' && typeof key.value === 'string' ? key.value : undefined;
    if (!method) continue;
    let m = entry.ofMethods.get(method);
    if (!m) entry.ofMethods.set(method, (m = { decorators: [], params: new Map() }));
    for (const d of decorators) {
      // `__param(0, Body())`: a parameter's decorator.
      const index = d.name === '__param' && d.args[0]?.type === 'Literal' && typeof d.args[0].value === 'number' ? d.args[0].value : undefined;
      const inner = index !== undefined && d.args[1] ? decoratorExpression(d.args[1]) : undefined;
      if (index !== undefined) {
        if (inner) m.params.set(index, [...(m.params.get(index) ?? []), inner.name]);
      } else m.decorators.push(d);
    }
  }
  compiledDecorators.set(facts, byClass);
  return byClass;
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

type AppliedDecorator = { name: string; args: TSESTree.Node[]; node: TSESTree.Node };

interface DecoratedMethod {
  fn: FunctionInfo;
  /** Undefined for a computed key (then only the written decorators are known). */
  methodName: string | undefined;
  params: TSESTree.Parameter[];
  /** Written on the method and applied by tsc's `__decorate` calls. */
  decorators: AppliedDecorator[];
  /** The names of a parameter's decorators, written or applied by `__param`. */
  paramNames(index: number): string[];
}

/** Each method of the class with its decorators, in the source or as tsc compiles them. */
function* decoratedMethods(facts: FileFacts, cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression, applied: ClassDecorators | undefined): Generator<DecoratedMethod> {
  for (const member of cls.body.body) {
    if (member.type !== 'MethodDefinition' || member.value.type !== 'FunctionExpression') continue;
    const fn = facts.functionByNode.get(member.value);
    const methodName = propertyName(member.key, member.computed);
    if (!fn) continue;
    const compiledMethod = methodName !== undefined ? applied?.ofMethods.get(methodName) : undefined;
    const written = (member.decorators ?? []).flatMap((d) => {
      const call = decoratorCall(d);
      return call ? [{ ...call, node: d as TSESTree.Node }] : [];
    });
    const params = member.value.params;
    yield {
      fn,
      methodName,
      params,
      decorators: [...written, ...(compiledMethod?.decorators ?? [])],
      paramNames: (index) => {
        const param = params[index];
        const own = (param?.type === 'TSParameterProperty' ? param.decorators : (param as { decorators?: TSESTree.Decorator[] } | undefined)?.decorators) ?? [];
        return [...own.flatMap((p) => decoratorCall(p)?.name ?? []), ...(compiledMethod?.params.get(index) ?? [])];
      },
    };
  }
}

/** Parameter decorators of a gateway's message handler that carry what the client sent. */
const MESSAGE_DECORATORS = new Set(['MessageBody', 'Payload']);

/**
 * `@WebSocketGateway({ namespace: 'chat' })` classes: each `@SubscribeMessage('say')` method is the
 * socket event `SOCKET /chat say` (as entrypoints/socketio.ts names events). Its `@MessageBody()`
 * parameter is request data; without parameter decorators Nest passes (socket, data).
 */
function gatewayEntryPoints(file: string, facts: FileFacts, cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression, applied: ClassDecorators | undefined, args: TSESTree.Node[], out: EntryPointInfo[]): void {
  const options = args.find((a) => unwrapExpression(a).type === 'ObjectExpression');
  const raw = options ? stringValue(objectProperty(options, 'namespace')) : undefined;
  const namespace = raw && raw !== '/' ? (raw.startsWith('/') ? raw : `/${raw}`) : '';
  for (const { fn, params, decorators, paramNames } of decoratedMethods(facts, cls, applied)) {
    const decorated = params.some((_, i) => paramNames(i).length > 0);
    const requestParams: RequestParamRole[] = params.flatMap((_, index): RequestParamRole[] =>
      (decorated ? paramNames(index).some((name) => MESSAGE_DECORATORS.has(name)) : index === 1) ? [{ functionId: fn.id, paramIndex: index, role: 'request-value' }] : [],
    );
    for (const call of decorators) {
      if (call.name !== 'SubscribeMessage') continue;
      const event = stringValue(call.args[0]);
      if (event === undefined) continue;
      const route = namespace ? `${namespace} ${event}` : event;
      out.push(handlerEntryPoint('SOCKET', route, 'nestjs', file, call.node, [fn], requestParams));
    }
  }
}

/** Method decorators of a GraphQL resolver class (@nestjs/graphql and type-graphql), by the root type they add a field to. */
const GRAPHQL_ROOT_DECORATORS: Record<string, string> = { Query: 'Query', Mutation: 'Mutation', Subscription: 'Subscription' };
const GRAPHQL_FIELD_DECORATORS = new Set(['ResolveField', 'FieldResolver', 'ResolveProperty']);
/** Parameter decorators that carry a GraphQL field's arguments. */
const GRAPHQL_ARGS_DECORATORS = new Set(['Args', 'Arg']);

/** `@Resolver(() => User)`, `@Resolver(of => User)`, `@Resolver('User')`: the object type its field resolvers belong to. */
function resolvedTypeName(arg: TSESTree.Node | undefined): string | undefined {
  if (!arg) return undefined;
  const named = stringValue(arg);
  if (named !== undefined) return named;
  const fn = unwrapExpression(arg);
  if (fn.type !== 'ArrowFunctionExpression' || fn.body.type === 'BlockStatement') return undefined;
  const body = unwrapExpression(fn.body);
  return body.type === 'Identifier' ? body.name : undefined;
}

/** A decorator's field name: `@Query('user')`, `@Query(() => User, { name: 'user' })`. */
function graphqlFieldName(args: TSESTree.Node[]): string | undefined {
  const named = stringValue(args[0]);
  if (named !== undefined) return named;
  for (const a of args) {
    const name = stringValue(objectProperty(a, 'name'));
    if (name !== undefined) return name;
  }
  return undefined;
}

/**
 * GraphQL resolver classes (`@Resolver()` of @nestjs/graphql or type-graphql): each `@Query()`,
 * `@Mutation()` or `@Subscription()` method is the field `GRAPHQL Query.user` (as entrypoints/graphql.ts
 * names resolver-map fields), each `@ResolveField()` / `@FieldResolver()` one of the class's object type.
 * Parameters decorated `@Args()` / `@Arg()` carry what the client wrote.
 */
function resolverEntryPoints(file: string, facts: FileFacts, cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression, applied: ClassDecorators | undefined, args: TSESTree.Node[], out: EntryPointInfo[]): void {
  const objectType = resolvedTypeName(args[0]);
  for (const { fn, methodName, params, decorators, paramNames } of decoratedMethods(facts, cls, applied)) {
    if (methodName === undefined) continue;
    const requestParams: RequestParamRole[] = params.flatMap((_, index): RequestParamRole[] =>
      paramNames(index).some((name) => GRAPHQL_ARGS_DECORATORS.has(name)) ? [{ functionId: fn.id, paramIndex: index, role: 'request-value' }] : [],
    );
    for (const call of decorators) {
      const typeName = GRAPHQL_ROOT_DECORATORS[call.name] ?? (GRAPHQL_FIELD_DECORATORS.has(call.name) ? objectType : undefined);
      if (!typeName) continue;
      const route = `${typeName}.${graphqlFieldName(call.args) ?? methodName}`;
      out.push(handlerEntryPoint('GRAPHQL', route, 'graphql', file, call.node, [fn], requestParams));
    }
  }
}

export function findNestEntryPoints(ctx: AnalysisContext): EntryPointInfo[] {
  const out: EntryPointInfo[] = [];
  let globalPrefix = '';
  for (const facts of ctx.facts.values()) globalPrefix = globalPrefixOf(facts) ?? globalPrefix;
  for (const [file, facts] of ctx.facts) {
    const compiled = compiledDecoratorsOf(facts);
    for (const cls of facts.classes) {
      const applied = compiled.get(cls.name);
      if (!cls.node.decorators?.length && !applied) continue;
      const classDecorators = [...(cls.node.decorators ?? []).map(decoratorCall), ...(applied?.ofClass ?? [])];
      const gateway = classDecorators.find((d) => d?.name === 'WebSocketGateway');
      if (gateway) gatewayEntryPoints(file, facts, cls.node, applied, gateway.args, out);
      const resolver = classDecorators.find((d) => d?.name === 'Resolver');
      if (resolver) resolverEntryPoints(file, facts, cls.node, applied, resolver.args, out);
      const controller = classDecorators.find((d) => d?.name === 'Controller');
      if (!controller) continue;
      const first = controller.args[0];
      const prefixes = routePaths(first) ?? routePaths(objectProperty(first, 'path')) ?? [''];
      for (const { fn, params, decorators, paramNames } of decoratedMethods(facts, cls.node, applied)) {
        for (const call of decorators) {
          const d = call.node;
          const method = ROUTE_DECORATORS[call.name];
          if (!method) continue;
          const paths = routePaths(call.args[0]) ?? [''];
          const requestParams: RequestParamRole[] = [];
          params.forEach((_, index) => {
            const names = paramNames(index).filter((name) => REQUEST_DECORATORS.has(name));
            if (names.length) requestParams.push({ functionId: fn.id, paramIndex: index, role: names.some((name) => name === 'Req' || name === 'Request') ? 'express-req' : 'nest-param' });
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
