// What is known about a numeric value where it is read: an interval, whether it is an integer, and
// for arrays/strings an upper bound on `.length`. Facts come from the code that dominates the read in
// the function's structured control flow: an `if` whose branch returns/throws/breaks (`if (n > 100)
// return`), a branch the read sits in (`if (n <= 100) { … }`, `n > 100 ? 100 : n`), a clamp on every
// branch (`if (n > MAX) n = MAX`), and the value last assigned (`Math.min(n, MAX)`, `.slice(0, N)`).
// A write on some path between the check and the read, a write in a loop around the read, or a write
// from a closure voids what the check said.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import type { ParsedFile } from '../project/types';
import { isFunctionNode, isLoopNode, memberPath, someNode, unwrap, walk, type Node } from './ast';
import { PURE_METHODS } from './loop-operands';
import { referencesOf } from './references';
import { pathUse } from './stable-paths';
import { isValidatedWrite, validatedDeclaredBounds, validatedMemberBounds } from './validated-bounds';
import { firstElementReadBefore } from './element-read-before';
import { foreignReadCount } from './validators/resolve';
import { buildsRealValue, parsesToArray, queryBuilderRows, stringListElement, surelyCallsMethodOn } from './real-values';

export interface Bounds {
  lo: number;
  hi: number;
  int: boolean;
  /** Upper bound on `.length` (an array or string cut to size). */
  lenHi: number;
  /**
   * No greater than the size of some data (a `.length`, or arithmetic of sizes and constants): finite
   * for a real array or string even where no number is known (`hi` Infinity).
   */
  sized?: true;
  /**
   * A real string or array, or its `.length` (real-values.ts): the length counts what the value holds,
   * which a client cannot set the way it sets `{"length": 1e400}` in a body.
   */
  real?: true;
}

export const UNBOUNDED: Bounds = Object.freeze({ lo: -Infinity, hi: Infinity, int: false, lenHi: Infinity });

const exact = (c: number): Bounds => ({ lo: c, hi: c, int: Number.isInteger(c), lenHi: Infinity });
/** A real string or array (real-values.ts): its `.length` counts what it holds. */
const REAL: Bounds = Object.freeze({ ...UNBOUNDED, real: true });

/** Both facts hold. */
export function join(a: Bounds, b: Bounds): Bounds {
  return withReal(withSize({ lo: Math.max(a.lo, b.lo), hi: Math.min(a.hi, b.hi), int: a.int || b.int, lenHi: Math.min(a.lenHi, b.lenHi) }, !!(a.sized || b.sized)), !!(a.real || b.real));
}

/** One of the two holds (two paths meet). */
export function meet(a: Bounds, b: Bounds): Bounds {
  return withReal(withSize({ lo: Math.min(a.lo, b.lo), hi: Math.max(a.hi, b.hi), int: a.int && b.int, lenHi: Math.max(a.lenHi, b.lenHi) }, finiteOrSized(a) && finiteOrSized(b)), !!(a.real && b.real));
}

function withReal(b: Bounds, real: boolean): Bounds {
  if (real) b.real = true;
  return b;
}

function unsized(b: Bounds): Bounds {
  if (!b.sized && !b.real) return b;
  const { sized: _, real: __, ...rest } = b;
  return rest;
}

/** Whether the read runs on each turn of a loop of its function (in the test, update or body; not a `for` init). */
function readInLoop(n: Node): boolean {
  for (let child = n, p = n.parent; p && !isFunctionNode(p); child = p, p = p.parent) {
    if (isLoopNode(p) && !(p.type === 'ForStatement' && p.init === child)) return true;
  }
  return false;
}

/** At most some number, or at most the size of some data. */
export function finiteOrSized(b: Bounds): boolean {
  return b.hi < Infinity || !!b.sized;
}

/** The facts, marked as a size when that still says something (a finite `hi` says more). */
function withSize(b: Bounds, sized: boolean): Bounds {
  return sized && b.hi === Infinity ? { ...b, sized: true } : b;
}

export function informative(b: Bounds): boolean {
  return b.lo > -Infinity || b.hi < Infinity || b.int || b.lenHi < Infinity || !!b.sized || !!b.real;
}

export function sameBounds(a: Bounds | undefined, b: Bounds | undefined): boolean {
  return a === b || (!!a && !!b && a.lo === b.lo && a.hi === b.hi && a.int === b.int && a.lenHi === b.lenHi && !a.sized === !b.sized && !a.real === !b.real);
}

/**
 * The `.length` of a real list held in a variable, read at `read`, counts what the list holds there:
 * read outside a loop, or in one that nothing in it can grow the list during (see lengthBounds).
 */
export function sizeReadKeepsReal(file: ParsedFile, object: TSESTree.Identifier, read: Node): boolean {
  const variable = referencesOf(file).variableOf(object);
  return !!variable && (!readInLoop(read) || !mayGrow(variable, file) || !growsDuringLoopOf(variable, read, file));
}

/** `.length` of a value with these facts. */
export function lengthOf(b: Bounds | undefined): Bounds {
  return withReal(withSize({ lo: 0, hi: b ? b.lenHi : Infinity, int: true, lenHi: Infinity }, true), !!b && (b.real || b.lenHi < Infinity));
}

const MAX_DEPTH = 6;

interface Ctx {
  file: ParsedFile;
  depth: number;
  /** Reads being evaluated (a declaration that reads its own variable ends here). */
  active: Set<Node>;
  /** Facts at this loop's entry (boundsOnEntry): a size read before it is a snapshot, finite whatever the list does later. */
  entryOf?: Node;
  /** A variable no code writes, taken as truthy or falsy: its `?:` and `if` take that branch (boundsOnEntry's `assuming`). */
  assuming?: Assumption;
}

/** A variable never written after its declaration, taken to be truthy (`truth`) or falsy. */
export interface Assumption {
  variable: Variable;
  truth: boolean;
}

/** Which way a test goes under the assumption (`flag`, `!flag`), or undefined when it does not read only that variable. */
function decided(test: Node, a: Assumption | undefined, file: ParsedFile): boolean | undefined {
  if (!a) return undefined;
  let t = unwrap(test);
  let truth = a.truth;
  while (t.type === 'UnaryExpression' && t.operator === '!') {
    t = unwrap(t.argument);
    truth = !truth;
  }
  return t.type === 'Identifier' && referencesOf(file).variableOf(t) === a.variable ? truth : undefined;
}

const memo = new WeakMap<Node, Bounds>();

/** Facts about the value of an expression (UNBOUNDED when nothing is known). */
export function boundsOf(file: ParsedFile, node: Node): Bounds {
  return valueBounds(node, { file, depth: 0, active: new Set() });
}

