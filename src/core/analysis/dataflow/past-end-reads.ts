// What a condition says once a cursor has run past the end of what it indexes: `s.charCodeAt(i)` is
// NaN there and `xs[i]` undefined, so a tokenizer's `while (isDigit(code)) code = s.charCodeAt(++pos)`
// stops at the end of its input. The condition is evaluated with those values: literals, comparisons,
// `!`/`&&`/`||`/`?:`, arithmetic, and calls of small project predicates (one returned expression).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import { isFunctionNode, unwrap, type Node } from './ast';
import { referencesOf } from './references';
import type { ParsedFile } from '../project/types';

/** A read of one element at a cursor: `X[c ± k]`, `X.charCodeAt(c ± k)`, `X.codePointAt(++c)`. */
export interface ElementRead {
  object: Node;
  cursor: Node;
  /** What the read gives past either end: NaN for the char code methods, undefined for an index. */
  pastEnd: number | undefined;
}

export function elementRead(node: Node): ElementRead | undefined {
  const n = unwrap(node);
  let object: Node;
  let index: Node;
  let pastEnd: number | undefined;
  if (n.type === 'MemberExpression' && n.computed) (object = unwrap(n.object)), (index = unwrap(n.property)), (pastEnd = undefined);
  else if (n.type === 'CallExpression' && n.arguments.length === 1 && unwrap(n.callee).type === 'MemberExpression') {
    const callee = unwrap(n.callee) as TSESTree.MemberExpression;
    // `at(-1)` counts from the end and `charAt` gives '' past it: only the two that give NaN.
    if (callee.computed || callee.property.type !== 'Identifier' || !['charCodeAt', 'codePointAt'].includes(callee.property.name)) return undefined;
    object = unwrap(callee.object);
    index = unwrap(n.arguments[0] as Node);
    pastEnd = NaN;
  } else return undefined;
  if (index.type === 'BinaryExpression' && (index.operator === '+' || index.operator === '-') && unwrap(index.right).type === 'Literal' && typeof (unwrap(index.right) as TSESTree.Literal).value === 'number') index = unwrap(index.left as Node);
  // `X[++c]`, `s.charCodeAt(c++)`: the read is at the cursor (the walk judges the move).
  if (index.type === 'UpdateExpression') index = unwrap(index.argument);
  if (index.type !== 'Identifier' && index.type !== 'MemberExpression') return undefined;
  if (object.type === 'Literal' || object.type === 'ArrayExpression') return undefined;
  return { object, cursor: index, pastEnd };
}

const UNKNOWN = Symbol('unknown');
/** Known falsy / truthy, value not known (`x && false`). */
const FALSY = Symbol('falsy');
const TRUTHY = Symbol('truthy');
type Value = string | number | boolean | null | undefined | typeof UNKNOWN | typeof FALSY | typeof TRUTHY;

/** A condition's truth once every bound read is past the end: true, false, or undefined when not known. */
export function truthPastEnd(
  condition: Node,
  bound: (node: Node) => { value: number | string | undefined } | undefined,
  file: ParsedFile,
  resolve: (file: ParsedFile, call: TSESTree.CallExpression) => Array<{ node: Node; file: ParsedFile }>,
): boolean | undefined {
  const ev = new Evaluator(resolve);
  return truth(ev.evaluate(condition, { file, values: new Map(), bound }, 0));
}

function truth(v: Value): boolean | undefined {
  if (v === UNKNOWN) return undefined;
  if (v === FALSY) return false;
  if (v === TRUTHY) return true;
  return !!v;
}

function known(v: Value): v is string | number | boolean | null | undefined {
  return v !== UNKNOWN && v !== FALSY && v !== TRUTHY;
}

interface Scope {
  file: ParsedFile;
  /** A predicate's parameters, bound to the caller's values. */
  values: Map<Variable, Value>;
  /** The reads at the cursor (and variables holding one), in the loop's own file only. */
  bound?: (node: Node) => { value: number | string | undefined } | undefined;
}

const MAX_DEPTH = 3;

class Evaluator {
  constructor(private readonly resolve: (file: ParsedFile, call: TSESTree.CallExpression) => Array<{ node: Node; file: ParsedFile }>) {}

