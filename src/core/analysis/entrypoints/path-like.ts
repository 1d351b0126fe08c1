// Whether a first argument the analyzer cannot compute is a path at all: `app.use(prefix, router)`
// takes a path or a middleware first, and only text says which. Positive evidence only (a template,
// `+`, a conditional with a string branch, `process.env.X`, a variable initialized with one of those),
// so a middleware held in a variable (`app.use(limiter, router)`) is never taken for a path.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { unwrapExpression, type FileFacts } from '../project/collect';
import { isTextValue } from '../project/values';

export function looksLikePath(facts: FileFacts, node: TSESTree.Node, depth = 0): boolean {
  const n = unwrapExpression(node);
  if (depth > 4) return false;
  switch (n.type) {
    case 'TemplateLiteral':
      return true;
    case 'BinaryExpression':
      return n.operator === '+' && (looksLikePath(facts, n.left, depth + 1) || looksLikePath(facts, n.right, depth + 1) || isTextValue(facts.evaluate(n.left)) || isTextValue(facts.evaluate(n.right)));
    case 'ConditionalExpression':
      return looksLikePath(facts, n.consequent, depth + 1) || looksLikePath(facts, n.alternate, depth + 1);
    case 'LogicalExpression':
      return looksLikePath(facts, n.left, depth + 1) || looksLikePath(facts, n.right, depth + 1);
    case 'Literal':
      return typeof n.value === 'string';
    case 'MemberExpression':
      return isProcessEnv(n.object);
    case 'Identifier': {
      if (isTextValue(facts.evaluate(n))) return true;
      const def = facts.variableOf(n)?.defs[0];
      const init = def?.type === 'Variable' && def.node.type === 'VariableDeclarator' ? def.node.init : null;
      return init ? looksLikePath(facts, init, depth + 1) : false;
    }
    default:
      return false;
  }
}

function isProcessEnv(node: TSESTree.Node): boolean {
  const n = unwrapExpression(node);
  return n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier' && n.property.name === 'env' && n.object.type === 'Identifier' && n.object.name === 'process';
}
