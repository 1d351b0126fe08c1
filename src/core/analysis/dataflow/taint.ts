// Intra-procedural data flow: which parameters (of this function or an enclosing one) each value is
// derived from, with the steps of the derivation. Definitions come from the scope manager's variables;
// propagation is a fixpoint over every definition in the function (declarations, assignments,
// destructuring, for-of/in bindings, mutating calls, awaited call results), so it holds on every path.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import type { CodeLocation, DataStep } from '../../model/code';
import type { FunctionNode, ParsedFile } from '../project/types';
import { childrenOf, enclosingFunction, isFunctionNode, locationOf, memberPath, textOf, unwrap, walk, type Node } from './ast';
import { referencesOf } from './references';
import { functionIdOfNode } from '../project/collect';
import { boundsOf, informative, join, lengthOf, meet, sameBounds, sizeReadKeepsReal, type Bounds } from './bounds';

/** A parameter a value comes from; `access` is the member path read from it (`req.body.code`). */
export interface ParamOrigin {
  functionNode: FunctionNode;
  index: number;
  access: string;
  location: CodeLocation;
}

export interface Flow {
  origin: ParamOrigin;
  /** Steps from the origin to the current value, in order. */
  path: DataStep[];
  /**
   * What this function (or a callee on the way) knows of the value: checked or clamped on its way
   * here (`if (n > 100) return`, `Math.min(n, 100)`); undefined: nothing.
   */
  bounds?: Bounds;
  /**
   * The value went through something that loses what the callers' arguments were checked for (a
   * member, an unknown call, arithmetic with other flow data): only `bounds` is known of it.
   */
  unchecked?: true;
}

/** Messages of the steps where a value became a call's result (an unfollowed call, or an await). */
const CALL_RESULT_STEPS = ['result of ', 'awaited result of '];

/** Whether a data path went through a call's result: the value may be one a library or a database built. */
export function throughCallResult(path: readonly DataStep[]): boolean {
  return path.some((step) => CALL_RESULT_STEPS.some((prefix) => step.message.startsWith(prefix)));
}

/** A flow with other bounds (a new object: flows are shared between taints). */
export function withBounds(flow: Flow, bounds: Bounds | undefined, unchecked: boolean | undefined): Flow {
  const out: Flow = { origin: flow.origin, path: flow.path };
  if (bounds && informative(bounds)) out.bounds = bounds;
  if (unchecked) out.unchecked = true;
  return out;
}

/** Flows keyed by origin (function start + index + access). */
export type Taint = Map<string, Flow>;

export type CallNode = TSESTree.CallExpression | TSESTree.NewExpression;

/** What a call reads of a callee's flow: the flows reaching its return value. */
export interface CalleeSummary {
  readonly returns: Taint;
  /**
   * Per property, the flows reaching it, when the function returns only object literals (or what
   * calls of such functions return): `const { a } = f()` takes `a`'s flows, not every property's.
   * Undefined when some return is anything else.
   */
  readonly returnProperties?: ReadonlyMap<string, Taint>;
}

/** How the analysis of one function asks about the functions a call may reach. */
export interface CalleeOracle {
  /** The callee functions' summaries (undefined when unknown: the call is then treated as a library call). */
  calleesOf(file: ParsedFile, call: CallNode): Array<{ analysis: CalleeSummary | undefined; node: FunctionNode; name: string; file?: string }>;
  /** This flow read a file's code itself (a callee's body): it goes stale when that file changes. */
  readText?(file: string): void;
  /** What the class's methods store in `this.<field>` (all methods of the class analyzed first). */
  fieldTaint?(file: ParsedFile, classBody: Node, field: string): Taint;
}

const fieldWriters = new WeakMap<Node, Map<number, boolean>>();

/**
 * Whether a function may change the fields of the object it gets as parameter `index`: it writes
 * `p.x` (or deeper), calls a method on it, or lets it escape (hands it on, stores or returns it). Read
 * by name, so a shadowing inner binding counts as the parameter: a wider net, never a narrower one.
 */
export function mayWriteFields(fn: FunctionNode, index: number): boolean {
  let byIndex = fieldWriters.get(fn);
  if (!byIndex) fieldWriters.set(fn, (byIndex = new Map()));
  const known = byIndex.get(index);
  if (known !== undefined) return known;
  const param = fn.params[index];
  let writes: boolean;
  if (!param) writes = someNodeNamed(fn.body, 'arguments');
  else if (param.type === 'ObjectPattern') writes = false; // its fields are copied into locals
  else if (param.type !== 'Identifier') writes = true;
  else writes = someNodeNamed(fn.body, param.name, (id) => !onlyReadsFields(id));
  byIndex.set(index, writes);
  return writes;
}

