// Code-first GraphQL schema builders and composers, whose field resolvers are entry points like a resolver map's
// (entrypoints/graphql.ts, `GRAPHQL Query.user`):
// - Pothos: `builder.queryField('user', (t) => t.field({ args, resolve }))`, `builder.queryFields((t) =>
//   ({ user: t.field({ … }) }))`, `builder.queryType({ fields: (t) => ({ … }) })` (and mutation,
//   subscription), `builder.objectType(User, { fields })`, `builder.objectField(User, 'posts', (t) => …)`,
//   `builder.objectFields(User, (t) => ({ … }))`; the Prisma plugin's `t.prismaField` resolver takes
//   (query, parent, args), so its `args` is the third parameter;
// - Nexus: `queryField('user', { resolve })`, `queryField((t) => { t.field('user', { … }) })`,
//   `objectType({ name: 'Query', definition(t) { t.nonNull.field('user', { … }) } })`,
//   `extendType({ type: 'Query', definition(t) { … } })`, `queryType({ definition(t) { … } })`;
// - graphql-compose: `schemaComposer.Query.addFields({ user: { type, args, resolve } })` (and
//   Mutation, Subscription); fields added to other type composers name no type here and are left out.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { EntryPointInfo } from '../project/types';
import type { AnalysisContext } from '../project/context';
import { isFunctionNode, propertyName, unwrapExpression, type FileFacts } from '../project/collect';
import { walk } from '../dataflow/ast';
import { objectProperty, stringValue } from './routes';
import { entryPoint } from './graphql';
import { functionsOf, calleeName } from './handler-functions';

const ROOT_OF: Record<string, string> = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' };
const ROOT_BUILDER = /^(query|mutation|subscription)(Field|Fields|Type)$/;
const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);
/** Field builders whose resolver takes (query, parent, args, …). */
const PRISMA_FIELDS = new Set(['prismaField', 'prismaConnection']);

interface Site {
  ctx: AnalysisContext;
  file: string;
  facts: FileFacts;
  out: EntryPointInfo[];
}

export function builderEntryPoints(ctx: AnalysisContext, file: string, facts: FileFacts, call: TSESTree.CallExpression, out: EntryPointInfo[]): void {
  const name = calleeName(call.callee);
  if (!name) return;
  const site: Site = { ctx, file, facts, out };
  const [first, second, third] = call.arguments as TSESTree.Node[];
  const root = ROOT_BUILDER.exec(name);
  if (root) {
    const type = ROOT_OF[root[1]!]!;
    if (root[2] === 'Field') {
      const field = stringValue(first);
      // Pothos `(t) => t.field(config)`, Nexus `config`; or Nexus's definition style.
      if (field !== undefined && second) fieldFromBuilder(site, type, field, second, call);
      else if (first) definitionFields(site, type, first);
    } else if (root[2] === 'Fields') fieldsThunk(site, type, first);
    else typeConfig(site, type, first);
    return;
  }
  if (name === 'addFields') {
    // graphql-compose: `schemaComposer.Query.addFields({ … })`.
    const callee = unwrapExpression(call.callee) as TSESTree.MemberExpression;
    const owner = unwrapExpression(callee.object);
    const type = owner.type === 'MemberExpression' ? propertyName(owner.property, owner.computed) : undefined;
    const fields = first && unwrapExpression(first);
    if (!type || !ROOT_TYPES.has(type) || fields?.type !== 'ObjectExpression') return;
    for (const prop of fields.properties) {
      const field = prop.type === 'Property' ? propertyName(prop.key, prop.computed) : undefined;
      if (prop.type === 'Property' && field !== undefined) resolversOf(site, type, field, prop.value as TSESTree.Node, prop, 1);
    }
    return;
  }
  if (name === 'objectType' || name === 'extendType') {
    // Nexus: one config object; Pothos: (ref, config).
    if (first && unwrapExpression(first).type === 'ObjectExpression') {
      const type = stringValue(objectProperty(first, 'name')) ?? stringValue(objectProperty(first, 'type'));
      if (type) typeConfig(site, type, first);
    } else if (name === 'objectType' && second) {
      const type = stringValue(objectProperty(second, 'name')) ?? typeNameOf(site, first);
      if (type) typeConfig(site, type, second);
    }
  } else if (name === 'objectFields') {
    const type = typeNameOf(site, first);
    if (type) fieldsThunk(site, type, second);
  } else if (name === 'objectField') {
    const type = typeNameOf(site, first);
    const field = stringValue(second);
    if (type && field !== undefined && third) fieldFromBuilder(site, type, field, third, call);
  }
}

