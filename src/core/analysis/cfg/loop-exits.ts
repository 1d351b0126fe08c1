// The loops of a function and, for each, every way control can leave it: the loop test, and each
// `break`/`return`/`throw`/outer `continue` inside the body with the branch conditions that guard it.
// This is the part of the control-flow graph the loop rules need: which conditions decide whether
// the loop ends. Nested functions are not part of the loop's control flow and are skipped.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { childrenOf, isFunctionNode, isLoopNode, isConstantTruthy, type LoopNode, type Node } from '../dataflow/ast';
import type { LoopFinding } from '../../model/code';

export type LoopKind = LoopFinding['loopKind'];

export interface LoopExit {
  kind: 'test' | 'break' | 'return' | 'throw' | 'outer-continue';
  /** The exiting statement, or the test expression. */
  node: Node;
  /** Conditions on the way from the loop body to the exit (if tests, switch discriminants, `catch` clauses, inner loop tests). */
  guards: Node[];
  /** Exits inside a `catch` clause: taken only when something in the try block threw. */
  onError: boolean;
}

export interface LoopInfo {
  node: LoopNode;
  kind: LoopKind;
  /** The exit test, or null for `for (;;)` and for-in/of. */
  test: Node | null;
  /** `while (true)`, `for (;;)`, `do … while (1)`. */
  constantTest: boolean;
  exits: LoopExit[];
  labels: string[];
  /** Loops this one is nested in (innermost first) within the same function. */
  outer: LoopNode[];
}

function kindOf(node: LoopNode): LoopKind {
  switch (node.type) {
    case 'WhileStatement':
      return 'while';
    case 'DoWhileStatement':
      return 'do-while';
    case 'ForStatement':
      return 'for';
    case 'ForInStatement':
      return 'for-in';
    default:
      return (node as TSESTree.ForOfStatement).await ? 'for-await' : 'for-of';
  }
}

/** All loops lexically inside `root` (a function body or a program), not inside nested functions. */
export function findLoops(root: Node): LoopInfo[] {
  const loops: LoopInfo[] = [];
  const visit = (node: Node, outer: LoopNode[], labels: string[]): void => {
    if (node !== root && isFunctionNode(node)) return;
    let nextOuter = outer;
    if (isLoopNode(node)) {
      loops.push(describeLoop(node, outer, labels));
      nextOuter = [node, ...outer];
    }
    const nextLabels = node.type === 'LabeledStatement' ? [...labels, node.label.name] : [];
    for (const child of childrenOf(node)) visit(child, nextOuter, nextLabels);
  };
  visit(root, [], []);
  return loops;
}

export function describeLoop(node: LoopNode, outer: LoopNode[] = [], labels: string[] = []): LoopInfo {
  const kind = kindOf(node);
  const test = node.type === 'WhileStatement' || node.type === 'DoWhileStatement' || node.type === 'ForStatement' ? node.test ?? null : null;
  const constantTest = (node.type === 'WhileStatement' || node.type === 'DoWhileStatement' || node.type === 'ForStatement') && isConstantTruthy(test);
  const exits: LoopExit[] = [];
  if (test && !constantTest) exits.push({ kind: 'test', node: test, guards: [], onError: false });

  interface Ctx {
    guards: Node[];
    /** Unlabeled break/continue target an inner loop (or, for break, an inner switch). */
    innerLoops: number;
    innerSwitches: number;
    innerLabels: Set<string>;
    /** Inside a try block with a catch clause (inside the loop): a throw is caught there. */
    caught: number;
    onError: boolean;
  }

  const exitBy = (kind: LoopExit['kind'], n: Node, ctx: Ctx) => exits.push({ kind, node: n, guards: ctx.guards, onError: ctx.onError });

  const visit = (n: Node, ctx: Ctx): void => {
    if (isFunctionNode(n) || n.type === 'ClassBody') return;
    switch (n.type) {
      case 'BreakStatement':
        if (n.label ? !ctx.innerLabels.has(n.label.name) : ctx.innerLoops === 0 && ctx.innerSwitches === 0) exitBy('break', n, ctx);
        return;
      case 'ContinueStatement':
        if (n.label && !ctx.innerLabels.has(n.label.name) && !labels.includes(n.label.name)) exitBy('outer-continue', n, ctx);
        return;
      case 'ReturnStatement':
        exitBy('return', n, ctx);
        return;
      case 'ThrowStatement':
        if (ctx.caught === 0) exitBy('throw', n, ctx);
        return;
      case 'IfStatement': {
        const g = { ...ctx, guards: [...ctx.guards, n.test] };
        visit(n.consequent, g);
        if (n.alternate) visit(n.alternate, g);
        return;
      }
      case 'SwitchStatement': {
        for (const c of n.cases) {
          const g = { ...ctx, innerSwitches: ctx.innerSwitches + 1, guards: [...ctx.guards, n.discriminant, ...(c.test ? [c.test] : [])] };
          for (const s of c.consequent) visit(s, g);
        }
        return;
      }
      case 'TryStatement': {
        visit(n.block, n.handler ? { ...ctx, caught: ctx.caught + 1 } : ctx);
        if (n.handler) visit(n.handler.body, { ...ctx, guards: [...ctx.guards, n.handler], onError: true });
        if (n.finalizer) visit(n.finalizer, ctx);
        return;
      }
      case 'LabeledStatement':
        visit(n.body, { ...ctx, innerLabels: new Set([...ctx.innerLabels, n.label.name]) });
        return;
      case 'WhileStatement':
      case 'DoWhileStatement':
      case 'ForStatement':
      case 'ForInStatement':
      case 'ForOfStatement': {
        const innerTest = 'test' in n && n.test ? [n.test] : [];
        visit(n.body, { ...ctx, innerLoops: ctx.innerLoops + 1, guards: [...ctx.guards, ...innerTest] });
        return;
      }
      default:
        // Expressions cannot contain statements except through functions (skipped above).
        if (n.type.endsWith('Statement') || n.type === 'BlockStatement' || n.type === 'StaticBlock' || n.type === 'VariableDeclaration') {
          for (const child of childrenOf(n)) if (child.type.endsWith('Statement') || child.type === 'VariableDeclaration' || child.type === 'SwitchCase') visit(child, ctx);
        }
    }
  };
  visit(node.body, { guards: [], innerLoops: 0, innerSwitches: 0, innerLabels: new Set(), caught: 0, onError: false });
  return { node, kind, test, constantTest, exits, labels, outer };
}

/** Whether a node is the loop itself or inside its test/update/body (where per-iteration code runs). */
export function insideLoopIteration(loop: LoopNode, node: Node): boolean {
  const parts: Array<Node | null | undefined> = [loop.body];
  if (loop.type === 'WhileStatement' || loop.type === 'DoWhileStatement') parts.push(loop.test);
  if (loop.type === 'ForStatement') parts.push(loop.test, loop.update);
  if (loop.type === 'ForInStatement' || loop.type === 'ForOfStatement') parts.push(loop.left);
  return parts.some((p) => p && node.range[0] >= p.range[0] && node.range[1] <= p.range[1]);
}

export type { TSESTree };
