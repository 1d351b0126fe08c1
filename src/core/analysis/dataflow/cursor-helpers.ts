// Summaries of the helpers a parser loop hands its cursor object to (`collect(cond, input, position)`):
// whether the helper moves `<param>.<field>` forward on every path that returns normally (`strict`),
// never moves it back (`weak`), or may do anything (`bad`); and whether it leaves an object it is
// given unchanged (a bound's `input.length` then stays what it was). Computed per scan of a file,
// from the helper's own body and, through calls, from its helpers' summaries.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import type { FunctionNode, ParsedFile } from '../project/types';
import { isFunctionNode, unwrap, type Node } from './ast';
import { referencesOf } from './references';
import { PURE_METHODS } from './loop-operands';
import { everyReturnProgresses, type CursorEffect } from './cursor-paths';
import { writeEffect, type CursorTarget } from './cursor-writes';
import { perCodeIndex, type ResolveCallees } from './code-index';

export type CallNode = TSESTree.CallExpression | TSESTree.NewExpression;

/** Methods that read their receiver and never change it (beyond PURE_METHODS: buffers' and arrays' readers). */
const READ_ONLY_METHODS = new Set([
  ...PURE_METHODS, 'subarray', 'equals', 'compare', 'every', 'some', 'find', 'findIndex', 'findLast', 'findLastIndex', 'map', 'filter',
  'reduce', 'forEach', 'readUInt8', 'readUInt16BE', 'readUInt16LE', 'readUInt32BE', 'readUInt32LE', 'readInt8', 'readInt16BE', 'readInt32BE',
]);

export class CursorHelpers {
  private readonly effects = new Map<Node, Map<string, CursorEffect>>();
  private readonly readOnly = new Map<Node, Map<number, boolean>>();
  private readonly fieldKept = new Map<Node, Map<string, boolean>>();

  constructor(private readonly resolve: ResolveCallees) {}

  /**
   * What a call does to `<argument index>.<field>`; `boundIndex` is the argument whose `.length` the
   * caller's cursor runs to (assigning that length to the cursor ends the caller's loop).
   */
  callEffect(file: ParsedFile, call: CallNode, index: number, field: string, boundIndex: number | undefined): CursorEffect {
    if (shiftsArguments(call)) return 'bad';
    const targets = this.resolve(file, call);
    if (!targets || targets.length === 0) return 'bad';
    let all: CursorEffect = 'strict';
    for (const t of targets) {
      const e = this.effectOf(t.node, t.file, index, field, boundIndex);
      if (e === 'bad') return 'bad';
      if (e !== 'strict') all = 'weak';
    }
    return all;
  }

  /** Whether every function the call may run leaves argument `index` as it was. */
  callKeeps(file: ParsedFile, call: CallNode, index: number): boolean {
    if (shiftsArguments(call)) return false;
    const targets = this.resolve(file, call);
    return !!targets && targets.length > 0 && targets.every((t) => this.keeps(t.node, t.file, index));
  }

  /** Whether every function the call may run leaves `<argument index>.<field>` as it was (never assigned, mutated or handed on). */
  callKeepsField(file: ParsedFile, call: CallNode, index: number, field: string, primitive = false): boolean {
    if (shiftsArguments(call)) return false;
    const targets = this.resolve(file, call);
    return !!targets && targets.length > 0 && targets.every((t) => this.keepsField(t.node, t.file, index, field, primitive));
  }

  private keepsField(fn: FunctionNode, file: ParsedFile, index: number, field: string, primitive: boolean): boolean {
    let byKey = this.fieldKept.get(fn);
    if (!byKey) this.fieldKept.set(fn, (byKey = new Map()));
    const key = `${index}:${field}:${primitive}`;
    const known = byKey.get(key);
    if (known !== undefined) return known;
    byKey.set(key, false); // a recursive helper is not followed
    const variable = fn.generator ? undefined : paramVariable(fn, index, file);
    const result = !!variable && this.fieldOnlyRead(variable, field, file, () => true, primitive);
    byKey.set(key, result);
    return result;
  }

