// Whether a called function is `Object.getPrototypeOf` (or `Reflect.getPrototypeOf`), reached
// directly, through a module's alias of it (`const { getPrototypeOf } = Object`, `var getProto =
// Object.getPrototypeOf`, imported or required from another module), or through a wrapper that
// returns a function applying its function argument to its own argument, optionally converted with
// `Object()` first (`overArg(Object.getPrototypeOf, Object)`).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ParsedFile } from '../project/types';
import type { CodeIndex } from './code-index';
import { isFunctionNode, memberPath, unwrap, type Node } from './ast';
import { referencesOf } from './references';

/**
 * 'native': getPrototypeOf itself, which throws on null and undefined.
 * 'to-object': getPrototypeOf(Object(x)), which does not (null gives Object.prototype).
 */
export type PrototypeFunction = 'native' | 'to-object';

type Value = { kind: 'getPrototypeOf'; how: PrototypeFunction } | { kind: 'global'; name: 'Object' | 'Reflect' };

const MAX_DEPTH = 6;

export function prototypeFunctionOf(callee: Node, file: ParsedFile, code: CodeIndex): PrototypeFunction | undefined {
  const v = valueOf(callee, file, code, 0);
  return v?.kind === 'getPrototypeOf' ? v.how : undefined;
}

function valueOf(expr: Node, file: ParsedFile, code: CodeIndex, depth: number): Value | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const n = unwrap(expr);
  if (n.type === 'Identifier') return identifierValue(n, file, code, depth);
  if (n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier') {
    if (n.property.name !== 'getPrototypeOf') return undefined;
    const object = valueOf(n.object, file, code, depth + 1);
    return object?.kind === 'global' ? { kind: 'getPrototypeOf', how: 'native' } : undefined;
  }
  if (n.type === 'CallExpression') return wrapperValue(n, file, code, depth);
  return undefined;
}

function identifierValue(id: TSESTree.Identifier, file: ParsedFile, code: CodeIndex, depth: number): Value | undefined {
  const variable = referencesOf(file).variableOf(id);
  if (!variable) return undefined;
  // A global of the language (no declaration in the program).
  if (variable.defs.length === 0) return id.name === 'Object' || id.name === 'Reflect' ? { kind: 'global', name: id.name } : undefined;
  if (variable.defs.length !== 1 || variable.references.filter((r) => r.isWrite() && !r.init).length > 0) return undefined;
  const def = variable.defs[0];
  if (def.type === 'ImportBinding') {
    const spec = def.node as TSESTree.ImportSpecifier | TSESTree.ImportDefaultSpecifier | TSESTree.ImportNamespaceSpecifier;
    const from = (def.parent as TSESTree.ImportDeclaration).source.value;
    if (spec.type === 'ImportNamespaceSpecifier') return undefined;
    const name = spec.type === 'ImportDefaultSpecifier' ? 'default' : spec.imported.type === 'Identifier' ? spec.imported.name : String(spec.imported.value);
    return exportedValue(file, from, name, code, depth);
  }
  if (def.type !== 'Variable') return undefined;
  const declarator = def.node as TSESTree.VariableDeclarator;
  if (!declarator.init) return undefined;
  if (declarator.id === def.name) {
    const required = requiredModule(declarator.init);
    if (required) return exportedValue(file, required.specifier, required.member ?? 'default', code, depth);
    return valueOf(declarator.init, file, code, depth + 1);
  }
  // `const { getPrototypeOf } = Object`
  if (declarator.id.type !== 'ObjectPattern') return undefined;
  const prop = declarator.id.properties.find((p) => p.type === 'Property' && p.value === def.name);
  if (!prop || prop.type !== 'Property' || prop.computed || prop.key.type !== 'Identifier' || prop.key.name !== 'getPrototypeOf') return undefined;
  const object = valueOf(declarator.init, file, code, depth + 1);
  return object?.kind === 'global' ? { kind: 'getPrototypeOf', how: 'native' } : undefined;
}

/** `require('./m')` or `require('./m').name`. */
function requiredModule(init: Node): { specifier: string; member?: string } | undefined {
  let n = unwrap(init);
  let member: string | undefined;
  if (n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier') {
    member = n.property.name;
    n = unwrap(n.object);
  }
  if (n.type !== 'CallExpression' || unwrap(n.callee).type !== 'Identifier' || (unwrap(n.callee) as TSESTree.Identifier).name !== 'require') return undefined;
  const arg = n.arguments[0];
  return arg?.type === 'Literal' && typeof arg.value === 'string' ? { specifier: arg.value, member } : undefined;
}

