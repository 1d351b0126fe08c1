// Path-sensitive walk of a loop body (or of a helper's body) for one cursor: does every path that
// goes round again (or, in a helper, returns normally) make progress? The caller says what each
// write of the cursor does; every allowed write moves it one way only, so a fact once true on a path
// (it advanced, it reached the end) stays true to the end of the turn and statement order inside an
// expression does not matter.
import { isFunctionNode, isLoopNode, unwrap, walk, type Node } from './ast';

/** `strict`: moves by at least a fixed amount; `weak`: never moves back; `end`: set to the bound (no more turns); `bad`: anything else. */
export type CursorEffect = 'strict' | 'weak' | 'end' | 'bad';

export interface CursorSpec {
  /** What a node does to the cursor, or undefined when it does not touch it (called on assignments, updates and calls). */
  effectOf(node: Node): CursorEffect | undefined;
  /** Whether the test, when it has this truth value, says the cursor is at or past the end. */
  endWhen(test: Node, truth: boolean): boolean;
  /** An exit check in the body (not the loop test) that every turn going round must pass, with the branch that goes on. */
  check?: { node: Node; goesOnWhen: boolean };
  /**
   * A flag the walk may follow: a `let`/`const` declared in the walked body that only this function
   * writes (`let ok = false` … `if (ok)`); undefined for any other identifier.
   */
  flagOf?(id: Node): object | undefined;
}

/** Bit 1: advanced on this path; bit 2: known to be at the end; bit 4: passed the exit check. */
const ADV = 1;
const END = 2;
const CHECKED = 4;
type States = Set<number>;
/** Flags known on a path take two bits each above these: known false, known true. */
const FLAG_BASE = 8;
const MAX_FLAGS = 8;

interface Walk {
  /** Flags seen so far, by variable, with their index. */
  flags: Map<object, number>;
  spec: CursorSpec;
  labels: string[];
  helper: boolean;
  turnEnds: number[];
  returns: number[];
  failed: boolean;
}

export interface PathVerdict {
  /** No write the caller could not classify, no control flow the walk does not follow. */
  ok: boolean;
  /** Every path that goes round again (loop) or returns normally (helper) advanced or reached the end. */
  progress: boolean;
}

/** A loop body: paths that go round again are the ones that fall off its end or `continue` it. */
export function everyTurnProgresses(body: Node, spec: CursorSpec, labels: string[], test?: Node | null, update?: Node | null): PathVerdict {
  const w: Walk = { flags: new Map(), spec, labels, helper: false, turnEnds: [], returns: [], failed: false };
  // The test runs every turn (before the body, or after it in a do-while: the facts are the same).
  const start = test ? effects(test, new Set([0]), w) : new Set([0]);
  let ends = [...run(body, start, w, [])].concat(w.turnEnds);
  if (update) ends = ends.map((s) => effects(update, new Set([s]), w)).flatMap((set) => [...set]);
  const checked = (s: number) => !spec.check || (s & CHECKED) !== 0;
  return { ok: !w.failed, progress: !w.failed && ends.every((s) => (s & (ADV | END)) !== 0 && checked(s)) };
}

/** A helper's body: paths that return normally (or fall off the end); throws are not returns. */
export function everyReturnProgresses(body: Node, spec: CursorSpec): PathVerdict {
  const w: Walk = { flags: new Map(), spec, labels: [], helper: true, turnEnds: [], returns: [], failed: false };
  const ends = body.type === 'BlockStatement' ? [...run(body, new Set([0]), w, [])].concat(w.returns) : [...effects(body, new Set([0]), w)];
  return { ok: !w.failed, progress: !w.failed && ends.every((s) => (s & (ADV | END)) !== 0) };
}

/** A break target inside the walked body: an inner `switch` collects the states its `break`s leave with. */
type Targets = Array<{ kind: 'switch'; outs: number[] }>;

