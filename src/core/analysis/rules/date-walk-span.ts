// A walk from one date to another, `for (const d = new Date(from); d <= to; d.setDate(d.getDate() + 1))`,
// after a check that the span is small: `if (to - from > 31 * DAY) return res.status(400)`. Every
// turn moves the walker forward by at least a fixed amount, and the walk starts at `from` and stops
// past `to`, so it takes at most the span's worth of steps. Dates hold whole milliseconds within
// ±8.64e15 (below 2^53), so a step is never lost to rounding; an Invalid Date compares false and
// ends the walk at once. Both ends must be Dates the code built (`new Date(…)`), never reassigned:
// a client's plain number could be 1e300, where `t += DAY` no longer changes `t`.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import { isFunctionNode, unwrap, walk, type Node } from '../dataflow/ast';
import { referencesOf } from '../dataflow/references';
import { abrupt, constantNumber } from '../dataflow/bounds';
import { everyTurnProgresses, type CursorEffect } from '../dataflow/cursor-paths';
import type { ParsedFile } from '../project/types';
import type { LoopContext } from './types';

type Refs = ReturnType<typeof referencesOf>;

/** The Date fields a walker can be stepped by: `d.setDate(d.getDate() + 1)`, `d.setUTCHours(d.getUTCHours() + 6)`. */
const FIELDS = new Set(['Date', 'Hours', 'Minutes', 'Seconds', 'Milliseconds', 'Month', 'FullYear', 'UTCDate', 'UTCHours', 'UTCMinutes', 'UTCSeconds', 'UTCMilliseconds', 'UTCMonth', 'UTCFullYear']);

export function dateWalkSpanChecked(context: LoopContext): boolean {
  const { loop, file } = context;
  if ((loop.kind !== 'for' && loop.kind !== 'while' && loop.kind !== 'do-while') || !loop.test) return false;
  const refs = referencesOf(file);
  const test = unwrap(loop.test);
  if (test.type !== 'BinaryExpression' || test.left.type === 'PrivateIdentifier') return false;
  const up = test.operator === '<' || test.operator === '<=';
  if (!up && test.operator !== '>' && test.operator !== '>=') return false;
  const walkerSide = up ? test.left : test.right;
  const endSide = up ? test.right : test.left;
  const walker = timeOf(walkerSide, refs);
  const end = timeOf(endSide, refs);
  if (!walker || !end || walker === end || !builtDate(end)) return false;
  const start = walkerStart(walker, refs);
  if (!start || start === end || !builtDate(start)) return false;
  // Written only where it starts and by the loop itself.
  const inLoop = (n: Node) => loop.node.range[0] <= n.range[0] && n.range[1] <= loop.node.range[1];
  if (walker.references.some((r) => r.isWrite() && !r.init && !inLoop(r.identifier as Node))) return false;
  if (!movesForwardEveryTurn(context, walker, refs, file)) return false;
  return spanCheckedBefore(loop.node, end, start, refs, file);
}

/** The variable whose time a value reads: `d`, `d.getTime()`, `d.valueOf()`, `+d`, `Number(d)`. */
function timeOf(node: Node, refs: Refs): Variable | undefined {
  const n = unwrap(node);
  if (n.type === 'Identifier') return refs.variableOf(n);
  if (n.type === 'UnaryExpression' && n.operator === '+') return timeOf(n.argument, refs);
  if (n.type !== 'CallExpression' || n.optional) return undefined;
  const callee = unwrap(n.callee);
  if (callee.type === 'Identifier' && callee.name === 'Number' && n.arguments.length === 1) return timeOf(n.arguments[0] as Node, refs);
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && (callee.property.name === 'getTime' || callee.property.name === 'valueOf') && n.arguments.length === 0) {
    const object = unwrap(callee.object);
    return object.type === 'Identifier' ? refs.variableOf(object) : undefined;
  }
  return undefined;
}

/** The one value a variable was given, when nothing writes it again. */
function onlyValue(variable: Variable): Node | undefined {
  const writes = variable.references.filter((r) => r.isWrite());
  if (writes.length !== 1 || !writes[0]!.init) return undefined;
  const declarator = writes[0]!.identifier.parent;
  return declarator?.type === 'VariableDeclarator' && declarator.id === writes[0]!.identifier && declarator.init ? unwrap(declarator.init) : undefined;
}

/** `const to = new Date(…)`: a Date the code built, never reassigned (its setters are not called either). */
function builtDate(variable: Variable): boolean {
  const value = onlyValue(variable);
  return value?.type === 'NewExpression' && unwrap(value.callee).type === 'Identifier' && (unwrap(value.callee) as TSESTree.Identifier).name === 'Date' && !settersCalled(variable);
}

