// Small AST helpers shared by the control-flow, data-flow and rule code.
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { CodeLocation } from '../../model/code';

export type Node = TSESTree.Node;

export function isFunctionNode(node: Node): node is TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression {
  return node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';
}

/** The nearest function around a node (undefined at the top level of a file). */
export function enclosingFunction(node: Node): TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression | undefined {
  for (let n = node.parent; n; n = n.parent) if (isFunctionNode(n)) return n;
  return undefined;
}

export function isLoopNode(node: Node): node is LoopNode {
  return (
    node.type === 'WhileStatement' ||
    node.type === 'DoWhileStatement' ||
    node.type === 'ForStatement' ||
    node.type === 'ForInStatement' ||
    node.type === 'ForOfStatement'
  );
}

export type LoopNode =
  | TSESTree.WhileStatement
  | TSESTree.DoWhileStatement
  | TSESTree.ForStatement
  | TSESTree.ForInStatement
  | TSESTree.ForOfStatement;

/** The child nodes of a node, in source order (type annotations skipped: they never carry data). */
const SKIPPED_KEYS = new Set(['typeAnnotation', 'returnType', 'typeParameters', 'typeArguments', 'decorators']);
const keysByType = new Map<string, readonly string[]>();

/** The keys of a node type that hold child nodes, type annotations skipped (see childrenOf). */
export function keysOf(type: string): readonly string[] {
  let keys = keysByType.get(type);
  if (!keys) keysByType.set(type, (keys = (visitorKeys[type as keyof typeof visitorKeys] ?? []).filter((k) => !SKIPPED_KEYS.has(k))));
  return keys;
}

export function childrenOf(node: Node): Node[] {
  const keys = keysOf(node.type);
  const out: Node[] = [];
  for (const key of keys) {
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const v of value) if (v && typeof (v as Node).type === 'string') out.push(v as Node);
    } else if (value && typeof (value as Node).type === 'string') {
      out.push(value as Node);
    }
  }
  return out;
}

/**
 * Depth-first walk. `enter` returning false skips the node's children. Nested functions are entered
 * unless `intoFunctions` is false (their bodies run at another time, in another activation).
 */
export function walk(root: Node, enter: (node: Node, parent: Node | undefined) => boolean | void, intoFunctions = true): void {
  // Two parallel stacks, children pushed last-first straight from the node (no pair or child array
  // per node: walks run over every function and loop, and the allocations showed in GC time).
  const nodes: Node[] = [root];
  const parents: Array<Node | undefined> = [undefined];
  while (nodes.length) {
    const node = nodes.pop()!;
    const parent = parents.pop();
    if (node !== root && !intoFunctions && isFunctionNode(node)) continue;
    if (enter(node, parent) === false) continue;
    const keys = keysOf(node.type);
    for (let k = keys.length - 1; k >= 0; k--) {
      const value = (node as unknown as Record<string, unknown>)[keys[k]];
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) {
          const v = value[i];
          if (v && typeof (v as Node).type === 'string') (nodes.push(v as Node), parents.push(node));
        }
      } else if (value && typeof (value as Node).type === 'string') {
        nodes.push(value as Node);
        parents.push(node);
      }
    }
  }
}

/** Whether some node under `root` (itself included) satisfies `test`; nested functions as in `walk`. */
export function someNode(root: Node, test: (node: Node) => boolean, intoFunctions = true): boolean {
  let found = false;
  walk(
    root,
    (n) => {
      if (found) return false;
      if (test(n)) found = true;
    },
    intoFunctions,
  );
  return found;
}

export function locationOf(file: string, node: Node): CodeLocation {
  return {
    file,
    startLine: node.loc.start.line,
    startColumn: node.loc.start.column + 1,
    endLine: node.loc.end.line,
    endColumn: node.loc.end.column + 1,
  };
}

export function contains(outer: Node, inner: Node): boolean {
  return inner.range[0] >= outer.range[0] && inner.range[1] <= outer.range[1];
}

/** Strips TS-only wrappers (`x as T`, `x!`, `<T>x`, `x satisfies T`) and parentheses-free chains. */
export function unwrap(node: Node): Node {
  let n = node;
  for (;;) {
    if (n.type === 'TSAsExpression' || n.type === 'TSNonNullExpression' || n.type === 'TSTypeAssertion' || n.type === 'TSSatisfiesExpression') n = n.expression;
    else if (n.type === 'ChainExpression') n = n.expression;
    else return n;
  }
}

