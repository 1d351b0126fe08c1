// Fastify validates a route's `schema` (querystring, params, body, headers) before its handler runs,
// so in the handler `request.query.limit` holds what the schema allows. Followed: a handler written
// in the registration (`fastify.get(url, { schema }, async (request) => …)`, `route({ schema, handler })`)
// or a function of the same file whose every use is such a registration. Not followed: handlers
// exported or registered from another file or a route table, `attachValidation: true` (the handler
// then runs with invalid data), custom validator compilers.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import type { ParsedFile } from '../../project/types';
import { isFunctionNode, unwrap, type Node } from '../ast';
import { referencesOf } from '../references';
import { jsonSchemaShape } from './json-schema';
import { foreignReadCount, objectLiteral, propertyNamed, type Located } from './resolve';
import { shapeOf, shapeOfEveryRegistration, type Shape } from './shape';

const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'all', 'route']);
/** Schema parts and the request member each one validates. */
const PARTS: Array<[string, string]> = [['querystring', 'query'], ['query', 'query'], ['params', 'params'], ['body', 'body'], ['headers', 'headers']];
const memo = new WeakMap<Node, Shape | null>();

/** What the route schemas of a handler say about its request (the handler's first parameter). */
export function fastifyRequestShape(variable: Variable, file: ParsedFile): Shape | undefined {
  const def = variable.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== 'Parameter' || !isFunctionNode(def.node as Node)) return undefined;
  const fn = def.node as TSESTree.FunctionLike as Node;
  if (!isFunctionNode(fn) || fn.params[0] !== def.name) return undefined;
  const cached = memo.get(fn);
  if (cached !== undefined) return cached ?? undefined;
  const reads = foreignReadCount();
  const shape = shapeOfEveryRegistration(registrationsOf(fn, file), (options) => options && requestShape(options));
  // A schema read from another module can change without this file changing.
  if (foreignReadCount() === reads) memo.set(fn, shape ?? null);
  return shape;
}

/** The route options of each registration of the handler; undefined when one use is not a registration. */
function registrationsOf(fn: Node, file: ParsedFile): Array<Located<TSESTree.ObjectExpression> | undefined> | undefined {
  const direct = registrationOf(fn, file);
  if (direct !== undefined) return [direct.options];
  // A named function: every read of its name must register it.
  const p = fn.parent;
  const name = fn.type === 'FunctionDeclaration' ? fn.id : p?.type === 'VariableDeclarator' && p.init === fn && p.id.type === 'Identifier' ? p.id : undefined;
  if (!name || fn.parent?.type === 'ExportNamedDeclaration' || fn.parent?.type === 'ExportDefaultDeclaration' || p?.parent?.parent?.type === 'ExportNamedDeclaration') return undefined;
  const variable = referencesOf(file).variableOf(name);
  const reads = variable?.references.filter((r) => !r.init) ?? [];
  if (!reads.length || reads.some((r) => r.isWrite())) return undefined;
  const out: Array<Located<TSESTree.ObjectExpression> | undefined> = [];
  for (const r of reads) {
    const reg = registrationOf(r.identifier as Node, file);
    if (!reg) return undefined;
    out.push(reg.options);
  }
  return out;
}

/** `x.get(url, [options], handler)` or `x.route({ …, handler })` / `x.get(url, { …, handler })`: the options (undefined: none). */
function registrationOf(handler: Node, file: ParsedFile): { options: Located<TSESTree.ObjectExpression> | undefined } | undefined {
  const p = handler.parent;
  if (p?.type === 'CallExpression' && isRouteCall(p) && p.arguments[p.arguments.length - 1] === handler) {
    // The options object written in the call or kept in a const of the file.
    return { options: p.arguments.length === 3 ? objectLiteral(p.arguments[1] as Node, file) : undefined };
  }
  if (p?.type === 'Property' && p.value === handler && !p.computed && p.key.type === 'Identifier' && p.key.name === 'handler') {
    const options = p.parent as TSESTree.ObjectExpression;
    const call = options.parent;
    if (call?.type === 'CallExpression' && isRouteCall(call) && call.arguments[call.arguments.length - 1] === options) return { options: { node: options, file } };
  }
  return undefined;
}

function isRouteCall(call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  return callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && ROUTE_METHODS.has(callee.property.name);
}

/** The options and schema may be consts of another module: each is read with the file it is written in. */
function requestShape(options: Located<TSESTree.ObjectExpression>): Shape | undefined {
  const attach = propertyNamed(options.node, 'attachValidation');
  if (attach && !(attach.type === 'Literal' && attach.value === false)) return undefined;
  const schema = objectLiteral(propertyNamed(options.node, 'schema'), options.file);
  if (!schema) return undefined;
  const props = new Map<string, Shape>();
  for (const [key, member] of PARTS) {
    const s = jsonSchemaShape(propertyNamed(schema.node, key), schema.file);
    if (s) props.set(member, s);
  }
  return shapeOf('object', props);
}
