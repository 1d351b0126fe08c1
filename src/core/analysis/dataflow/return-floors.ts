// Summaries of what a helper returns against one of its parameters: the least amount by which every
// value it returns (or one property of every object literal it returns) exceeds the argument it was
// given. A scanner's `i = skipClass(s, i)` or `i = readQuantifier(s, i + 1).next` then moves its cursor
// forward as surely as `i++` does. Computed per file check from the helper's body and, through calls,
// from its helpers' summaries; a helper that calls itself is not followed.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import type { FunctionNode, ParsedFile } from '../project/types';
import { contains, isFunctionNode, isLoopNode, someNode, unwrap, walk, type Node } from './ast';
import { referencesOf } from './references';
import { boundsOf } from './bounds';
import type { CallNode } from './cursor-helpers';
import { perCodeIndex, type ResolveCallees } from './code-index';

/** How far a value is known to be above a base value (the cursor now, or a helper's parameter as passed). */
export interface FloorContext {
  file: ParsedFile;
  /** Whether an expression reads the base value itself. */
  isBase(node: Node): boolean;
  /**
   * Whether a local declared at `declaration` still relates to the base at `use`: in a helper whose
   * parameter only goes up, always; for a loop's cursor, only when nothing moved the cursor in between.
   */
  stable(declaration: Node, use: Node): boolean;
  /** The floor of what a call returns (or of one property of it) above its argument `index`. */
  callFloor(call: CallNode, index: number, property?: string): number | undefined;
}

/** The least amount `node` is above the base; undefined when that is not known. */
export function floorAbove(node: Node, ctx: FloorContext, seen = new Set<Variable>()): number | undefined {
  const n = unwrap(node);
  if (ctx.isBase(n)) return 0;
  switch (n.type) {
    case 'BinaryExpression': {
      if (n.operator !== '+') return undefined;
      const left = floorAbove(n.left as Node, ctx, seen);
      if (left !== undefined) return addStep(left, n.right, ctx.file);
      const right = floorAbove(n.right, ctx, seen);
      return right === undefined ? undefined : addStep(right, n.left, ctx.file);
    }
    case 'ConditionalExpression': {
      const a = floorAbove(n.consequent, ctx, seen);
      const b = a === undefined ? undefined : floorAbove(n.alternate, ctx, seen);
      return b === undefined ? undefined : Math.min(a!, b);
    }
    case 'Identifier':
      return localFloor(n, ctx, seen);
    case 'MemberExpression':
      return memberOfCallFloor(n, ctx, seen);
    case 'CallExpression':
      return callResultFloor(n, ctx, seen);
    default:
      return undefined;
  }
}

/** `base + step`: a step known not to be negative adds its least value. */
function addStep(floor: number, step: Node, file: ParsedFile): number | undefined {
  const s = unwrap(step);
  if (s.type === 'Literal') return typeof s.value === 'number' && s.value >= 0 ? floor + s.value : undefined;
  // `i + match[0].length`: a length is never negative (NaN, for a value without one, ends a `<` walk).
  if (s.type === 'MemberExpression' && !s.computed && s.property.type === 'Identifier' && s.property.name === 'length') return floor;
  const b = boundsOf(file, s);
  return b.lo >= 0 ? floor + b.lo : undefined;
}

/** The variable of an identifier when it is a local with one declaration and an initial value. */
function declaredLocal(id: TSESTree.Identifier, file: ParsedFile): { variable: Variable; declarator: TSESTree.VariableDeclarator } | undefined {
  const variable = referencesOf(file).variableOf(id);
  const def = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || def?.type !== 'Variable') return undefined;
  const declarator = def.node as TSESTree.VariableDeclarator;
  if (declarator.id.type !== 'Identifier' || !declarator.init) return undefined;
  return { variable, declarator };
}

/** A local set from the base and then only raised (`let j = i + 1; … j++`). */
function localFloor(id: TSESTree.Identifier, ctx: FloorContext, seen: Set<Variable>): number | undefined {
  const local = declaredLocal(id, ctx.file);
  if (!local || seen.has(local.variable) || !ctx.stable(local.declarator, id)) return undefined;
  seen.add(local.variable);
  try {
    if (!onlyRaised(local.variable, ctx.file)) return undefined;
    return floorAbove(local.declarator.init!, ctx, seen);
  } finally {
    seen.delete(local.variable);
  }
}

/** Every write after its declaration raises the variable: `v++`, `v += k` (k ≥ 0), `v = v + k`, `v = cond ? v + 1 : v`. */
export function onlyRaised(variable: Variable, file: ParsedFile): boolean {
  for (const ref of variable.references) {
    if (!ref.isWrite() || ref.init) continue;
    const id = ref.identifier as Node;
    const p = id.parent;
    if (p?.type === 'UpdateExpression' && p.argument === id) {
      if (p.operator !== '++') return false;
      continue;
    }
    if (p?.type !== 'AssignmentExpression' || p.left !== id) return false;
    if (p.operator === '+=') {
      if (addStep(0, p.right, file) === undefined) return false;
      continue;
    }
    if (p.operator !== '=') return false;
    const self: FloorContext = {
      file,
      isBase: (n) => n.type === 'Identifier' && referencesOf(file).variableOf(n) === variable,
      stable: () => false,
      callFloor: () => undefined,
    };
    if (floorAbove(p.right, self) === undefined) return false;
  }
  return true;
}

