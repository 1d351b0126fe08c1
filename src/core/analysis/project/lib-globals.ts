// Scope analysis without 194 lib globals per file. With the default `lib`, the scope manager gives
// every file's global scope one variable per esnext global (Array, Promise, PropertyKey, …), each
// with its arrays; on a 2,000-file project that is ~400k objects kept for the whole scan, most of
// them never referenced. analyzeScopes runs the analysis with no lib and then binds the references
// left unresolved at the global scope to lib variables created for the names that are used, the
// way the global scope's close binds them: same name, type/value kind matching, references in
// order, `resolved` set, dropped from `through`. The one case the global scope's own binding cannot
// be replayed from `through` is a `with` scope (its references skip the global scope's binding):
// such files get the plain analysis.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { analyze, ImplicitLibVariable, type AnalyzeOptions, type ScopeManager } from '@typescript-eslint/scope-manager';

type LibOptions = ConstructorParameters<typeof ImplicitLibVariable>[2];

let libGlobals: Map<string, LibOptions> | undefined;

/** The default lib's globals, read once from the scope manager itself (an empty program's global scope). */
function defaultLibGlobals(): Map<string, LibOptions> {
  if (libGlobals) return libGlobals;
  const empty: TSESTree.Program = {
    type: 'Program' as TSESTree.Program['type'],
    body: [],
    comments: [],
    tokens: [],
    sourceType: 'script',
    range: [0, 0],
    loc: { start: { line: 1, column: 0 }, end: { line: 1, column: 0 } },
  } as unknown as TSESTree.Program;
  libGlobals = new Map();
  for (const v of analyze(empty, { sourceType: 'script' }).globalScope!.set.values()) {
    if (v instanceof ImplicitLibVariable) {
      libGlobals.set(v.name, { isTypeVariable: v.isTypeVariable, isValueVariable: v.isValueVariable, writeable: v.writeable, eslintImplicitGlobalSetting: v.eslintImplicitGlobalSetting });
    }
  }
  return libGlobals;
}

export function analyzeScopes(ast: TSESTree.Program, options: Omit<AnalyzeOptions, 'lib'>): ScopeManager {
  const lib = defaultLibGlobals();
  const manager = analyze(ast, { ...options, lib: [] });
  if (manager.scopes.some((s) => s.type === 'with')) return analyze(ast, options);
  const global = manager.globalScope!;
  const through = [];
  const created = new Map<string, ImplicitLibVariable>();
  for (const ref of global.through) {
    const name = ref.identifier.name;
    const kind = lib.get(name);
    // A name the global scope already declares (`const`, the one lib entry kept) resolved there.
    if (!kind || global.set.has(name) || !((ref.isTypeReference && kind.isTypeVariable) || (ref.isValueReference && kind.isValueVariable))) {
      through.push(ref);
      continue;
    }
    let variable = created.get(name);
    if (!variable) {
      variable = new ImplicitLibVariable(global, name, kind);
      created.set(name, variable);
    }
    variable.references.push(ref);
    ref.resolved = variable;
  }
  for (const [name, variable] of created) {
    global.set.set(name, variable);
    global.variables.push(variable);
  }
  global.through = through;
  return manager;
}
