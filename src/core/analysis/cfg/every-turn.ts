// Whether every turn of a loop that goes on to the next one passes a given step: the loop test on
// its way to the next turn (a step that runs whenever the test is true), a `for` loop's update, or,
// in the body, every path from its start to its end or to a `continue` of this loop. Paths that
// leave the loop (break, return, throw) need no step. Conservative: a step counts only where it
// surely runs (not in a `&&` right side, a `?:` branch, an optional chain or a nested function).
// `leaves`, when given, names `if` branches proven to make the loop test false: they need no step either.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { conjunctsOf, isFunctionNode, isLoopNode, walk, type Node } from '../dataflow/ast';
import type { BranchLeaves } from '../dataflow/leaves-loop';
import type { LoopInfo } from './loop-exits';

export type IsStep = (node: Node) => boolean;

/** Some step in `root` runs whenever `root` is evaluated. */
export function stepsIn(root: Node, isStep: IsStep): boolean {
  let found = false;
  walk(
    root,
    (n) => {
      if (found) return false;
      if (isStep(n) && surelyEvaluated(n, root)) found = true;
    },
    false,
  );
  return found;
}

/** A step runs on every evaluation of the test that comes out true (`a && q.shift()`). */
export function stepsWhenTrue(test: Node, isStep: IsStep): boolean {
  const n = skipWrappers(test);
  if (n.type === 'LogicalExpression' && n.operator === '&&') return stepsWhenTrue(n.left, isStep) || stepsWhenTrue(n.right, isStep);
  if (n.type === 'LogicalExpression' && n.operator === '||') return stepsIn(n.left, isStep) || (stepsWhenTrue(n.left, isStep) && stepsWhenTrue(n.right, isStep));
  return stepsIn(n, isStep);
}

function skipWrappers(node: Node): Node {
  let n = node;
  while (n.type === 'TSNonNullExpression' || n.type === 'TSAsExpression' || n.type === 'TSTypeAssertion' || n.type === 'TSSatisfiesExpression') n = n.expression;
  return n;
}

/** Evaluating `root` evaluates `node`: no short-circuit, branch, optional link or function on the way up. */
function surelyEvaluated(node: Node, root: Node): boolean {
  for (let n = node; n !== root; ) {
    const parent = n.parent;
    if (!parent || isFunctionNode(parent)) return false;
    if (parent.type === 'LogicalExpression' && parent.right === n) return false;
    if (parent.type === 'ConditionalExpression' && parent.test !== n) return false;
    if (parent.type === 'AssignmentPattern' && parent.right === n) return false;
    if ((parent.type === 'MemberExpression' || parent.type === 'CallExpression') && parent.optional) return false;
    if (parent.type === 'ChainExpression') return false;
    n = parent;
  }
  return true;
}

/** true: every path here passed a step; false: some did not; null: no path gets here. */
type State = boolean | null;
const joined = (a: State, b: State): State => (a === null ? b : b === null ? a : a && b);

interface Target {
  /** Labels naming it; `loop`/`switch` take unlabeled breaks, loops unlabeled continues. */
  labels: string[];
  kind: 'loop' | 'switch' | 'block';
  breaks: State;
}

