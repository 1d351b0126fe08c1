// Whether a member path read from a variable (`req.body.limit`, `req.body.items`) holds the same value
// everywhere in the code that sees the variable: nothing assigns, deletes or mutates it or an object
// on the way to it, the variable is never reassigned, and neither the path nor an object on the way
// is handed on (an argument, a copy, a destructuring) where other code could change it. Only then can
// a check of the path before a loop say something about the path read in the loop.
import type { Variable } from '@typescript-eslint/scope-manager';
import { memberPath, unwrap, type Node } from './ast';
import { PURE_METHODS } from './loop-operands';

export interface PathUse {
  /** The path keeps its value. */
  stable: boolean;
  /** Something compares it (or its `.length`) or checks it is an integer: facts are possible. */
  compared: boolean;
  /** The path's own value is handed on or copied: its number cannot change, but a list could be grown. */
  handedOn: boolean;
}

const COMPARISONS = new Set(['<', '<=', '>', '>=', '===', '==', '!==', '!=']);
/**
 * Calls that read and keep nothing: handing the path to them changes nothing (express-validator's
 * `validationResult(req)` and `matchedData(req)` read what its chains recorded on the request).
 */
const READERS = /^(Number(\.\w+)?|parseInt|parseFloat|Math\.\w+|String|Boolean|Array\.isArray|validationResult|matchedData)$/;
const memo = new WeakMap<Variable, Map<string, PathUse>>();

/** `except`: a read to leave out (a destructuring that takes the path's value is no hand-on of it). */
export function pathUse(variable: Variable, path: string, except?: Node): PathUse {
  if (except) return computeUse(variable, path, except);
  let byPath = memo.get(variable);
  if (!byPath) memo.set(variable, (byPath = new Map()));
  let use = byPath.get(path);
  if (!use) byPath.set(path, (use = computeUse(variable, path)));
  return use;
}

function computeUse(variable: Variable, path: string, except?: Node): PathUse {
  let compared = false;
  let handedOn = false;
  const related = (t: string) => t === path || path.startsWith(t + '.');
  for (const ref of variable.references) {
    if (except && except.range[0] <= ref.identifier.range[0] && ref.identifier.range[1] <= except.range[1]) continue;
    if (ref.isWrite() && !ref.init) return { stable: false, compared, handedOn };
    if (ref.isWrite()) continue;
    // The whole member chain read from this reference.
    let top = ref.identifier as Node;
    while (top.parent?.type === 'MemberExpression' && top.parent.object === top) top = top.parent;
    const t = memberPath(top)?.path;
    if (!t) return { stable: false, compared, handedOn };
    const parent = top.parent;
    const extendsPath = t.startsWith(path + '.') || t.startsWith(path + '[]');
    // Written through the chain: the path, an object on the way, or something inside it (`items[0] = x` can grow it).
    if ((parent?.type === 'AssignmentExpression' && parent.left === top) || parent?.type === 'UpdateExpression' || (parent?.type === 'UnaryExpression' && parent.operator === 'delete')) {
      if (related(t) || extendsPath) return { stable: false, compared, handedOn };
      continue;
    }
    // A method called on the path or an object on the way may change it.
    if (parent?.type === 'CallExpression' && parent.callee === top && top.type === 'MemberExpression') {
      const receiver = memberPath(top.object)?.path;
      const method = !top.computed && top.property.type === 'Identifier' ? top.property.name : undefined;
      if (receiver && related(receiver) && !(method && PURE_METHODS.has(method))) return { stable: false, compared, handedOn };
      continue;
    }
    if (t === path + '.length' && parent?.type === 'BinaryExpression' && COMPARISONS.has(parent.operator)) compared = true;
    if (!related(t)) continue;
    // The path itself, or an object on the way, used as a value.
    if (parent?.type === 'BinaryExpression') {
      if (t === path && COMPARISONS.has(parent.operator)) compared = true;
      continue;
    }
    if (parent?.type === 'UnaryExpression' || parent?.type === 'TemplateLiteral' || parent?.type === 'SwitchStatement') continue;
    // An operand of `&&` / `||` that only decides a test (`if (x.list && Array.isArray(x.list))`): its value goes nowhere.
    if (parent?.type === 'LogicalExpression' && onlyTested(parent)) continue;
    if ((parent?.type === 'IfStatement' || parent?.type === 'WhileStatement' || parent?.type === 'DoWhileStatement' || parent?.type === 'ConditionalExpression') && parent.test === top) continue;
    if (parent?.type === 'ForOfStatement' && parent.right === top) continue;
    if (parent?.type === 'CallExpression' && parent.callee !== top) {
      const callee = memberPath(unwrap(parent.callee))?.path;
      if (callee && READERS.test(callee)) {
        if (t === path && (callee === 'Number.isInteger' || callee === 'Number.isSafeInteger')) compared = true;
        continue;
      }
    }
    if (t !== path) return { stable: false, compared, handedOn };
    handedOn = true;
  }
  return { stable: true, compared, handedOn };
}

/** A logical expression whose value is only tested: the test of an `if`, loop or `?:`, or negated (through enclosing `&&` / `||`). */
function onlyTested(logical: Node): boolean {
  let n = logical;
  while (n.parent?.type === 'LogicalExpression') n = n.parent;
  const p = n.parent;
  if (p?.type === 'UnaryExpression') return p.operator === '!';
  return (p?.type === 'IfStatement' || p?.type === 'WhileStatement' || p?.type === 'DoWhileStatement' || p?.type === 'ConditionalExpression' || p?.type === 'ForStatement') && p.test === n;
}
