// Cursors kept on `this` (`while (this.pos < this.input.length) … this.pos++`): what a call in the
// loop may do to `this.<field>`. A method of the same object (`this.next()`) is read through the call
// graph and judged like the loop body, with its own `this` the same object; a read-only method of a
// field (`this.input.charCodeAt(i)`) leaves it alone; any other call that is handed `this`, a field of
// it or a function that reads it may write the field. As for cursor objects, a call handed nothing of
// `this` is assumed not to reach it (the object could have been stored elsewhere before).
// The function's `this` must be used only for its fields: never copied, returned, handed on whole or
// destructured into, and read only in the arrow functions written in it.
import type { ParsedFile } from '../project/types';
import type { FunctionNode } from '../project/types';
import { isFunctionNode, memberPath, unwrap, walk, type Node } from './ast';
import { everyReturnProgresses, type CursorEffect } from './cursor-paths';
import { writtenAsPattern, type CallNode } from './cursor-helpers';
import { PURE_METHODS } from './loop-operands';
import { NODE_BASE_METHODS, nodeBaseMethodKeepsFields } from './node-stream-methods';

/** Methods of strings, arrays and buffers that read their receiver and run no code of the program's. */
const READ_ONLY = new Set([...PURE_METHODS, 'subarray', 'equals', 'compare', 'readUInt8', 'readUInt16BE', 'readUInt16LE', 'readUInt32BE', 'readUInt32LE', 'readInt8', 'readInt16BE', 'readInt32BE']);

/** The function whose `this` a node sees: the nearest enclosing function that is not an arrow. */
export function thisFunctionOf(node: Node): Node | undefined {
  for (let n = node.parent; n; n = n.parent) if (isFunctionNode(n) && n.type !== 'ArrowFunctionExpression') return n;
  return undefined;
}

export const isThisOf = (node: Node, scope: Node) => unwrap(node).type === 'ThisExpression' && thisFunctionOf(unwrap(node)) === scope;

/** Every `this` of `scope` is the object of a member read or write (`this.x`), never destructured into; in nested arrows only read. */
export function thisUsedOnlyForFields(scope: Node): boolean {
  let ok = true;
  walk(scope, (n) => {
    if (!ok) return false;
    if (n !== scope && isFunctionNode(n) && n.type !== 'ArrowFunctionExpression') return false;
    if (n.type !== 'ThisExpression') return;
    const p = n.parent;
    if (p?.type !== 'MemberExpression' || p.object !== n || writtenAsPattern(p)) return void (ok = false);
    if (thisFunctionOf(n) !== scope) return;
    let inArrow = false;
    for (let a: Node | undefined = n.parent; a && a !== scope; a = a.parent) if (a.type === 'ArrowFunctionExpression') inArrow = true;
    if (!inArrow) return;
    // In an arrow (which may run during any call), only `this.a.b` reads: no write, update, call, or handing on.
    let top: Node = p;
    while (top.parent?.type === 'MemberExpression' && top.parent.object === top) top = top.parent;
    const up = top.parent;
    if ((up?.type === 'AssignmentExpression' && up.left === top) || up?.type === 'UpdateExpression' || up?.type === 'CallExpression' || up?.type === 'NewExpression') ok = false;
  });
  return ok;
}

function mentionsThis(node: Node, scope: Node): boolean {
  let found = false;
  walk(node, (n) => {
    if (found) return false;
    // `super.reset()` runs a method on the same object.
    if ((n.type === 'ThisExpression' || n.type === 'Super') && thisFunctionOf(n) === scope) found = true;
  });
  return found;
}

/**
 * An argument whose value is a primitive by its form (a number, a string, a boolean), or a field taken
 * as a number (the cursor, which the loop test compares and the loop only steps): it cannot reach `this`.
 */
