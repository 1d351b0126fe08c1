// Values that are real strings or arrays, so their `.length` counts characters or elements and is
// finite. A client can send `{"length": 1e400}` in a body, which parses to Infinity; it cannot make a
// template literal, the result of `split`, or a value it sent on which the code already called
// `startsWith` (JSON carries no functions: the call would have thrown) hold such a length.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { conjunctsOf, isFunctionNode, unwrap, type Node } from './ast';
import { referencesOf } from './references';
import type { ParsedFile } from '../project/types';

/** Methods that return a new real array, or a string, whatever they are called on (or throw: JSON data has no methods). */
export const BUILDS_ARRAY_OR_STRING = new Set([
  'split', 'map', 'filter', 'slice', 'concat', 'flat', 'flatMap', 'toSorted', 'toReversed', 'toString', 'trim', 'toLowerCase', 'toUpperCase', 'join', 'substring',
  // String methods: a client's parsed data has none of them, so the call returns a string or throws.
  'replace', 'replaceAll', 'padStart', 'padEnd', 'repeat', 'normalize', 'trimStart', 'trimEnd', 'substr', 'toLocaleLowerCase', 'toLocaleUpperCase',
]);

/** What a parsed body or query may hold and still answer a method call: the methods every object inherits. */
const OBJECT_METHODS = new Set(['toString', 'toLocaleString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__', 'constructor']);

/** `s.split(',')`, `xs.map(f)`, `Object.keys(o)` (and its kin), `String(x)`, `JSON.stringify(x)`: a real array or string (or a throw). */
export function buildsRealValue(call: TSESTree.CallExpression): boolean {
  if (call.optional) return false;
  const callee = unwrap(call.callee);
  if (callee.type === 'Identifier') return callee.name === 'String';
  if (callee.type !== 'MemberExpression' || callee.computed || callee.optional || callee.property.type !== 'Identifier') return false;
  const method = callee.property.name;
  const object = unwrap(callee.object);
  if (object.type === 'Identifier' && object.name === 'Object') return method === 'keys' || method === 'values' || method === 'entries' || method === 'getOwnPropertyNames' || method === 'getOwnPropertySymbols';
  if (object.type === 'Identifier' && object.name === 'Reflect') return method === 'ownKeys';
  if (object.type === 'Identifier' && object.name === 'JSON') return method === 'stringify';
  // `Array.of(a, b)` holds what it is given; a cursor's `toArray()` (MongoDB, Immutable) builds a new
  // array of what it holds. Not `Array.from({ length: n })` (or lodash's `_.toArray(x)`): as long as n says.
  if (object.type === 'Identifier' && object.name === 'Array') return method === 'of';
  if (method === 'toArray') return call.arguments.length === 0;
  return BUILDS_ARRAY_OR_STRING.has(method);
}

/** Calls whose result is an array of strings (or null, or throws): an element read from it is a string or undefined. */
export function buildsStringList(call: TSESTree.CallExpression): boolean {
  if (call.optional) return false;
  const callee = unwrap(call.callee);
  if (callee.type !== 'MemberExpression' || callee.computed || callee.optional || callee.property.type !== 'Identifier') return false;
  const method = callee.property.name;
  const object = unwrap(callee.object);
  if (object.type === 'Identifier' && object.name === 'Object') return method === 'keys' || method === 'getOwnPropertyNames';
  // `s.split(…)`, `s.match(re)`, `re.exec(s)`: plain parsed data has no such methods (the call would throw).
  return method === 'split' || method === 'match' || method === 'exec';
}

/** Methods that put other values into an array. */
const ARRAY_WRITERS = new Set(['push', 'unshift', 'splice', 'fill', 'copyWithin', 'set']);

/**
 * `parts[0]` where `parts` holds such a list: `s.split('.')[0]`, or a variable given that list once and
 * only read after (elements, `.length`, methods that do not put other values in; never handed on).
 */
export function stringListElement(read: TSESTree.MemberExpression, file: ParsedFile): boolean {
  if (!read.computed || read.optional) return false;
  const object = unwrap(read.object);
  if (object.type === 'CallExpression') return buildsStringList(object);
  if (object.type !== 'Identifier') return false;
  const variable = referencesOf(file).variableOf(object);
  const writes = variable?.references.filter((r) => r.isWrite()) ?? [];
  const declarator = writes.length === 1 && writes[0]!.init ? writes[0]!.identifier.parent : undefined;
  if (!variable || declarator?.type !== 'VariableDeclarator' || declarator.id !== writes[0]!.identifier || !declarator.init) return false;
  const init = unwrap(declarator.init);
  if (init.type !== 'CallExpression' || !buildsStringList(init)) return false;
  return variable.references.every((r) => {
    if (r.isWrite()) return true;
    const id = r.identifier as Node;
    const p = id.parent;
    if (p?.type !== 'MemberExpression' || p.object !== id) return false;
    // An element written (`parts[0] = x`) or a method that adds values.
    if (p.parent?.type === 'AssignmentExpression' && p.parent.left === p) return false;
    if (p.parent?.type === 'UpdateExpression') return false;
    return p.computed || p.property.type !== 'Identifier' || !ARRAY_WRITERS.has(p.property.name);
  });
}