function valueBounds(node: Node, ctx: Ctx): Bounds {
  const n = unwrap(node);
  const cached = ctx.entryOf ? undefined : memo.get(n);
  if (cached) return cached;
  if (ctx.depth > MAX_DEPTH || ctx.active.has(n)) return UNBOUNDED;
  ctx.active.add(n);
  ctx.depth++;
  const reads = foreignReadCount();
  try {
    const b = computeValue(n, ctx);
    // Only results that did not stop at the depth or on a cycle are final; one that read a schema
    // of another module can change without this file changing.
    if (ctx.depth === 1 && !ctx.entryOf && foreignReadCount() === reads) memo.set(n, b);
    return b;
  } finally {
    ctx.depth--;
    ctx.active.delete(n);
  }
}

function computeValue(n: Node, ctx: Ctx): Bounds {
  const c = constantNumber(n, ctx.file);
  if (c !== undefined) return exact(c);
  switch (n.type) {
    case 'Identifier': {
      const variable = referencesOf(ctx.file).variableOf(n);
      return variable ? factsAtRead(n, variable, ctx) : UNBOUNDED;
    }
    case 'MemberExpression': {
      // `list.length` of a list cut to size (`byteLength`: a buffer's size).
      if (!n.computed && n.property.type === 'Identifier' && SIZE_PROPERTIES.has(n.property.name)) {
        return lengthBounds(unwrap(n.object), n, ctx);
      }
      // An element of a list of strings (`s.split('.')[0]`): a string (or undefined, whose `.length` throws).
      if (stringListElement(n, ctx.file)) return REAL;
      return memberFacts(n, ctx);
    }
    case 'UnaryExpression': {
      const b = valueBounds(n.argument, ctx);
      if (n.operator === '+') return b;
      if (n.operator === '-') return { lo: -b.hi, hi: -b.lo, int: b.int, lenHi: Infinity };
      return UNBOUNDED;
    }
    case 'BinaryExpression': {
      if (n.left.type === 'PrivateIdentifier') return UNBOUNDED;
      const a = valueBounds(n.left, ctx);
      const b = valueBounds(n.right, ctx);
      const int = a.int && b.int;
      const interval = (lo: number, hi: number, sized = false): Bounds => (Number.isNaN(lo) || Number.isNaN(hi) ? UNBOUNDED : withSize({ lo, hi, int, lenHi: Infinity }, sized));
      // Sums and products of sizes and numbers stay finite; a difference only while what is taken is bounded below.
      const bothSized = finiteOrSized(a) && finiteOrSized(b);
      // A sum with a string or array in it is a string.
      if (n.operator === '+') return a.real || b.real ? REAL : interval(a.lo + b.lo, a.hi + b.hi, bothSized);
      if (n.operator === '-') return interval(a.lo - b.hi, a.hi - b.lo, finiteOrSized(a) && b.lo > -Infinity);
      if (n.operator === '*') {
        const products = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi];
        return interval(Math.min(...products), Math.max(...products), bothSized && a.lo >= 0 && b.lo >= 0);
      }
      // x % m stays within (-|m|, |m|) for a constant m.
      if (n.operator === '%' && b.lo === b.hi && b.lo !== 0 && Number.isFinite(b.lo)) return interval(-Math.abs(b.lo), Math.abs(b.lo));
      return UNBOUNDED;
    }
    case 'ConditionalExpression': {
      const way = decided(n.test, ctx.assuming, ctx.file);
      if (way !== undefined) return valueBounds(way ? n.consequent : n.alternate, ctx);
      return meet(valueBounds(n.consequent, ctx), valueBounds(n.alternate, ctx));
    }
    case 'LogicalExpression':
      return meet(valueBounds(n.left, ctx), valueBounds(n.right, ctx));
    case 'AssignmentExpression':
      return n.operator === '=' ? valueBounds(n.right, ctx) : UNBOUNDED;
    case 'CallExpression':
      return callBounds(n, ctx);
    case 'AwaitExpression':
      return queryBuilderRows(n.argument) ? REAL : UNBOUNDED;
    case 'Literal':
      return typeof n.value === 'string' ? { ...REAL, lenHi: n.value.length } : UNBOUNDED;
    case 'TemplateLiteral':
    case 'ArrayExpression':
      return REAL;
    default:
      return UNBOUNDED;
  }
}

/** `.length` of `object`, read at `read` (`list.length`, or `const { length } = list`). */
function lengthBounds(object: Node, read: Node, ctx: Ctx): Bounds {
  if (ctx.entryOf && !readEachTurn(ctx.entryOf, read)) return snapshotLength(object, read, ctx);
  if (object.type === 'Identifier') {
    const variable = referencesOf(ctx.file).variableOf(object);
    const length = nonEmpty(lengthOf(variable ? factsAtRead(object, variable, ctx) : undefined), variable, read, ctx);
    // Read once before a loop, the size is a number; read in one, it is no size to count on when
    // the function may grow the list (the loop can append to what it walks).
    if (!variable || !readInLoop(read) || !mayGrow(variable, ctx.file)) return length;
    // Still a real list, unless it may grow while this loop runs.
    return length.real && !growsDuringLoopOf(variable, read, ctx.file) ? { ...unsized(length), real: true } : unsized(length);
  }
  // Whether a member list grows is not followed: its length is no size to count on. It stays a real
  // list where nothing mutates the path or hands it on (`for (const w of r.workers)` before the loop).
  if (object.type !== 'MemberExpression') return UNBOUNDED;
  if (stringListElement(object, ctx.file)) return lengthOf(REAL);
  const facts = memberFacts(object, ctx);
  const length = unsized(lengthOf(facts));
  return facts.real && memberKeptWhole(object, ctx.file) ? { ...length, real: true } : length;
}

/** A member path nothing assigns, mutates or hands on (stable-paths.ts). */
function memberKeptWhole(n: TSESTree.MemberExpression, file: ParsedFile): boolean {
  const mp = memberPath(n);
  const variable = mp?.root.type === 'Identifier' ? referencesOf(file).variableOf(mp.root) : undefined;
  if (!mp || !variable || mp.path.includes('[]')) return false;
  const use = pathUse(variable, mp.path);
  return use.stable && !use.handedOn;
}

/** `.length` read before the loop whose entry is asked about: the size the data had then (read again in a loop around, it is still a size each time). */
function snapshotLength(object: Node, read: Node, ctx: Ctx): Bounds {
  if (object.type === 'Identifier') {
    const variable = referencesOf(ctx.file).variableOf(object);
    return nonEmpty(lengthOf(variable ? factsAtRead(object, variable, ctx) : undefined), variable, read, ctx);
  }
  return object.type === 'MemberExpression' ? lengthOf(factsAtMemberRead(object, ctx)) : UNBOUNDED;
}

/** A length of a list whose first element had a property read before (it would have thrown on an empty one) is at least 1. */
function nonEmpty(length: Bounds, variable: Variable | undefined, read: Node, ctx: Ctx): Bounds {
  if (!variable || length.lo >= 1 || writesOf(variable).length > 0 || mayGrow(variable, ctx.file) || !firstElementReadBefore(variable, read, ctx.file)) return length;
  return { ...length, lo: 1 };
}

