// The sentinel an input ends with: parsers ported from C append a terminator so that their loops need
// no bounds checks (`state.input += '\0'`, then `while (ch !== 0) ch = input.charCodeAt(++pos)`).
// A field counts when every write of that field name in the file is the append of one constant
// character or the constructor's first value; a variable, when its writes before the loop are its
// declaration and such appends, and it has none after.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { contains, enclosingFunction, isFunctionNode, memberPath, unwrap, walk, type Node } from './ast';
import { referencesOf } from './references';
import type { ParsedFile } from '../project/types';

const byFile = new WeakMap<Node, Map<string, string | null>>();

/** The one character the indexed object always ends with by the time the loop runs, if the code shows one. */
export function sentinelOf(object: Node, loop: Node, file: ParsedFile): string | undefined {
  const o = unwrap(object);
  if (o.type === 'Identifier') return variableSentinel(o, loop, file);
  const mp = o.type === 'MemberExpression' ? memberPath(o) : undefined;
  if (!mp || mp.path.split('.').length !== 2) return undefined;
  const field = mp.path.split('.')[1];
  let cache = byFile.get(file.ast as Node);
  if (!cache) byFile.set(file.ast as Node, (cache = new Map()));
  if (!cache.has(field)) cache.set(field, fieldSentinel(field, file) ?? null);
  return cache.get(field) ?? undefined;
}

/** `x += 'C'` or `x = … + 'C'`: the character appended. */
function appended(assignment: TSESTree.AssignmentExpression): string | undefined {
  const right = unwrap(assignment.right);
  const one = (n: Node) => (n.type === 'Literal' && typeof n.value === 'string' && n.value.length === 1 ? n.value : undefined);
  if (assignment.operator === '+=') return one(right);
  if (assignment.operator === '=' && right.type === 'BinaryExpression' && right.operator === '+') return one(unwrap(right.right as Node));
  return undefined;
}

function fieldSentinel(field: string, file: ParsedFile): string | undefined {
  let sentinel: string | undefined;
  let ok = true;
  walk(file.ast as Node, (n) => {
    if (!ok) return false;
    const target = n.type === 'AssignmentExpression' ? unwrap(n.left) : n.type === 'UpdateExpression' ? unwrap(n.argument) : undefined;
    if (!target || target.type !== 'MemberExpression') return;
    // (`x[key] = v` with a dynamic key is not taken for the field; inside the loop the field is checked apart.)
    const name = !target.computed && target.property.type === 'Identifier' ? target.property.name : target.computed && target.property.type === 'Literal' ? String(target.property.value) : undefined;
    if (name !== field) return;
    const c = n.type === 'AssignmentExpression' ? appended(n) : undefined;
    if (c !== undefined && (sentinel === undefined || sentinel === c)) sentinel = c;
    else if (!(n.type === 'AssignmentExpression' && n.operator === '=' && initialValue(target, n))) ok = false;
  });
  return ok ? sentinel : undefined;
}

/** `this.field = …` in a constructor: a class's, or a function named like one (`function State(input)`). */
function initialValue(target: TSESTree.MemberExpression, at: Node): boolean {
  if (unwrap(target.object).type !== 'ThisExpression') return false;
  for (let n = at.parent; n; n = n.parent) {
    if (n.type === 'ArrowFunctionExpression') continue;
    if (!isFunctionNode(n)) continue;
    if (n.parent?.type === 'MethodDefinition') return n.parent.kind === 'constructor';
    const name = n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' ? n.id?.name : undefined;
    return !!name && /^[A-Z]/.test(name);
  }
  return false;
}

function variableSentinel(id: TSESTree.Identifier, loop: Node, file: ParsedFile): string | undefined {
  const variable = referencesOf(file).variableOf(id);
  if (!variable) return undefined;
  let sentinel: string | undefined;
  for (const ref of variable.references) {
    if (!ref.isWrite()) continue;
    const at = ref.identifier as Node;
    const p = at.parent;
    // Declared as `input + '\0'`, or declared first and appended to before the loop, outside any loop or closure.
    const value = p?.type === 'VariableDeclarator' && p.id === at ? p.init : undefined;
    const c = p?.type === 'AssignmentExpression' && p.left === at ? appended(p) : value && unwrap(value).type === 'BinaryExpression' && (unwrap(value) as TSESTree.BinaryExpression).operator === '+' ? oneCharRight(unwrap(value) as TSESTree.BinaryExpression) : undefined;
    if (p?.type === 'VariableDeclarator' && c === undefined) continue;
    if (c === undefined || (sentinel !== undefined && sentinel !== c)) return undefined;
    if (at.range[0] >= loop.range[0] || contains(loop, at) || insideOtherFunction(at, id)) return undefined;
    sentinel = c;
  }
  return sentinel;
}

function oneCharRight(b: TSESTree.BinaryExpression): string | undefined {
  const r = unwrap(b.right as Node);
  return r.type === 'Literal' && typeof r.value === 'string' && r.value.length === 1 ? r.value : undefined;
}

/** Whether the write sits in a function that does not also hold the read (a closure may run at any time). */
function insideOtherFunction(write: Node, read: Node): boolean {
  return enclosingFunction(write) !== enclosingFunction(read);
}
