// Variables that hold the same object: `const s = job` makes `s.done = true`, `s.cursor = next` or
// `advance(s)` a change of `job.done`. A copy counts only while neither side is reassigned after it
// (scope-manager write references), so `let s = job; s = other;` is not an alias of job.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import type { ParsedFile } from '../project/types';
import { unwrap, type Node } from './ast';
import { referencesOf } from './references';

const MAX_ALIASES = 8;
const cache = new WeakMap<Variable, Variable[]>();

/** The variables holding the same object as `variable` (itself excluded), through chains of copies. */
export function aliasesOf(variable: Variable, file: ParsedFile): Variable[] {
  let out = cache.get(variable);
  if (out) return out;
  const seen = new Set<Variable>([variable]);
  const queue = [variable];
  while (queue.length && seen.size <= MAX_ALIASES) {
    const v = queue.shift()!;
    for (const next of copyNeighbours(v, file)) if (!seen.has(next)) (seen.add(next), queue.push(next));
  }
  seen.delete(variable);
  out = [...seen];
  cache.set(variable, out);
  return out;
}

/** `const copy = source`: the declarator when that is the copy's only write. */
function copyDeclarator(copy: Variable): TSESTree.VariableDeclarator | undefined {
  if (copy.defs.length !== 1 || copy.defs[0].type !== 'Variable') return undefined;
  const declarator = copy.defs[0].node as TSESTree.VariableDeclarator;
  if (declarator.id.type !== 'Identifier' || !declarator.init || unwrap(declarator.init).type !== 'Identifier') return undefined;
  const writes = copy.references.filter((r) => r.isWrite());
  return writes.length === 1 && writes[0].init ? declarator : undefined;
}

/** The source keeps its object from the copy on: every write of it other than its declaration comes before the copy. */
function keepsObjectAfter(source: Variable, copy: TSESTree.VariableDeclarator): boolean {
  return source.references.every((r) => !r.isWrite() || r.init || (r.identifier as Node).range[1] <= copy.range[0]);
}

function copyNeighbours(v: Variable, file: ParsedFile): Variable[] {
  const refs = referencesOf(file);
  const out: Variable[] = [];
  // v = copy of another variable.
  const own = copyDeclarator(v);
  if (own) {
    const source = refs.variableOf(unwrap(own.init!) as TSESTree.Identifier);
    if (source && keepsObjectAfter(source, own)) out.push(source);
  }
  // Other variables declared as copies of v.
  for (const r of v.references) {
    const id = r.identifier as Node;
    const parent = id.parent;
    if (r.isWrite() || parent?.type !== 'VariableDeclarator' || parent.init !== id || parent.id.type !== 'Identifier') continue;
    const copy = refs.variableOf(parent.id);
    if (copy && copyDeclarator(copy) === parent && keepsObjectAfter(v, parent)) out.push(copy);
  }
  return out;
}