/** What a declarator that writes the subject gives it: its value, or the length it destructures (`const { length } = list`). */
function declaredBounds(d: TSESTree.VariableDeclarator, s: Subject, ctx: Ctx): Bounds {
  if (!d.init) return UNBOUNDED;
  if (d.id.type === 'Identifier') return valueBounds(d.init, ctx);
  if (d.id.type !== 'ObjectPattern') return UNBOUNDED;
  const lengthProp = d.id.properties.find((p) => p.type === 'Property' && !p.computed && p.key.type === 'Identifier' && p.key.name === 'length' && s.writes.some((w) => within(p.value, w)));
  return lengthProp ? lengthBounds(unwrap(d.init), d, ctx) : (validatedDeclaredBounds(d, (id) => s.writes.includes(id), ctx.file) ?? UNBOUNDED);
}

/** A member read's facts: the checks before it, and the schema of the validator it was read from (validated-bounds.ts). */
function memberFacts(n: TSESTree.MemberExpression, ctx: Ctx): Bounds {
  const checked = factsAtMemberRead(n, ctx);
  const validated = validatedMemberBounds(n, ctx.file);
  return validated ? join(checked, validated) : checked;
}

/** Aliases of Math functions (`var nativeMax = Math.max`, lodash's and minifiers' idiom) by the name they alias. */
function aliasedMath(id: TSESTree.Identifier, file: ParsedFile): string | undefined {
  const variable = referencesOf(file).variableOf(id);
  const writes = variable?.references.filter((r) => r.isWrite()) ?? [];
  const decl = writes.length === 1 ? writes[0].identifier.parent : undefined;
  if (decl?.type !== 'VariableDeclarator' || !decl.init) return undefined;
  const path = memberPath(unwrap(decl.init))?.path;
  return path?.startsWith('Math.') ? path : undefined;
}

function calleeText(call: TSESTree.CallExpression, file?: ParsedFile): string | undefined {
  const c = unwrap(call.callee);
  if (c.type === 'Identifier') return (file && aliasedMath(c, file)) ?? c.name;
  const mp = c.type === 'MemberExpression' ? memberPath(c) : undefined;
  return mp?.path;
}

function callBounds(call: TSESTree.CallExpression, ctx: Ctx): Bounds {
  const name = calleeText(call, ctx.file);
  const args = call.arguments.filter((a): a is TSESTree.Expression => a.type !== 'SpreadElement');
  if (args.length !== call.arguments.length) return UNBOUNDED;
  const arg = (i: number) => (args[i] ? valueBounds(args[i], ctx) : UNBOUNDED);
  switch (name) {
    case 'Math.min':
      return args.length ? args.map((_, i) => arg(i)).reduce((a, b) => withSize({ lo: Math.min(a.lo, b.lo), hi: Math.min(a.hi, b.hi), int: a.int && b.int, lenHi: Infinity }, finiteOrSized(a) || finiteOrSized(b))) : UNBOUNDED;
    case 'Math.max':
      return args.length ? args.map((_, i) => arg(i)).reduce((a, b) => withSize({ lo: Math.max(a.lo, b.lo), hi: Math.max(a.hi, b.hi), int: a.int && b.int, lenHi: Infinity }, finiteOrSized(a) && finiteOrSized(b))) : UNBOUNDED;
    case 'Math.floor':
    case 'Math.ceil':
    case 'Math.round':
    case 'Math.trunc': {
      const b = arg(0);
      return withSize({ lo: Math.floor(b.lo), hi: Math.ceil(b.hi), int: true, lenHi: Infinity }, !!b.sized);
    }
    case 'Number':
    case 'parseFloat':
    case 'Number.parseFloat':
      return { ...arg(0), lenHi: Infinity };
    case 'parseInt':
    case 'Number.parseInt':
      return { ...arg(0), int: true, lenHi: Infinity };
  }
  // list.slice(0, N) / s.substring(0, N): at most N long.
  const callee = unwrap(call.callee);
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && ['slice', 'substring'].includes(callee.property.name) && args.length === 2) {
    const start = constantNumber(args[0], ctx.file);
    const end = constantNumber(args[1], ctx.file);
    if (start !== undefined && end !== undefined && start >= 0 && end >= 0) return { ...REAL, lenHi: end };
  }
  return buildsRealValue(call) || parsesToArray(call, ctx.file) ? REAL : UNBOUNDED;
}

/** Arithmetic a constant is spelled with (`60 * 1000`, `(2 << 15) - 1`, `2 ** 16`). */
const CONSTANT_OPERATORS: Record<string, (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '**': (a, b) => a ** b,
  '<<': (a, b) => a << b,
  '>>': (a, b) => a >> b,
  '>>>': (a, b) => a >>> b,
  '|': (a, b) => a | b,
  '&': (a, b) => a & b,
  '^': (a, b) => a ^ b,
};

/** A number the code spells out: a literal, `-1`, `60 * 1000`, or a `const` initialized with one. */
export function constantNumber(node: Node, file: ParsedFile, depth = 0): number | undefined {
  const n = unwrap(node);
  if (depth > 10) return undefined;
  if (n.type === 'Literal') return typeof n.value === 'number' && Number.isFinite(n.value) ? n.value : undefined;
  if (n.type === 'UnaryExpression' && (n.operator === '-' || n.operator === '+')) {
    const v = constantNumber(n.argument, file, depth + 1);
    return v === undefined ? undefined : n.operator === '-' ? -v : v;
  }
  if (n.type === 'BinaryExpression' && Object.hasOwn(CONSTANT_OPERATORS, n.operator) && n.left.type !== 'PrivateIdentifier') {
    const a = constantNumber(n.left, file, depth + 1);
    const b = constantNumber(n.right, file, depth + 1);
    if (a === undefined || b === undefined) return undefined;
    const v = CONSTANT_OPERATORS[n.operator](a, b);
    return Number.isFinite(v) ? v : undefined;
  }
  if (n.type === 'Identifier') {
    const variable = referencesOf(file).variableOf(n);
    const def = variable?.defs[0];
    if (!variable || variable.defs.length !== 1 || def?.type !== 'Variable') return undefined;
    const declaration = def.parent as TSESTree.VariableDeclaration | undefined;
    const declarator = def.node as TSESTree.VariableDeclarator;
    if (!declarator.init || declarator.id.type !== 'Identifier') return undefined;
    // A module's `var MAX = 9007199254740991` written nowhere else is its constant (older code's idiom)
    // once the module has run, which it has when its functions are called from outside.
    const moduleConstant = declaration?.parent?.type === 'Program' && variable.references.every((r) => !r.isWrite() || r.identifier === declarator.id);
    if (declaration?.kind !== 'const' && !moduleConstant) return undefined;
    return constantNumber(declarator.init, file, depth + 1);
  }
  if (n.type === 'MemberExpression') {
    const name = exportedName(n, file);
    const value = name === undefined ? undefined : exportedConstants(file).get(name);
    return value === undefined ? undefined : constantNumber(value, file, depth + 1);
  }
  return undefined;
}

