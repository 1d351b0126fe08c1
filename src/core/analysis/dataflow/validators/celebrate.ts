// celebrate (`app.post('/x', celebrate({ [Segments.QUERY]: Joi.object({ limit: Joi.number().max(100) })
// }), handler)`): a joi schema per request part, checked in a middleware before the handler. A
// request that fails never reaches the handler (celebrate hands the error to `next`), and the values
// joi converted are what the handler reads (celebrate writes them back). Understood: segment keys
// written as `Segments.X` of the package or as the part's name (`body`, `query`, `params`, `headers`,
// `cookies`, `signedCookies`), each with a joi schema (joi's own or celebrate's `Joi`).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import type { ParsedFile } from '../../project/types';
import { isFunctionNode, unwrap, type Node } from '../ast';
import { referencesOf } from '../references';
import { joiShape } from './joi';
import { foreignReadCount, keyName, packageOfName, type Located } from './resolve';
import { routeMiddlewareLists } from './route-middlewares';
import { shapeOf, shapeOfEveryRegistration, type Shape } from './shape';

const PACKAGE = 'celebrate';
/** `Segments.X` → the request member it validates. */
const SEGMENTS: Record<string, string> = { BODY: 'body', QUERY: 'query', PARAMS: 'params', HEADERS: 'headers', COOKIES: 'cookies', SIGNEDCOOKIES: 'signedCookies' };
const PARTS = new Set(Object.values(SEGMENTS));

const memo = new WeakMap<Node, Shape | null>();

/** What the celebrate middlewares of every registration of the handler say about its request (its first parameter). */
export function celebrateShape(variable: Variable, file: ParsedFile): Shape | undefined {
  const def = variable.defs.length === 1 ? variable.defs[0] : undefined;
  const fn = def?.node as Node | undefined;
  if (def?.type !== 'Parameter' || !fn || !isFunctionNode(fn) || fn.params[0] !== def.name) return undefined;
  const cached = memo.get(fn);
  if (cached !== undefined) return cached ?? undefined;
  const reads = foreignReadCount();
  // One registration without celebrate lets unchecked requests reach the handler.
  const shape = shapeOfEveryRegistration(routeMiddlewareLists(fn, file), registrationShape);
  // Schemas read from another module can change without this file changing.
  if (foreignReadCount() === reads) memo.set(fn, shape ?? null);
  return shape;
}

/** `{ query: <schema's shape>, … }` from the celebrate calls among one registration's middlewares. */
function registrationShape(middlewares: Located[]): Shape | undefined {
  let request: Shape | undefined;
  for (const { node, file } of middlewares) {
    const n = unwrap(node);
    if (n.type !== 'CallExpression' || n.callee.type !== 'Identifier' || packageOfName(n.callee, file) !== PACKAGE || exportedName(n.callee, file) !== 'celebrate') continue;
    const schemas = n.arguments[0] && unwrap(n.arguments[0] as Node);
    if (schemas?.type !== 'ObjectExpression') continue;
    request ??= shapeOf('object', new Map());
    for (const p of schemas.properties) {
      if (p.type !== 'Property') continue;
      const part = segmentOf(p, file);
      const shape = part && joiShape(p.value as Node, file);
      if (part && shape) request.props!.set(part, shape);
    }
  }
  return request;
}

/** `[Segments.QUERY]` of the package, or `query` / `'query'`. */
function segmentOf(p: TSESTree.Property, file: ParsedFile): string | undefined {
  if (!p.computed) {
    const key = keyName(p);
    return key && PARTS.has(key) ? key : undefined;
  }
  const k = unwrap(p.key as Node);
  if (k.type !== 'MemberExpression' || k.computed || k.property.type !== 'Identifier' || k.object.type !== 'Identifier') return undefined;
  return packageOfName(k.object, file) === PACKAGE ? SEGMENTS[k.property.name] : undefined;
}

/** The name a package exports a binding under: `import { celebrate as c }`, `const { celebrate: c } = require(…)`. */
function exportedName(id: TSESTree.Identifier, file: ParsedFile): string | undefined {
  const def = referencesOf(file).variableOf(id)?.defs[0];
  if (def?.type === 'ImportBinding') {
    const spec = def.node as TSESTree.Node;
    return spec.type === 'ImportSpecifier' ? (spec.imported.type === 'Identifier' ? spec.imported.name : String(spec.imported.value)) : undefined;
  }
  const d = def?.type === 'Variable' ? (def.node as TSESTree.VariableDeclarator) : undefined;
  if (d?.id.type !== 'ObjectPattern') return undefined;
  const prop = d.id.properties.find((p) => p.type === 'Property' && p.value.type === 'Identifier' && p.value.name === id.name);
  return prop?.type === 'Property' ? keyName(prop as TSESTree.Property) : undefined;
}