function settersCalled(variable: Variable): boolean {
  return variable.references.some((r) => {
    const member = r.identifier.parent;
    return member?.type === 'MemberExpression' && member.object === r.identifier && !member.computed && member.property.type === 'Identifier' && member.property.name.startsWith('set') && member.parent?.type === 'CallExpression' && member.parent.callee === member;
  });
}

/** The Date a walker starts from: `const d = new Date(from)` (or `from.getTime()`), or `let t = from.getTime()`. */
function walkerStart(walker: Variable, refs: Refs): Variable | undefined {
  const init = walker.references.find((r) => r.init)?.identifier.parent;
  if (init?.type !== 'VariableDeclarator' || !init.init) return undefined;
  const value = unwrap(init.init);
  if (value.type === 'NewExpression' && unwrap(value.callee).type === 'Identifier' && (unwrap(value.callee) as TSESTree.Identifier).name === 'Date' && value.arguments.length === 1) {
    return timeOf(value.arguments[0] as Node, refs);
  }
  // A number walker starts at a Date's time.
  const t = timeOf(value, refs);
  return t && value.type !== 'Identifier' ? t : undefined;
}

/**
 * Every turn that goes round moves the walker forward a constant amount, and nothing else in the
 * loop writes it: `d.setDate(d.getDate() + 1)`, `d = new Date(d.getTime() + DAY)`, `t += DAY`.
 */
function movesForwardEveryTurn(context: LoopContext, walker: Variable, refs: Refs, file: ParsedFile): boolean {
  const { loop } = context;
  const isWalker = (n: Node) => {
    const x = unwrap(n);
    return x.type === 'Identifier' && refs.variableOf(x) === walker;
  };
  const effectOf = (n: Node): CursorEffect | undefined => {
    if (n.type === 'CallExpression') {
      const callee = unwrap(n.callee);
      if (callee.type !== 'MemberExpression' || !isWalker(callee.object)) return undefined;
      const name = !callee.computed && callee.property.type === 'Identifier' ? callee.property.name : undefined;
      if (!name?.startsWith('set')) return undefined;
      return forwardSetter(n, name.slice(3), isWalker, file) ? 'strict' : 'bad';
    }
    if (n.type === 'AssignmentExpression' && isWalker(n.left)) return forwardAssignment(n, isWalker, file) ? 'strict' : 'bad';
    if (n.type === 'UpdateExpression' && isWalker(n.argument)) return n.operator === '++' ? 'strict' : 'bad';
    return undefined;
  };
  const node = loop.node;
  const update = node.type === 'ForStatement' ? node.update : undefined;
  let escapes = false;
  // A closure that writes the walker could run any time.
  walk(node, (n) => {
    if (escapes) return false;
    if (isFunctionNode(n)) {
      walk(n, (m) => {
        if (m.type === 'Identifier' && refs.variableOf(m) === walker) escapes = true;
      });
      return false;
    }
  });
  if (escapes) return false;
  return everyTurnProgresses(loop.node.body, { effectOf, endWhen: () => false }, loop.labels, loop.test, update).progress;
}

/** `d.setDate(d.getDate() + k)` (k a positive constant), `d.setTime(d.getTime() + k)`. */
function forwardSetter(call: TSESTree.CallExpression, field: string, isWalker: (n: Node) => boolean, file: ParsedFile): boolean {
  if (call.arguments.length !== 1 || (field !== 'Time' && !FIELDS.has(field))) return false;
  const sum = unwrap(call.arguments[0] as Node);
  if (sum.type !== 'BinaryExpression' || sum.operator !== '+') return false;
  const [read, step] = getterOf(sum.left, field, isWalker) ? [sum.left, sum.right] : getterOf(sum.right, field, isWalker) ? [sum.right, sum.left] : [undefined, undefined];
  if (!read || !step) return false;
  const k = constantNumber(step, file);
  return k !== undefined && k > 0;
}

/** `d.getDate()` for field `Date` (or the method named by `method`) called on the walker. */
function getterOf(node: Node, field: string, isWalker: (n: Node) => boolean, method = `get${field}`): boolean {
  const n = unwrap(node);
  if (n.type !== 'CallExpression' || n.arguments.length !== 0) return false;
  const callee = unwrap(n.callee);
  return callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && callee.property.name === method && isWalker(callee.object);
}