function someNodeNamed(root: Node, name: string, counts: (id: TSESTree.Identifier) => boolean = () => true): boolean {
  let found = false;
  walk(root, (n, parent) => {
    if (found) return false;
    if (n.type !== 'Identifier' || n.name !== name) return;
    // A property key or a member's property name is not the variable.
    if (parent?.type === 'MemberExpression' && parent.property === n && !parent.computed) return;
    if (parent?.type === 'Property' && parent.key === n && !parent.computed && !parent.shorthand) return;
    if (counts(n)) found = true;
  });
  return found;
}

/** `p.x`, `p.x.y` read, never written, called as a method or deleted. */
function onlyReadsFields(id: TSESTree.Identifier): boolean {
  let member: Node = id;
  while (member.parent?.type === 'MemberExpression' && member.parent.object === member) member = member.parent;
  if (member === id) return false;
  const p = member.parent;
  if (p?.type === 'AssignmentExpression' && p.left === member) return false;
  if (p?.type === 'UpdateExpression' || (p?.type === 'UnaryExpression' && p.operator === 'delete')) return false;
  if ((p?.type === 'CallExpression' || p?.type === 'NewExpression') && p.callee === member) return false;
  // `for (p.x of …)`, `[p.x] = …`, `({ a: p.x } = …)`: written through a pattern.
  if ((p?.type === 'ForOfStatement' || p?.type === 'ForInStatement') && p.left === member) return false;
  if (p?.type === 'ArrayPattern' || p?.type === 'RestElement' || (p?.type === 'AssignmentPattern' && p.left === member)) return false;
  if (p?.type === 'Property' && p.value === member && p.parent?.type === 'ObjectPattern') return false;
  return true;
}

/** The class body a `this` belongs to (the nearest enclosing non-arrow function must be one of its methods). */
export function classBodyOf(node: Node): Node | undefined {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === 'FunctionExpression' || n.type === 'FunctionDeclaration') {
      const method = n.parent;
      return method && (method.type === 'MethodDefinition' || method.type === 'PropertyDefinition') ? method.parent : undefined;
    }
  }
  return undefined;
}

const MAX_FLOWS = 6;
const MAX_PATH = 14;
const MAX_CAPTURED = 32;
const MUTATORS = new Set(['push', 'unshift', 'splice', 'set', 'add', 'append', 'fill', 'assign', 'concat']);

/** By the function's id, not its position: taints kept across an edit that moved it keep their keys. */
export function originKey(o: ParamOrigin): string {
  return `${functionIdOfNode(o.functionNode) ?? `${o.location.file}:${o.functionNode.range[0]}`}#${o.index}#${o.access}`;
}

function addStep(flow: Flow, step: DataStep | undefined): Flow {
  if (!step) return flow;
  const path = flow.path.length >= MAX_PATH ? flow.path : [...flow.path, step];
  return flow.bounds || flow.unchecked ? withBounds({ origin: flow.origin, path }, flow.bounds, flow.unchecked) : { origin: flow.origin, path };
}

/** One origin reaching a point along two ways: what holds on both. */
function meetFlows(a: Flow, b: Flow): Flow {
  return withBounds(a, a.bounds && b.bounds ? meet(a.bounds, b.bounds) : undefined, a.unchecked || b.unchecked);
}

const sameFacts = (a: Flow, b: Flow) => sameBounds(a.bounds, b.bounds) && !a.unchecked === !b.unchecked;

/** The same flows, each mapped (unchanged flows are kept, and the taint too when none changes). */
function mapFlows(t: Taint, f: (flow: Flow) => Flow): Taint {
  let out: Taint | undefined;
  for (const [key, flow] of t) {
    const next = f(flow);
    if (sameFacts(next, flow)) continue;
    out ??= new Map(t);
    out.set(key, next);
  }
  return out ?? t;
}

/** The value is no longer the checked one (a member of it, a call's result, mixed with other data). */
const unchecked = (t: Taint) => mapFlows(t, (flow) => withBounds(flow, undefined, true));

/**
 * Adds the source's flows the target lacks, each extended by `step` (built only when something is
 * added), and weakens the bounds of the ones it has to what holds on both ways.
 */
export function mergeInto(target: Taint, source: Taint, step?: DataStep | (() => DataStep)): boolean {
  let changed = false;
  let built: DataStep | undefined;
  for (const [key, flow] of source) {
    // A flow left out (the target is full) still weakens a kept one, so no unchecked flow passes for checked.
    const at = target.has(key) ? key : target.size >= MAX_FLOWS ? (target.keys().next().value as string) : undefined;
    if (at !== undefined) {
      const had = target.get(at)!;
      const met = meetFlows(had, flow);
      if (!sameFacts(met, had)) {
        target.set(at, met);
        changed = true;
      }
      continue;
    }
    if (step && !built) built = typeof step === 'function' ? step() : step;
    target.set(key, addStep(flow, built));
    changed = true;
  }
  return changed;
}

const EMPTY: Taint = new Map();

