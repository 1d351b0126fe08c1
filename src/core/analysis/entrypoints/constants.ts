// Route paths and methods written as constants: a string literal, or a template / `+` whose parts
// are string literals or `const` strings of this file or imported ones. The linker resolves the
// imported parts (and records the files it read, so editing the constant's file relinks this one);
// a part it cannot tell, or can tell more than one way, leaves the whole unknown.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { unwrapExpression, type FileFacts } from '../project/collect';
import type { AnalysisContext } from '../project/context';

export function constantString(ctx: AnalysisContext, facts: FileFacts, node: TSESTree.Node | null | undefined): string | undefined {
  if (!node) return undefined;
  const n = unwrapExpression(node);
  if (n.type === 'Literal') return typeof n.value === 'string' ? n.value : undefined;
  if (n.type === 'TemplateLiteral' && n.expressions.length === 0) return n.quasis[0].value.cooked ?? undefined;
  // Only what can hold a computed string is worth a resolution.
  if (n.type !== 'Identifier' && n.type !== 'MemberExpression' && n.type !== 'TemplateLiteral' && n.type !== 'BinaryExpression') return undefined;
  const values = ctx.linker.resolve(facts.evaluate(n));
  return values.length === 1 && values[0].k === 'string' ? values[0].value : undefined;
}

/** A route path given as a constant string or an array of them (Express allows arrays). */
export function constantPaths(ctx: AnalysisContext, facts: FileFacts, node: TSESTree.Node | undefined): string[] | undefined {
  if (!node) return undefined;
  const n = unwrapExpression(node);
  if (n.type === 'ArrayExpression') {
    const paths = n.elements.map((e) => (e && e.type !== 'SpreadElement' ? constantString(ctx, facts, e) : undefined));
    return paths.length && paths.every((p): p is string => p !== undefined) ? paths : undefined;
  }
  const s = constantString(ctx, facts, n);
  return s === undefined ? undefined : [s];
}