/** `X` in `exports.X` or `module.exports.X`, where `exports` and `module` are CommonJS's own. */
function exportedName(n: TSESTree.MemberExpression, file: ParsedFile): string | undefined {
  if (n.computed || n.property.type !== 'Identifier') return undefined;
  const o = unwrap(n.object);
  const own = (id: TSESTree.Identifier) => !referencesOf(file).variableOf(id)?.defs.length;
  if (o.type === 'Identifier' && o.name === 'exports' && own(o)) return n.property.name;
  if (o.type === 'MemberExpression' && !o.computed && o.property.type === 'Identifier' && o.property.name === 'exports' && o.object.type === 'Identifier' && o.object.name === 'module' && own(o.object)) return n.property.name;
  return undefined;
}

const exportedConstantsByFile = new WeakMap<Node, Map<string, Node>>();

/**
 * Exports a CommonJS module sets once, at its top level, to a value (`exports.MAX = 100`, as tsc
 * compiles `export const MAX = 100`, after its `exports.MAX = void 0`) and writes nowhere else in the file:
 * the module's constants once it has run, which it has when its functions are called from outside.
 */
function exportedConstants(file: ParsedFile): Map<string, Node> {
  let constants = exportedConstantsByFile.get(file.ast);
  if (constants) return constants;
  const values = new Map<string, Node | null>();
  walk(file.ast, (n) => {
    let target: Node | undefined;
    if (n.type === 'AssignmentExpression') target = n.left;
    else if (n.type === 'UpdateExpression') target = n.argument;
    else if (n.type === 'UnaryExpression' && n.operator === 'delete') target = n.argument;
    const t = target && unwrap(target);
    const name = t?.type === 'MemberExpression' ? exportedName(t, file) : undefined;
    if (name === undefined) return;
    const assignment = n.type === 'AssignmentExpression' && n.operator === '=' ? n : undefined;
    // `exports.A = exports.B = void 0`: the chain sits in one statement at the top level.
    let statement: Node | undefined = n;
    while (statement?.parent?.type === 'AssignmentExpression') statement = statement.parent;
    const topLevel = statement?.parent?.type === 'ExpressionStatement' && statement.parent.parent?.type === 'Program';
    const right = assignment && unwrap(assignment.right);
    if (topLevel && right?.type === 'UnaryExpression' && right.operator === 'void') return;
    if (!topLevel || !right || right.type === 'AssignmentExpression' || values.has(name)) values.set(name, null);
    else values.set(name, right);
  });
  constants = new Map([...values].filter((e): e is [string, Node] => e[1] !== null));
  exportedConstantsByFile.set(file.ast, constants);
  return constants;
}

// ---- facts where a variable is read ----

/** The function (or program) whose scope declares the variable. */
function declaringFunction(variable: Variable): Node | undefined {
  let n: Node | undefined = variable.scope.block as Node;
  while (n && !isFunctionNode(n) && n.type !== 'Program') n = n.parent;
  return n;
}

function enclosingFunction(node: Node): Node | undefined {
  let n = node.parent;
  while (n && !isFunctionNode(n) && n.type !== 'Program') n = n.parent;
  return n;
}

function writesOf(variable: Variable): Node[] {
  return variable.references.filter((r) => r.isWrite()).map((r) => r.identifier as Node);
}

const within = (outer: Node, inner: Node) => outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];

/**
 * Uses that may grow a list (or hand it to code that might): anything but reading a property, a pure
 * method call, iterating it or comparing it. Its `.length` bound then means nothing.
 */
function mayGrow(variable: Variable, file: ParsedFile): boolean {
  return growthUses(variable, file).length > 0;
}

/**
 * The uses of a list that may grow it: a write through it, a method that is not read-only, or a bare
 * use that hands it on (`byMethod` false: the code it reaches may keep it and grow it later).
 */
function growthUses(variable: Variable, file: ParsedFile, seen?: Set<Variable>): Array<{ node: Node; byMethod: boolean }> {
  const out: Array<{ node: Node; byMethod: boolean }> = [];
  for (const ref of variable.references) {
    if (ref.isWrite()) continue;
    const id = ref.identifier as Node;
    const p = id.parent;
    if (!p) {
      out.push({ node: id, byMethod: false });
      continue;
    }
    if (p.type === 'MemberExpression' && p.object === id) {
      const up = p.parent;
      if (up?.type === 'AssignmentExpression' && up.left === p) out.push({ node: id, byMethod: true });
      else if (up?.type === 'UpdateExpression' || (up?.type === 'UnaryExpression' && up.operator === 'delete')) out.push({ node: id, byMethod: true });
      else if (up?.type === 'CallExpression' && up.callee === p) {
        const method = !p.computed && p.property.type === 'Identifier' ? p.property.name : undefined;
        if (!method || !PURE_METHODS.has(method)) out.push({ node: id, byMethod: true });
      }
      continue;
    }
    if (p.type === 'ForOfStatement' && p.right === id) continue;
    if (p.type === 'BinaryExpression' || (p.type === 'UnaryExpression' && p.operator !== 'delete')) continue;
    if (p.type === 'CallExpression' && p.callee !== id && handedToReader(p, p.arguments.indexOf(id as TSESTree.CallExpressionArgument), file, seen ?? new Set([variable]))) continue;
    out.push({ node: id, byMethod: false });
  }
  return out;
}

/**
 * A call to a function of the same file (by its name) whose parameter at `index` nothing in it grows,
 * stores or hands on to code that might: `if (s.length > 100) throw …; return scan(s);` keeps the size checked.
 */
function handedToReader(call: TSESTree.CallExpression, index: number, file: ParsedFile, seen: Set<Variable>): boolean {
  if (index < 0 || call.optional || call.arguments.slice(0, index + 1).some((a) => a.type === 'SpreadElement')) return false;
  const callee = unwrap(call.callee);
  if (callee.type !== 'Identifier') return false;
  const fn = sameFileFunction(callee, file);
  const param = fn?.params[index];
  if (!fn || fn.async || fn.generator || param?.type !== 'Identifier') return false;
  const variable = referencesOf(file).variableOf(param);
  if (!variable || seen.has(variable)) return !!variable; // a cycle of such calls grows nothing by itself
  if (usesArguments(fn) || variable.references.some((r) => r.isWrite() && !r.init)) return false;
  seen.add(variable);
  return growthUses(variable, file, seen).length === 0;
}