/** The value a module exports under a name ('default': `module.exports = …` or `export default …`). */
function exportedValue(fromFile: ParsedFile, specifier: string, name: string, code: CodeIndex, depth: number): Value | undefined {
  const path = code.resolveModule(fromFile.path, specifier);
  const file = path !== undefined ? code.file(path) : undefined;
  if (!file) return undefined;
  for (const statement of file.ast.body) {
    if (statement.type === 'ExpressionStatement' && statement.expression.type === 'AssignmentExpression' && statement.expression.operator === '=') {
      const target = memberPath(statement.expression.left)?.path;
      const exported = target === 'module.exports' ? 'default' : target?.startsWith('module.exports.') || target?.startsWith('exports.') ? target.slice(target.lastIndexOf('.') + 1) : undefined;
      if (exported === name) return valueOf(statement.expression.right, file, code, depth + 1);
    }
    if (statement.type === 'ExportDefaultDeclaration' && name === 'default' && !isFunctionNode(statement.declaration)) return valueOf(statement.declaration as Node, file, code, depth + 1);
    if (statement.type === 'ExportNamedDeclaration' && statement.declaration?.type === 'VariableDeclaration') {
      for (const d of statement.declaration.declarations) if (d.id.type === 'Identifier' && d.id.name === name && d.init) return valueOf(d.init, file, code, depth + 1);
    }
  }
  return undefined;
}

/**
 * `wrap(fn, t)` where wrap returns `function (arg) { return fn(arg) }` or `… fn(t(arg))`: the wrapped
 * function, when `fn` is getPrototypeOf (and `t`, if any, is `Object`).
 */
function wrapperValue(call: TSESTree.CallExpression, file: ParsedFile, code: CodeIndex, depth: number): Value | undefined {
  const targets = code.calleesOf(file, call);
  if (targets.length !== 1) return undefined;
  const wrapper = targets[0].info.node;
  const returned = onlyReturned(wrapper);
  if (!returned || !isFunctionNode(returned)) return undefined;
  const inner = onlyReturned(returned);
  const arg = returned.params[0];
  if (!inner || inner.type !== 'CallExpression' || inner.arguments.length !== 1 || arg?.type !== 'Identifier') return undefined;
  /** The caller's argument bound to a parameter of the wrapper, by the wrapper's name for it. */
  const bound = (n: Node): Node | undefined => {
    const id = unwrap(n);
    if (id.type !== 'Identifier' || returned.params.some((p) => p.type === 'Identifier' && p.name === id.name)) return undefined;
    const index = wrapper.params.findIndex((p) => p.type === 'Identifier' && p.name === id.name);
    const a = index >= 0 ? call.arguments[index] : undefined;
    return a && a.type !== 'SpreadElement' ? a : undefined;
  };
  const fnArg = bound(inner.callee);
  const fn = fnArg && valueOf(fnArg, file, code, depth + 1);
  if (fn?.kind !== 'getPrototypeOf') return undefined;
  const applied = unwrap(inner.arguments[0]);
  if (applied.type === 'Identifier' && applied.name === arg.name) return fn;
  if (applied.type === 'CallExpression' && applied.arguments.length === 1 && unwrap(applied.arguments[0]).type === 'Identifier' && (unwrap(applied.arguments[0]) as TSESTree.Identifier).name === arg.name) {
    const convert = bound(applied.callee);
    const t = convert && valueOf(convert, file, code, depth + 1);
    if (t?.kind === 'global' && t.name === 'Object') return { kind: 'getPrototypeOf', how: 'to-object' };
  }
  return undefined;
}

/** The expression a function returns when its body is that one expression or a single `return`. */
function onlyReturned(fn: Node): Node | undefined {
  if (!isFunctionNode(fn)) return undefined;
  if (fn.body.type !== 'BlockStatement') return fn.body;
  const statements = fn.body.body;
  const last = statements[statements.length - 1];
  return statements.length === 1 && last.type === 'ReturnStatement' && last.argument ? last.argument : undefined;
}
