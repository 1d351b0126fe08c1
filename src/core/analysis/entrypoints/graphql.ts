// GraphQL resolvers: each field resolver is an entry point `GRAPHQL Query.user` (type and field, as
// the trace side names a GraphQL request's flow, detect/graphql-operation.ts). Read in two shapes:
// - resolver maps, as Apollo Server, graphql-tools, GraphQL Yoga and Mercurius take them:
//   `{ Query: { user: (parent, args, ctx) => … }, Mutation: { … }, User: { posts(parent, args) {} } }`,
//   types and fields given inline, as spreads or as names of objects and functions;
// - graphql-js types: `new GraphQLObjectType({ name: 'Query', fields: { user: { resolve(parent, args) {} } } })`;
// - the code-first builders Pothos and Nexus, and graphql-compose (entrypoints/graphql-builders.ts).
// The client writes a resolver's `args` (its second parameter): that is the request data. Its parent
// is what another resolver returned, and its context is the server's. NestJS and type-graphql
// resolver classes are read with the other decorators (entrypoints/nestjs.ts).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { EntryPointInfo, FunctionInfo, RequestParamRole } from '../project/types';
import type { AnalysisContext } from '../project/context';
import { propertyName, unwrapExpression, type FileFacts } from '../project/collect';
import { walk } from '../dataflow/ast';
import { objectProperty, stringValue } from './routes';
import { builderEntryPoints } from './graphql-builders';
import { functionsOf, handlerEntryPoint, calleeName } from './handler-functions';