/** A function declaration, or a `const` set to a function, that a name refers to. */
function sameFileFunction(id: TSESTree.Identifier, file: ParsedFile): TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression | undefined {
  const variable = referencesOf(file).variableOf(id);
  const def = variable?.defs[0];
  if (!variable || variable.defs.length !== 1) return undefined;
  if (def?.type === 'FunctionName' && def.node.type === 'FunctionDeclaration') return variable.references.some((r) => r.isWrite()) ? undefined : def.node;
  if (def?.type !== 'Variable' || (def.parent as TSESTree.VariableDeclaration).kind !== 'const') return undefined;
  const init = (def.node as TSESTree.VariableDeclarator).init;
  return init && isFunctionNode(init) ? init : undefined;
}

const argumentsUse = new WeakMap<Node, boolean>();

/** Whether a function reads `arguments` (its parameters may then be reached by index). */
function usesArguments(fn: Node): boolean {
  let known = argumentsUse.get(fn);
  if (known === undefined) {
    // Nested functions count too (an arrow's `arguments` is this function's): a wider net, never a narrower one.
    known = someNode(fn, (n) => n.type === 'Identifier' && n.name === 'arguments');
    argumentsUse.set(fn, known);
  }
  return known;
}

/**
 * Whether a list may grow while the innermost loop around `read` runs: grown in that loop, or handed
 * on anywhere (the code it reaches may grow it from inside the loop), or grown in a closure. Grown by
 * its own methods only before or after that loop, it is the real list it was, whatever its size.
 */
function growsDuringLoopOf(variable: Variable, read: Node, file: ParsedFile): boolean {
  let loop: Node | undefined;
  for (let p = read.parent; p && !isFunctionNode(p); p = p.parent) {
    if (isLoopNode(p)) {
      loop = p;
      break;
    }
  }
  // A closure that grows it may be called from the loop.
  const home = enclosingFunction(read);
  return growthUses(variable, file).some((u) => !u.byMethod || !loop || within(loop, u.node) || enclosingFunction(u.node) !== home);
}

/** Properties that hold the size of the data they are read from. */
const SIZE_PROPERTIES = new Set(['length', 'byteLength']);
const COMPARISONS = new Set(['<', '<=', '>', '>=', '===', '==', '!==', '!=']);
const UNBOUNDABLE_VALUES = new Set(['MemberExpression', 'AwaitExpression', 'ObjectExpression', 'ArrayExpression', 'NewExpression', 'FunctionExpression', 'ArrowFunctionExpression', 'ClassExpression']);
const mayHaveFactsMemo = new WeakMap<Variable, boolean>();

/**
 * Cheap test first (most reads of flow data are of variables nothing checks): facts need a read of the
 * variable in a comparison or an integer check, or a write of a value that can be bounded.
 */
function mayHaveFacts(variable: Variable, file: ParsedFile): boolean {
  let r = mayHaveFactsMemo.get(variable);
  if (r !== undefined) return r;
  const reads = foreignReadCount();
  r = variable.references.some((ref) => {
    const id = ref.identifier as Node;
    if (ref.isWrite()) {
      const p = id.parent;
      // `const { length } = list`
      if (isValidatedWrite(id, file)) return true;
      if (p?.type === 'Property' && p.value === id && !p.computed && p.key.type === 'Identifier' && p.key.name === 'length' && p.parent?.type === 'ObjectPattern') return true;
      const value = p?.type === 'VariableDeclarator' && p.id === id ? p.init : p?.type === 'AssignmentExpression' && p.left === id ? p.right : undefined;
      if (!value) return false;
      const v = unwrap(value);
      if (v.type === 'AwaitExpression' && queryBuilderRows(v.argument)) return true;
      if (UNBOUNDABLE_VALUES.has(v.type) && !(v.type === 'MemberExpression' && !v.computed && v.property.type === 'Identifier' && SIZE_PROPERTIES.has(v.property.name))) return false;
      return !(v.type === 'CallExpression' && !calleeText(v, file)?.match(/^(Math\.\w+|Number(\.\w+)?|parseInt|parseFloat)$/) && !isCut(v) && !buildsRealValue(v) && !parsesToArray(v, file));
    }
    let n: Node | undefined = id.parent;
    if (n?.type === 'MemberExpression' && n.object === id) n = n.parent; // list.length
    return (n?.type === 'BinaryExpression' && COMPARISONS.has(n.operator)) || n?.type === 'CallExpression';
  });
  if (foreignReadCount() === reads) mayHaveFactsMemo.set(variable, r);
  return r;
}

function isCut(call: TSESTree.CallExpression): boolean {
  const c = unwrap(call.callee);
  return c.type === 'MemberExpression' && !c.computed && c.property.type === 'Identifier' && (c.property.name === 'slice' || c.property.name === 'substring');
}

function factsAtRead(id: TSESTree.Identifier, variable: Variable, ctx: Ctx): Bounds {
  if (!mayHaveFacts(variable, ctx.file)) return UNBOUNDED;
  const home = declaringFunction(variable);
  if (!home) return UNBOUNDED;
  const writes = writesOf(variable);
  // A closure that writes the variable may run between any check and any read: the value is what
  // the function's own writes and checks left, or any value a closure assigns (`n = Math.min(x, 100)`).
  const byClosures = writes.filter((w) => enclosingFunction(w) !== home);
  const assigned = byClosures.length ? closureAssignedBounds(byClosures, id, home, ctx) : undefined;
  if (byClosures.length && !assigned) return UNBOUNDED;
  const own = byClosures.length ? writes.filter((w) => !byClosures.includes(w)) : writes;
  const ownFacts = factsBefore(id, { variable, home, writes: own, finalValue: !assigned && own.length <= 1 }, ctx);
  const facts = assigned ? meet(ownFacts, assigned) : ownFacts;
  // A list that may grow keeps no size it was cut to, but stays a real list.
  return facts.lenHi < Infinity && mayGrow(variable, ctx.file) ? { ...facts, lenHi: Infinity } : facts;
}

/** What every closure write assigns (`n = expr`, each expr with known facts); undefined when one is not known. */
function closureAssignedBounds(writes: Node[], at: Node, home: Node, ctx: Ctx): Bounds | undefined {
  let all: Bounds | undefined;
  for (const w of writes) {
    const p = w.parent;
    if (p?.type !== 'AssignmentExpression' || p.left !== w || p.operator !== '=') return undefined;
    if (!calledOutsideLoopsOf(enclosingFunction(w), at, home, ctx.file)) return undefined;
    const b = valueBounds(p.right, ctx);
    if (!informative(b)) return undefined;
    all = all ? meet(all, b) : b;
  }
  return all;
}

/**
 * A named closure (`const readCount = () => …`, a function declaration) that is only called, never
 * handed on, and never inside a loop around `at`: it cannot run between that loop's turns.
 */