/** Both facts hold (either may be unknown). */
export function joinKnown(a: Bounds | undefined, b: Bounds | undefined): Bounds | undefined {
  return a && b ? join(a, b) : (a ?? b);
}
/** Nodes whose value's bounds can be known (see bounds.ts). */
const BOUNDABLE = new Set(['Identifier', 'MemberExpression', 'CallExpression', 'BinaryExpression', 'UnaryExpression', 'ConditionalExpression', 'LogicalExpression', 'AssignmentExpression']);
/** Nodes whose value is a new array or string whatever went into them. */
const BUILT_REAL = new Set(['ArrayExpression', 'TemplateLiteral']);
const ARITHMETIC = new Set(['+', '-', '*', '/', '%', '**', '<<', '>>', '>>>', '&', '|', '^']);
/** Calls whose result is the argument's number (bounds.ts says what they add). */
const NUMERIC_CALLS = new Set(['Number', 'parseInt', 'parseFloat', 'Number.parseInt', 'Number.parseFloat', 'Math.min', 'Math.max', 'Math.floor', 'Math.ceil', 'Math.round', 'Math.trunc']);

/** The data flow of one function (or of a module's top-level code). */
export class FunctionFlow {
  readonly env = new Map<Variable, Taint>();
  /** Flows that reach a `return` (or an arrow's expression body). */
  readonly returns: Taint = new Map();
  /** Per property of the object literals it returns (see CalleeSummary.returnProperties). */
  returnProperties: Map<string, Taint> | undefined;
  /** Per call in this function: the taint of each argument (for callers → callee resolution). */
  readonly argTaints = new Map<CallNode, Taint[]>();
  /** `this.<field> = value` in this function: field → taint (read through the oracle by the class's other methods). */
  readonly fieldWrites = new Map<string, Taint>();
  /** Functions passed as callbacks here, with the taint their parameters receive (`items.forEach(x => …)`). */
  readonly callbackBindings = new Map<Node, Taint>();
  private readonly refs;
  private evaluating = new Set<Node>();
  /** Bumped whenever the environment grows; cached taints of older versions are recomputed. */
  private version = 0;
  private readonly memo = new Map<Node, { version: number; taint: Taint }>();
  private static readonly captured = new WeakMap<Node, TSESTree.Identifier[]>();

  /** Every taint this flow holds (its environment, summary and memo), for carrying positions over to an edited text. */
  *taints(): Iterable<Taint> {
    for (const t of this.env.values()) yield t;
    yield this.returns;
    if (this.returnProperties) yield* this.returnProperties.values();
    for (const list of this.argTaints.values()) yield* list;
    yield* this.fieldWrites.values();
    yield* this.callbackBindings.values();
    for (const { taint } of this.memo.values()) yield taint;
  }

  constructor(
    readonly file: ParsedFile,
    readonly node: FunctionNode | TSESTree.Program,
    readonly outer: FunctionFlow | undefined,
    private readonly oracle: CalleeOracle,
  ) {
    this.refs = referencesOf(file);
    this.run();
  }

  private step(node: Node, message: string): DataStep {
    return { location: locationOf(this.file.path, node), message };
  }