  evaluate(node: Node, scope: Scope, depth: number): Value {
    const n = unwrap(node);
    const b = scope.bound?.(n);
    if (b) return b.value;
    switch (n.type) {
      case 'Literal':
        return typeof n.value === 'number' || typeof n.value === 'string' || typeof n.value === 'boolean' || n.value === null ? n.value : UNKNOWN;
      case 'Identifier': {
        if (n.name === 'undefined') return undefined;
        if (n.name === 'NaN') return NaN;
        const v = referencesOf(scope.file).variableOf(n);
        return v && scope.values.has(v) ? scope.values.get(v)! : UNKNOWN;
      }
      case 'UnaryExpression': {
        const a = this.evaluate(n.argument, scope, depth);
        if (n.operator === 'void') return undefined;
        if (n.operator === '!') return truth(a) === undefined ? UNKNOWN : !truth(a);
        if (!known(a)) return UNKNOWN;
        if (n.operator === '-') return -(a as number);
        if (n.operator === '+') return +(a as number);
        return UNKNOWN;
      }
      case 'LogicalExpression': {
        const l = this.evaluate(n.left, scope, depth);
        const t = truth(l);
        if (n.operator === '??') return known(l) ? (l ?? this.evaluate(n.right, scope, depth)) : UNKNOWN;
        const and = n.operator === '&&';
        if (t !== undefined) return t === and ? this.evaluate(n.right, scope, depth) : l;
        // Left not known: `x && <falsy>` is falsy, `x || <truthy>` truthy.
        const rt = truth(this.evaluate(n.right, scope, depth));
        if (and && rt === false) return FALSY;
        if (!and && rt === true) return TRUTHY;
        return UNKNOWN;
      }
      case 'ConditionalExpression': {
        const t = truth(this.evaluate(n.test, scope, depth));
        if (t !== undefined) return this.evaluate(t ? n.consequent : n.alternate, scope, depth);
        const a = truth(this.evaluate(n.consequent, scope, depth));
        const c = truth(this.evaluate(n.alternate, scope, depth));
        return a !== undefined && a === c ? (a ? TRUTHY : FALSY) : UNKNOWN;
      }
      case 'BinaryExpression':
        if (n.left.type === 'PrivateIdentifier') return UNKNOWN;
        return binary(n.operator, this.evaluate(n.left, scope, depth), this.evaluate(n.right, scope, depth));
      case 'CallExpression':
        return this.call(n, scope, depth);
      default:
        return UNKNOWN;
    }
  }

  /** A project predicate with one returned expression, its parameters bound to the arguments' values. */
  private call(call: TSESTree.CallExpression, scope: Scope, depth: number): Value {
    const callee = unwrap(call.callee);
    const args = call.arguments.map((a) => (a.type === 'SpreadElement' ? UNKNOWN : this.evaluate(a, scope, depth)));
    // Number.isNaN / isNaN of a known value.
    const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && unwrap(callee.object).type === 'Identifier' && (unwrap(callee.object) as TSESTree.Identifier).name === 'Number' ? `Number.${callee.property.name}` : undefined;
    if ((name === 'isNaN' || name === 'Number.isNaN') && args.length === 1 && known(args[0])) return name === 'isNaN' ? Number.isNaN(Number(args[0])) : Number.isNaN(args[0]);
    if (depth >= MAX_DEPTH) return UNKNOWN;
    let targets: Array<{ node: Node; file: ParsedFile }>;
    try {
      targets = this.resolve(scope.file, call);
    } catch {
      return UNKNOWN;
    }
    if (targets.length !== 1) return UNKNOWN;
    const { node: fn, file } = targets[0];
    if (!isFunctionNode(fn) || fn.async || fn.generator) return UNKNOWN;
    const returned = returnedExpression(fn);
    if (!returned) return UNKNOWN;
    const values = new Map<Variable, Value>();
    const refs = referencesOf(file);
    for (let i = 0; i < fn.params.length; i++) {
      const p = fn.params[i];
      if (p.type !== 'Identifier') return UNKNOWN;
      const v = refs.variableOf(p);
      // A parameter the predicate reassigns is not the argument any more.
      if (!v || v.references.some((r) => r.isWrite() && !r.init)) return UNKNOWN;
      values.set(v, i < args.length ? args[i] : undefined);
    }
    return this.evaluate(returned, { file, values }, depth + 1);
  }
}

/** `x => expr`, `function (x) { return expr; }`: the one expression a predicate returns. */
function returnedExpression(fn: TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression): Node | undefined {
  if (fn.body.type !== 'BlockStatement') return fn.body;
  const body = fn.body.body;
  return body.length === 1 && body[0].type === 'ReturnStatement' && body[0].argument ? body[0].argument : undefined;
}

function binary(op: string, l: Value, r: Value): Value {
  if (known(l) && known(r)) {
    // Both are primitives: JavaScript's own operators give the answer.
    const a = l as never;
    const b = r as never;
    switch (op) {
      case '===': return a === b;
      case '!==': return a !== b;
      case '==': return a == b;
      case '!=': return a != b;
      case '<': return a < b;
      case '<=': return a <= b;
      case '>': return a > b;
      case '>=': return a >= b;
      case '+': return (a as number) + (b as number);
      case '-': return (a as number) - (b as number);
      case '*': return (a as number) * (b as number);
      case '/': return (a as number) / (b as number);
      case '%': return (a as number) % (b as number);
      case '|': return (a as number) | (b as number);
      case '&': return (a as number) & (b as number);
      default: return UNKNOWN;
    }
  }
  // One side NaN or undefined, the other not known: every order comparison is false (both become NaN),
  // `===` is false for NaN, and `undefined === x` is not known.
  const nanLike = (v: Value) => known(v) && (Number.isNaN(v) || v === undefined);
  const isNaNValue = (v: Value) => typeof v === 'number' && Number.isNaN(v);
  if (['<', '<=', '>', '>='].includes(op) && (nanLike(l) || nanLike(r))) return false;
  if ((op === '===' || op === '==') && (isNaNValue(l) || isNaNValue(r))) return false;
  if ((op === '!==' || op === '!=') && (isNaNValue(l) || isNaNValue(r))) return true;
  if (['-', '*', '/', '%'].includes(op) && (isNaNValue(l) || isNaNValue(r))) return NaN;
  return UNKNOWN;
}