function calledOutsideLoopsOf(fn: Node | undefined, at: Node, home: Node, file: ParsedFile): boolean {
  const p = fn?.parent;
  const name = fn?.type === 'FunctionDeclaration' ? fn.id : p?.type === 'VariableDeclarator' && p.init === fn && p.id.type === 'Identifier' && p.parent?.type === 'VariableDeclaration' && p.parent.kind === 'const' ? p.id : undefined;
  const variable = name && referencesOf(file).variableOf(name);
  if (!fn || !variable || enclosingFunction(fn) !== home) return false;
  const loops: Node[] = [];
  for (let n: Node | undefined = at; n && n !== home; n = n.parent) if (isLoopNode(n)) loops.push(n);
  for (const ref of variable.references) {
    if (ref.init) continue;
    const id = ref.identifier as Node;
    if (id.parent?.type !== 'CallExpression' || id.parent.callee !== id) return false;
    if (loops.some((l) => within(l, id)) || enclosingFunction(id) !== home) return false;
  }
  return !loops.some((l) => within(l, fn));
}

/** Facts about a member path (`req.body.limit`) where it is read, when the path keeps its value (stable-paths.ts). */
function factsAtMemberRead(n: TSESTree.MemberExpression, ctx: Ctx): Bounds {
  const mp = memberPath(n);
  if (!mp || mp.root.type !== 'Identifier' || mp.path.includes('[]')) return UNBOUNDED;
  const variable = referencesOf(ctx.file).variableOf(mp.root);
  const home = variable && declaringFunction(variable);
  if (!variable || !home) return UNBOUNDED;
  const use = pathUse(variable, mp.path);
  if (!use.compared || !use.stable) return UNBOUNDED;
  const facts = factsBefore(n, { variable, home, writes: [], finalValue: true, path: mp.path }, ctx);
  return use.handedOn && facts.lenHi < Infinity ? { ...facts, lenHi: Infinity } : facts;
}

interface Subject {
  variable: Variable;
  /** A member path read from the variable, when the subject is that path rather than the variable. */
  path?: string;
  home: Node;
  writes: Node[];
  /** Written once (its declaration) or never: what held when a closure was made holds when it runs. */
  finalValue: boolean;
}

/** Facts about the subject when control reaches `target` (from the function's entry, along the structure). */
function factsBefore(target: Node, s: Subject, ctx: Ctx): Bounds {
  const p = target.parent;
  if (!p || p === s.home) return UNBOUNDED;
  if (isFunctionNode(p)) return s.finalValue ? factsBefore(p, s, ctx) : UNBOUNDED;
  if (p.type === 'Program') return UNBOUNDED;
  const writtenIn = (n: Node | null | undefined) => !!n && s.writes.some((w) => within(n, w));
  switch (p.type) {
    case 'BlockStatement':
    case 'StaticBlock':
    case 'SwitchCase': {
      let facts: Bounds;
      if (p.type === 'SwitchCase') {
        const sw = p.parent as TSESTree.SwitchStatement;
        if (target === p.test) return factsBefore(sw, s, ctx);
        // Earlier cases may fall through into this one.
        const earlier = sw.cases.slice(0, sw.cases.indexOf(p));
        facts = earlier.some((c) => c.consequent.some(writtenIn)) ? UNBOUNDED : factsBefore(sw, s, ctx);
      } else facts = factsBefore(p, s, ctx);
      const list = p.type === 'SwitchCase' ? p.consequent : p.body;
      for (const statement of list as Node[]) {
        if (statement === target) break;
        facts = transfer(statement, facts, s, ctx);
      }
      return facts;
    }
    case 'IfStatement': {
      const base = factsBefore(p, s, ctx);
      if (target === p.test) return base;
      return assumeOn(base, p.test, target === p.consequent, s, ctx);
    }
    case 'ConditionalExpression': {
      const base = factsBefore(p, s, ctx);
      if (target === p.test) return base;
      return assumeOn(base, p.test, target === p.consequent, s, ctx);
    }
    case 'LogicalExpression': {
      const base = factsBefore(p, s, ctx);
      if (target === p.left || p.operator === '??') return base;
      return assumeOn(base, p.left, p.operator === '&&', s, ctx);
    }
    case 'VariableDeclaration': {
      // `var n = list.length, i = n - 1`: the declarators before this one have run.
      let facts = factsBefore(p, s, ctx);
      for (const d of p.declarations) {
        if (d === target) break;
        facts = writtenIn(d) ? declaredBounds(d, s, ctx) : afterCalls(d.init, afterArrayOf(d.init, facts, s, ctx), s);
      }
      return facts;
    }
    case 'TryStatement': {
      if (target === p.block) return factsBefore(p, s, ctx);
      return writtenIn(p.block) || writtenIn(p.handler) ? UNBOUNDED : factsBefore(p, s, ctx);
    }
    default:
      break;
  }
  if (isLoopNode(p)) {
    if (p.type === 'ForStatement' && target === p.init) return factsBefore(p, s, ctx);
    if ((p.type === 'ForInStatement' || p.type === 'ForOfStatement') && target === p.right) return factsBefore(p, s, ctx);
    // Written in the loop: the back edge brings another value.
    const parts: Array<Node | null | undefined> = [p.body, 'test' in p ? p.test : undefined, p.type === 'ForStatement' ? p.update : undefined, p.type === 'ForInStatement' || p.type === 'ForOfStatement' ? p.left : undefined];
    if (parts.some(writtenIn)) return UNBOUNDED;
    let facts = factsBefore(p, s, ctx);
    if (p.type === 'ForStatement' && p.init) facts = p.init.type === 'VariableDeclaration' ? transfer(p.init, facts, s, ctx) : writtenIn(p.init) ? UNBOUNDED : facts;
    if ((p.type === 'WhileStatement' || p.type === 'ForStatement') && p.test && target === p.body) facts = join(facts, assume(p.test, true, s, ctx));
    if (p.type === 'ForOfStatement' && target === p.body && iteratedOver(p, s)) facts = join(facts, REAL);
    return facts;
  }
  // Expressions and simple statements: what held before them (reads inside one expression are not ordered).
  return factsBefore(p, s, ctx);
}

/** A statement that never completes normally: control cannot pass it. */
export function abrupt(n: Node): boolean {
  switch (n.type) {
    case 'ReturnStatement':
    case 'ThrowStatement':
    case 'BreakStatement':
    case 'ContinueStatement':
      return true;
    case 'BlockStatement':
      return n.body.some(abrupt);
    case 'IfStatement':
      return !!n.alternate && abrupt(n.consequent) && abrupt(n.alternate);
    default:
      return false;
  }
}

