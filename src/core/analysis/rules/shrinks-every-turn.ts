// Whether a loop ends because it cuts a string, array or buffer down every turn (`s = s.slice(1)`,
// `path = path.slice(0, -1)`, `buf = buf.subarray(2)`, or `s = s.replace('  ', ' ')` under
// `s.includes('  ')`) while its test needs it non-empty
// (`s.endsWith('/')`, `s.length > 0`, `s[0] === ' '`): the length drops by at least one on every path
// that goes round again and nothing makes it longer, so the test fails in the end.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import { unwrap, conjunctsOf, type Node } from '../dataflow/ast';
import { referencesOf } from '../dataflow/references';
import { insideLoopIteration } from '../cfg/loop-exits';
import { everyTurnProgresses, type CursorEffect } from '../dataflow/cursor-paths';
import { insideNestedFunction, type CursorHelpers } from '../dataflow/cursor-helpers';
import type { LoopContext } from './types';

const CUTS = new Set(['slice', 'substring', 'substr', 'subarray']);
const NEEDS_CHARACTERS = new Set(['endsWith', 'startsWith', 'includes']);

export function shrinksEveryTurn(context: LoopContext, helpers: CursorHelpers): boolean {
  const { loop, file } = context;
  if (!loop.test || loop.constantTest || loop.kind === 'for-of' || loop.kind === 'for-in' || loop.kind === 'for-await') return false;
  const refs = referencesOf(file);
  const scope = context.fn?.node ?? file.ast;
  for (const conjunct of conjunctsOf(loop.test)) {
    const subject = nonEmptySubject(conjunct);
    const variable = subject && refs.variableOf(subject);
    if (!variable) continue;
    // Only this loop cuts it: no closure writes it, and in the loop it is only read or handed to helpers that only read it.
    if (variable.references.some((r) => r.isWrite() && insideNestedFunction(r.identifier as Node, scope))) continue;
    const reads = (ref: Node) => (insideLoopIteration(loop.node, ref) || insideNestedFunction(ref, scope)) && !isCutTarget(ref) && !isReplacedInPlace(ref);
    if (!helpers.onlyRead(variable, file, reads)) continue;
    // `s.includes('  ')`: a turn that goes on found the needle, so replacing it by something shorter cuts s.
    const needle = searchedNeedle(conjunct);
    const effectOf = (n: Node): CursorEffect | undefined => {
      if (n.type === 'AssignmentExpression' && n.left.type === 'Identifier' && refs.variableOf(n.left) === variable) return n.operator === '=' && (cutsItself(n.right, variable, file) || (needle !== undefined && replacesShorter(n.right, variable, needle, file))) ? 'strict' : 'bad';
      if (n.type === 'UpdateExpression' && unwrap(n.argument).type === 'Identifier' && refs.variableOf(unwrap(n.argument) as TSESTree.Identifier) === variable) return 'bad';
      return undefined;
    };
    const update = loop.node.type === 'ForStatement' ? loop.node.update : undefined;
    if (everyTurnProgresses(loop.node.body, { effectOf, endWhen: () => false }, loop.labels, loop.test, update).progress) return true;
  }
  return false;
}


/** The variable a condition needs non-empty to hold: `s.endsWith('/')`, `s.length > 0`, `s.length`, `s[0] === ' '`. */
function nonEmptySubject(condition: Node): TSESTree.Identifier | undefined {
  const n = unwrap(condition);
  const id = (node: Node) => (unwrap(node).type === 'Identifier' ? (unwrap(node) as TSESTree.Identifier) : undefined);
  const lengthOf = (node: Node) => {
    const m = unwrap(node);
    return m.type === 'MemberExpression' && !m.computed && m.property.type === 'Identifier' && m.property.name === 'length' ? id(m.object) : undefined;
  };
  const nonEmptyString = (node: Node) => node.type === 'Literal' && typeof node.value === 'string' && node.value.length > 0;
  const defined = (node: Node) => unwrap(node).type === 'Literal' && (typeof (unwrap(node) as TSESTree.Literal).value === 'string' || typeof (unwrap(node) as TSESTree.Literal).value === 'number');
  if (n.type === 'CallExpression' && n.arguments.length >= 1 && unwrap(n.callee).type === 'MemberExpression') {
    const callee = unwrap(n.callee) as TSESTree.MemberExpression;
    if (!callee.computed && callee.property.type === 'Identifier' && NEEDS_CHARACTERS.has(callee.property.name) && nonEmptyString(unwrap(n.arguments[0] as Node))) return id(callee.object);
    return undefined;
  }
  if (n.type === 'MemberExpression') return lengthOf(n);
  if (n.type !== 'BinaryExpression' || n.left.type === 'PrivateIdentifier') return undefined;
  // `s.indexOf('..') !== -1`: found, so s holds the needle.
  if (searchedNeedle(n) !== undefined) return id(((unwrap(n.left) as TSESTree.CallExpression).callee as TSESTree.MemberExpression).object);
  const left = unwrap(n.left);
  const right = unwrap(n.right);
  const zero = (x: Node) => x.type === 'Literal' && x.value === 0;
  const one = (x: Node) => x.type === 'Literal' && x.value === 1;
  if ((n.operator === '>' || n.operator === '!==' || n.operator === '!=') && zero(right)) return lengthOf(left);
  if (n.operator === '>=' && one(right)) return lengthOf(left);
  if ((n.operator === '<' || n.operator === '!==' || n.operator === '!=') && zero(left)) return lengthOf(right);
  // An element that must be there: `s[0] === ' '`, `s.charCodeAt(0) === 32`.
  if (n.operator === '===' || n.operator === '==') {
    for (const [element, other] of [[left, right], [right, left]]) {
      if (!defined(other)) continue;
      if (element.type === 'MemberExpression' && element.computed) return id(element.object);
      if (element.type === 'CallExpression' && unwrap(element.callee).type === 'MemberExpression') {
        const callee = unwrap(element.callee) as TSESTree.MemberExpression;
        if (!callee.computed && callee.property.type === 'Identifier' && (callee.property.name === 'charCodeAt' || callee.property.name === 'codePointAt')) return id(callee.object);
      }
    }
  }
  return undefined;
}

