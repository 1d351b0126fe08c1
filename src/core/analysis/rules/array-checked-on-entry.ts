// `x.length` of a value built as a real array, string or buffer (`text.split('\n')`, `Object.keys(o)`,
// an array literal, `Buffer.from(…)`, `crypto.randomBytes(n)`; see isBuiltValue), made one before the
// loop (`if (!Array.isArray(x)) x = [x];`), or found to be a real array by `Array.isArray(x)` on every
// path to the loop: the loop is in the branch where the check held (`if (Array.isArray(x)) { … }`, the
// `else` of `if (!Array.isArray(x))`), or an earlier statement of an enclosing block leaves when it
// failed (`if (!Array.isArray(x)) return …;`). A real array's length is its element count (a parsed
// request body's arrays hold what the client sent), so a counter stepping up to it runs once per
// element; a client-sent `{ "length": 1e12 }` fails the check.
// Sound only while x stays that array and does not grow: x is written nowhere but its declaration (a
// parameter never reassigned, a `const`/`let`/`var` with its initializer only), and the loop and every
// closure that captured it only read it (its length, its elements, methods that leave it as it is) or
// take elements out (`splice(i, 1)`, `pop()`, `shift()`: the bound only comes closer). A push, or
// handing x to a call, could grow it under the counter. `Array` must be the global one.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import { isFunctionNode, memberPath, memberUseOf, unwrap, walk, type Node } from '../dataflow/ast';
import { referencesOf } from '../dataflow/references';
import { abrupt } from '../dataflow/bounds';
import { PURE_METHODS } from '../dataflow/loop-operands';
import { pathUse } from '../dataflow/stable-paths';
import type { LoopInfo } from '../cfg/loop-exits';
import type { ParsedFile } from '../project/types';
import { packageOfName } from '../dataflow/validators/resolve';
import { BUILDS_ARRAY_OR_STRING } from '../dataflow/real-values';

export function arrayCheckedOnEntry(loop: LoopInfo, object: Node, file: ParsedFile): boolean {
  const o = unwrap(object);
  if (o.type === 'MemberExpression') return memberArrayCheckedOnEntry(loop, o, file);
  if (o.type !== 'Identifier') return false;
  const refs = referencesOf(file);
  const variable = refs.variableOf(o);
  const writes = variable?.references.filter((r) => r.isWrite()) ?? [];
  if (!variable || writes.filter((r) => r.init).length > 1) return false;
  // Writes after the declaration may only put a real array in (`if (!Array.isArray(ids)) ids = [ids];`).
  const home = functionOf(loop.node);
  if (writes.some((r) => !r.init && !assignsBuiltValue(r.identifier as Node, file))) return false;
  // A closure that captured x could run while the loop does: it must not grow x either.
  if (variable.references.some((r) => functionOf(r.identifier as Node) !== home && !readsOrShrinks(r.identifier as Node))) return false;
  const isSubject = (n: Node) => n.type === 'Identifier' && refs.variableOf(n) === variable;
  return neverGrownIn(loop.node, variable, refs.variableOf) && (builtAsArrayOrString(variable, file) || checkedOnEveryPath(loop.node, isSubject, file, variable));
}

/**
 * `cfg.css.length` where `Array.isArray(cfg.css)` held on every path to the loop, and the path keeps
 * that array: nothing assigns, mutates or hands on it or an object on the way, and its variable is
 * written only where it is declared (stable-paths.ts).
 */
function memberArrayCheckedOnEntry(loop: LoopInfo, object: TSESTree.MemberExpression, file: ParsedFile): boolean {
  const mp = memberPath(object);
  if (!mp || mp.root.type !== 'Identifier' || mp.path.includes('[]')) return false;
  const variable = referencesOf(file).variableOf(mp.root);
  if (!variable) return false;
  const use = pathUse(variable, mp.path);
  return use.stable && !use.handedOn && checkedOnEveryPath(loop.node, (n) => sameValue(n, object, file), file);
}

/** `x = <a real array or string>` (a plain assignment statement of a built value; see isBuiltValue). */
function assignsBuiltValue(id: Node, file: ParsedFile): boolean {
  const p = id.parent;
  return p?.type === 'AssignmentExpression' && p.operator === '=' && p.left === id && p.parent?.type === 'ExpressionStatement' && isBuiltValue(p.right, file);
}


/**
 * `const lines = text.split('\n')`, `const ids = Object.keys(body)`, `const xs = [a, b]`: declared
 * with a value that is a real array or string by construction. A method call on parsed request data
 * either finds the built-in (the data is a real string or array) or throws (JSON carries no
 * functions), so the length counts elements. Not `Array.from`/`Array(n)`/`repeat`/`padStart` of a
 * data-sized count, which build as many elements as a number says.
 */
function builtAsArrayOrString(variable: Variable, file: ParsedFile): boolean {
  const d = variable.defs.length === 1 && variable.defs[0].type === 'Variable' ? (variable.defs[0].node as TSESTree.VariableDeclarator) : undefined;
  if (d?.id.type !== 'Identifier') return false;
  // Declared without a value, every value it gets is a built one (or it is undefined, and `.length` throws).
  return d.init ? isBuiltValue(d.init, file) : true;
}