  /**
   * Whether the references of a holder that `counts` selects leave its `field` as it was: the holder is
   * never reassigned or aliased; `holder.field` is only read (indexed, its length, read-only methods);
   * other fields may be written by name; handed to calls only where the callee keeps the field too.
   * `primitive`: the field holds a number or string (nothing reads it by reference), so copying it
   * anywhere (`to.lines = from.lines`, an argument) leaves it as it was; only writes count.
   */
  fieldOnlyRead(holder: Variable, field: string, file: ParsedFile, counts: (ref: Node) => boolean, primitive = false): boolean {
    for (const ref of holder.references) {
      const id = ref.identifier as Node;
      if (!counts(id)) continue;
      if (ref.isWrite()) {
        if (ref.init) continue;
        return false;
      }
      const p = id.parent;
      if (p?.type === 'MemberExpression' && p.object === id) {
        const name = !p.computed && p.property.type === 'Identifier' ? p.property.name : p.computed && p.property.type === 'Literal' ? String(p.property.value) : undefined;
        if (name === field) {
          if (primitive ? memberWritten(p) : !memberOnlyRead(p)) return false;
        } else if (name === undefined && memberWritten(p)) return false; // `holder[key] = v` may be the field
        continue;
      }
      if (p?.type === 'BinaryExpression' || (p?.type === 'UnaryExpression' && p.operator !== 'delete')) continue;
      if ((p?.type === 'CallExpression' || p?.type === 'NewExpression') && p.callee !== id) {
        const at = p.arguments.indexOf(id as TSESTree.CallExpressionArgument);
        if (at >= 0 && this.callKeepsField(file, p, at, field, primitive)) continue;
      }
      return false;
    }
    return true;
  }

  private effectOf(fn: FunctionNode, file: ParsedFile, index: number, field: string, boundIndex: number | undefined): CursorEffect {
    let byKey = this.effects.get(fn);
    if (!byKey) this.effects.set(fn, (byKey = new Map()));
    const key = `${index}:${field}:${boundIndex ?? ''}`;
    const known = byKey.get(key);
    if (known) return known;
    byKey.set(key, 'bad'); // a recursive helper is not followed
    const result = this.computeEffect(fn, file, index, field, boundIndex);
    byKey.set(key, result);
    return result;
  }

  private computeEffect(fn: FunctionNode, file: ParsedFile, index: number, field: string, boundIndex: number | undefined): CursorEffect {
    // A generator's body runs only when iterated, an async one's past an await after the call returned.
    if (fn.generator || fn.async) return 'bad';
    const holder = paramVariable(fn, index, file);
    if (!holder || !holderUsedOnlyForFields(holder, fn)) return 'bad';
    const bound = boundIndex === undefined ? undefined : paramVariable(fn, boundIndex, file);
    const refs = referencesOf(file);
    const target: CursorTarget = { variable: holder, field, direction: 1 };
    const spec = {
      effectOf: (n: Node) =>
        writeEffect(n, target, {
          file,
          isBound: (b: Node) => !!bound && isLengthOf(b, bound, file),
          helperEffect: (call: CallNode, i: number, f: string, toBound: boolean) => {
            const at = bound && toBound ? call.arguments.findIndex((a) => unwrap(a).type === 'Identifier' && refs.variableOf(unwrap(a) as TSESTree.Identifier) === bound) : -1;
            return this.callEffect(file, call, i, f, at >= 0 ? at : undefined);
          },
        }),
      endWhen: () => false,
    };
    const verdict = everyReturnProgresses(fn.body, spec);
    return !verdict.ok ? 'bad' : verdict.progress ? 'strict' : 'weak';
  }

  private keeps(fn: FunctionNode, file: ParsedFile, index: number): boolean {
    let byIndex = this.readOnly.get(fn);
    if (!byIndex) this.readOnly.set(fn, (byIndex = new Map()));
    const known = byIndex.get(index);
    if (known !== undefined) return known;
    byIndex.set(index, false);
    const variable = paramVariable(fn, index, file);
    const result = !!variable && this.onlyRead(variable, file, () => true);
    byIndex.set(index, result);
    return result;
  }

  /**
   * Whether the references of a variable that `counts` selects only read the object: fields, indexes,
   * read-only methods, and helpers that keep it. Never written, aliased or handed to unknown code.
   */
  onlyRead(variable: Variable, file: ParsedFile, counts: (ref: Node) => boolean): boolean {
    for (const ref of variable.references) {
      const id = ref.identifier as Node;
      if (!counts(id)) continue;
      if (ref.isWrite()) return false;
      const p = id.parent;
      if (p?.type === 'MemberExpression' && p.object === id) {
        if (!readsReceiver(p)) return false;
        continue;
      }
      if (p?.type === 'BinaryExpression' || (p?.type === 'UnaryExpression' && p.operator !== 'delete')) continue;
      if ((p?.type === 'CallExpression' || p?.type === 'NewExpression') && p.callee !== id) {
        const at = p.arguments.indexOf(id as TSESTree.CallExpressionArgument);
        if (at >= 0 && this.callKeeps(file, p, at)) continue;
      }
      return false;
    }
    return true;
  }
}

