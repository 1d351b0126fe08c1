// A method of `this` handed parts of the object (`this.parseLine(this.buffer.subarray(0, this.pos),
// this.event)`) that still cannot reach the object's own fields through them. this-cursor.ts takes any
// argument that mentions `this` as a way back to it; two kinds cannot be one:
// - a string or byte view read off a field by a built-in (`this.buf.subarray(a, b)`, `toString`,
//   `substring`, `charAt`, …: the call graph resolves it to no project code): bytes and characters;
//   `this.s.slice(…)` too when the instance never leaves the class (an array's slice gives its elements);
// - a field the class only ever sets to fresh literals (`event = { data: undefined }`,
//   `this.event = { … }`), in a class that never lets `this` go (only `this.x` anywhere), so it is
//   never the instance and never holds it, handed to methods that use that parameter only
//   one level deep (`event.data`, `event[k] = v`, no value mentioning `this` stored): no method call on
//   it, no member of a member; the record itself never handed on, rebound or stored (the values of its
//   properties may be). Such a method writes only the record's own properties.
// Assumed: code outside the class does not store the instance in the class's fields (the consumer
// does not write the producer's fields, as everywhere else).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { FunctionNode, ParsedFile } from '../project/types';
import type { CodeIndex } from './code-index';
import { memberPath, unwrap, walk, type Node } from './ast';
import { referencesOf } from './references';
import { isThisOf } from './this-cursor';

/** Built-ins that give bytes or characters (`subarray` only exists on typed arrays, the rest on strings). */
const VIEWS = new Set(['subarray', 'substring', 'substr', 'toString', 'charAt', 'charCodeAt', 'trim', 'toLowerCase', 'toUpperCase']);

export interface MethodTarget {
  node: FunctionNode;
  file: ParsedFile;
}

/**
 * The targets of `this.m(…)` made in `scope` when some argument mentions `this` and every such argument
 * is a view or a fresh record as above; undefined otherwise (the call is then judged as usual).
 */
export function targetsTakingFieldArguments(call: Node, scope: Node, file: ParsedFile, code: CodeIndex): MethodTarget[] | undefined {
  if (call.type !== 'CallExpression') return undefined;
  const callee = unwrap(call.callee);
  if (callee.type !== 'MemberExpression' || callee.computed || !isThisOf(callee.object, scope)) return undefined;
  const records: number[] = [];
  let mentions = false;
  for (let i = 0; i < call.arguments.length; i++) {
    const arg = call.arguments[i];
    if (arg.type === 'SpreadElement') return undefined;
    if (!mentionsThis(arg)) continue;
    mentions = true;
    if (isFieldView(arg, scope, file, code)) continue;
    if (!isFreshRecordField(arg, scope)) return undefined;
    records.push(i);
  }
  if (!mentions) return undefined;
  const targets = code.calleesOf(file, call).map((c) => ({ node: c.info.node, file: c.file }));
  if (targets.length === 0) return undefined;
  return targets.every((t) => records.every((i) => usedOneLevelDeep(t.node, i, t.file))) ? targets : undefined;
}

function mentionsThis(node: Node): boolean {
  let found = false;
  walk(node, (n) => {
    if (found) return false;
    if (n.type === 'ThisExpression' || n.type === 'Super') found = true;
  });
  return found;
}

/** `this.X.subarray(a, b)` and the like, with arguments that do not mention `this` but as numbers of fields. */
function isFieldView(arg: Node, scope: Node, file: ParsedFile, code: CodeIndex): boolean {
  const a = unwrap(arg);
  if (a.type !== 'CallExpression') return false;
  const callee = unwrap(a.callee);
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return false;
  // `slice` of an array gives its elements: objects, which cannot be the instance only if it never leaves the class.
  const name = callee.property.name;
  if (!VIEWS.has(name) && !(name === 'slice' && thisStaysIn(classOf(scope)))) return false;
  const field = memberPath(callee.object);
  if (field?.root.type !== 'ThisExpression' || !isThisOf(field.root, scope) || field.path.includes('[]')) return false;
  const plain = (x: Node) => {
    const u = unwrap(x);
    const mp = u.type === 'MemberExpression' ? memberPath(u) : undefined;
    return (u.type === 'Literal' && typeof u.value !== 'object') || (mp?.root.type === 'ThisExpression' && !mp.path.includes('[]')) || (!mentionsThis(u) && u.type !== 'FunctionExpression' && u.type !== 'ArrowFunctionExpression');
  };
  return a.arguments.every((x) => x.type !== 'SpreadElement' && plain(x)) && code.calleesOf(file, a).length === 0;
}