export function everyTurnPasses(loop: LoopInfo, isStep: IsStep, leaves?: BranchLeaves): boolean {
  const l = loop.node;
  if ((l.type === 'WhileStatement' || l.type === 'DoWhileStatement') && stepsWhenTrue(l.test, isStep)) return true;
  if (l.type === 'ForStatement' && ((l.test && stepsWhenTrue(l.test, isStep)) || (l.update && stepsIn(l.update, isStep)))) return true;
  if (l.type === 'ForInStatement' || l.type === 'ForOfStatement') return false;
  let unstepped = false;
  const targets: Target[] = [];
  const steps = (n: Node | null | undefined) => !!n && stepsIn(n, isStep);

  const visitLoop = (n: Node & { body: TSESTree.Statement }, s: State, labels: string[], entry: boolean): State => {
    const target: Target = { labels, kind: 'loop', breaks: null };
    targets.push(target);
    visit(n.body, entry);
    targets.pop();
    // An inner `while` that ends the outer body and tests a part of the outer `&&` test: leaving it by
    // its test makes the outer test false too, so only its breaks go round.
    if (leavesOuterByTest(n, l)) return target.breaks;
    // Zero turns (or leaving by the test) is the least stepped way out; breaks come later on the same path.
    return s;
  };

  const visit = (n: Node, s: State, labels: string[] = []): State => {
    if (s === null) return null;
    if (isFunctionNode(n) || n.type === 'ClassDeclaration') return s;
    switch (n.type) {
      case 'ExpressionStatement':
        return s || steps(n.expression);
      case 'VariableDeclaration':
        return s || n.declarations.some((d) => steps(d.init));
      case 'BlockStatement': {
        let state: State = s;
        for (const child of n.body) state = visit(child, state);
        return state;
      }
      case 'IfStatement': {
        const afterTest = s || steps(n.test);
        const then = leaves?.(n, true) ? null : visit(n.consequent, afterTest || stepsWhenTrue(n.test, isStep));
        return joined(then, leaves?.(n, false) ? null : n.alternate ? visit(n.alternate, afterTest) : afterTest);
      }
      case 'ReturnStatement':
      case 'ThrowStatement':
        return null;
      case 'BreakStatement': {
        const target = n.label ? [...targets].reverse().find((t) => t.labels.includes(n.label!.name)) : [...targets].reverse().find((t) => t.kind !== 'block');
        if (target) target.breaks = joined(target.breaks, s);
        return null; // no target: it leaves this loop
      }
      case 'ContinueStatement': {
        const target = n.label ? [...targets].reverse().find((t) => t.labels.includes(n.label!.name)) : [...targets].reverse().find((t) => t.kind === 'loop');
        if (!target && !s) unstepped = true; // on to this loop's next turn
        return null;
      }
      case 'LabeledStatement':
        if (isLoopNode(n.body) || n.body.type === 'SwitchStatement') return visit(n.body, s, [...labels, n.label.name]);
        {
          const target: Target = { labels: [n.label.name], kind: 'block', breaks: null };
          targets.push(target);
          const out = visit(n.body, s);
          targets.pop();
          return joined(out, target.breaks);
        }
      case 'WhileStatement':
        return visitLoop(n, s || steps(n.test), labels, s || steps(n.test));
      case 'DoWhileStatement':
        return visitLoop(n, s, labels, s);
      case 'ForStatement': {
        const init = s || steps(n.init) || steps(n.test);
        return visitLoop(n, init, labels, init);
      }
      case 'ForInStatement':
      case 'ForOfStatement': {
        const init = s || steps(n.right);
        return visitLoop(n, init, labels, init);
      }
      case 'SwitchStatement': {
        const afterTest = s || steps(n.discriminant);
        const target: Target = { labels, kind: 'switch', breaks: null };
        targets.push(target);
        let state: State = null;
        for (const c of n.cases) {
          state = joined(state, afterTest);
          for (const child of c.consequent) state = visit(child, state);
        }
        targets.pop();
        const noDefault = n.cases.every((c) => c.test !== null);
        return joined(joined(state, target.breaks), noDefault ? afterTest : null);
      }
      case 'TryStatement': {
        const block = visit(n.block, s);
        // Anything in the block may throw before its steps: the handler starts from the state before it.
        const after = n.handler ? joined(block, visit(n.handler.body, s)) : block;
        if (!n.finalizer) return after;
        const fin = visit(n.finalizer, after ?? s);
        return after === null ? null : fin;
      }
      case 'WithStatement':
        return visit(n.body, s || steps(n.object));
      default:
        return s;
    }
  };
  const end = visit(l.body, false);
  return !unstepped && end !== false;
}

/** `while (a && b) { …; while (b) { … } }`: the inner loop is the outer body's last statement, and its test is one of the outer test's `&&` parts. */
function leavesOuterByTest(inner: Node, outer: Node): boolean {
  if (inner.type !== 'WhileStatement' || outer.type !== 'WhileStatement') return false;
  const body = outer.body;
  const last = body.type === 'BlockStatement' ? body.body[body.body.length - 1] : body;
  if (last !== inner) return false;
  return conjunctsOf(outer.test).some((c) => sameExpression(c, inner.test));
}

/** The same expression written twice: names, literals, non-computed members and operators. */
function sameExpression(a: Node, b: Node): boolean {
  const x = skipWrappers(a);
  const y = skipWrappers(b);
  if (x.type !== y.type) return false;
  switch (x.type) {
    case 'Identifier':
      return x.name === (y as TSESTree.Identifier).name;
    case 'Literal':
      return x.raw === (y as TSESTree.Literal).raw;
    case 'ThisExpression':
      return true;
    case 'MemberExpression': {
      const m = y as TSESTree.MemberExpression;
      return !x.computed && !m.computed && !x.optional && !m.optional && sameExpression(x.object, m.object) && sameExpression(x.property, m.property);
    }
    case 'BinaryExpression':
    case 'LogicalExpression': {
      const o = y as TSESTree.BinaryExpression | TSESTree.LogicalExpression;
      return x.operator === o.operator && x.left.type !== 'PrivateIdentifier' && o.left.type !== 'PrivateIdentifier' && sameExpression(x.left, o.left) && sameExpression(x.right, o.right);
    }
    case 'UnaryExpression':
      return x.operator === (y as TSESTree.UnaryExpression).operator && sameExpression(x.argument, (y as TSESTree.UnaryExpression).argument);
    default:
      return false;
  }
}
