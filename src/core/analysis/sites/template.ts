// Turns string-building expressions into templates: literals stay, interpolations become `{}`.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { unwrapExpression, isFunctionNode, type FileFacts } from '../project/collect';

/** A template for a string expression, or undefined when the expression is not string-like. */
export function templateOf(raw: TSESTree.Node | undefined): string | undefined {
  if (!raw) return undefined;
  const node = unwrapExpression(raw);
  if (node.type === 'Literal') return typeof node.value === 'string' ? node.value : undefined;
  if (node.type === 'TemplateLiteral') {
    let out = '';
    node.quasis.forEach((q, i) => {
      out += q.value.cooked ?? q.value.raw;
      if (i < node.expressions.length) out += '{}';
    });
    return out;
  }
  if (node.type === 'BinaryExpression' && node.operator === '+') {
    const left = templateOf(node.left);
    const right = templateOf(node.right);
    if (left === undefined && right === undefined) return undefined;
    return (left ?? '{}') + (right ?? '{}');
  }
  return undefined;
}

/** A template, or `{}` for an expression whose value is not known here (a variable URL). */
export function templateOrPlaceholder(node: TSESTree.Node | undefined): string {
  return templateOf(node) ?? '{}';
}

export function enclosingFunctionName(facts: FileFacts, node: TSESTree.Node): string | undefined {
  for (let n: TSESTree.Node | undefined = node.parent; n; n = n.parent) {
    if (isFunctionNode(n)) return facts.functionByNode.get(n)?.name;
  }
  return undefined;
}