/** A type given as a string, a `builder.objectRef('User')` ref, or a class or ref named like the type. */
function typeNameOf(site: Site, raw: TSESTree.Node | undefined): string | undefined {
  if (!raw) return undefined;
  const named = stringValue(raw);
  if (named !== undefined) return named;
  const node = unwrapExpression(raw);
  if (node.type !== 'Identifier') return undefined;
  const variable = site.facts.variableOf(node);
  const init = variable?.defs[0]?.node.type === 'VariableDeclarator' ? variable.defs[0].node.init : undefined;
  const made = init ? unwrapExpression(init) : undefined;
  if (made?.type === 'CallExpression' && /^(objectRef|interfaceRef)$/.test(calleeName(made.callee) ?? '')) return stringValue(made.arguments[0] as TSESTree.Node);
  return node.name;
}

/** `{ fields: (t) => ({ … }) }` (Pothos) or `{ definition(t) { … } }` (Nexus). */
function typeConfig(site: Site, type: string, config: TSESTree.Node | undefined): void {
  const fields = objectProperty(config, 'fields');
  if (fields) fieldsThunk(site, type, fields);
  const definition = objectProperty(config, 'definition');
  if (definition) definitionFields(site, type, definition);
}

/** Pothos `(t) => ({ user: t.field({ resolve }) })`: each property a field built by a call on `t`. */
function fieldsThunk(site: Site, type: string, raw: TSESTree.Node | undefined): void {
  const fn = raw && unwrapExpression(raw);
  if (!fn || !isFunctionNode(fn)) return;
  const bodies: TSESTree.Node[] = [];
  if (fn.body.type !== 'BlockStatement') bodies.push(fn.body);
  else walk(fn.body, (n) => (n.type === 'ReturnStatement' && n.argument ? void bodies.push(n.argument) : isFunctionNode(n) ? false : undefined));
  for (const body of bodies) {
    const object = unwrapExpression(body);
    if (object.type !== 'ObjectExpression') continue;
    for (const prop of object.properties) {
      const field = prop.type === 'Property' ? propertyName(prop.key, prop.computed) : undefined;
      if (prop.type === 'Property' && field !== undefined) fieldCall(site, type, field, prop.value as TSESTree.Node, prop);
    }
  }
}

/** `(t) => t.field(config)` (Pothos) or the config itself (Nexus `queryField('user', { resolve })`). */
function fieldFromBuilder(site: Site, type: string, field: string, raw: TSESTree.Node, registration: TSESTree.Node): void {
  const node = unwrapExpression(raw);
  if (isFunctionNode(node)) {
    if (node.body.type !== 'BlockStatement') fieldCall(site, type, field, node.body, registration);
    else walk(node.body, (n) => (n.type === 'ReturnStatement' && n.argument ? void fieldCall(site, type, field, n.argument, registration) : isFunctionNode(n) ? false : undefined));
  } else resolversOf(site, type, field, node, registration, 1);
}

/** `t.field({ … })`, `t.string({ … })`, `t.prismaField({ … })`: the config object's resolvers. */
function fieldCall(site: Site, type: string, field: string, raw: TSESTree.Node, registration: TSESTree.Node): void {
  const call = unwrapExpression(raw);
  if (call.type !== 'CallExpression') return;
  const method = calleeName(call.callee);
  const config = call.arguments.find((a) => unwrapExpression(a as TSESTree.Node).type === 'ObjectExpression') as TSESTree.Node | undefined;
  if (config) resolversOf(site, type, field, config, registration, PRISMA_FIELDS.has(method ?? '') ? 2 : 1);
}

/** Nexus `definition(t) { t.field('user', { … }); t.nonNull.list.string('tags', { … }) }`: calls on `t` naming a field. */
function definitionFields(site: Site, type: string, raw: TSESTree.Node): void {
  const fn = unwrapExpression(raw);
  if (!isFunctionNode(fn) || fn.params[0]?.type !== 'Identifier') return;
  const t = fn.params[0];
  walk(fn.body, (n) => {
    if (isFunctionNode(n)) return false;
    if (n.type !== 'CallExpression') return undefined;
    let receiver = unwrapExpression(n.callee);
    if (receiver.type !== 'MemberExpression') return undefined;
    // Down the chain (`t.nonNull.list.field`) to its root.
    while (receiver.type === 'MemberExpression') receiver = unwrapExpression(receiver.object);
    if (receiver.type !== 'Identifier' || !site.facts.variableOf(receiver)?.defs.some((d) => d.name === t)) return undefined;
    const field = stringValue(n.arguments[0] as TSESTree.Node);
    const config = n.arguments[1] as TSESTree.Node | undefined;
    if (field !== undefined && config) resolversOf(site, type, field, config, n, 1);
    return undefined;
  });
}

function resolversOf(site: Site, type: string, field: string, config: TSESTree.Node, registration: TSESTree.Node, argsIndex: number): void {
  for (const key of ['resolve', 'subscribe']) {
    const value = objectProperty(config, key);
    for (const fn of value ? functionsOf(site.ctx, site.facts, value) : []) site.out.push(entryPoint(site.file, registration, type, field, fn, argsIndex));
  }
}