/** A value that is a real array or string by construction, or the normalizing `Array.isArray(v) ? v : [v]`. */
function isBuiltValue(value: Node, file: ParsedFile): boolean {
  const init = unwrap(value);
  if (init.type === 'ArrayExpression' || init.type === 'TemplateLiteral' || (init.type === 'Literal' && typeof init.value === 'string')) return true;
  if (init.type === 'ConditionalExpression') {
    // `Array.isArray(v) ? v : [v]` / `!Array.isArray(v) ? [v] : v`: the branch the check lets through, and a built one.
    const negated = unwrap(init.test).type === 'UnaryExpression' && (unwrap(init.test) as TSESTree.UnaryExpression).operator === '!';
    const test = negated ? unwrap((unwrap(init.test) as TSESTree.UnaryExpression).argument) : unwrap(init.test);
    const checked = arrayCheckArgument(test, file);
    if (!checked) return false;
    const [passed, other] = negated ? [init.alternate, init.consequent] : [init.consequent, init.alternate];
    return sameValue(passed, checked, file) && isBuiltValue(other, file);
  }
  if (init.type === 'NewExpression') return isTypedArrayConstructor(init.callee, file);
  if (init.type !== 'CallExpression' || init.optional) return false;
  if (allocatesBytes(init.callee, file)) return true;
  const callee = unwrap(init.callee);
  if (callee.type !== 'MemberExpression' || callee.computed || callee.optional || callee.property.type !== 'Identifier') return false;
  const method = callee.property.name;
  // `Object.keys(x)`: as many entries as x has own keys.
  if (unwrap(callee.object).type === 'Identifier' && (unwrap(callee.object) as TSESTree.Identifier).name === 'Object') return method === 'keys' || method === 'values' || method === 'entries';
  return BUILDS_ARRAY_OR_STRING.has(method);
}

/** Node's Buffer and typed-array constructors of the global scope. */
const BUFFER_MAKERS = new Set(['from', 'alloc', 'allocUnsafe', 'allocUnsafeSlow', 'concat']);
const TYPED_ARRAYS = new Set(['Uint8Array', 'Int8Array', 'Uint8ClampedArray', 'Uint16Array', 'Int16Array', 'Uint32Array', 'Int32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array']);
const CRYPTO_MODULES = new Set(['crypto', 'node:crypto']);

/**
 * A call that allocates the bytes it returns: `Buffer.from/alloc/concat(…)`, `crypto.randomBytes(n)`
 * (also `(0, _crypto.randomBytes)(n)` as compilers write it). A buffer's length is the count of bytes
 * that exist: a loop over them costs what allocating them did, and they cannot grow.
 */
function allocatesBytes(calleeNode: Node, file: ParsedFile): boolean {
  let callee = unwrap(calleeNode);
  if (callee.type === 'SequenceExpression' && callee.expressions.length === 2 && callee.expressions[0].type === 'Literal') callee = unwrap(callee.expressions[1]);
  const refs = referencesOf(file);
  const isGlobal = (id: Node, name: string) => id.type === 'Identifier' && id.name === name && !refs.variableOf(id)?.defs.length;
  const fromCrypto = (id: Node) => id.type === 'Identifier' && CRYPTO_MODULES.has(packageOfName(id, file) ?? '');
  if (callee.type === 'Identifier') return callee.name === 'randomBytes' && fromCrypto(callee);
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return false;
  const object = unwrap(callee.object);
  if (BUFFER_MAKERS.has(callee.property.name) && isGlobal(object, 'Buffer')) return true;
  return callee.property.name === 'randomBytes' && fromCrypto(object);
}

function isTypedArrayConstructor(calleeNode: Node, file: ParsedFile): boolean {
  const callee = unwrap(calleeNode);
  return callee.type === 'Identifier' && TYPED_ARRAYS.has(callee.name) && !referencesOf(file).variableOf(callee)?.defs.length;
}

/** The same variable, or the same member path of it (`req.query.id` twice). */
function sameValue(a: Node, b: Node, file: ParsedFile): boolean {
  const pa = memberPath(a);
  const pb = memberPath(b);
  if (!pa || !pb || pa.path !== pb.path || pa.path.includes('[]')) return false;
  if (pa.root.type !== 'Identifier' || pb.root.type !== 'Identifier') return pa.root.type === pb.root.type;
  const refs = referencesOf(file);
  return refs.variableOf(pa.root) === refs.variableOf(pb.root);
}

function functionOf(n: Node): Node | undefined {
  let p = n.parent;
  while (p && !isFunctionNode(p) && p.type !== 'Program') p = p.parent;
  return p;
}

/**
 * Walks out from the loop to its function: a branch taken only when the check held, or an earlier
 * statement that leaves when it failed. `isSubject` names what `Array.isArray(…)` must check; a
 * variable (not a member path) may also be made an array before the loop.
 */