/** `f.call(self, …)`, `f.apply(self, args)`, a spread argument: the arguments do not line up with the parameters. */
function shiftsArguments(call: CallNode): boolean {
  if (call.arguments.some((a) => a.type === 'SpreadElement')) return true; // `h(...xs, p)`: p's parameter is not known
  const callee = unwrap(call.callee);
  return callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && ['call', 'apply', 'bind'].includes(callee.property.name);
}

function paramVariable(fn: FunctionNode, index: number, file: ParsedFile): Variable | undefined {
  const param = fn.params[index];
  return param?.type === 'Identifier' ? referencesOf(file).variableOf(param) : undefined;
}

function isLengthOf(node: Node, variable: Variable, file: ParsedFile): boolean {
  const n = unwrap(node);
  if (n.type !== 'MemberExpression' || n.computed || n.property.type !== 'Identifier' || n.property.name !== 'length') return false;
  const o = unwrap(n.object);
  return o.type === 'Identifier' && referencesOf(file).variableOf(o) === variable;
}

/**
 * The holder of a cursor is only used for its fields or handed to calls as it is (which the summaries
 * follow): never reassigned, copied, returned or stored; in a nested function only its fields are read.
 */
export function holderUsedOnlyForFields(holder: Variable, scope: Node): boolean {
  for (const ref of holder.references) {
    const id = ref.identifier as Node;
    if (ref.isWrite() && !ref.init) return false;
    if (ref.isWrite()) continue;
    const nested = insideNestedFunction(id, scope);
    const p = id.parent;
    if (p?.type === 'MemberExpression' && p.object === id) {
      if (writtenAsPattern(p)) return false;
      if (!nested) continue;
      const up = p.parent;
      const written = (up?.type === 'AssignmentExpression' && up.left === p) || up?.type === 'UpdateExpression' || (up?.type === 'CallExpression' && up.callee === p);
      if (written) return false;
      continue;
    }
    if (!nested && (p?.type === 'CallExpression' || p?.type === 'NewExpression') && p.callee !== id) continue;
    return false;
  }
  return true;
}

/** `o.m` / `o[i]` that only reads `o`: not assigned, updated or deleted, and if called, a read-only method. */
function readsReceiver(member: TSESTree.MemberExpression): boolean {
  const up = member.parent;
  if (up?.type === 'AssignmentExpression' && up.left === member) return false;
  if (up?.type === 'UpdateExpression' || (up?.type === 'UnaryExpression' && up.operator === 'delete')) return false;
  if (up?.type === 'CallExpression' && up.callee === member) {
    const method = !member.computed && member.property.type === 'Identifier' ? member.property.name : undefined;
    return !!method && READ_ONLY_METHODS.has(method);
  }
  return true;
}

/** A member (`h.f`, or `h.f[i]` below it) assigned, updated, deleted or destructured into. */
function memberWritten(member: Node): boolean {
  const up = member.parent;
  if (up?.type === 'AssignmentExpression' && up.left === member) return true;
  if (up?.type === 'UpdateExpression' || (up?.type === 'UnaryExpression' && up.operator === 'delete')) return true;
  return writtenAsPattern(member);
}

/** `h.f` only read: indexed or measured (not written through), or the receiver of a read-only method; never aliased or handed on. */
export function memberOnlyRead(member: Node): boolean {
  if (memberWritten(member)) return false;
  const up = member.parent;
  if (up?.type === 'MemberExpression' && up.object === member) return readsReceiver(up);
  return up?.type === 'BinaryExpression' || (up?.type === 'UnaryExpression' && up.operator !== 'delete');
}

/**
 * A field written other than by `=`, `+=` or `++` (which the walks judge): destructured into
 * (`[p.position] = …`, `for (p.position of …)`) or deleted.
 */
export function writtenAsPattern(member: Node): boolean {
  let n = member;
  while (n.parent && (n.parent.type === 'MemberExpression' && n.parent.object === n)) n = n.parent;
  const p = n.parent;
  if (!p) return false;
  if (p.type === 'UnaryExpression' && p.operator === 'delete') return true;
  if (p.type === 'ArrayPattern' || p.type === 'ObjectPattern' || p.type === 'RestElement' || (p.type === 'AssignmentPattern' && p.left === n)) return true;
  if (p.type === 'Property' && p.value === n && (p.parent?.type === 'ObjectPattern')) return true;
  return (p.type === 'ForOfStatement' || p.type === 'ForInStatement') && p.left === n;
}

/** Whether a node is inside a function nested in `scope` (code that may run at another time). */
export function insideNestedFunction(node: Node, scope: Node): boolean {
  for (let n = node.parent; n && n !== scope; n = n.parent) if (isFunctionNode(n)) return true;
  return false;
}

/** One CursorHelpers per code index (its memos live as long as one check of the project). */
export const cursorHelpersFor = perCodeIndex((_, resolve) => new CursorHelpers(resolve));