/** `q.next` where `const q = helper(s, i + 1)` and nothing writes `q`'s fields: the helper's floor for that property. */
function memberOfCallFloor(member: TSESTree.MemberExpression, ctx: FloorContext, seen: Set<Variable>): number | undefined {
  if (member.computed || member.property.type !== 'Identifier') return undefined;
  const object = unwrap(member.object);
  if (object.type !== 'Identifier') return undefined;
  const local = declaredLocal(object, ctx.file);
  if (!local || seen.has(local.variable) || !ctx.stable(local.declarator, member)) return undefined;
  const init = unwrap(local.declarator.init!);
  if (init.type !== 'CallExpression' || init.optional) return undefined;
  // Only read by field: never reassigned, no field written, no method called, not handed on.
  for (const ref of local.variable.references) {
    if (ref.init) continue;
    if (ref.isWrite()) return undefined;
    const p = (ref.identifier as Node).parent;
    if (p?.type !== 'MemberExpression' || p.object !== ref.identifier) return undefined;
    const pp = p.parent;
    if ((pp?.type === 'AssignmentExpression' && pp.left === p) || (pp?.type === 'UpdateExpression' && pp.argument === p)) return undefined;
    if ((pp?.type === 'CallExpression' || pp?.type === 'NewExpression') && pp.callee === p) return undefined;
    if (pp?.type === 'UnaryExpression' && pp.operator === 'delete') return undefined;
  }
  seen.add(local.variable);
  try {
    return argumentFloor(init, ctx, seen, member.property.name);
  } finally {
    seen.delete(local.variable);
  }
}

/** What a call returns above the base: `Math.max`/`Math.min` of floors, or a project helper's summary. */
function callResultFloor(call: TSESTree.CallExpression, ctx: FloorContext, seen: Set<Variable>): number | undefined {
  if (call.optional) return undefined;
  const callee = unwrap(call.callee);
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && unwrap(callee.object).type === 'Identifier' && (unwrap(callee.object) as TSESTree.Identifier).name === 'Math' && !referencesOf(ctx.file).variableOf(unwrap(callee.object) as TSESTree.Identifier)?.defs.length) {
    const floors = call.arguments.map((a) => (a.type === 'SpreadElement' ? undefined : floorAbove(a, ctx, seen)));
    if (callee.property.name === 'max') {
      const known = floors.filter((f): f is number => f !== undefined);
      return known.length > 0 ? Math.max(...known) : undefined;
    }
    if (callee.property.name === 'min') return floors.length > 0 && floors.every((f) => f !== undefined) ? Math.min(...(floors as number[])) : undefined;
    return undefined;
  }
  return argumentFloor(call, ctx, seen, undefined);
}

/** The best floor over the call's arguments that relate to the base: the argument's own floor plus the helper's. */
function argumentFloor(call: TSESTree.CallExpression, ctx: FloorContext, seen: Set<Variable>, property: string | undefined): number | undefined {
  if (call.arguments.some((a) => a.type === 'SpreadElement')) return undefined;
  let best: number | undefined;
  for (let i = 0; i < call.arguments.length; i++) {
    const passed = floorAbove(call.arguments[i], ctx, seen);
    if (passed === undefined) continue;
    const returned = ctx.callFloor(call, i, property);
    if (returned !== undefined && (best === undefined || passed + returned > best)) best = passed + returned;
  }
  return best;
}

/** Per-helper summaries, memoized for one check of the project. */
export class ReturnFloors {
  private readonly memo = new Map<Node, Map<string, number | null>>();

  constructor(private readonly resolve: ResolveCallees) {}