/** Facts after `statement` completes normally, given `facts` before it. */
function transfer(statement: Node, facts: Bounds, s: Subject, ctx: Ctx): Bounds {
  const writes = s.writes.some((w) => within(statement, w));
  switch (statement.type) {
    case 'IfStatement': {
      const branch = (body: Node | null | undefined, truth: boolean): Bounds | undefined => {
        const assumed = assumeOn(facts, statement.test, truth, s, ctx);
        if (!body) return assumed;
        return abrupt(body) ? undefined : transfer(body, assumed, s, ctx);
      };
      if (s.writes.some((w) => within(statement.test, w))) return UNBOUNDED;
      const way = decided(statement.test, ctx.assuming, ctx.file);
      const a = way === false ? undefined : branch(statement.consequent, true);
      const b = way === true ? undefined : branch(statement.alternate, false);
      if (way !== undefined) return (way ? a : b) ?? UNBOUNDED;
      return a && b ? meet(a, b) : (a ?? b ?? facts);
    }
    case 'BlockStatement': {
      let f = facts;
      for (const inner of statement.body) f = transfer(inner, f, s, ctx);
      return f;
    }
    case 'LabeledStatement':
      return writes ? UNBOUNDED : facts;
    case 'ForOfStatement':
      // A for-of over it ran: it is iterable, and parsed data is iterable only as a string or an array.
      return writes ? UNBOUNDED : iteratedOver(statement, s) ? join(facts, REAL) : facts;
    case 'VariableDeclaration': {
      let f = facts;
      for (const d of statement.declarations) f = s.writes.some((w) => within(d, w)) ? declaredBounds(d, s, ctx) : afterCalls(d.init, afterArrayOf(d.init, f, s, ctx), s);
      return f;
    }
    case 'ExpressionStatement': {
      // `assert(n <= 100)` (node:assert, `assert.ok`) throws unless the condition holds.
      const e0 = unwrap(statement.expression);
      if (!writes && e0.type === 'CallExpression' && e0.arguments[0] && e0.arguments[0].type !== 'SpreadElement' && ASSERTS.has(calleeText(e0) ?? '')) return join(facts, assume(e0.arguments[0], true, s, ctx));
      if (!writes) return afterCalls(e0, afterArrayOf(e0.type === 'AssignmentExpression' && e0.operator === '=' ? e0.right : e0, facts, s, ctx), s);
      const e = unwrap(statement.expression);
      if (e.type === 'AssignmentExpression' && e.operator === '=' && e.left.type === 'Identifier' && s.writes.includes(e.left)) return valueBounds(e.right, ctx);
      // `n > 100 && (n = 100)` is `if (n > 100) n = 100;` (`||`: when the left is false), as compilers
      // and minifiers write it.
      if (e.type === 'LogicalExpression' && (e.operator === '&&' || e.operator === '||') && !s.writes.some((w) => within(e.left, w))) {
        const runs = e.operator === '&&';
        const right = { type: 'ExpressionStatement', expression: e.right, directive: undefined, range: e.right.range, loc: e.right.loc, parent: statement } as unknown as Node;
        return meet(transfer(right, assumeOn(facts, e.left, runs, s, ctx), s, ctx), assumeOn(facts, e.left, !runs, s, ctx));
      }
      // Its one write is a step by one (`accumulator = array[--length]`): the value moved by it, or not
      // where a `?:` or `&&` skipped it.
      const inside = s.writes.filter((w) => within(statement, w));
      const step = inside.length === 1 && inside[0].parent?.type === 'UpdateExpression' ? inside[0].parent : undefined;
      const by = step?.operator === '++' ? 1 : -1;
      if (step) return meet(facts, withSize({ lo: facts.lo + by, hi: facts.hi + by, int: facts.int, lenHi: Infinity }, !!facts.sized));
      return UNBOUNDED;
    }
    default:
      return writes ? UNBOUNDED : facts;
  }
}

/**
 * `Array(n)` / `new Array(n)` throws a RangeError unless a number n is an integer in [0, 2^32 - 1]
 * (NaN, Infinity, fractions and negatives included): once it ran, n is one. A value not known to be a
 * number may be anything (`Array('5')` makes a list): an integer fact says it is one, unless it is a
 * size, which a client can send as any value.
 */
function afterArrayOf(value: Node | null | undefined, facts: Bounds, s: Subject, ctx: Ctx): Bounds {
  const v = value && unwrap(value);
  if (!v || (v.type !== 'CallExpression' && v.type !== 'NewExpression') || v.arguments.length !== 1 || !isSubject(v.arguments[0], s)) return facts;
  const callee = unwrap(v.callee);
  if (callee.type !== 'Identifier' || callee.name !== 'Array' || referencesOf(ctx.file).variableOf(callee)?.defs.length) return facts;
  return facts.int && !facts.sized ? join(facts, { lo: 0, hi: 2 ** 32 - 1, int: true, lenHi: Infinity }) : facts;
}

/** `for (const x of subject)` (not `for await`, which also takes async iterables). */
function iteratedOver(statement: TSESTree.ForOfStatement, s: Subject): boolean {
  return !statement.await && isSubject(statement.right, s);
}

/** After an expression that always calls a method on the subject (`path.startsWith('[')`), it is a real string or array. */
function afterCalls(value: Node | null | undefined, facts: Bounds, s: Subject): Bounds {
  if (!value || facts.real) return facts;
  // Most subjects have no method called on them at all, and most statements hold none of those calls.
  const receivers = methodReceivers(s);
  if (!receivers.some((r) => within(value, r))) return facts;
  return surelyCallsMethodOn(value, (n) => receivers.includes(n)) ? join(facts, REAL) : facts;
}

const receiversMemo = new WeakMap<Variable, Map<string, Node[]>>();

/** The subject's reads that a method is called on (`path` in `path.startsWith(…)`), any method. */
function methodReceivers(s: Subject): Node[] {
  let byPath = receiversMemo.get(s.variable);
  if (!byPath) receiversMemo.set(s.variable, (byPath = new Map()));
  const key = s.path ?? '';
  let out = byPath.get(key);
  if (out) return out;
  out = [];
  for (const ref of s.variable.references) {
    let n = ref.identifier as Node;
    while (n.parent?.type === 'MemberExpression' && n.parent.object === n) {
      const m = n.parent;
      if (m.parent?.type === 'CallExpression' && m.parent.callee === m && isSubject(n, s)) {
        out.push(n);
        break;
      }
      n = m;
    }
  }
  byPath.set(key, out);
  return out;
}

const ASSERTS = new Set(['assert', 'assert.ok', 'assert.strict', 'strict', 'ok']);
const FLIP: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '===': '===', '==': '==', '!==': '!==', '!=': '!=' };
const NEGATE: Record<string, string> = { '<': '>=', '<=': '>', '>': '<=', '>=': '<', '===': '!==', '==': '!=', '!==': '===', '!=': '==' };