  private run(): void {
    const writes: Array<() => boolean> = [];
    // The calls, in walk order, for recording once the environment is final (one walk, not two).
    const calls: CallNode[] = [];
    const returned: Node[] = [];
    const body = this.node.type === 'Program' ? this.node : this.node.body;
    if (!body) return;
    walk(
      body,
      (n) => {
        if (n !== body && isFunctionNode(n)) {
          // A closure that assigns a variable of this function (`each(xs, (x) => { found = x; })`):
          // the variable may hold what the closure assigned, whenever it runs.
          for (const w of this.closureWrites(n)) writes.push(w);
          return false;
        }
        if (n.type === 'CallExpression' || n.type === 'NewExpression') calls.push(n);
        switch (n.type) {
          case 'VariableDeclarator':
            if (n.init) {
              const init = n.init;
              writes.push(() => this.bind(n.id, this.taintOf(init), n, init));
            }
            break;
          case 'AssignmentExpression': {
            const right = n.right;
            if (n.left.type === 'MemberExpression' && unwrap(n.left.object).type === 'ThisExpression' && !n.left.computed && n.left.property.type === 'Identifier') {
              const field = n.left.property.name;
              writes.push(() => {
                let t = this.fieldWrites.get(field);
                if (!t) this.fieldWrites.set(field, (t = new Map()));
                return mergeInto(t, this.taintOf(right), () => this.step(n, `this.${field} = ${textOf(this.file.text, right, 40)}`));
              });
            } else if (n.left.type === 'MemberExpression') {
              const mp = memberPath(n.left);
              writes.push(() => (mp && mp.root.type === 'Identifier' ? this.bindIdentifier(mp.root, unchecked(this.taintOf(right)), n, () => `${mp.path} = ${textOf(this.file.text, right, 40)}`) : false));
            } else if (n.operator !== '=') {
              const how = `${n.operator}`;
              writes.push(() => this.bind(n.left, this.taintOf(right), n, right, how));
            } else writes.push(() => this.bind(n.left, this.taintOf(right), n, right));
            break;
          }
          case 'ForOfStatement':
          case 'ForInStatement': {
            const left = n.left.type === 'VariableDeclaration' ? n.left.declarations[0]?.id : n.left;
            const right = n.right;
            if (left) writes.push(() => this.bind(left, this.taintOf(right), n, right, n.type === 'ForOfStatement' ? 'element of' : 'key of'));
            break;
          }
          case 'CallExpression': {
            const callee = unwrap(n.callee);
            // A mutating method stores its arguments into the receiver: items.push(x).
            if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && MUTATORS.has(callee.property.name)) {
              const mp = memberPath(callee.object);
              const args = n.arguments;
              if (mp && mp.root.type === 'Identifier') {
                writes.push(() => {
                  const t: Taint = new Map();
                  for (const a of args) mergeInto(t, unchecked(this.taintOf(a)));
                  return this.bindIdentifier(mp.root as TSESTree.Identifier, t, n, () => textOf(this.file.text, n, 50));
                });
              }
            } else if (callee.type === 'Identifier') {
              // A helper handed a state object of this function beside flow data may store that data in it
              // (`collectUntil(';', input, position)` moving `position.position` to where the input says):
              // unknown code, or a project function that writes the parameter's fields or lets it escape.
              const candidates = n.arguments.filter((a): a is TSESTree.Identifier => a.type === 'Identifier' && this.ownObjectLiteral(a));
              const callees = candidates.length > 0 ? this.oracle.calleesOf(this.file, n) : [];
              for (const c of callees) if (c.file) this.oracle.readText?.(c.file);
              const holders = candidates.filter((h) => callees.length === 0 || callees.some((c) => mayWriteFields(c.node, n.arguments.indexOf(h))));
              if (holders.length > 0) {
                const others = n.arguments.filter((a) => !holders.includes(a as TSESTree.Identifier));
                writes.push(() => {
                  const t: Taint = new Map();
                  for (const a of others) mergeInto(t, unchecked(this.taintOf(a)));
                  let changed = false;
                  for (const h of holders) if (this.bindIdentifier(h, t, n, () => `${h.name} handed to ${textOf(this.file.text, n, 50)}`)) changed = true;
                  return changed;
                });
              }
            }
            break;
          }
          case 'ReturnStatement':
            if (n.argument) {
              const arg = n.argument;
              returned.push(arg);
              writes.push(() => mergeInto(this.returns, this.taintOf(arg), () => this.step(n, `returned: ${textOf(this.file.text, arg, 50)}`)));
            }
            break;
        }
      },
      true,
    );
    if (this.node.type === 'ArrowFunctionExpression' && this.node.body.type !== 'BlockStatement') {
      const expr = this.node.body;
      returned.push(expr);
      writes.push(() => mergeInto(this.returns, this.taintOf(expr), () => this.step(expr, `returned: ${textOf(this.file.text, expr, 50)}`)));
    }
    if (this.node.type !== 'Program') this.returnPropertyWrites(returned, writes);
    for (let round = 0; round < 6; round++) {
      let changed = false;
      for (const w of writes) if (w()) changed = true;
      if (!changed) break;
    }
    // Record argument taints and callback bindings with the final environment.
    for (const call of calls) this.recordCall(call);
  }

  private recordCall(call: CallNode): void {
    const args = call.arguments.map((a) => this.taintOf(a));
    this.argTaints.set(call, args);
    const callee = unwrap(call.callee);
    const receiver = callee.type === 'MemberExpression' ? this.taintOf(callee.object) : EMPTY;
    // `p.then((value) => …)`: the callback gets the promise's value itself, as `await p` would, with what is known of it.
    const isThen = callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && callee.property.name === 'then';
    call.arguments.forEach((a, i) => {
      if (!isFunctionNode(a)) return;
      if (isThen && i === 0) {
        const value: Taint = new Map();
        mergeInto(value, receiver, () => this.step(a, `resolved value of ${textOf(this.file.text, (callee as TSESTree.MemberExpression).object, 40)}`));
        if (value.size) this.callbackBindings.set(a, value);
        return;
      }
      const t: Taint = new Map();
      mergeInto(t, receiver, () => this.step(a, `each item of ${textOf(this.file.text, callee.type === 'MemberExpression' ? callee.object : callee, 40)} passed to the callback`));
      call.arguments.forEach((other, j) => j !== i && mergeInto(t, args[j]));
      if (t.size) this.callbackBindings.set(a, unchecked(t));
    });
  }

  private bind(target: Node, value: Taint, at: Node, valueNode: Node, how?: string): boolean {
    if (value.size === 0) return false;
    let changed = false;
    const visitPattern = (p: Node, v: Taint, prefix: string | undefined) => {
      switch (p.type) {
        case 'Identifier': {
          const message = () => {
            const value = textOf(this.file.text, valueNode, 40);
            return how ? (how.endsWith('=') ? `\`${p.name}\` ${how} ${value}` : `\`${p.name}\` = ${how} ${value}`) : `\`${p.name}\` = ${prefix ? prefix : textOf(this.file.text, valueNode, 50)}`;
          };
          if (this.bindIdentifier(p, v, at, message)) changed = true;
          break;
        }
        case 'ObjectPattern':
          for (const prop of p.properties) {
            if (prop.type === 'RestElement') visitPattern(prop.argument, v, undefined);
            else {
              const key = !prop.computed && prop.key.type === 'Identifier' ? prop.key.name : undefined;
              visitPattern(prop.value, unchecked(key ? extendAccess(v, key) : v), key ? `${textOf(this.file.text, valueNode, 40)}.${key}` : undefined);
            }
          }
          break;
        case 'ArrayPattern':
          for (const el of p.elements) if (el) visitPattern(el, unchecked(v), undefined);
          break;
        case 'AssignmentPattern':
          visitPattern(p.left, v, prefix);
          break;
        case 'RestElement':
          visitPattern(p.argument, unchecked(v), prefix);
          break;
        case 'MemberExpression': {
          const mp = memberPath(p);
          if (mp && mp.root.type === 'Identifier' && this.bindIdentifier(mp.root, unchecked(v), at, () => `${mp.path} = ${textOf(this.file.text, valueNode, 40)}`)) changed = true;
          break;
        }
      }
    };
    // `const { a, b } = f()` of a function returning object literals: each name takes its property's flows.
    const properties = target.type === 'ObjectPattern' && !how ? this.calledProperties(valueNode) : undefined;
    if (properties && target.type === 'ObjectPattern') {
      for (const prop of target.properties) {
        const key = prop.type === 'Property' ? propertyKey(prop) : undefined;
        if (prop.type === 'Property' && key !== undefined) visitPattern(prop.value, properties.get(key) ?? EMPTY, `${textOf(this.file.text, valueNode, 40)}.${key}`);
        else visitPattern(prop.type === 'RestElement' ? prop.argument : prop.value, unchecked(value), undefined);
      }
      return changed;
    }
    visitPattern(target, how ? unchecked(value) : value, undefined);
    return changed;
  }

  /**
   * The writes that collect what each property of the returned object literals carries: none when
   * some return is not an object literal or a call (whose callees must then return object literals too).
   */
  private returnPropertyWrites(returned: Node[], writes: Array<() => boolean>): void {
    const shapes = returned.map((r) => unwrap(r));
    if (!shapes.length || !shapes.every((r) => (r.type === 'ObjectExpression' && r.properties.every((p) => p.type === 'Property' && propertyKey(p) !== undefined)) || calledThrough(r))) return;
    const props = (this.returnProperties = new Map());
    const merge = (key: string, t: Taint, at: Node, text: string) => {
      let had = props.get(key);
      if (!had) props.set(key, (had = new Map()));
      return mergeInto(had, t, () => this.step(at, `returned as \`${key}\`: ${text}`));
    };
    for (const r of shapes) {
      if (r.type === 'ObjectExpression') {
        for (const p of r.properties as TSESTree.Property[]) {
          const key = propertyKey(p)!;
          writes.push(() => merge(key, this.taintOf(p.value), p, textOf(this.file.text, p.value, 40)));
        }
        continue;
      }
      writes.push(() => {
        if (!this.returnProperties) return false;
        const called = this.calledProperties(r);
        // A call of something else: the properties are not known one by one.
        if (!called) return (this.returnProperties = undefined), true;
        let changed = false;
        for (const [key, t] of called) if (merge(key, t, r, textOf(this.file.text, r, 40))) changed = true;
        return changed;
      });
    }
  }

  /** What each property of a call's result carries, when every callee returns object literals (through `await` too). */
  private calledProperties(valueNode: Node): Map<string, Taint> | undefined {
    const call = calledThrough(unwrap(valueNode));
    if (!call) return undefined;
    const callees = this.oracle.calleesOf(this.file, call);
    if (!callees.length || callees.some((c) => !c.analysis?.returnProperties)) return undefined;
    const args = call.arguments.map((a) => this.taintOf(a));
    const out = new Map<string, Taint>();
    for (const { analysis, node, name } of callees) {
      for (const [key, t] of analysis!.returnProperties!) {
        let into = out.get(key);
        if (!into) out.set(key, (into = new Map()));
        mergeInto(into, this.throughCallee(call, args, node, name, t.values()));
      }
    }
    return out;
  }

  /**
   * A callee's flows as the caller sees them: those from the callee's own parameters continue from
   * the arguments' flows, with what the argument was known to be unless the callee lost it.
   */
  private throughCallee(call: CallNode, args: Taint[], node: FunctionNode, name: string, flows: Iterable<Flow>): Taint {
    const out: Taint = new Map();
    for (const flow of flows) {
      if (flow.origin.functionNode !== node) {
        mergeInto(out, new Map([[originKey(flow.origin), flow]]));
        continue;
      }
      const argTaint = args[flow.origin.index];
      if (!argTaint) continue;
      const argNode = call.arguments[flow.origin.index];
      for (const argFlow of argTaint.values()) {
        if (out.size >= MAX_FLOWS) break;
        const key = originKey(argFlow.origin);
        const path = [...argFlow.path, this.step(argNode, `\`${textOf(this.file.text, argNode, 30)}\` passed to ${name}()`), ...flow.path.slice(1)];
        // What the callee knows of the value, with what the argument had unless the callee lost it.
        const known = flow.unchecked ? flow.bounds : joinKnown(flow.bounds, argFlow.bounds);
        mergeInto(out, new Map([[key, withBounds({ origin: argFlow.origin, path: path.slice(0, MAX_PATH) }, known, flow.unchecked || argFlow.unchecked)]]));
      }
    }
    return out;
  }

  /** A variable this function declares with an object literal (a state or position holder it owns). */
  private ownObjectLiteral(id: TSESTree.Identifier): boolean {
    const variable = this.refs.variableOf(id);
    const def = variable?.defs[0];
    if (!variable || variable.defs.length !== 1 || def?.type !== 'Variable') return false;
    const init = (def.node as TSESTree.VariableDeclarator).init;
    return !!init && unwrap(init).type === 'ObjectExpression' && enclosingFunction(def.node as Node) === (this.node.type === 'Program' ? undefined : this.node);
  }

  private bindIdentifier(id: TSESTree.Identifier, value: Taint, at: Node, message: string | (() => string)): boolean {
    if (value.size === 0) return false;
    const variable = this.refs.variableOf(id);
    if (!variable) return false;
    let t = this.env.get(variable);
    if (!t) this.env.set(variable, (t = new Map()));
    const changed = mergeInto(t, value, () => this.step(at, typeof message === 'function' ? message() : message));
    if (changed) this.version++;
    return changed;
  }

  /** Taint of a variable as seen from this function (its own definitions, then the enclosing functions'). */
  variableTaint(variable: Variable): Taint {
    const out: Taint = new Map();
    for (let f: FunctionFlow | undefined = this; f; f = f.outer) {
      const t = f.env.get(variable);
      if (t) mergeInto(out, t);
    }
    return out;
  }

  /** The parameter a variable is (index + function), when it is one. */
  private paramOf(variable: Variable): { fn: FunctionNode; index: number } | undefined {
    const def = variable.defs[0];
    if (!def || def.type !== 'Parameter') return undefined;
    const fn = def.node as FunctionNode;
    if (!isFunctionNode(fn)) return undefined;
    const index = fn.params.findIndex((p) => p.range[0] <= def.name.range[0] && p.range[1] >= def.name.range[1]);
    return index < 0 ? undefined : { fn, index };
  }

  private callbackTaint(fn: Node): Taint | undefined {
    for (let f: FunctionFlow | undefined = this.outer; f; f = f.outer) {
      const t = f.callbackBindings.get(fn);
      if (t) return t;
    }
    return undefined;
  }

  /** `member`: the read is of a member of the variable (`q.n`), not of its value. */
  private identifierTaint(id: TSESTree.Identifier, access: string, at: Node, member = false): Taint {
    const variable = this.refs.variableOf(id);
    if (!variable) return EMPTY;
    let out = this.variableTaint(variable);
    if (member) out = unchecked(out); // a fresh map either way (variableTaint builds one)
    const param = this.paramOf(variable);
    // A member of a parameter that is never reassigned: what the function wrote into it from the
    // parameter itself (`data[i] = f(data[i])`) is the parameter's own data, which the parameter's
    // origin below already brings with its callers' facts (a real list's length stays one).
    if (param && member && !variable.references.some((r) => r.isWrite())) {
      for (const [key, flow] of out) if (flow.origin.functionNode === param.fn && flow.origin.index === param.index) out.delete(key);
    }
    if (param) {
      const origin: ParamOrigin = { functionNode: param.fn, index: param.index, access, location: locationOf(this.file.path, at) };
      const key = originKey(origin);
      if (!out.has(key)) out.set(key, { origin, path: [{ location: origin.location, message: `${access} (parameter \`${id.name}\`)` }] });
      const cb = this.callbackTaint(param.fn);
      if (cb) mergeInto(out, cb);
    }
    return out;
  }

  /** Flows into a value that is bounded where it is read (checked before, clamped, cut to size) carry those bounds. */
  private withReadBounds(n: Node, t: Taint): Taint {
    if (t.size === 0) return t;
    // A value put into an array or a template literal: what is known of the result is only that it is
    // a real array or string (its length counts what it holds), none of the value's own checks.
    if (BUILT_REAL.has(n.type)) return mapFlows(t, (flow) => withBounds(flow, boundsOf(this.file, n), true));
    if (!BOUNDABLE.has(n.type)) return t;
    const b = boundsOf(this.file, n);
    return informative(b) ? mapFlows(t, (flow) => withBounds(flow, flow.bounds ? join(flow.bounds, b) : b, flow.unchecked)) : t;
  }

  /**
   * `xs.length` of a variable every flow of which is a real list or string (one a callee built and
   * returned, `const { path } = split(q)`): the flows keep that fact, the length counts what it holds.
   */
  private realLength(id: TSESTree.Identifier, read: Node, out: Taint): Taint {
    const variable = this.refs.variableOf(id);
    if (!variable || out.size === 0 || this.paramOf(variable)) return out;
    const held = this.variableTaint(variable);
    if (held.size === 0 || [...held.values()].some((f) => !f.bounds?.real) || !sizeReadKeepsReal(this.file, id, read)) return out;
    return mapFlows(out, (flow) => {
      const had = held.get(originKey(flow.origin));
      return had ? withBounds(flow, lengthOf(had.bounds), true) : flow;
    });
  }

  /** Which parameters the value of an expression derives from. */
  taintOf(node: Node): Taint {
    const n = unwrap(node);
    const cached = this.memo.get(n);
    if (cached && cached.version === this.version) return cached.taint;
    if (this.evaluating.has(n)) return EMPTY;
    this.evaluating.add(n);
    try {
      const taint = this.withReadBounds(n, this.compute(n));
      this.memo.set(n, { version: this.version, taint });
      return taint;
    } finally {
      this.evaluating.delete(n);
    }
  }

  private compute(n: Node): Taint {
    switch (n.type) {
      case 'Identifier':
        return this.identifierTaint(n, n.name, n);
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        return unchecked(this.closureTaint(n));
      case 'Literal':
      case 'ThisExpression':
      case 'Super':
      case 'ClassExpression':
      case 'MetaProperty':
        return EMPTY;
      case 'MemberExpression': {
        const mp = memberPath(n);
        if (mp && mp.root.type === 'ThisExpression' && this.oracle.fieldTaint) {
          const field = mp.path.split('.')[1];
          const classBody = field ? classBodyOf(n) : undefined;
          return classBody ? unchecked(this.oracle.fieldTaint(this.file, classBody, field!)) : EMPTY;
        }
        if (mp && mp.root.type === 'Identifier') {
          const access = mp.path.split('.').slice(0, 4).join('.');
          const out = this.identifierTaint(mp.root, access, n, true);
          return mp.path === `${mp.root.name}.length` ? this.realLength(mp.root, n, out) : out;
        }
        // `f().a`, `(await f()).a` of a function returning object literals: that property's flows.
        const key = !n.computed && n.property.type === 'Identifier' ? n.property.name : undefined;
        const properties = key !== undefined ? this.calledProperties(n.object) : undefined;
        if (properties) return properties.get(key!) ?? EMPTY;
        return unchecked(this.taintOf(n.object));
      }
      case 'AwaitExpression': {
        const inner = this.taintOf(n.argument);
        if (inner.size === 0) return EMPTY;
        const out: Taint = new Map();
        mergeInto(out, inner, () => this.step(n, `${CALL_RESULT_STEPS[1]}${textOf(this.file.text, n.argument, 50)}`));
        return out;
      }
      case 'CallExpression':
      case 'NewExpression':
        return this.callTaint(n);
      case 'AssignmentExpression':
        return n.operator === '=' ? this.taintOf(n.right) : unchecked(this.taintOf(n.right));
      case 'BinaryExpression': {
        const left = n.left.type === 'PrivateIdentifier' ? EMPTY : this.taintOf(n.left);
        const right = this.taintOf(n.right);
        const out: Taint = new Map();
        mergeInto(out, left);
        mergeInto(out, right);
        // Arithmetic of two flow values: neither one's check bounds the result (comparisons keep them for the exit rules).
        return ARITHMETIC.has(n.operator) && left.size && right.size ? unchecked(out) : out;
      }
      case 'UpdateExpression':
        return this.taintOf(n.argument);
      default: {
        const out: Taint = new Map();
        for (const child of childrenOf(n)) if (!isFunctionNode(child)) mergeInto(out, this.taintOf(child));
        return out;
      }
    }
  }

  private callTaint(call: CallNode): Taint {
    const args = call.arguments.map((a) => this.taintOf(a));
    const out: Taint = new Map();
    const callees = this.oracle.calleesOf(this.file, call);
    const known = callees.filter((c) => c.analysis);
    if (known.length) {
      for (const { analysis, node, name } of known) mergeInto(out, this.throughCallee(call, args, node, name, analysis!.returns.values()));
      return out;
    }
    // Unknown (library) callee: its result derives from its inputs and from the object it is called on.
    const callee = unwrap(call.callee);
    const step = () => this.step(call, `${CALL_RESULT_STEPS[0]}${textOf(this.file.text, call, 50)}`);
    for (const a of args) mergeInto(out, a, step);
    if (callee.type === 'MemberExpression') mergeInto(out, this.taintOf(callee.object), step);
    else if (callee.type === 'Identifier') mergeInto(out, this.taintOf(callee), step);
    const mp = memberPath(callee);
    return mp && NUMERIC_CALLS.has(mp.path) ? out : unchecked(out);
  }

  /**
   * Writes for the assignments a nested function makes to variables this function declares: the
   * assigned value's flows from this function's parameters (and callers'), none of the closure's own
   * parameters; what the value was checked or clamped to stays, the callers' checks do not.
   */
  private closureWrites(fn: Node): Array<() => boolean> {
    const out: Array<() => boolean> = [];
    const own = this.node;
    for (const assignment of FunctionFlow.outerAssignments(fn, this.refs)) {
      const id = assignment.left as TSESTree.Identifier;
      const scope = this.refs.variableOf(id)?.scope.block as Node | undefined;
      if (!scope || scope.range[0] < own.range[0] || scope.range[1] > own.range[1]) continue;
      const right = assignment.right;
      const inside = (f: Flow) => f.origin.functionNode.range[0] >= fn.range[0] && f.origin.functionNode.range[1] <= fn.range[1];
      out.push(() => {
        const t = this.taintOf(right);
        if (t.size === 0) return false;
        const kept: Taint = new Map();
        for (const [key, f] of t) if (!inside(f)) kept.set(key, withBounds(f, f.bounds, true));
        return this.bind(id, kept, assignment, right, assignment.operator === '=' ? undefined : assignment.operator);
      });
    }
    return out;
  }

  private static readonly outerAssignmentsOf = new WeakMap<Node, TSESTree.AssignmentExpression[]>();

  /** Assignments in `fn` (and functions inside it) to a plain variable declared outside it. */
  private static outerAssignments(fn: Node, refs: ReturnType<typeof referencesOf>): TSESTree.AssignmentExpression[] {
    let list = FunctionFlow.outerAssignmentsOf.get(fn);
    if (list) return list;
    list = [];
    walk(fn, (n) => {
      if (n.type !== 'AssignmentExpression' || n.left.type !== 'Identifier') return;
      const scope = refs.variableOf(n.left)?.scope.block as Node | undefined;
      if (scope && (scope.range[0] < fn.range[0] || scope.range[1] > fn.range[1])) list!.push(n);
    });
    FunctionFlow.outerAssignmentsOf.set(fn, list);
    return list;
  }

  /**
   * A function value carries what it captures: `(t) => t.orders.find((o) => o.id === id)` passed to a
   * query helper makes the helper's result depend on `id`.
   */
  private closureTaint(fn: Node): Taint {
    let ids = FunctionFlow.captured.get(fn);
    if (!ids) {
      // The free variables the function reads, once per function (first read of each, at most 32).
      ids = [];
      const seen = new Set<Variable>();
      walk(fn, (n) => {
        if (ids!.length >= MAX_CAPTURED) return false;
        if (n.type !== 'Identifier') return;
        const variable = this.refs.variableOf(n);
        const scopeBlock = variable?.scope.block as Node | undefined;
        if (!variable || seen.has(variable) || !scopeBlock || (scopeBlock.range[0] >= fn.range[0] && scopeBlock.range[1] <= fn.range[1])) return;
        const kind = variable.defs[0]?.type;
        if (kind === 'FunctionName' || kind === 'ImportBinding' || kind === 'ClassName' || kind === undefined) return;
        seen.add(variable);
        ids!.push(n);
      });
      FunctionFlow.captured.set(fn, ids);
    }
    const out: Taint = new Map();
    for (const id of ids) {
      if (out.size >= MAX_FLOWS) break;
      const t = this.identifierTaint(id, id.name, id);
      if (t.size) mergeInto(out, t, () => this.step(fn, `captured by ${textOf(this.file.text, fn, 40)}`));
    }
    return out;
  }
}

/** A property's name when it is spelled out (`a: 1`, `'a': 1`, `a`), not computed. */
function propertyKey(p: TSESTree.Property): string | undefined {
  if (p.computed) return undefined;
  if (p.key.type === 'Identifier') return p.key.name;
  return p.key.type === 'Literal' && typeof p.key.value === 'string' ? p.key.value : undefined;
}

/** The call a value is the result of (`f()`, `await f()`). */
function calledThrough(n: Node): TSESTree.CallExpression | undefined {
  const x = n.type === 'AwaitExpression' ? unwrap(n.argument) : n;
  return x.type === 'CallExpression' ? x : undefined;
}

function extendAccess(t: Taint, key: string): Taint {
  const out: Taint = new Map();
  for (const flow of t.values()) {
    const parts = flow.origin.access.split('.');
    if (parts.length >= 4 || flow.path.length > 1) {
      out.set(originKey(flow.origin), flow);
      continue;
    }
    const origin = { ...flow.origin, access: `${flow.origin.access}.${key}` };
    out.set(originKey(origin), { origin, path: [{ ...flow.path[0], message: `${origin.access}` }, ...flow.path.slice(1)] });
  }
  return out;
}
