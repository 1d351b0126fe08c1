// Route paths and methods written as constants: a string literal, or a template / `+` whose parts
// are string literals or `const` strings of this file or imported ones. The linker resolves the
// imported parts (and records the files it read, so editing the constant's file relinks this one);
// a part it cannot tell leaves the whole unknown. Alternatives (`flag ? '/a' : B`) give each string
// where a list of paths is accepted, and no single string.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { unwrapExpression, type FileFacts } from '../project/collect';
import type { AnalysisContext } from '../project/context';

export function constantString(ctx: AnalysisContext, facts: FileFacts, node: TSESTree.Node | null | undefined): string | undefined {
  const values = constantStrings(ctx, facts, node);
  return values?.length === 1 ? values[0] : undefined;
}

/** Every string a node may be, when each way it can go is a constant string; undefined otherwise. */
export function constantStrings(ctx: AnalysisContext, facts: FileFacts, node: TSESTree.Node | null | undefined): string[] | undefined {
  if (!node) return undefined;
  const n = unwrapExpression(node);
  if (n.type === 'Literal') return typeof n.value === 'string' ? [n.value] : undefined;
  if (n.type === 'TemplateLiteral' && n.expressions.length === 0) return n.quasis[0].value.cooked == null ? undefined : [n.quasis[0].value.cooked];
  // Only what can hold a computed string is worth a resolution.
  if (!COMPUTED_STRING_NODES.has(n.type)) return undefined;
  const values = ctx.linker.resolve(facts.evaluate(n));
  return values.length && values.every((v) => v.k === 'string') ? values.map((v) => (v as { value: string }).value) : undefined;
}

const COMPUTED_STRING_NODES = new Set(['Identifier', 'MemberExpression', 'TemplateLiteral', 'BinaryExpression', 'ConditionalExpression', 'LogicalExpression']);

/** A route path given as a constant string or an array of them (Express allows arrays). */
export function constantPaths(ctx: AnalysisContext, facts: FileFacts, node: TSESTree.Node | undefined): string[] | undefined {
  if (!node) return undefined;
  const n = unwrapExpression(node);
  if (n.type === 'ArrayExpression') {
    const paths = n.elements.map((e) => (e && e.type !== 'SpreadElement' ? constantStrings(ctx, facts, e) : undefined));
    return paths.length && paths.every((p): p is string[] => p !== undefined) ? [...new Set(paths.flat())] : undefined;
  }
  return constantStrings(ctx, facts, n);
}