/** `this.F` where every value the class gives F is a literal (an object or array literal of primitives, or a primitive). */
function isFreshRecordField(arg: Node, scope: Node): boolean {
  const a = unwrap(arg);
  if (a.type !== 'MemberExpression' || a.computed || a.property.type !== 'Identifier' || !isThisOf(a.object, scope)) return false;
  const cls = classOf(scope);
  if (!cls || !thisStaysIn(cls)) return false;
  const name = a.property.name;
  let fresh = true;
  for (const member of cls.body.body) {
    if (member.type === 'PropertyDefinition' && !member.computed && member.key.type === 'Identifier' && member.key.name === name) fresh &&= !member.value || freshLiteral(member.value);
    if ((member.type === 'MethodDefinition' && member.kind !== 'method' && member.kind !== 'constructor') && member.key.type === 'Identifier' && member.key.name === name) return false;
  }
  walk(cls.body, (n) => {
    if (!fresh) return false;
    if (n.type === 'AssignmentExpression' && n.left.type === 'MemberExpression') {
      const mp = memberPath(n.left);
      if (mp?.root.type === 'ThisExpression' && mp.path === `this.${name}`) fresh = n.operator === '=' && freshLiteral(n.right);
      // Nothing that could be the instance is stored in it (`this.event.owner = this`).
      else if (mp?.root.type === 'ThisExpression' && mp.path.startsWith(`this.${name}.`) && mentionsThis(n.right)) fresh = false;
    }
  });
  return fresh;
}

function classOf(method: Node): TSESTree.ClassDeclaration | TSESTree.ClassExpression | undefined {
  const cls = method.parent?.type === 'MethodDefinition' ? method.parent.parent?.parent : undefined;
  return cls?.type === 'ClassDeclaration' || cls?.type === 'ClassExpression' ? cls : undefined;
}

const staysByClass = new WeakMap<Node, boolean>();

/** Every `this` of the class is the object of a member (`this.x`): the instance is never handed on or stored (`link(this.event, this)`). */
function thisStaysIn(cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression | undefined): boolean {
  if (!cls) return false;
  let stays = staysByClass.get(cls);
  if (stays !== undefined) return stays;
  stays = true;
  walk(cls.body, (n) => {
    if (!stays) return false;
    if (n.type === 'ThisExpression' && (n.parent?.type !== 'MemberExpression' || n.parent.object !== n)) stays = false;
  });
  staysByClass.set(cls, stays);
  return stays;
}

function freshLiteral(value: Node): boolean {
  const v = unwrap(value);
  if (v.type === 'Literal' || (v.type === 'Identifier' && v.name === 'undefined')) return true;
  if (v.type === 'ObjectExpression') return v.properties.every((p) => p.type === 'Property' && !p.computed && p.kind === 'init' && !p.method && freshLiteral(p.value as Node));
  if (v.type === 'ArrayExpression') return v.elements.every((e) => !e || (e.type !== 'SpreadElement' && freshLiteral(e)));
  return false;
}

/** The parameter at `index` is only read or written one level deep (`p.k`, `p[k]`, `p[k] = v`, `p.k += v`). */
function usedOneLevelDeep(fn: FunctionNode, index: number, file: ParsedFile): boolean {
  const param = fn.params[index];
  if (!param) return true;
  if (param.type !== 'Identifier') return false;
  const variable = referencesOf(file).variableOf(param);
  if (!variable) return false;
  return variable.references.every((ref) => {
    if (ref.isWrite()) return false;
    const id = ref.identifier as Node;
    const p = id.parent;
    if (p?.type !== 'MemberExpression' || p.object !== id) return false;
    const up = p.parent;
    if (up?.type === 'MemberExpression' && up.object === p) return false;
    if ((up?.type === 'CallExpression' || up?.type === 'NewExpression') && up.callee === p) return false;
    // A value stored in it must not be the instance (`event.owner = this`).
    if (up?.type === 'AssignmentExpression' && up.left === p && mentionsThis(up.right)) return false;
    // Its property handed on or stored is fine (one level: a value, not the record), but not destructured into.
    return !((up?.type === 'Property' && up.parent?.type === 'ObjectPattern') || up?.type === 'ArrayPattern' || up?.type === 'RestElement' || up?.type === 'AssignmentPattern' || ((up?.type === 'ForOfStatement' || up?.type === 'ForInStatement') && up.left === p));
  });
}

