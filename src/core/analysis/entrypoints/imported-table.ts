// Where a table another module exports is written: the call its export evaluates to (`names.map(...)`,
// `[...a.map(f)]` is an array and read by the linker), found through ES imports, `require` and its
// members, `export { x } from`, `export *` and index files, `module.exports = x` or `{ x }`. The table
// is then read in its own file, with that file's names and bindings. The linker resolves the same
// reference first, so the files on the way are recorded as what the reading file's link depends on
// (an edit there relinks it; ../project/surface.ts renders such exports as always changed).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, type FileFacts } from '../project/collect';
import type { AnalysisContext } from '../project/context';
import type { ValueRef } from '../project/values';

export interface WrittenCall {
  node: TSESTree.CallExpression;
  facts: FileFacts;
}

/** A module reached on the way (a namespace import, a required module). */
type Followed = ValueRef | { k: 'file'; file: string };

/** Re-exports and members followed at most this far. */
const MAX_HOPS = 12;

/** The call another module exports under the name `node` reads (an import, a required module or its member); undefined when it is none. */
export function importedCall(ctx: AnalysisContext, facts: FileFacts, node: TSESTree.Node): WrittenCall | undefined {
  const ref = facts.evaluate(node);
  if (ref?.k !== 'import' && ref?.k !== 'member' && ref?.k !== 'module') return undefined;
  ctx.linker.resolve(ref);
  const found = follow(ctx, ref, 0);
  if (found?.k !== 'call') return undefined;
  // The call's node: its first argument's parent (a call ref keeps no node of its own).
  const call = found.firstArgument?.parent;
  const callFacts = ctx.facts.get(found.file);
  return call?.type === 'CallExpression' && callFacts ? { node: call, facts: callFacts } : undefined;
}

function follow(ctx: AnalysisContext, ref: ValueRef, hops: number): Followed | undefined {
  if (hops > MAX_HOPS) return undefined;
  switch (ref.k) {
    case 'import': {
      const target = ctx.resolveModule(ref.file, ref.specifier);
      if (!target) return undefined;
      return ref.name === '*' ? { k: 'file', file: target } : exported(ctx, target, ref.name, hops + 1, new Set());
    }
    case 'module': {
      const target = ctx.resolveModule(ref.file, ref.specifier);
      const facts = target ? ctx.facts.get(target) : undefined;
      if (!target || !facts) return undefined;
      // `module.exports = routes`: requiring the module gives that value; an object of exports stays the module.
      const value = facts.commonJs && facts.exports.has('default') ? follow(ctx, facts.exports.get('default')!, hops + 1) : undefined;
      return value && value.k !== 'object' && value.k !== 'file' ? value : { k: 'file', file: target };
    }
    case 'member': {
      const of = follow(ctx, ref.of, hops + 1);
      if (of?.k === 'file') return exported(ctx, of.file, ref.name, hops + 1, new Set());
      return of?.k === 'object' ? propertyValue(ctx, of, ref.name, hops + 1) : undefined;
    }
    default:
      return ref;
  }
}

/** A module's export of that name, through `export *` and a CommonJS object of exports. */
function exported(ctx: AnalysisContext, file: string, name: string, hops: number, seen: Set<string>): Followed | undefined {
  if (hops > MAX_HOPS || seen.has(file)) return undefined;
  seen.add(file);
  const facts = ctx.facts.get(file);
  if (!facts) return undefined;
  const direct = facts.exports.get(name);
  if (direct) return follow(ctx, direct, hops + 1);
  for (const specifier of facts.starExports) {
    const target = ctx.resolveModule(file, specifier);
    const found = target ? exported(ctx, target, name, hops + 1, seen) : undefined;
    if (found) return found;
  }
  const object = name !== 'default' && facts.exports.has('default') ? follow(ctx, facts.exports.get('default')!, hops + 1) : undefined;
  return object?.k === 'object' ? propertyValue(ctx, object, name, hops + 1) : undefined;
}

function propertyValue(ctx: AnalysisContext, object: Extract<ValueRef, { k: 'object' }>, name: string, hops: number): Followed | undefined {
  const facts = ctx.facts.get(object.file);
  for (const prop of object.node.properties) {
    if (prop.type !== 'Property' || propertyName(prop.key, prop.computed) !== name) continue;
    const value = facts?.evaluate(prop.value);
    return value ? follow(ctx, value, hops) : undefined;
  }
  return undefined;
}
