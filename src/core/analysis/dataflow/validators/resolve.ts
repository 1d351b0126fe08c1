// Lookups the validators need: the one value a variable holds, and the package a name was imported
// or required from. A name imported from a project module (`import { S } from './schemas'`,
// `const { S } = require('./schemas')`, `schemas.S` of `import * as schemas`) is followed to the
// value that module exports, which is then read with that module's file (its constants resolve
// there). Such a read goes through the project's code index, which records the exporting file as a
// dependency of the computation under way (`s:<file>`), so an edit of the schema re-checks its
// users; and it bumps foreignReadCount, so memos keyed by this file's nodes do not keep a result
// that another file's edit can change.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import type { ParsedFile } from '../../project/types';
import type { CodeIndex } from '../code-index';
import { memberPath, unwrap, type Node } from '../ast';
import { referencesOf } from '../references';

/** An expression and the file it is written in. */
export interface Located<T = Node> {
  node: T;
  file: ParsedFile;
}

const MAX_HOPS = 6;
/** The code index of the project each file belongs to (set by the flow analyzer, which owns the dependency recording). */
const indexOfFile = new WeakMap<ParsedFile, CodeIndex>();
let foreignReads = 0;

/** Lets names imported in these files be followed to the modules that export them. */
export function attachCodeIndex(files: Iterable<ParsedFile>, code: CodeIndex): void {
  for (const f of files) indexOfFile.set(f, code);
}

/** Grows each time another module is read: a memo must not keep a result computed while it grew. */
export function foreignReadCount(): number {
  return foreignReads;
}

/** The variable's only value: the initializer of its one declaration, when nothing else writes it. */
export function singleDeclarator(variable: Variable | undefined): TSESTree.VariableDeclarator | undefined {
  if (!variable || variable.defs.length !== 1 || variable.defs[0].type !== 'Variable') return undefined;
  const writes = variable.references.filter((r) => r.isWrite());
  if (writes.some((w) => !w.init)) return undefined;
  const d = variable.defs[0].node as TSESTree.VariableDeclarator;
  return d.init ? d : undefined;
}

/**
 * The expression a name stands for when it is declared once with a plain initializer (`const S =
 * z.object(…)`) or is a function declaration never reassigned, or what a project module exports
 * under the name it was imported as; also a member of a module namespace (`schemas.S`). With the
 * file the expression is written in.
 */
export function valueOfName(node: Node, file: ParsedFile, hops = 0): Located | undefined {
  if (hops > MAX_HOPS) return undefined;
  const n = unwrap(node);
  if (n.type === 'MemberExpression') {
    // `schemas.S` where `schemas` is `import * as schemas` or `require('./schemas')`.
    if (n.computed || n.property.type !== 'Identifier' || unwrap(n.object).type !== 'Identifier') return undefined;
    const ns = moduleOfName(unwrap(n.object) as TSESTree.Identifier, file);
    return ns?.whole ? exportedValue(file, ns.specifier, n.property.name, hops + 1) : undefined;
  }
  if (n.type !== 'Identifier') return undefined;
  const variable = referencesOf(file).variableOf(n);
  const imported = moduleOfName(n, file, variable);
  if (imported) return imported.whole ? undefined : exportedValue(file, imported.specifier, imported.name, hops + 1);
  // `function parseQuery(q) {…}` exported by name (`module.exports = { parseQuery }`), never reassigned.
  if (variable?.defs.length === 1 && variable.defs[0].type === 'FunctionName' && !variable.references.some((r) => r.isWrite())) return { node: variable.defs[0].node as Node, file };
  const d = singleDeclarator(variable);
  if (!d || d.id.type !== 'Identifier') return undefined;
  // `const S = require('./schemas').S`
  const init = unwrap(d.init!);
  if (init.type === 'MemberExpression' && !init.computed && init.property.type === 'Identifier') {
    const spec = requiredSpecifier(unwrap(init.object));
    if (spec !== undefined) return exportedValue(file, spec, init.property.name, hops + 1);
  }
  return { node: d.init!, file };
}