function run(node: Node, ins: States, w: Walk, targets: Targets): States {
  if (ins.size === 0 || w.failed) return ins;
  switch (node.type) {
    case 'BlockStatement':
    case 'StaticBlock': {
      let states = ins;
      for (const s of node.body) states = run(s, states, w, targets);
      return states;
    }
    case 'ExpressionStatement': {
      const out = effects(node.expression, ins, w);
      const e = unwrap(node.expression);
      return e.type === 'AssignmentExpression' && e.operator === '=' ? learnFlag(unwrap(e.left), e.right, out, w) : out;
    }
    case 'VariableDeclaration': {
      let states = ins;
      for (const d of node.declarations) if (d.init) states = learnFlag(d.id, d.init, effects(d.init, states, w), w);
      return states;
    }
    case 'IfStatement': {
      const s = keepFlagged(effects(node.test, ins, w), node.test, w);
      const passed = (truth: boolean, states: States) => (w.spec.check?.node === node.test && w.spec.check.goesOnWhen === truth ? new Set([...states].map((x) => x | CHECKED)) : states);
      const yes = run(node.consequent, passed(true, refine(s.yes, node.test, true, w)), w, targets);
      const no = node.alternate ? run(node.alternate, passed(false, refine(s.no, node.test, false, w)), w, targets) : passed(false, refine(s.no, node.test, false, w));
      return new Set([...yes, ...no]);
    }
    case 'ReturnStatement': {
      const s = node.argument ? effects(node.argument, ins, w) : ins;
      if (w.helper) w.returns.push(...s);
      return new Set();
    }
    case 'ThrowStatement':
      if (node.argument) effects(node.argument, ins, w);
      return new Set();
    case 'ContinueStatement':
      if (!node.label || w.labels.includes(node.label.name)) w.turnEnds.push(...ins);
      return new Set(); // a labeled continue of an outer loop leaves this one
    case 'BreakStatement': {
      if (node.label) {
        if (!w.labels.includes(node.label.name)) w.failed = true; // a labeled block inside: not followed
        return new Set();
      }
      const target = targets[targets.length - 1];
      if (target) target.outs.push(...ins);
      return new Set(); // unlabeled break of the walked loop: leaves it
    }
    case 'SwitchStatement': {
      const s = effects(node.discriminant, ins, w);
      const target = { kind: 'switch' as const, outs: [] as number[] };
      let through: States = new Set();
      for (const c of node.cases) {
        let states = new Set([...through, ...(c.test ? effects(c.test, s, w) : s)]);
        for (const st of c.consequent) states = run(st, states, w, [...targets, target]);
        through = states;
      }
      const noMatch = node.cases.some((c) => !c.test) ? [] : [...s];
      return new Set([...through, ...target.outs, ...noMatch]);
    }
    case 'TryStatement': {
      const done = run(node.block, ins, w, targets);
      // The handler may start anywhere in the block: from the entry states, the weakest ones, knowing
      // nothing of the flags the block writes.
      const caught = node.handler ? run(node.handler.body, forgetFlagsWrittenIn(node.block, ins, w), w, targets) : new Set<number>();
      const after = new Set([...done, ...caught]);
      return node.finalizer ? run(node.finalizer, after, w, targets) : after;
    }
    case 'WhileStatement':
    case 'DoWhileStatement':
    case 'ForStatement':
    case 'ForInStatement':
    case 'ForOfStatement':
      return opaque(node, ins, w);
    case 'LabeledStatement':
      if (isLoopNode(node.body)) return opaque(node.body, ins, w);
      w.failed = true;
      return new Set();
    case 'FunctionDeclaration':
    case 'ClassDeclaration':
    case 'EmptyStatement':
    case 'DebuggerStatement':
      return ins;
    default:
      if (node.type.startsWith('TS')) return ins; // type declarations
      w.failed = true;
      return new Set();
  }
}

/**
 * An inner loop: it may run no turn, so nothing it does counts as progress, but its writes must still
 * be allowed ones; a `continue` of the walked loop or a `return` inside leaves with the entry states.
 */
function opaque(loop: Node, entry: States, w: Walk): States {
  // It may run any number of turns: the flags it writes are not known after it (nor at a continue inside).
  const ins = forgetFlagsWrittenIn(loop, entry, w);
  walk(loop, (n) => {
    if (isFunctionNode(n)) return false;
    if (n.type === 'AssignmentExpression' || n.type === 'UpdateExpression' || n.type === 'CallExpression' || n.type === 'NewExpression') {
      if (w.spec.effectOf(n) === 'bad') w.failed = true;
    }
    if (n.type === 'ContinueStatement' && n.label && w.labels.includes(n.label.name)) w.turnEnds.push(...ins);
    if (n.type === 'BreakStatement' && n.label && !w.labels.includes(n.label.name)) w.failed = true;
    if (n.type === 'ReturnStatement' && w.helper) w.returns.push(...ins);
  });
  return ins;
}

/** The states after evaluating an expression: a write in a branch of `&&`, `||`, `??`, `?:` or an optional call may not run. */
function effects(expr: Node, ins: States, w: Walk): States {
  let bits = 0;
  let forget = 0;
  const visit = (node: Node, sure: boolean): void => {
    if (w.failed || isFunctionNode(node)) return;
    const n = node;
    if (n.type === 'AssignmentExpression' || n.type === 'UpdateExpression' || n.type === 'CallExpression' || n.type === 'NewExpression') {
      const effect = w.spec.effectOf(n);
      if (effect === 'bad') return void (w.failed = true);
      if (sure && effect === 'strict') bits |= ADV;
      if (sure && effect === 'end') bits |= ADV | END;
    }
    // A write of a followed flag: what the path knew of it is gone (a literal at statement level is learnt after).
    if (n.type === 'AssignmentExpression' || n.type === 'UpdateExpression') {
      const flag = flagIndex(unwrap(n.type === 'AssignmentExpression' ? n.left : n.argument), w, false);
      if (flag !== undefined) forget |= flagBits(flag);
    }
    switch (n.type) {
      case 'LogicalExpression':
        visit(n.left, sure);
        visit(n.right, false);
        return;
      case 'ConditionalExpression':
        visit(n.test, sure);
        visit(n.consequent, false);
        visit(n.alternate, false);
        return;
      case 'AssignmentExpression':
        if (n.operator === '||=' || n.operator === '&&=' || n.operator === '??=') {
          visit(n.left, sure);
          visit(n.right, false);
          return;
        }
        break;
      case 'ChainExpression':
        visit(n.expression, false);
        return;
    }
    walkChildren(n, (c) => visit(c, sure));
  };
  visit(expr, true);
  if (bits === 0 && forget === 0) return ins;
  return new Set([...ins].map((s) => (s & ~forget) | bits));
}

