// The paths of one loop turn that go round again (loop test true → body → end of body or `continue`
// → a `for` update), each with the branch decisions that choose it and the state it writes. Paths
// that leave the loop (break, return, throw, a jump to an outer loop) are dropped, and so are paths
// that run something of unknown effect: only fully known paths can be proven to repeat.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { LoopInfo } from '../cfg/loop-exits';
import { isFunctionNode, isLoopNode, walk, type Node } from './ast';
import type { Loc, TurnState } from './turn-state';

export interface Decision {
  /** The deciding expression: an `if` test, or a `switch` discriminant. */
  node: Node;
  /** `if`: its truth value; `switch`: the case test matched, or null for "no case matched". */
  truth?: boolean;
  caseTest?: Node | null;
}

export interface TurnPath {
  decisions: Decision[];
  /** Expressions the path's branches read. */
  conditions: Node[];
  writes: Loc[];
}

/** Past this many paths in one loop the walk gives up (and nothing is reported). */
export const MAX_PATHS = 256;

interface Target {
  labels: string[];
  kind: 'switch' | 'block';
  outs: TurnPath[];
}

interface Walk {
  state: TurnState;
  labels: string[];
  round: TurnPath[];
  targets: Target[];
  tooMany: boolean;
}

/** The known paths that go round again, or undefined when there are too many to follow. */
export function turnPaths(loop: LoopInfo, state: TurnState): TurnPath[] | undefined {
  const l = loop.node as TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement;
  const w: Walk = { state, labels: loop.labels, round: [], targets: [], tooMany: false };
  const ends = [...run(l.body, [{ decisions: [], conditions: [], writes: [] }], w), ...w.round];
  if (w.tooMany) return undefined;
  // The test runs every turn (and a `for` update before it): its writes are the turn's too.
  let out = ends;
  for (const part of [l.type === 'ForStatement' ? l.update : null, l.test]) if (part) out = apply(part, out, w);
  return out;
}

function apply(node: Node, paths: TurnPath[], w: Walk): TurnPath[] {
  if (paths.length === 0) return paths;
  const { writes, opaque } = w.state.effectOf(node);
  if (opaque) return [];
  return writes.length ? paths.map((p) => ({ ...p, writes: [...p.writes, ...writes] })) : paths;
}

function decide(paths: TurnPath[], decision: Decision, read: Node[]): TurnPath[] {
  return paths.map((p) => ({ decisions: [...p.decisions, decision], conditions: [...p.conditions, ...read], writes: p.writes }));
}

function run(node: Node, ins: TurnPath[], w: Walk): TurnPath[] {
  if (ins.length === 0 || w.tooMany) return [];
  if (ins.length > MAX_PATHS) {
    w.tooMany = true;
    return [];
  }
  switch (node.type) {
    case 'BlockStatement': {
      let paths = ins;
      for (const s of node.body) paths = run(s, paths, w);
      return paths;
    }
    case 'ExpressionStatement':
      return apply(node.expression, ins, w);
    case 'VariableDeclaration':
      return apply(node, ins, w);
    case 'IfStatement': {
      const s = apply(node.test, ins, w);
      const yes = run(node.consequent, decide(s, { node: node.test, truth: true }, [node.test]), w);
      const noIn = decide(s, { node: node.test, truth: false }, [node.test]);
      return [...yes, ...(node.alternate ? run(node.alternate, noIn, w) : noIn)];
    }
    case 'SwitchStatement': {
      let s = apply(node.discriminant, ins, w);
      for (const c of node.cases) if (c.test) s = apply(c.test, s, w);
      const tests = node.cases.flatMap((c) => (c.test ? [c.test] : []));
      const target: Target = { labels: [], kind: 'switch', outs: [] };
      w.targets.push(target);
      let through: TurnPath[] = [];
      for (const c of node.cases) {
        const entering = c.test ? decide(s, { node: node.discriminant, caseTest: c.test }, [node.discriminant, c.test]) : decide(s, { node: node.discriminant, caseTest: null }, [node.discriminant, ...tests]);
        let paths = [...through, ...entering];
        for (const st of c.consequent) paths = run(st, paths, w);
        through = paths;
      }
      w.targets.pop();
      const noMatch = node.cases.some((c) => !c.test) ? [] : decide(s, { node: node.discriminant, caseTest: null }, [node.discriminant, ...tests]);
      return [...through, ...target.outs, ...noMatch];
    }
    case 'LabeledStatement': {
      if (isLoopNode(node.body)) return nested(node.body, ins, w);
      const target: Target = { labels: [node.label.name], kind: 'block', outs: [] };
      w.targets.push(target);
      const out = run(node.body, ins, w);
      w.targets.pop();
      return [...out, ...target.outs];
    }
    case 'BreakStatement': {
      const target = node.label ? w.targets.find((t) => t.labels.includes(node.label!.name)) : [...w.targets].reverse().find((t) => t.kind === 'switch');
      target?.outs.push(...ins); // no target inside the body: it leaves the loop
      return [];
    }
    case 'ContinueStatement':
      if (!node.label || w.labels.includes(node.label.name)) w.round.push(...ins);
      return [];
    case 'ReturnStatement':
    case 'ThrowStatement':
      return []; // leaves the loop (a throw caught in the body is the catch clause's over-approximation)
    case 'TryStatement':
      return tryPaths(node, ins, w);
    case 'WhileStatement':
    case 'DoWhileStatement':
    case 'ForStatement':
    case 'ForInStatement':
    case 'ForOfStatement':
      return nested(node, ins, w);
    case 'FunctionDeclaration':
    case 'EmptyStatement':
    case 'DebuggerStatement':
      return ins;
    default:
      if (node.type.startsWith('TS')) return ins; // type declarations
      return apply(node, ins, w);
  }
}

/**
 * A nested loop: every write in it counts (it may run any number of turns), and a way out of it that
 * leaves or restarts our loop (return, throw, a labeled jump) means the path is not followed.
 */
function nested(loop: Node, ins: TurnPath[], w: Walk): TurnPath[] {
  let leaves = false;
  walk(
    loop,
    (n) => {
      if (isFunctionNode(n)) return false;
      if (n.type === 'ReturnStatement' || n.type === 'ThrowStatement' || ((n.type === 'BreakStatement' || n.type === 'ContinueStatement') && n.label)) leaves = true;
    },
    false,
  );
  return leaves ? [] : apply(loop, ins, w);
}

/**
 * `try`: the block's paths; the catch clause from the block's entry with every write of the block
 * (a throw may come after any of them); a `finally` runs after both and on every jump out of them.
 */
function tryPaths(node: TSESTree.TryStatement, ins: TurnPath[], w: Walk): TurnPath[] {
  const roundBefore = w.round.length;
  const outsBefore = w.targets.map((t) => t.outs.length);
  const done = run(node.block, ins, w);
  const caught = node.handler ? run(node.handler.body, apply(node.block, ins, w), w) : [];
  const after = [...done, ...caught];
  if (!node.finalizer) return after;
  // Jumps out of the block or handler pass through the finally block too: its writes join theirs.
  const jumped = (paths: TurnPath[], from: number) => paths.splice(from, paths.length - from, ...apply(node.finalizer!, paths.slice(from), w));
  jumped(w.round, roundBefore);
  w.targets.forEach((t, i) => jumped(t.outs, outsBefore[i]));
  return run(node.finalizer, after, w);
}