/**
 * The module a name is bound to by an import or a require of a relative path: one export of it
 * (`name`), or the whole module (`import * as ns`, `const ns = require('./m')`).
 */
function moduleOfName(id: TSESTree.Identifier, file: ParsedFile, variable = referencesOf(file).variableOf(id)): { specifier: string; name: string; whole: boolean } | undefined {
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type === 'ImportBinding') {
    const decl = def.parent as TSESTree.ImportDeclaration | undefined;
    const spec = decl?.source.value;
    if (typeof spec !== 'string' || !spec.startsWith('.')) return undefined;
    const s = def.node as TSESTree.ImportClause;
    if (s.type === 'ImportNamespaceSpecifier') return { specifier: spec, name: '*', whole: true };
    if (s.type === 'ImportDefaultSpecifier') return { specifier: spec, name: 'default', whole: false };
    const name = s.imported.type === 'Identifier' ? s.imported.name : String(s.imported.value);
    return { specifier: spec, name, whole: false };
  }
  const d = singleDeclarator(variable);
  const spec = d?.init ? requiredSpecifier(unwrap(d.init)) : undefined;
  if (!d || spec === undefined || !spec.startsWith('.')) return undefined;
  if (d.id.type === 'Identifier') return { specifier: spec, name: '*', whole: true };
  // `const { S } = require('./schemas')`
  if (d.id.type !== 'ObjectPattern') return undefined;
  for (const p of d.id.properties) {
    if (p.type !== 'Property' || p.value.type !== 'Identifier' || referencesOf(file).variableOf(p.value) !== variable) continue;
    const key = keyName(p);
    return key === undefined ? undefined : { specifier: spec, name: key, whole: false };
  }
  return undefined;
}

function requiredSpecifier(n: Node): string | undefined {
  if (n.type !== 'CallExpression' || n.callee.type !== 'Identifier' || n.callee.name !== 'require' || n.arguments[0]?.type !== 'Literal') return undefined;
  const spec = n.arguments[0].value;
  return typeof spec === 'string' ? spec : undefined;
}

/**
 * What the module a specifier names exports under a name ('default': `export default`, or a whole
 * `module.exports = …`): `export const`, `export class`, `export { X as name }`, a re-export
 * `export { name } from`, `module.exports = { name }`, `exports.name = …`.
 */
export function exportedValue(fromFile: ParsedFile, specifier: string, name: string, hops = 0): Located | undefined {
  const code = indexOfFile.get(fromFile);
  if (!code || hops > MAX_HOPS) return undefined;
  foreignReads++;
  const path = code.resolveModule(fromFile.path, specifier);
  const file = path !== undefined ? code.file(path) : undefined;
  if (!file) return undefined;
  const local = (n: Node) => (unwrap(n).type === 'Identifier' || unwrap(n).type === 'MemberExpression' ? valueOfName(n, file, hops + 1) : { node: n, file });
  for (const statement of file.ast.body) {
    if (statement.type === 'ExportNamedDeclaration') {
      const decl = statement.declaration;
      if (decl?.type === 'VariableDeclaration') {
        for (const d of decl.declarations) if (d.id.type === 'Identifier' && d.id.name === name) return valueOfName(d.id, file, hops + 1);
      } else if ((decl?.type === 'ClassDeclaration' || decl?.type === 'FunctionDeclaration') && decl.id?.name === name) return { node: decl, file };
      for (const s of statement.specifiers) {
        const exported = s.exported.type === 'Identifier' ? s.exported.name : String(s.exported.value);
        if (exported !== name || s.local.type !== 'Identifier') continue;
        const src = statement.source?.value;
        return typeof src === 'string' ? exportedValue(file, src, s.local.name, hops + 1) : local(s.local);
      }
    }
    if (statement.type === 'ExportDefaultDeclaration' && name === 'default') return local(statement.declaration as Node);
    if (statement.type === 'ExpressionStatement' && statement.expression.type === 'AssignmentExpression' && statement.expression.operator === '=') {
      const target = memberPath(statement.expression.left)?.path;
      const right = statement.expression.right as Node;
      if (target === 'module.exports') {
        if (name === 'default') return local(right);
        const value = propertyNamed(unwrap(right), name);
        if (value) return local(value);
      } else if ((target === `module.exports.${name}` || target === `exports.${name}`) && name !== 'default') return local(right);
    }
  }
  return undefined;
}