/** Query builder methods whose awaited chain resolves to an array of rows (knex: `select`, `pluck`, filters and joins). */
const ROW_METHODS = new Set([
  'select', 'distinct', 'columns', 'column', 'from', 'pluck', 'where', 'andWhere', 'orWhere', 'whereIn', 'whereNotIn', 'whereNull', 'whereNotNull',
  'whereRaw', 'whereBetween', 'orderBy', 'groupBy', 'having', 'havingRaw', 'limit', 'offset', 'join', 'innerJoin', 'leftJoin', 'rightJoin',
]);
/** Names a knex instance (or a transaction of one) goes by: `knex`, `this.knex`, `trx`. */
const QUERY_BUILDER_NAMES = new Set(['knex', 'trx']);

/**
 * `await knex.select('id').from(t).orderBy(c)`, `await this.knex(t).where(q).pluck('id')`: a query
 * builder's rows, a real array whatever the query asked for (the database fills it, a client cannot
 * forge its length). Not `.first()` (one row, whose columns hold stored data) nor `raw` (the driver's
 * own result object).
 */
export function queryBuilderRows(expression: Node): boolean {
  let n = unwrap(expression);
  let picksRows = false;
  let outermost = true;
  for (let depth = 0; depth < 30; depth++) {
    if (n.type !== 'CallExpression' || n.optional) return false;
    const callee = unwrap(n.callee);
    // `knex(table)` / `this.knex(table)`: the builder of a table's rows.
    if (isQueryBuilderName(callee)) return picksRows || !outermost;
    if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier' || !ROW_METHODS.has(callee.property.name)) return false;
    if (['select', 'pluck', 'from', 'columns', 'column', 'distinct'].includes(callee.property.name)) picksRows = true;
    const object = unwrap(callee.object);
    if (isQueryBuilderName(object)) return picksRows;
    n = object;
    outermost = false;
  }
  return false;
}

function isQueryBuilderName(n: Node): boolean {
  if (n.type === 'Identifier') return QUERY_BUILDER_NAMES.has(n.name);
  return n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier' && QUERY_BUILDER_NAMES.has(n.property.name);
}

const MAX_DEPTH = 12;

/**
 * Whether evaluating `expression` always calls a method on the subject that plain parsed data lacks
 * (`path.startsWith('[')`, `name.trim()`): once it ran without throwing, the subject is no object a
 * client sent. Only parts that always run are searched (the left of `&&`, the test of `?:`).
 */
export function surelyCallsMethodOn(expression: Node, isSubject: (n: Node) => boolean, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  const n = unwrap(expression);
  const next = (x: Node | null | undefined) => !!x && x.type !== 'SpreadElement' && surelyCallsMethodOn(x, isSubject, depth + 1);
  switch (n.type) {
    case 'CallExpression': {
      if (n.optional) return false;
      const callee = unwrap(n.callee);
      if (callee.type === 'MemberExpression' && !callee.optional) {
        if (!callee.computed && callee.property.type === 'Identifier' && !OBJECT_METHODS.has(callee.property.name) && isSubject(callee.object)) return true;
        if (next(callee.object)) return true;
      } else if (next(callee)) return true;
      return n.arguments.some((a) => next(a as Node));
    }
    case 'MemberExpression':
      return !n.optional && (next(n.object) || (n.computed && next(n.property)));
    case 'BinaryExpression':
      return (n.left.type !== 'PrivateIdentifier' && next(n.left)) || next(n.right);
    case 'LogicalExpression':
      return next(n.left);
    case 'ConditionalExpression':
      return next(n.test);
    case 'UnaryExpression':
    case 'AwaitExpression':
      return next(n.argument);
    case 'AssignmentExpression':
      return next(n.right);
    case 'SequenceExpression':
      return n.expressions.some((e) => next(e));
    case 'TemplateLiteral':
      return n.expressions.some((e) => next(e));
    default:
      return false;
  }
}

/**
 * `JSON.parse(s)` where `s.startsWith('[')` held: JSON text that begins with `[` is an array, or the
 * parse throws. The test is a conjunct of the `if`, `?:` or `&&` the call sits under, and `s` a
 * variable written only by its declaration (a `const`, or a parameter never reassigned).
 */
export function parsesToArray(call: TSESTree.CallExpression, file: ParsedFile): boolean {
  const callee = unwrap(call.callee);
  if (call.optional || callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier' || callee.property.name !== 'parse') return false;
  const json = unwrap(callee.object);
  if (json.type !== 'Identifier' || json.name !== 'JSON' || call.arguments.length < 1) return false;
  const text = unwrap(call.arguments[0] as Node);
  if (text.type !== 'Identifier') return false;
  const refs = referencesOf(file);
  const variable = refs.variableOf(text);
  if (!variable || variable.references.some((r) => r.isWrite() && !r.init)) return false;
  const startsWithBracket = (n: Node) => {
    const c = unwrap(n);
    if (c.type !== 'CallExpression' || c.optional || c.arguments.length !== 1) return false;
    const m = unwrap(c.callee);
    const arg = unwrap(c.arguments[0] as Node);
    return m.type === 'MemberExpression' && !m.computed && !m.optional && m.property.type === 'Identifier' && m.property.name === 'startsWith' &&
      unwrap(m.object).type === 'Identifier' && refs.variableOf(unwrap(m.object) as TSESTree.Identifier) === variable &&
      arg.type === 'Literal' && typeof arg.value === 'string' && arg.value.startsWith('[');
  };
  for (let child: Node = call, p: Node | undefined = call.parent; p && !isFunctionNode(p); child = p, p = p.parent) {
    const test = (p.type === 'IfStatement' || p.type === 'ConditionalExpression') && p.consequent === child ? p.test : p.type === 'LogicalExpression' && p.operator === '&&' && p.right === child ? p.left : undefined;
    if (test && conjunctsOf(test).some(startsWithBracket)) return true;
  }
  return false;
}