/** `facts` where `test` was just found truthy (`truth`) or falsy; an integer at least 0 found truthy (`if (length)`) is at least 1. */
function assumeOn(facts: Bounds, test: Node, truth: boolean, s: Subject, ctx: Ctx): Bounds {
  const b = join(facts, assume(test, truth, s, ctx));
  return b.int && b.lo === 0 && foundTruthy(test, truth, s) ? { ...b, lo: 1 } : b;
}

/** Whether the subject itself was found truthy (`k`, `a && k` truthy, `!k` falsy). */
function foundTruthy(test: Node, truth: boolean, s: Subject): boolean {
  const t = unwrap(test);
  if (t.type === 'UnaryExpression' && t.operator === '!') return foundTruthy(t.argument, !truth, s);
  if (t.type === 'LogicalExpression' && t.operator === (truth ? '&&' : '||')) return foundTruthy(t.left, truth, s) || foundTruthy(t.right, truth, s);
  return truth && isSubject(t, s);
}

/** Facts about the subject when `test` evaluates truthy (`truth`) or falsy. */
function assume(test: Node, truth: boolean, s: Subject, ctx: Ctx): Bounds {
  const facts = assumeTest(test, truth, s, ctx);
  // The test ran: a method it surely called on the subject was there.
  return afterCalls(test, facts, s);
}

function assumeTest(test: Node, truth: boolean, s: Subject, ctx: Ctx): Bounds {
  const t = unwrap(test);
  // Falsy, it is '', or has no length at all: a loop counting up to its `.length` does not run.
  if (!truth && isSubject(t, s)) return { ...REAL, lenHi: 0 };
  if (t.type === 'LogicalExpression' && t.operator !== '??') {
    const l = assume(t.left, truth, s, ctx);
    const r = assume(t.right, truth, s, ctx);
    // a && b true: both; false: either one failed. Dually for ||.
    return (t.operator === '&&') === truth ? join(l, r) : meet(l, r);
  }
  if (t.type === 'UnaryExpression' && t.operator === '!') return assume(t.argument, !truth, s, ctx);
  if (t.type === 'CallExpression' && truth && t.arguments.length === 1 && isSubject(t.arguments[0], s)) {
    const name = calleeText(t);
    if (name === 'Number.isInteger' || name === 'Number.isSafeInteger') return { ...UNBOUNDED, int: true };
    if (name === 'Array.isArray' && !referencesOf(ctx.file).variableOf(unwrap((unwrap(t.callee) as TSESTree.MemberExpression).object) as TSESTree.Identifier)?.defs.length) return REAL;
  }
  if (t.type === 'BinaryExpression' && t.left.type !== 'PrivateIdentifier' && t.operator in FLIP) {
    let op: string = t.operator;
    let side: Node = t.left;
    let other: Node = t.right;
    if (!isSubject(side, s) && !isLength(side, s)) {
      side = t.right;
      other = t.left;
      op = FLIP[op];
    }
    const c = constantNumber(other, ctx.file);
    if (c === undefined || (!isSubject(side, s) && !isLength(side, s))) return UNBOUNDED;
    if (!truth) op = NEGATE[op];
    // NaN passes a negated check (`if (n > 100) return` lets NaN through); a `<`/`>` exit with NaN is
    // false at once, and equality exits ask for an integer, which NaN is not.
    let b: Bounds = UNBOUNDED;
    if (op === '<') b = { ...UNBOUNDED, hi: c };
    else if (op === '<=') b = { ...UNBOUNDED, hi: c };
    else if (op === '>') b = { ...UNBOUNDED, lo: c };
    else if (op === '>=') b = { ...UNBOUNDED, lo: c };
    else if (op === '===' || op === '==') b = exact(c);
    return isSubject(side, s) ? b : { ...UNBOUNDED, lenHi: b.hi };
  }
  return UNBOUNDED;
}

function isSubject(node: Node, s: Subject): boolean {
  const n = unwrap(node);
  if (s.path) {
    const mp = n.type === 'MemberExpression' ? memberPath(n) : undefined;
    return !!mp && mp.path === s.path && s.variable.references.some((r) => r.identifier === mp.root);
  }
  return n.type === 'Identifier' && s.variable.references.some((r) => r.identifier === n);
}

function isLength(node: Node, s: Subject): boolean {
  const n = unwrap(node);
  return n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier' && n.property.name === 'length' && isSubject(n.object, s);
}

/**
 * Facts about a variable's value when control reaches `at` (a loop about to start), from the code
 * before it: its start value when the loop counts it, or its value all along when the loop never
 * writes it. A size read before `at` counts even inside a loop around it: it is the size the data had then.
 */
export function boundsOnEntry(file: ParsedFile, at: Node, id: TSESTree.Identifier, assuming?: Assumption): Bounds {
  const variable = referencesOf(file).variableOf(id);
  const home = variable && declaringFunction(variable);
  if (!variable || !home || !within(home, at)) return UNBOUNDED;
  const all = writesOf(variable);
  // A closure that writes the variable may run between any check and the loop: what it assigns is
  // one more value the variable may hold there (factsAtRead).
  const byClosures = all.filter((w) => enclosingFunction(w) !== home);
  const ctx: Ctx = { file, depth: 0, active: new Set(), entryOf: at, assuming };
  const assigned = byClosures.length ? closureAssignedBounds(byClosures, at, home, ctx) : undefined;
  if (byClosures.length && !assigned) return UNBOUNDED;
  const writes = byClosures.length ? all.filter((w) => !byClosures.includes(w)) : all;
  const s: Subject = { variable, home, writes, finalValue: !assigned && writes.length <= 1 };
  const ownFacts = factsBefore(at, s, ctx);
  const facts = assigned ? meet(ownFacts, assigned) : ownFacts;
  if (at.type !== 'ForStatement' || !at.init) return facts;
  // A `for` starts after its init.
  if (at.init.type === 'VariableDeclaration') return transfer(at.init, facts, s, ctx);
  return writes.some((w) => within(at.init!, w)) ? UNBOUNDED : facts;
}

/** Facts about a variable's value where `condition` was just found truthy (`truth`) or falsy: `k > 0 && k--` steps k only above 0. */
export function boundsWhen(file: ParsedFile, id: TSESTree.Identifier, condition: Node, truth: boolean): Bounds {
  const variable = referencesOf(file).variableOf(id);
  const home = variable && declaringFunction(variable);
  if (!variable || !home) return UNBOUNDED;
  const writes = writesOf(variable);
  // The condition must read the value it is asked about, not one it writes on the way.
  if (writes.some((w) => within(condition, w))) return UNBOUNDED;
  return assume(condition, truth, { variable, home, writes, finalValue: writes.length <= 1 }, { file, depth: 0, active: new Set() });
}

/** Whether a read inside a loop runs on each of its turns (not in a `for` init). */
function readEachTurn(loop: Node, read: Node): boolean {
  return within(loop, read) && !(loop.type === 'ForStatement' && !!loop.init && within(loop.init, read));
}