/** A class declared in this file under a name, or exported under the name it was imported as. */
export function classOfName(name: TSESTree.Identifier, file: ParsedFile): Located<TSESTree.ClassDeclaration> | undefined {
  // Type references are not always resolved to the class by the scope manager: look the name up in the file's top level.
  for (const s of file.ast.body) {
    const d = s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration' ? s.declaration : s;
    if (d?.type === 'ClassDeclaration' && d.id?.name === name.name) return { node: d, file };
    if (s.type !== 'ImportDeclaration' || typeof s.source.value !== 'string' || !s.source.value.startsWith('.')) continue;
    for (const spec of s.specifiers) {
      if (spec.local.name !== name.name || spec.type === 'ImportNamespaceSpecifier') continue;
      const exported = spec.type === 'ImportDefaultSpecifier' ? 'default' : spec.imported.type === 'Identifier' ? spec.imported.name : String(spec.imported.value);
      const v = exportedValue(file, s.source.value, exported);
      return v?.node.type === 'ClassDeclaration' ? (v as Located<TSESTree.ClassDeclaration>) : undefined;
    }
  }
  return undefined;
}

/** The package a name comes from (`import { z } from 'zod'`, `import Joi from 'joi'`, `const { z } = require('zod')`). */
export function packageOfName(id: TSESTree.Identifier, file: ParsedFile): string | undefined {
  const variable = referencesOf(file).variableOf(id);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type === 'ImportBinding') {
    const decl = def.parent as TSESTree.ImportDeclaration | undefined;
    return typeof decl?.source.value === 'string' ? decl.source.value : undefined;
  }
  const d = singleDeclarator(variable);
  let init = d?.init ? unwrap(d.init) : undefined;
  // `const z = require('zod').z`
  if (init?.type === 'MemberExpression') init = unwrap(init.object);
  if (init?.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require' && init.arguments[0]?.type === 'Literal') {
    const spec = init.arguments[0].value;
    return typeof spec === 'string' ? spec : undefined;
  }
  return undefined;
}

/** `recv.method(args)`: the method name, its receiver and arguments (no spread). */
export function methodCall(node: Node): { method: string; receiver: Node; args: Node[] } | undefined {
  const n = unwrap(node);
  if (n.type !== 'CallExpression') return undefined;
  const callee = unwrap(n.callee);
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return undefined;
  if (n.arguments.some((a) => a.type === 'SpreadElement')) return undefined;
  return { method: callee.property.name, receiver: unwrap(callee.object), args: n.arguments as Node[] };
}

/** A property of an object literal by its name (not computed, or a string key). */
export function propertyNamed(object: Node | undefined, name: string): Node | undefined {
  if (object?.type !== 'ObjectExpression') return undefined;
  for (const p of object.properties) {
    if (p.type !== 'Property' || p.computed) continue;
    const key = p.key.type === 'Identifier' ? p.key.name : p.key.type === 'Literal' ? String(p.key.value) : undefined;
    if (key === name) return p.value as Node;
  }
  return undefined;
}

/** An object literal, directly or through a name declared once (in this file or exported by another), with its file. */
export function objectLiteral(node: Node | undefined, file: ParsedFile, depth = 0): Located<TSESTree.ObjectExpression> | undefined {
  if (!node || depth > 4) return undefined;
  const n = unwrap(node);
  if (n.type === 'ObjectExpression') return { node: n, file };
  const v = valueOfName(n, file);
  return v && objectLiteral(v.node, v.file, depth + 1);
}

/** A property key's name (identifier or string literal; not computed). */
export function keyName(p: TSESTree.Property): string | undefined {
  if (p.computed) return undefined;
  return p.key.type === 'Identifier' ? p.key.name : p.key.type === 'Literal' ? String(p.key.value) : undefined;
}
