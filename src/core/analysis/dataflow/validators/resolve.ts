// Same-file lookups the validators need: the one value a variable holds, and the package a name
// was imported or required from. A schema kept in another module is not followed (the bounds of a
// file are computed from that file alone).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import type { ParsedFile } from '../../project/types';
import { unwrap, type Node } from '../ast';
import { referencesOf } from '../references';

/** The variable's only value: the initializer of its one declaration, when nothing else writes it. */
export function singleDeclarator(variable: Variable | undefined): TSESTree.VariableDeclarator | undefined {
  if (!variable || variable.defs.length !== 1 || variable.defs[0].type !== 'Variable') return undefined;
  const writes = variable.references.filter((r) => r.isWrite());
  if (writes.some((w) => !w.init)) return undefined;
  const d = variable.defs[0].node as TSESTree.VariableDeclarator;
  return d.init ? d : undefined;
}

/** The expression a name stands for when it is declared once with a plain initializer (`const S = z.object(…)`). */
export function valueOfName(id: TSESTree.Identifier, file: ParsedFile): Node | undefined {
  const d = singleDeclarator(referencesOf(file).variableOf(id));
  return d && d.id.type === 'Identifier' ? d.init! : undefined;
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

/** An object literal, directly or through a name declared once in this file. */
export function objectLiteral(node: Node | undefined, file: ParsedFile, depth = 0): TSESTree.ObjectExpression | undefined {
  if (!node || depth > 4) return undefined;
  const n = unwrap(node);
  if (n.type === 'ObjectExpression') return n;
  if (n.type === 'Identifier') return objectLiteral(valueOfName(n, file), file, depth + 1);
  return undefined;
}

/** A property key's name (identifier or string literal; not computed). */
export function keyName(p: TSESTree.Property): string | undefined {
  if (p.computed) return undefined;
  return p.key.type === 'Identifier' ? p.key.name : p.key.type === 'Literal' ? String(p.key.value) : undefined;
}