/** The states without what they knew of the flags a statement writes anywhere inside it. */
function forgetFlagsWrittenIn(node: Node, ins: States, w: Walk): States {
  if (w.flags.size === 0) return ins;
  let forget = 0;
  walk(node, (n) => {
    if (n.type === 'AssignmentExpression' || n.type === 'UpdateExpression' || n.type === 'VariableDeclarator') {
      const target = n.type === 'AssignmentExpression' ? unwrap(n.left) : n.type === 'UpdateExpression' ? unwrap(n.argument) : n.id;
      const flag = flagIndex(target, w, false);
      if (flag !== undefined) forget |= flagBits(flag);
    }
  });
  return forget === 0 ? ins : new Set([...ins].map((s) => s & ~forget));
}

function flagBits(index: number): number {
  return (FLAG_BASE << (2 * index)) | (FLAG_BASE << (2 * index + 1));
}

/** The index of a followed flag (given one when `add` and there is room), or undefined. */
function flagIndex(id: Node, w: Walk, add: boolean): number | undefined {
  if (id.type !== 'Identifier' || !w.spec.flagOf) return undefined;
  const flag = w.spec.flagOf(id);
  if (!flag) return undefined;
  let index = w.flags.get(flag);
  if (index === undefined && add && w.flags.size < MAX_FLAGS) w.flags.set(flag, (index = w.flags.size));
  return index;
}

/** After `let ok = false` or `ok = true;`: the states know the flag's truth value. */
function learnFlag(target: Node, value: Node, ins: States, w: Walk): States {
  const v = unwrap(value);
  if (v.type !== 'Literal' || v.value instanceof RegExp || typeof v.value === 'bigint') return ins;
  const index = flagIndex(target, w, true);
  if (index === undefined) return ins;
  const bit = FLAG_BASE << (2 * index + (v.value ? 1 : 0));
  return new Set([...ins].map((s) => (s & ~flagBits(index)) | bit));
}

/** The states that may take each branch of `if (ok)` / `if (!ok)`: a state that knows the flag takes one. */
function keepFlagged(ins: States, test: Node, w: Walk): { yes: States; no: States } {
  let t = unwrap(test);
  let negate = false;
  while (t.type === 'UnaryExpression' && t.operator === '!') (t = unwrap(t.argument)), (negate = !negate);
  const index = flagIndex(t, w, false);
  if (index === undefined) return { yes: ins, no: ins };
  const knownFalse = FLAG_BASE << (2 * index);
  const knownTrue = FLAG_BASE << (2 * index + 1);
  const truth = (s: number) => ((s & knownTrue) !== 0 ? !negate : (s & knownFalse) !== 0 ? negate : undefined);
  return { yes: new Set([...ins].filter((s) => truth(s) !== false)), no: new Set([...ins].filter((s) => truth(s) !== true)) };
}

function walkChildren(node: Node, fn: (child: Node) => void): void {
  for (const key of Object.keys(node)) {
    if (key === 'parent' || key === 'loc' || key === 'range' || key === 'typeAnnotation' || key === 'typeArguments' || key === 'typeParameters') continue;
    const v = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(v)) for (const c of v) c && typeof (c as Node).type === 'string' && fn(c as Node);
    else if (v && typeof (v as Node).type === 'string') fn(v as Node);
  }
}

/** The states on the branch where the test has this truth value: at the end when the test says so. */
function refine(ins: States, test: Node, truth: boolean, w: Walk): States {
  if (!endWhenDeep(unwrap(test), truth, w.spec)) return ins;
  return new Set([...ins].map((s) => s | END | ADV));
}

function endWhenDeep(test: Node, truth: boolean, spec: CursorSpec): boolean {
  if (spec.endWhen(test, truth)) return true;
  if (test.type === 'UnaryExpression' && test.operator === '!') return endWhenDeep(unwrap(test.argument), !truth, spec);
  if (test.type === 'LogicalExpression') {
    // `a && b` true: both hold; `a || b` false: neither holds.
    if (test.operator === '&&' && truth) return endWhenDeep(unwrap(test.left), true, spec) || endWhenDeep(unwrap(test.right), true, spec);
    if (test.operator === '||' && !truth) return endWhenDeep(unwrap(test.left), false, spec) || endWhenDeep(unwrap(test.right), false, spec);
  }
  return false;
}