/** The literal a condition needs the subject to contain: `s.includes('..')`, `s.indexOf('..') !== -1` (or `>= 0`, `> -1`). */
function searchedNeedle(condition: Node): string | undefined {
  const n = unwrap(condition);
  const needleOfCall = (x: Node, methods: string[]) => {
    const c = unwrap(x);
    if (c.type !== 'CallExpression' || c.arguments.length !== 1 || unwrap(c.callee).type !== 'MemberExpression') return undefined;
    const callee = unwrap(c.callee) as TSESTree.MemberExpression;
    const arg = unwrap(c.arguments[0] as Node);
    if (callee.computed || callee.property.type !== 'Identifier' || !methods.includes(callee.property.name)) return undefined;
    return arg.type === 'Literal' && typeof arg.value === 'string' && arg.value.length > 0 ? arg.value : undefined;
  };
  if (n.type === 'CallExpression') return needleOfCall(n, ['includes']);
  if (n.type !== 'BinaryExpression' || n.left.type === 'PrivateIdentifier') return undefined;
  const right = unwrap(n.right);
  const minusOne = right.type === 'UnaryExpression' && right.operator === '-' && unwrap(right.argument).type === 'Literal' && (unwrap(right.argument) as TSESTree.Literal).value === 1;
  const zero = right.type === 'Literal' && right.value === 0;
  if (((n.operator === '!==' || n.operator === '!=' || n.operator === '>') && minusOne) || (n.operator === '>=' && zero)) return needleOfCall(n.left, ['indexOf']);
  return undefined;
}

/**
 * `s.replace(needle, r)` / `s.replaceAll(needle, r)` with a constant `r` shorter than the needle: where
 * the needle is there, at least one occurrence becomes shorter, so s loses a character or more.
 */
function replacesShorter(value: Node, variable: Variable, needle: string, file: LoopContext['file']): boolean {
  const v = unwrap(value);
  if (v.type !== 'CallExpression' || v.arguments.length !== 2 || unwrap(v.callee).type !== 'MemberExpression') return false;
  const callee = unwrap(v.callee) as TSESTree.MemberExpression;
  const object = unwrap(callee.object);
  if (callee.computed || callee.property.type !== 'Identifier' || (callee.property.name !== 'replace' && callee.property.name !== 'replaceAll')) return false;
  if (object.type !== 'Identifier' || referencesOf(file).variableOf(object) !== variable) return false;
  const [pattern, replacement] = v.arguments.map((a) => unwrap(a as Node));
  // A string pattern is matched as text (a RegExp would be another needle); `$&` and the like in a
  // replacement string insert the match, so only replacements without `$` have their own length.
  if (pattern.type !== 'Literal' || pattern.value !== needle) return false;
  return replacement.type === 'Literal' && typeof replacement.value === 'string' && !replacement.value.includes('$') && replacement.value.length < needle.length;
}

/** `s.slice(k)`, `s.substring(k)`, `s.subarray(k)` with k ≥ 1, or `s.slice(0, -k)`: shorter by at least one when not empty. */
function cutsItself(value: Node, variable: Variable, file: LoopContext['file']): boolean {
  const v = unwrap(value);
  if (v.type !== 'CallExpression' || unwrap(v.callee).type !== 'MemberExpression') return false;
  const callee = unwrap(v.callee) as TSESTree.MemberExpression;
  const object = unwrap(callee.object);
  if (callee.computed || callee.property.type !== 'Identifier' || !CUTS.has(callee.property.name)) return false;
  if (object.type !== 'Identifier' || referencesOf(file).variableOf(object) !== variable) return false;
  const num = (x: Node | undefined) => {
    const u = x && unwrap(x);
    if (u?.type === 'Literal' && typeof u.value === 'number') return u.value;
    if (u?.type === 'UnaryExpression' && u.operator === '-' && unwrap(u.argument).type === 'Literal') return -Number((unwrap(u.argument) as TSESTree.Literal).value);
    return undefined;
  };
  const [a, b] = v.arguments as Node[];
  const start = num(a);
  if (v.arguments.length === 1) return start !== undefined && start >= 1;
  // `slice(0, -k)`: drops the last k (subarray and slice count a negative end from the end; substring does not).
  const end = num(b);
  return v.arguments.length === 2 && start === 0 && end !== undefined && end <= -1 && callee.property.name !== 'substring' && callee.property.name !== 'substr';
}

/** The receiver of `s = s.replace(…)` assigned back to itself (the walk judges that write; a string's replace changes nothing in place). */
function isReplacedInPlace(ref: Node): boolean {
  const member = ref.parent;
  const call = member?.parent;
  const assignment = call?.parent;
  if (member?.type !== 'MemberExpression' || member.object !== ref || member.computed || member.property.type !== 'Identifier') return false;
  if (member.property.name !== 'replace' && member.property.name !== 'replaceAll') return false;
  return call?.type === 'CallExpression' && call.callee === member && assignment?.type === 'AssignmentExpression' && assignment.right === call && assignment.left.type === 'Identifier' && ref.type === 'Identifier' && assignment.left.name === ref.name;
}

/** The variable's own reference on the left of `s = s.slice(…)` (a write the walk judges, not a use). */
function isCutTarget(ref: Node): boolean {
  const p = ref.parent;
  return p?.type === 'AssignmentExpression' && p.left === ref;
}