/** `d = new Date(d.getTime() + k)`, `t = t + k`, `t += k` (k a positive constant). */
function forwardAssignment(n: TSESTree.AssignmentExpression, isWalker: (n: Node) => boolean, file: ParsedFile): boolean {
  if (n.operator === '+=') {
    const k = constantNumber(n.right, file);
    return k !== undefined && k > 0;
  }
  if (n.operator !== '=') return false;
  let value = unwrap(n.right);
  if (value.type === 'NewExpression' && unwrap(value.callee).type === 'Identifier' && (unwrap(value.callee) as TSESTree.Identifier).name === 'Date' && value.arguments.length === 1) value = unwrap(value.arguments[0] as Node);
  if (value.type !== 'BinaryExpression' || value.operator !== '+') return false;
  const walkerTime = (x: Node) => {
    const u = unwrap(x);
    if (isWalker(u)) return true;
    if (u.type === 'UnaryExpression' && u.operator === '+') return isWalker(u.argument);
    return getterOf(u, 'Time', isWalker) || getterOf(u, 'valueOf'.slice(3), isWalker, 'valueOf');
  };
  const step = walkerTime(value.left) ? value.right : walkerTime(value.right) ? value.left : undefined;
  const k = step ? constantNumber(step, file) : undefined;
  return k !== undefined && k > 0;
}

/**
 * Before the loop, on every path to it: an `if` that leaves when the span is too large
 * (`if (to - from > 31 * DAY) return`), or the loop sits in the branch where it is small enough
 * (`if (to - from <= LIMIT) { … }`). `Math.abs(…)` of the span, either way round, counts too.
 */
function spanCheckedBefore(loopNode: Node, end: Variable, start: Variable, refs: Refs, file: ParsedFile): boolean {
  for (let child: Node = loopNode, p: Node | undefined = loopNode.parent; p && !isFunctionNode(p); child = p, p = p.parent) {
    if (p.type === 'BlockStatement' || p.type === 'Program' || p.type === 'StaticBlock') {
      const body = p.body as Node[];
      for (const statement of body.slice(0, body.indexOf(child))) {
        if (statement.type === 'IfStatement' && !statement.alternate && abrupt(statement.consequent) && disjunctsOf(statement.test).some((d) => spanLimit(d, end, start, refs, file, true))) return true;
      }
    }
    if (p.type === 'IfStatement' && p.consequent === child && conjunctsOfTest(p.test).some((c) => spanLimit(c, end, start, refs, file, false))) return true;
  }
  return false;
}

function disjunctsOf(test: Node): Node[] {
  const n = unwrap(test);
  return n.type === 'LogicalExpression' && n.operator === '||' ? [...disjunctsOf(n.left), ...disjunctsOf(n.right)] : [n];
}

function conjunctsOfTest(test: Node): Node[] {
  const n = unwrap(test);
  return n.type === 'LogicalExpression' && n.operator === '&&' ? [...conjunctsOfTest(n.left), ...conjunctsOfTest(n.right)] : [n];
}

/** `to - from > C` (`tooLarge`) or `to - from <= C` (not): the span compared with a finite constant. */
function spanLimit(node: Node, end: Variable, start: Variable, refs: Refs, file: ParsedFile, tooLarge: boolean): boolean {
  const n = unwrap(node);
  if (n.type !== 'BinaryExpression' || n.left.type === 'PrivateIdentifier') return false;
  const greater = n.operator === '>' || n.operator === '>=';
  const less = n.operator === '<' || n.operator === '<=';
  if (!greater && !less) return false;
  // Normalize to `span OP C` with OP pointing the way it is written from the span's side.
  const spanLeft = isSpan(n.left, end, start, refs);
  const spanRight = !spanLeft && isSpan(n.right, end, start, refs);
  if (!spanLeft && !spanRight) return false;
  const limit = constantNumber(spanLeft ? n.right : n.left, file);
  if (limit === undefined || !Number.isFinite(limit)) return false;
  const spanGreater = spanLeft ? greater : less;
  return tooLarge ? spanGreater : !spanGreater;
}

/** `to - from`, `to.getTime() - from.getTime()`, `Math.abs(from - to)`, `differenceInDays(to, from)`. */
function isSpan(node: Node, end: Variable, start: Variable, refs: Refs): boolean {
  const n = unwrap(node);
  if (n.type === 'BinaryExpression' && n.operator === '-') return timeOf(n.left, refs) === end && timeOf(n.right, refs) === start;
  if (n.type !== 'CallExpression' || n.optional) return false;
  const callee = unwrap(n.callee);
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && callee.property.name === 'abs' && unwrap(callee.object).type === 'Identifier' && (unwrap(callee.object) as TSESTree.Identifier).name === 'Math' && n.arguments.length === 1) {
    const inner = unwrap(n.arguments[0] as Node);
    return isSpan(inner, end, start, refs) || isSpan(inner, start, end, refs);
  }
  // date-fns: differenceInDays(later, earlier), and its kin.
  if (callee.type === 'Identifier' && /^differenceIn[A-Z]\w*$/.test(callee.name) && n.arguments.length >= 2) {
    return timeOf(n.arguments[0] as Node, refs) === end && timeOf(n.arguments[1] as Node, refs) === start;
  }
  return false;
}
