// Identifier → variable resolution, from the scope manager (never hand-written scope rules).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable, Reference, Scope } from '@typescript-eslint/scope-manager';
import type { ParsedFile } from '../project/types';

export interface FileReferences {
  /** Every identifier that the scope manager resolved, to its variable. */
  variableOf(id: TSESTree.Identifier): Variable | undefined;
  referenceOf(id: TSESTree.Identifier): Reference | undefined;
}

const cache = new WeakMap<ParsedFile, FileReferences>();

export function referencesOf(file: ParsedFile): FileReferences {
  let refs = cache.get(file);
  if (refs) return refs;
  const byIdentifier = new Map<TSESTree.Identifier, Reference>();
  const declared = new Map<TSESTree.Identifier, Variable>();
  for (const scope of file.scopeManager.scopes as Scope[]) {
    for (const r of scope.references) byIdentifier.set(r.identifier as TSESTree.Identifier, r);
    for (const v of scope.variables) for (const def of v.defs) if (def.name.type === 'Identifier') declared.set(def.name as TSESTree.Identifier, v);
  }
  refs = {
    variableOf: (id) => byIdentifier.get(id)?.resolved ?? declared.get(id) ?? undefined,
    referenceOf: (id) => byIdentifier.get(id),
  };
  cache.set(file, refs);
  return refs;
}
