// Whether a list is known not to be empty where its `.length` is read: a property of its first element
// (`list[0].length`) was read before, on every path, in the same function, and would have thrown on an
// empty list (`list[0]` is undefined). Only for a list the function never writes nor hands on (the
// same array, the same size), and only reads that nothing can skip: no `?.`, no branch, no closure.
import type { Variable } from '@typescript-eslint/scope-manager';
import { isFunctionNode, unwrap, walk, type Node } from './ast';
import { referencesOf } from './references';
import type { ParsedFile } from '../project/types';

export function firstElementReadBefore(variable: Variable, read: Node, file: ParsedFile): boolean {
  const readAt = statementOf(read);
  if (!readAt) return false;
  const body = readAt.statement.parent as Node & { body: Node[] };
  const refs = referencesOf(file);
  for (const statement of body.body) {
    if (statement.range[0] > readAt.statement.range[0]) break;
    let found = false;
    walk(
      statement,
      (n) => {
        if (found || n.range[0] >= read.range[0]) return false;
        if (n.type !== 'MemberExpression' || n.optional) return;
        const first = unwrap(n.object);
        if (first.type !== 'MemberExpression' || first.optional || !first.computed || !isZero(first.property)) return;
        const list = unwrap(first.object);
        if (list.type === 'Identifier' && refs.variableOf(list) === variable && runsWhenReached(n, statement)) found = true;
      },
      false,
    );
    if (found) return true;
  }
  return false;
}

/** The statement of a function body (or the program) that holds the node, and the body. */
function statementOf(node: Node): { statement: Node } | undefined {
  for (let child = node, p = node.parent; p; child = p, p = p.parent) {
    if (isFunctionNode(p)) return undefined;
    if ((p.type === 'BlockStatement' && p.parent && isFunctionNode(p.parent)) || p.type === 'Program') return { statement: child };
  }
  return undefined;
}

/** Whether the expression runs whenever its statement does, before the statement's later parts (no branch, short-circuit or closure around it). */
function runsWhenReached(node: Node, statement: Node): boolean {
  for (let child = node, p = node.parent; p && child !== statement; child = p, p = p.parent) {
    switch (p.type) {
      case 'MemberExpression':
      case 'VariableDeclarator':
      case 'VariableDeclaration':
      case 'ExpressionStatement':
      case 'AssignmentExpression':
      case 'BinaryExpression':
      case 'CallExpression':
      case 'NewExpression':
        continue;
      case 'LogicalExpression':
        if (p.left === child) continue;
        return false;
      case 'ConditionalExpression':
        if (p.test === child) continue;
        return false;
      default:
        return false;
    }
  }
  return true;
}

const isZero = (n: Node) => n.type === 'Literal' && n.value === 0;