function primitiveByForm(node: Node, numbers: readonly string[]): boolean {
  const n = unwrap(node);
  const mp = n.type === 'MemberExpression' ? memberPath(n) : undefined;
  if (mp?.root.type === 'ThisExpression' && numbers.some((f) => mp.path === `this.${f}`)) return true;
  if (n.type === 'Literal' || n.type === 'TemplateLiteral' || n.type === 'BinaryExpression' || n.type === 'UnaryExpression' || n.type === 'UpdateExpression') return true;
  if (n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier' && n.property.name === 'length') return true;
  return n.type === 'ConditionalExpression' && primitiveByForm(n.consequent, numbers) && primitiveByForm(n.alternate, numbers);
}

/** No argument can reach `this`: none hands it, a field of it or a function that reads it (but the cursor as a number). */
function argumentsKeepThis(call: CallNode, scope: Node, numbers: readonly string[]): boolean {
  return call.arguments.every((a) => a.type !== 'SpreadElement' && (primitiveByForm(a, numbers) || !mentionsThis(a, scope)));
}

/** Summarizes what a method called on `this` does to `this.<field>`: undefined when it never touches it. */
export type MethodEffect = (call: CallNode, field: string) => CursorEffect | undefined;

/**
 * What a call made in `scope` does to `this.<field>`: a method of `this` asks `methodEffect`, a read-only
 * method of a field or a call handed nothing of `this` does nothing, anything else may write it.
 */
export function thisCallEffect(call: CallNode, scope: Node, field: string, methodEffect: MethodEffect | undefined, numbers: readonly string[]): CursorEffect | undefined {
  const callee = unwrap(call.callee);
  const argsSafe = argumentsKeepThis(call, scope, numbers);
  // `this.push({ … this.state … })` may be Node's own push, which hands its chunk to the consumer: ThisMethods decides.
  const maybeNode = call.type === 'CallExpression' && callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && NODE_BASE_METHODS.has(callee.property.name) && isThisOf(callee.object, scope);
  if (!argsSafe && !(maybeNode && methodEffect)) return 'bad';
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier') {
    if (call.type === 'CallExpression' && isThisOf(callee.object, scope)) return methodEffect ? methodEffect(call, field) : 'bad';
    const mp = memberPath(callee.object);
    // A read-only method of a field: `this.input.charCodeAt(i)`, `this.buf.indexOf(10, i)`.
    if (mp?.root.type === 'ThisExpression' && !mp.path.includes('[]') && READ_ONLY.has(callee.property.name) && isThisOf(mp.root, scope)) return undefined;
  }
  return mentionsThis(callee, scope) ? 'bad' : undefined;
}

export type ResolveMethods = (file: ParsedFile, call: CallNode) => Array<{ node: FunctionNode; file: ParsedFile }>;
/** Judges one function body for one field: the caller supplies the write effects (cursor-writes). */
export type JudgeBody = (fn: FunctionNode, file: ParsedFile, field: string, direction: 1 | -1, numbers: readonly string[], methods: ThisMethods) => { touched: boolean; ok: boolean; progress: boolean };

/** Summaries of the methods a loop calls on `this`, per field; a method in a call cycle counts as may-write. */
export class ThisMethods {
  private readonly memo = new Map<Node, Map<string, CursorEffect | undefined | 'pending'>>();

  constructor(
    private readonly resolve: ResolveMethods,
    private readonly judge: JudgeBody,
  ) {}

  effect(file: ParsedFile, call: CallNode, field: string, direction: 1 | -1, numbers: readonly string[]): CursorEffect | undefined {
    const targets = this.resolve(file, call);
    // Not in the project: one of Node's stream methods, which leave the subclass's fields alone, or unknown.
    if (targets.length === 0) return nodeBaseMethodKeepsFields(file, call) ? undefined : 'bad';
    const scope = thisFunctionOf(call);
    if (!scope || !argumentsKeepThis(call, scope, numbers)) return 'bad';
    let all: CursorEffect | undefined;
    for (const t of targets) {
      const e = this.effectOf(t.node, t.file, field, direction, numbers);
      if (e === 'bad') return 'bad';
      if (e === undefined) continue;
      all = all === undefined ? e : all === 'strict' && e === 'strict' ? 'strict' : 'weak';
    }
    // A call that may or may not advance: some targets advance, some leave it alone.
    if (all === 'strict' && targets.some((t) => this.effectOf(t.node, t.file, field, direction, numbers) === undefined)) return 'weak';
    return all;
  }

  private effectOf(fn: FunctionNode, file: ParsedFile, field: string, direction: 1 | -1, numbers: readonly string[]): CursorEffect | undefined {
    let byField = this.memo.get(fn);
    if (!byField) this.memo.set(fn, (byField = new Map()));
    const key = `${direction}:${field}:${numbers.join(',')}`;
    if (byField.has(key)) {
      const known = byField.get(key);
      return known === 'pending' ? 'bad' : known;
    }
    byField.set(key, 'pending');
    let result: CursorEffect | undefined;
    // A generator runs none of its body when called; an async one runs the rest later; an arrow's `this` is not the receiver.
    if (!fn.body || fn.generator || fn.async || fn.type === 'ArrowFunctionExpression' || !thisUsedOnlyForFields(fn)) result = 'bad';
    else {
      const verdict = this.judge(fn, file, field, direction, numbers, this);
      result = !verdict.ok ? 'bad' : !verdict.touched ? undefined : verdict.progress ? 'strict' : 'weak';
    }
    byField.set(key, result);
    return result;
  }
}

/** The walk a method body gets: its returns must all advance (strict), or it never moves back (weak). */
export function judgeWith(effectOf: (n: Node) => CursorEffect | undefined, body: Node): { touched: boolean; ok: boolean; progress: boolean } {
  let touched = false;
  walk(body, (n) => {
    if (touched) return false;
    if (n !== body && isFunctionNode(n)) return false;
    if ((n.type === 'AssignmentExpression' || n.type === 'UpdateExpression' || n.type === 'CallExpression' || n.type === 'NewExpression') && effectOf(n) !== undefined) touched = true;
  });
  if (!touched) return { touched, ok: true, progress: false };
  const verdict = everyReturnProgresses(body, { effectOf, endWhen: () => false });
  return { touched, ok: verdict.ok, progress: verdict.progress };
}
