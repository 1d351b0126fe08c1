// The text an expression always evaluates to, when the code spells it out: string literals, `+` of
// such texts, template literals of them, `[a, b].join(sep)`, and variables that hold one (a `const`,
// or a module's `var` written only by its declaration, the idiom of code that builds regexps from parts).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ParsedFile } from '../project/types';
import { unwrap, type Node } from './ast';
import { referencesOf } from './references';

const MAX_DEPTH = 24;

export function constantString(node: Node, file: ParsedFile, depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const n = unwrap(node);
  const next = (x: Node) => constantString(x, file, depth + 1);
  switch (n.type) {
    case 'Literal':
      return typeof n.value === 'string' ? n.value : undefined;
    case 'TemplateLiteral': {
      let out = n.quasis[0]?.value.cooked ?? undefined;
      for (let i = 0; out !== undefined && i < n.expressions.length; i++) {
        const part = next(n.expressions[i] as Node);
        const tail = n.quasis[i + 1]?.value.cooked;
        out = part === undefined || tail == null ? undefined : out + part + tail;
      }
      return out ?? undefined;
    }
    case 'BinaryExpression': {
      if (n.operator !== '+') return undefined;
      const a = next(n.left as Node);
      const b = a === undefined ? undefined : next(n.right);
      return a === undefined || b === undefined ? undefined : a + b;
    }
    case 'CallExpression': {
      // [a, b].join('|')
      const callee = unwrap(n.callee);
      if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier' || callee.property.name !== 'join') return undefined;
      const list = unwrap(callee.object);
      if (list.type !== 'ArrayExpression' || n.arguments.length > 1) return undefined;
      const sep = n.arguments.length ? (n.arguments[0].type === 'SpreadElement' ? undefined : next(n.arguments[0])) : ',';
      const parts = list.elements.map((e) => (e && e.type !== 'SpreadElement' ? next(e) : undefined));
      return sep === undefined || parts.some((p) => p === undefined) ? undefined : parts.join(sep);
    }
    case 'Identifier':
      return variableText(n, file, depth);
    default:
      return undefined;
  }
}

function variableText(id: TSESTree.Identifier, file: ParsedFile, depth: number): string | undefined {
  const variable = referencesOf(file).variableOf(id);
  const def = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || def?.type !== 'Variable') return undefined;
  const declaration = def.parent as TSESTree.VariableDeclaration | undefined;
  const declarator = def.node as TSESTree.VariableDeclarator;
  if (!declarator.init || declarator.id.type !== 'Identifier') return undefined;
  const writtenOnce = variable.references.every((r) => !r.isWrite() || r.identifier === declarator.id);
  if (declaration?.kind !== 'const' && !(declaration?.parent?.type === 'Program' && writtenOnce)) return undefined;
  return constantString(declarator.init, file, depth + 1);
}