/** The parts of an `&&` chain (`a && b && c`: a, b, c); any other test is its own one part. */
export function conjunctsOf(test: Node): Node[] {
  const n = unwrap(test);
  return n.type === 'LogicalExpression' && n.operator === '&&' ? [...conjunctsOf(n.left), ...conjunctsOf(n.right)] : [n];
}

/**
 * The dotted path of a member chain rooted at an identifier or `this`: `job.status.done` →
 * { root: job identifier, path: 'job.status.done' }. Computed members with literal keys are kept
 * (`a['b']` → `a.b`); other computed members end the path with `[]`.
 */
export function memberPath(node: Node): { root: TSESTree.Identifier | TSESTree.ThisExpression; path: string } | undefined {
  const parts: string[] = [];
  let n = unwrap(node);
  while (n.type === 'MemberExpression') {
    if (!n.computed && n.property.type === 'Identifier') parts.unshift(n.property.name);
    else if (n.computed && n.property.type === 'Literal') parts.unshift(String(n.property.value));
    else if (!n.computed && n.property.type === 'PrivateIdentifier') parts.unshift('#' + n.property.name);
    else parts.unshift('[]');
    n = unwrap(n.object);
  }
  if (n.type === 'Identifier') return { root: n, path: [n.name, ...parts].join('.') };
  if (n.type === 'ThisExpression') return { root: n, path: ['this', ...parts].join('.') };
  return undefined;
}

/** Source text of a node, shortened and single-line, for messages. */
export function textOf(source: string, node: Node, max = 60): string {
  const [start, end] = node.range;
  if (!(max >= 1)) {
    const raw = source.slice(start, end).replace(/\s+/g, ' ');
    return raw.length > max ? raw.slice(0, max - 1) + '…' : raw;
  }
  // Only as much text as the result needs (nodes can be whole function bodies): whitespace runs
  // collapse to one space, so the collapsed text of a prefix is a prefix of the collapsed whole;
  // the window grows until it holds more than max characters or the whole node. Same result.
  for (let window = max * 2 + 16; ; window *= 4) {
    const stop = Math.min(end, start + window);
    const raw = source.slice(start, stop).replace(/\s+/g, ' ');
    if (raw.length > max) return raw.slice(0, max - 1) + '…';
    if (stop === end) return raw;
  }
}

/** Name of the called function: `sleep`, `setTimeout`, `exec` for `re.exec(...)`. */
export function calleeName(call: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
  const c = unwrap(call.callee);
  if (c.type === 'Identifier') return c.name;
  if (c.type === 'MemberExpression' && !c.computed && c.property.type === 'Identifier') return c.property.name;
  return undefined;
}

/** A literal truthy constant test: `true`, `1`, `!0`, `'x'`. */
export function isConstantTruthy(node: Node | null | undefined): boolean {
  if (!node) return true;
  const n = unwrap(node);
  if (n.type === 'Literal') return Boolean(n.value) && !(n as TSESTree.RegExpLiteral).regex;
  if (n.type === 'UnaryExpression' && n.operator === '!' && unwrap(n.argument).type === 'Literal') return !(unwrap(n.argument) as TSESTree.Literal).value;
  return false;
}

/** How an identifier is used as the object of a member: not so, written through (assigned, updated, deleted), a method called on it, or read. */
export type MemberUse = { kind: 'none' } | { kind: 'write' } | { kind: 'call'; method: string | undefined; call: TSESTree.CallExpression } | { kind: 'read' };

export function memberUseOf(id: Node): MemberUse {
  const p = id.parent;
  if (p?.type !== 'MemberExpression' || p.object !== id) return { kind: 'none' };
  const up = p.parent;
  if (up?.type === 'AssignmentExpression' && up.left === p) return { kind: 'write' };
  if (up?.type === 'UpdateExpression' || (up?.type === 'UnaryExpression' && up.operator === 'delete')) return { kind: 'write' };
  if (up?.type === 'CallExpression' && up.callee === p) return { kind: 'call', method: !p.computed && p.property.type === 'Identifier' ? p.property.name : undefined, call: up };
  return { kind: 'read' };
}
