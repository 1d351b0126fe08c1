// The middlewares that run before a handler in each Express-style registration of it
// (`app.get(path, ...middlewares, handler)`, also `router.route(path).get(...)`): validators that
// work as middlewares (express-validator chains, celebrate) read their rules from these lists.
import type { ParsedFile } from '../../project/types';
import { unwrap, type Node } from '../ast';
import { referencesOf } from '../references';
import { valueOfName, type Located } from './resolve';

const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'all']);

/**
 * One list per registration of the handler: written in the call, or a function of this file whose
 * every use is a registration. Undefined when a use is not one (the handler may run without them).
 */
export function routeMiddlewareLists(fn: Node, file: ParsedFile): Located[][] | undefined {
  const direct = middlewaresBefore(fn, file);
  if (direct) return [direct];
  const p = fn.parent;
  const name = fn.type === 'FunctionDeclaration' ? fn.id : p?.type === 'VariableDeclarator' && p.init === fn && p.id.type === 'Identifier' ? p.id : undefined;
  const variable = name ? referencesOf(file).variableOf(name) : undefined;
  const uses = variable?.references.filter((r) => !r.init) ?? [];
  if (!uses.length || uses.some((r) => r.isWrite())) return undefined;
  const out: Located[][] = [];
  for (const use of uses) {
    const list = middlewaresBefore(use.identifier as Node, file);
    if (!list) return undefined;
    out.push(list);
  }
  return out;
}

/** `app.get(path, ...middlewares, handler)` with `handler` last: the middlewares, flattened. */
function middlewaresBefore(handler: Node, file: ParsedFile): Located[] | undefined {
  const call = handler.parent;
  if (call?.type !== 'CallExpression' || call.arguments[call.arguments.length - 1] !== handler) return undefined;
  const callee = unwrap(call.callee);
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier' || !ROUTE_METHODS.has(callee.property.name)) return undefined;
  return flattenMiddlewares(call.arguments.slice(0, -1) as Node[], file);
}

/** Middlewares as listed: arrays (inline or consts, also spread) flattened, names followed to their values. */
export function flattenMiddlewares(args: Node[], file: ParsedFile, depth = 0): Located[] {
  const out: Located[] = [];
  for (const a of args) {
    const n = unwrap(a.type === 'SpreadElement' ? (a.argument as Node) : a);
    if (n.type === 'Literal' || n.type === 'TemplateLiteral') continue;
    if (n.type === 'ArrayExpression' && depth < 4) out.push(...flattenMiddlewares(n.elements.filter((e): e is NonNullable<typeof e> => !!e) as Node[], file, depth + 1));
    else if (n.type === 'Identifier' && depth < 4) {
      const v = valueOfName(n, file);
      const value = v && unwrap(v.node);
      if (value?.type === 'ArrayExpression') out.push(...flattenMiddlewares(value.elements.filter((e): e is NonNullable<typeof e> => !!e) as Node[], v!.file, depth + 1));
      else out.push(v ?? { node: n, file });
    } else out.push({ node: n, file });
  }
  return out;
}