function checkedOnEveryPath(loop: Node, isSubject: (n: Node) => boolean, file: ParsedFile, variable?: Variable): boolean {
  for (let child: Node = loop, parent = loop.parent; parent && !isFunctionNode(parent); child = parent, parent = parent.parent) {
    if (parent.type === 'IfStatement' && child !== parent.test) {
      if (implies(parent.test, child === parent.consequent, isSubject, file)) return true;
    }
    const list = parent.type === 'BlockStatement' || parent.type === 'Program' ? parent.body : parent.type === 'SwitchCase' ? parent.consequent : undefined;
    if (!list) continue;
    for (const s of list as Node[]) {
      if (s === child) break;
      if (s.type !== 'IfStatement') continue;
      // `if (!Array.isArray(x)) return;` or `if (Array.isArray(x)) {…} else throw …;`
      if (abrupt(s.consequent) && !s.alternate && implies(s.test, false, isSubject, file)) return true;
      // `if (!Array.isArray(x)) x = [x];`: an array after it either way (every later write is a built value too).
      if (variable && !s.alternate && implies(s.test, false, isSubject, file) && surelyAssigns(s.consequent, variable, file)) return true;
      if (s.alternate && abrupt(s.alternate) && !abrupt(s.consequent) && implies(s.test, true, isSubject, file)) return true;
    }
  }
  return false;
}

/** Whether `test` coming out `truth` means `Array.isArray(x)` held. */
function implies(test: Node, truth: boolean, isSubject: (n: Node) => boolean, file: ParsedFile): boolean {
  const t = unwrap(test);
  if (t.type === 'UnaryExpression' && t.operator === '!') return implies(t.argument, !truth, isSubject, file);
  // a && b true: both held; a || b false: both failed.
  if (t.type === 'LogicalExpression' && t.operator === (truth ? '&&' : '||')) return implies(t.left, truth, isSubject, file) || implies(t.right, truth, isSubject, file);
  if (!truth) return false;
  const arg = arrayCheckArgument(t, file);
  return !!arg && isSubject(arg);
}

/** What `Array.isArray(v)` (the global Array) checks, unwrapped. */
function arrayCheckArgument(n: Node, file: ParsedFile): Node | undefined {
  if (n.type !== 'CallExpression' || n.arguments.length !== 1) return undefined;
  const callee = unwrap(n.callee);
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier' || callee.property.name !== 'isArray') return undefined;
  const array = unwrap(callee.object);
  if (array.type !== 'Identifier' || array.name !== 'Array' || referencesOf(file).variableOf(array)?.defs.length) return undefined;
  return unwrap(n.arguments[0]);
}

/** The statement (or a block's top-level statement) assigns the variable whenever it runs. */
function surelyAssigns(statement: Node, variable: Variable, file: ParsedFile): boolean {
  const list = statement.type === 'BlockStatement' ? statement.body : [statement];
  return list.some((st) => {
    if (st.type !== 'ExpressionStatement') return false;
    const e = unwrap(st.expression);
    return e.type === 'AssignmentExpression' && e.operator === '=' && e.left.type === 'Identifier' && referencesOf(file).variableOf(e.left) === variable;
  });
}

/** Every use of the variable in the loop reads it or takes elements out (see readsOrShrinks), or is the iterated value of a `for…of`. */
function neverGrownIn(loop: Node, variable: Variable, variableOf: (id: TSESTree.Identifier) => Variable | undefined): boolean {
  let ok = true;
  walk(loop, (n) => {
    if (!ok) return false;
    if (n.type !== 'Identifier' || variableOf(n) !== variable) return;
    if (n.parent?.type === 'ForOfStatement' && n.parent.right === n) return;
    if (!readsOrShrinks(n)) ok = false;
  });
  return ok;
}

/** A Buffer's typed reads (`readUInt8(i)`, `readInt32LE(i)`, `readDoubleBE(i)`): they leave it as it is. */
const BUFFER_READS = /^read(?:U?Int(?:8|16LE|16BE|32LE|32BE|LE|BE)|BigU?Int64(?:LE|BE)|Float(?:LE|BE)|Double(?:LE|BE))$/;

/** Methods that only take elements out of an array: its length can only go down. */
const SHRINKING_METHODS = new Set(['pop', 'shift']);

/**
 * A use of x that leaves its length where it was or lowers it: a member read (not written, not
 * deleted), a method that leaves it as it is, or one that only removes (`pop()`, `shift()`,
 * `splice(start, count)` with nothing to insert). A bare use (`f(x)`, `y = x`) could hand it to code
 * that grows it.
 */
function readsOrShrinks(n: Node): boolean {
  const use = memberUseOf(n);
  if (use.kind === 'read') return true;
  if (use.kind !== 'call' || !use.method) return false;
  if (PURE_METHODS.has(use.method) || BUFFER_READS.test(use.method)) return true;
  if (SHRINKING_METHODS.has(use.method)) return use.call.arguments.length === 0;
  return use.method === 'splice' && use.call.arguments.length === 2 && use.call.arguments.every((a) => a.type !== 'SpreadElement');
}