/** Packages whose presence makes a project a GraphQL server (or its schema's builder). */
const GRAPHQL_PACKAGE = /^(graphql|graphql-tools|graphql-yoga|graphql-http|graphql-modules|express-graphql|apollo-server(-[\w-]+)?|mercurius|type-graphql|nexus|@apollo\/server|@apollo\/subgraph|@graphql-tools\/[\w-]+|@graphql-yoga\/[\w-]+|@nestjs\/graphql|@envelop\/[\w-]+|@pothos\/[\w-]+|graphql-compose)(\/|$)/;
const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);
/** A file that may hold a resolver map or a graphql-js root type (read before walking its tree). */
const MAY_HOLD_RESOLVERS = /\b(Query|Mutation|Subscription)\b['"]?\s*:|GraphQLObjectType|\b(query|mutation|subscription)(Field|Fields|Type)\b|\b(objectType|objectField|objectFields|extendType|addFields)\b/;
/** How deep spreads and names are followed to the object they stand for. */
const MAX_DEPTH = 4;

export function usesGraphql(ctx: AnalysisContext): boolean {
  for (const facts of ctx.facts.values()) for (const s of facts.specifiers) if (GRAPHQL_PACKAGE.test(s)) return true;
  return false;
}

export function findGraphqlEntryPoints(ctx: AnalysisContext): EntryPointInfo[] {
  const out: EntryPointInfo[] = [];
  if (!usesGraphql(ctx)) return out;
  for (const [file, facts] of ctx.facts) {
    const parsed = ctx.files.get(file);
    if (!parsed || !MAY_HOLD_RESOLVERS.test(parsed.text)) continue;
    walk(parsed.ast, (node) => {
      if (node.type === 'ObjectExpression' && isResolverMap(ctx, file, facts, node)) {
        resolverMapEntries(ctx, file, facts, node, out);
        return false;
      }
      if (node.type === 'NewExpression' && calleeName(node.callee) === 'GraphQLObjectType') objectTypeEntries(ctx, file, facts, node, out);
      if (node.type === 'CallExpression') builderEntryPoints(ctx, file, facts, node, out);
      return undefined;
    });
  }
  return out;
}

interface Located<T> {
  file: string;
  facts: FileFacts;
  node: T;
}

/** The object literals a value stands for: itself, or what a name or member resolves to (in any file). */
function objectsOf(ctx: AnalysisContext, file: string, facts: FileFacts, raw: TSESTree.Node, depth = 0): Array<Located<TSESTree.ObjectExpression>> {
  const node = unwrapExpression(raw);
  if (node.type === 'ObjectExpression') return [{ file, facts, node }];
  if (depth > MAX_DEPTH || (node.type !== 'Identifier' && node.type !== 'MemberExpression')) return [];
  return ctx.linker.resolve(facts.evaluate(node)).flatMap((v) => {
    const owner = v.k === 'object' ? ctx.facts.get(v.file) : undefined;
    return owner && v.k === 'object' ? [{ file: v.file, facts: owner, node: v.node }] : [];
  });
}

/** An object with a `Query`, `Mutation` or `Subscription` key whose value is an object of fields. */
function isResolverMap(ctx: AnalysisContext, file: string, facts: FileFacts, node: TSESTree.ObjectExpression): boolean {
  return node.properties.some((p) => p.type === 'Property' && ROOT_TYPES.has(propertyName(p.key, p.computed) ?? '') && objectsOf(ctx, file, facts, p.value as TSESTree.Node).length > 0);
}

/** Each `Type: { field }` of a resolver map (spreads of other maps included). */
function resolverMapEntries(ctx: AnalysisContext, file: string, facts: FileFacts, map: TSESTree.ObjectExpression, out: EntryPointInfo[], depth = 0): void {
  for (const prop of map.properties) {
    if (prop.type === 'SpreadElement') {
      if (depth < MAX_DEPTH) for (const o of objectsOf(ctx, file, facts, prop.argument as TSESTree.Node, depth)) resolverMapEntries(ctx, o.file, o.facts, o.node, out, depth + 1);
      continue;
    }
    const typeName = propertyName(prop.key, prop.computed);
    if (!typeName || typeName.startsWith('__')) continue;
    for (const fields of objectsOf(ctx, file, facts, prop.value as TSESTree.Node)) fieldEntries(ctx, typeName, fields, out, 0);
  }
}

/** The fields of one type's resolver object: `user(parent, args) {}`, `user: resolveUser`, `onEvent: { subscribe, resolve }`. */
function fieldEntries(ctx: AnalysisContext, typeName: string, fields: Located<TSESTree.ObjectExpression>, out: EntryPointInfo[], depth: number): void {
  for (const prop of fields.node.properties) {
    if (prop.type === 'SpreadElement') {
      if (depth < MAX_DEPTH) for (const o of objectsOf(ctx, fields.file, fields.facts, prop.argument as TSESTree.Node, depth)) fieldEntries(ctx, typeName, o, out, depth + 1);
      continue;
    }
    const fieldName = propertyName(prop.key, prop.computed);
    // `__resolveType` / `__isTypeOf` get an object, not a client's arguments.
    if (!fieldName || fieldName.startsWith('__')) continue;
    let resolvers = functionsOf(ctx, fields.facts, prop.value as TSESTree.Node);
    if (!resolvers.length) {
      // A subscription field, or a field config: `{ subscribe, resolve }`.
      resolvers = ['subscribe', 'resolve'].flatMap((key) => {
        const value = objectProperty(prop.value as TSESTree.Node, key);
        return value ? functionsOf(ctx, fields.facts, value) : [];
      });
    }
    for (const fn of resolvers) out.push(entryPoint(fields.file, prop, typeName, fieldName, fn));
  }
}

/** `new GraphQLObjectType({ name: 'Query', fields: { user: { args, resolve } } })`, fields as an object or a thunk returning one. */
function objectTypeEntries(ctx: AnalysisContext, file: string, facts: FileFacts, call: TSESTree.NewExpression, out: EntryPointInfo[]): void {
  const config = call.arguments[0] as TSESTree.Node | undefined;
  const typeName = stringValue(objectProperty(config, 'name'));
  let fields = objectProperty(config, 'fields');
  if (!typeName || !fields) return;
  fields = unwrapExpression(fields);
  if (fields.type === 'ArrowFunctionExpression' && fields.body.type !== 'BlockStatement') fields = unwrapExpression(fields.body);
  for (const o of objectsOf(ctx, file, facts, fields)) {
    for (const prop of o.node.properties) {
      const fieldName = prop.type === 'Property' ? propertyName(prop.key, prop.computed) : undefined;
      if (prop.type !== 'Property' || !fieldName) continue;
      for (const key of ['resolve', 'subscribe']) {
        const value = objectProperty(prop.value as TSESTree.Node, key);
        for (const fn of value ? functionsOf(ctx, o.facts, value) : []) out.push(entryPoint(o.file, prop, typeName, fieldName, fn));
      }
    }
  }
}

export function entryPoint(file: string, registration: TSESTree.Node, typeName: string, fieldName: string, fn: FunctionInfo, argsIndex = 1): EntryPointInfo {
  // (parent, args, context, info): the client wrote `args`.
  const requestParams: RequestParamRole[] = fn.node.params.length > argsIndex ? [{ functionId: fn.id, paramIndex: argsIndex, role: 'request-value' }] : [];
  return handlerEntryPoint('GRAPHQL', `${typeName}.${fieldName}`, 'graphql', file, registration, [fn], requestParams);
}