  /** The least amount every function the call may run returns above its argument `index` (or `property` of what it returns). */
  callFloor(file: ParsedFile, call: CallNode, index: number, property?: string): number | undefined {
    if (call.type !== 'CallExpression') return undefined;
    const callee = unwrap(call.callee);
    // `f.call(self, …)` and the like shift the arguments.
    if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && ['call', 'apply', 'bind'].includes(callee.property.name)) return undefined;
    const targets = this.resolve(file, call);
    if (!targets || targets.length === 0) return undefined;
    let floor: number | undefined;
    for (const t of targets) {
      const f = this.floorOf(t.node, t.file, index, property);
      if (f === undefined) return undefined;
      floor = floor === undefined ? f : Math.min(floor, f);
    }
    return floor;
  }

  private floorOf(fn: FunctionNode, file: ParsedFile, index: number, property: string | undefined): number | undefined {
    let byKey = this.memo.get(fn);
    if (!byKey) this.memo.set(fn, (byKey = new Map()));
    const key = `${index}:${property ?? ''}`;
    const known = byKey.get(key);
    if (known !== undefined) return known ?? undefined;
    byKey.set(key, null); // a helper that calls itself is not followed
    const result = this.compute(fn, file, index, property);
    byKey.set(key, result ?? null);
    return result;
  }

  private compute(fn: FunctionNode, file: ParsedFile, index: number, property: string | undefined): number | undefined {
    // A generator returns an iterator, an async function a promise.
    if (fn.generator || fn.async) return undefined;
    const param = fn.params[index];
    if (param?.type !== 'Identifier') return undefined;
    const variable = referencesOf(file).variableOf(param);
    if (!variable || !onlyRaised(variable, file)) return undefined;
    const ctx: FloorContext = {
      file,
      isBase: (n) => n.type === 'Identifier' && referencesOf(file).variableOf(n) === variable,
      // The parameter only goes up, so a local set from it stays above what was passed wherever it is read.
      stable: (declaration) => enclosingFunctionOf(declaration) === fn,
      callFloor: (call, i, p) => this.callFloor(file, call, i, p),
    };
    const returned = (value: Node | null | undefined): number | undefined => {
      if (!value) return undefined;
      if (property === undefined) return floorAbove(value, ctx);
      const object = unwrap(value);
      if (object.type !== 'ObjectExpression') return undefined;
      let found: Node | undefined;
      for (const prop of object.properties) {
        if (prop.type === 'SpreadElement') {
          if (found) return undefined; // a spread after the property may replace it
          continue;
        }
        const name = !prop.computed && prop.key.type === 'Identifier' ? prop.key.name : prop.key.type === 'Literal' ? String(prop.key.value) : undefined;
        if (prop.computed && name === undefined) return undefined;
        if (name === property) found = prop.kind === 'init' && !prop.method ? (prop.value as Node) : undefined;
      }
      return found ? floorAbove(found, ctx) : undefined;
    };
    if (fn.body.type !== 'BlockStatement') return returned(fn.body);
    if (!alwaysLeaves(fn.body)) return undefined; // falling off the end returns undefined
    let floor: number | undefined;
    let failed = false;
    walk(
      fn.body,
      (n) => {
        if (failed) return false;
        if (n.type !== 'ReturnStatement') return;
        const f = returned(n.argument);
        if (f === undefined) failed = true;
        else floor = floor === undefined ? f : Math.min(floor, f);
        return false;
      },
      false,
    );
    return failed ? undefined : floor;
  }
}

function enclosingFunctionOf(node: Node): Node | undefined {
  for (let n = node.parent; n; n = n.parent) if (isFunctionNode(n)) return n;
  return undefined;
}

/** A statement that never completes normally: it returns or throws on every path (as far as its shape shows). */
function alwaysLeaves(node: Node): boolean {
  switch (node.type) {
    case 'ReturnStatement':
    case 'ThrowStatement':
      return true;
    case 'BlockStatement':
      return node.body.some((s) => alwaysLeaves(s) && !hasBreakOut(s));
    case 'IfStatement':
      return !!node.alternate && alwaysLeaves(node.consequent) && alwaysLeaves(node.alternate);
    case 'TryStatement':
      return !finallyReturns(node) && alwaysLeaves(node.block) && (!node.handler || alwaysLeaves(node.handler.body));
    default:
      return false;
  }
}

/** A labeled `break` inside a statement could leave it normally (`a: { …; break a; … return x; }`). */
function hasBreakOut(node: Node): boolean {
  return someNode(node, (n) => n.type === 'BreakStatement' && !!n.label, false);
}

/** A `finally` that returns overrides what the `try` returned: not followed. */
function finallyReturns(node: TSESTree.TryStatement): boolean {
  return !!node.finalizer && someNode(node.finalizer, (n) => n.type === 'ReturnStatement', false);
}

/**
 * For a loop's cursor variable: a local (or a helper's result held in one) relates to the cursor at a
 * use only when it was set in the same turn, with no write of the cursor between the two.
 */
export function sameTurnNoWriteBetween(isCursorWrite: (node: Node) => boolean): (declaration: Node, use: Node) => boolean {
  return (declaration, use) => {
    const around = (n: Node) => {
      for (let p = n.parent; p; p = p.parent) if (isLoopNode(p) || isFunctionNode(p)) return p;
      return undefined;
    };
    const scope = around(declaration);
    if (!scope || scope !== around(use) || declaration.range[1] > use.range[0]) return false;
    let written = false;
    walk(scope, (n) => {
      if (written || n.range[1] <= declaration.range[0] || n.range[0] >= use.range[0]) return false;
      if (isCursorWrite(n) && n.range[0] >= declaration.range[0] && n.range[1] <= use.range[0]) written = true;
    });
    return !written && contains(scope, use);
  };
}

/** One ReturnFloors per code index (its memos live as long as one check of the project). */
export const returnFloorsFor = perCodeIndex((_, resolve) => new ReturnFloors(resolve));
