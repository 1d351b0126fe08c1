// The paths of one loop turn that go round again (loop test true → body → end of body or `continue`
// → a `for` update), each with the branch decisions that choose it and the state it writes. Paths
// that leave the loop (break, return, throw, a jump to an outer loop) are dropped, and so are paths
// that run something of unknown effect: only fully known paths can be proven to repeat.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import type { LoopInfo } from '../cfg/loop-exits';
import { enclosingFunction, isFunctionNode, isLoopNode, unwrap, walk, type Node } from './ast';
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
  /**
   * Truth values of body-local variables the path set to a literal and has not written since
   * (`let ok = false` before `if (level < max) { … ok = rule() … }`): `if (ok)` then takes one branch.
   */
  known?: ReadonlyMap<Variable, boolean>;
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
  const out = writes.length ? paths.map((p) => ({ ...p, writes: [...p.writes, ...writes] })) : paths;
  return forgetWritten(node, out, w);
}

function decide(paths: TurnPath[], decision: Decision, read: Node[]): TurnPath[] {
  return paths.map((p) => ({ decisions: [...p.decisions, decision], conditions: [...p.conditions, ...read], writes: p.writes, known: p.known }));
}

/** A body-local variable no nested function writes: its literal value on a path stays until the path writes it. */
function trackable(id: Node, w: Walk): Variable | undefined {
  if (id.type !== 'Identifier') return undefined;
  const root = w.state.rootOf(id);
  if (typeof root === 'string' || !w.state.isLocal(root)) return undefined;
  const home = enclosingFunction(id);
  return root.references.some((r) => r.isWrite() && enclosingFunction(r.identifier as Node) !== home) ? undefined : root;
}


/** Drops what the paths knew of the variables a node writes (any write: the walk does not follow values). */
function forgetWritten(node: Node, paths: TurnPath[], w: Walk): TurnPath[] {
  if (!paths.some((p) => p.known && p.known.size > 0)) return paths;
  const written = new Set<Variable>();
  walk(
    node,
    (n) => {
      const target = n.type === 'AssignmentExpression' ? unwrap(n.left) : n.type === 'UpdateExpression' ? unwrap(n.argument) : n.type === 'VariableDeclarator' ? n.id : undefined;
      if (target?.type === 'Identifier') {
        const root = w.state.rootOf(target);
        if (typeof root !== 'string') written.add(root);
      }
    },
    true,
  );
  if (written.size === 0) return paths;
  return paths.map((p) => {
    if (!p.known || ![...written].some((v) => p.known!.has(v))) return p;
    const known = new Map(p.known);
    for (const v of written) known.delete(v);
    return { ...p, known };
  });
}

/** After `let x = <literal>` or `x = <literal>;`: the paths know x's truth value. */
function learnLiteral(target: Node, value: Node | null | undefined, paths: TurnPath[], w: Walk): TurnPath[] {
  const v = value ? unwrap(value) : undefined;
  if (!v || v.type !== 'Literal' || v.value instanceof RegExp || typeof v.value === 'bigint') return paths;
  const variable = trackable(target, w);
  if (!variable) return paths;
  const truth = !!v.value;
  return paths.map((p) => ({ ...p, known: new Map(p.known ?? []).set(variable, truth) }));
}

/** A test's truth on a path from what it knows: `ok`, `!ok`; undefined when not known. */
function knownTruth(test: Node, path: TurnPath, w: Walk): boolean | undefined {
  if (!path.known || path.known.size === 0) return undefined;
  let t = unwrap(test);
  let negate = false;
  while (t.type === 'UnaryExpression' && t.operator === '!') (t = unwrap(t.argument)), (negate = !negate);
  if (t.type !== 'Identifier') return undefined;
  const root = w.state.rootOf(t);
  const truth = typeof root === 'string' ? undefined : path.known.get(root);
  return truth === undefined ? undefined : truth !== negate;
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
    case 'ExpressionStatement': {
      const out = apply(node.expression, ins, w);
      const e = unwrap(node.expression);
      return e.type === 'AssignmentExpression' && e.operator === '=' ? learnLiteral(unwrap(e.left), e.right, out, w) : out;
    }
    case 'VariableDeclaration': {
      let out = apply(node, ins, w);
      for (const d of node.declarations) out = learnLiteral(d.id, d.init, out, w);
      return out;
    }
    case 'IfStatement': {
      const s = apply(node.test, ins, w);
      // A path that knows the test's value takes only that branch.
      const yes = run(node.consequent, decide(s.filter((p) => knownTruth(node.test, p, w) !== false), { node: node.test, truth: true }, [node.test]), w);
      const noIn = decide(s.filter((p) => knownTruth(node.test, p, w) !== true), { node: node.test, truth: false }, [node.test]);
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
