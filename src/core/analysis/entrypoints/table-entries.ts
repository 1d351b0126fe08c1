// The entries of a route table (./tables.ts reads them): array literals (through variables, imports
// and spreads), an object literal's properties (string-literal keys, computed keys that are constant
// strings, spread objects), and tables built by code — an array filled by `routes.push({...})`
// (top-level or in loops over literal lists), `list.map(x => ({...}))`, `list.flatMap(x => [...])`,
// spreads of such tables, `Object.values(table)`, `Object.fromEntries(pairs)`. An entry built by code is the template object
// with the names its loops and callbacks bind (`name` in `names.map(name => ...)`) as bindings; its
// values are read by substituting them (`'/' + name` → '/users', `handlers[name]` → that property).
// Pushes are read in the array's file, imported or not (an exported array filled by pushes leaves
// its file's export surface unrendered, so an edit there relinks the importers); so are an imported
// table's `.map` / `.flatMap` (./imported-table.ts finds the call; such an export is not rendered either).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunctionNode, propertyName, unwrapExpression, type FileFacts } from '../project/collect';
import type { AnalysisContext } from '../project/context';
import { constantString } from './constants';
import { importedCall } from './imported-table';

/** Names bound where a table entry was built: declaring identifier → its value. */
export type Bindings = ReadonlyMap<TSESTree.Node, EntryValue>;

/** A value found in an entry, with the facts of the file it is written in (and the names bound there). */
export interface EntryValue {
  node: TSESTree.Node;
  facts: FileFacts;
  env?: Bindings;
}

/** An object property seen as `[key, value]`: the key a constant string. */
export interface KeyedEntry {
  key: EntryValue;
  value: EntryValue;
}

export type Entry = EntryValue | KeyedEntry;

/**
 * What a loop iterates: an array's elements, or an object's properties as `[key, value]` pairs
 * (`Object.entries`), as keys (`Object.keys`, whose element reads are paths under 0 of the pair), or
 * as values (`Object.values`).
 */
export interface TableSource {
  mode: 'elements' | 'entries' | 'keys' | 'values';
  expression: TSESTree.Node;
}

export const MAX_ENTRIES = 200;
/** Tables nested (spread, mapped, pushed in loops) deeper than this are not followed. */
const MAX_DEPTH = 8;
export const ITERATING_METHODS = new Set(['forEach', 'map']);
/** Arrays whose pushes are being read (a table pushed to in a loop over itself must not recurse). */
const expanding = new Set<TSESTree.Node>();

/** The table a loop iterates, through `.filter(...)` calls and `Object.entries` / `Object.keys` / `Object.values`. */
export function tableSource(facts: FileFacts, raw: TSESTree.Node): TableSource {
  let node = unwrapExpression(raw);
  while (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && propertyName(node.callee.property, node.callee.computed) === 'filter') {
    node = unwrapExpression(node.callee.object);
  }
  const name = globalObjectCall(facts, node);
  if (name === 'entries' || name === 'keys' || name === 'values') return { mode: name, expression: (node as TSESTree.CallExpression).arguments[0] };
  return { mode: 'elements', expression: node };
}

/** `Object.<name>(x)` of the global Object (not a local of that name) with one plain argument: the name. */
function globalObjectCall(facts: FileFacts, node: TSESTree.Node): string | undefined {
  if (node.type !== 'CallExpression' || node.arguments.length !== 1 || node.arguments[0].type === 'SpreadElement' || node.callee.type !== 'MemberExpression') return undefined;
  const object = node.callee.object;
  if (object.type !== 'Identifier' || object.name !== 'Object' || facts.variableOf(object)?.defs.length) return undefined;
  return propertyName(node.callee.property, node.callee.computed);
}

/** The table's entries: keyed pairs for `entries` / `keys`, the property values for `values`, else the elements. */
export function tableEntries(ctx: AnalysisContext, facts: FileFacts, source: TableSource, depth = 0): Entry[] {
  if (depth > MAX_DEPTH) return [];
  if (source.mode === 'elements') return elementEntries(ctx, facts, source.expression, depth);
  if (source.mode === 'values') return objectEntries(ctx, facts, source.expression, depth, true).map((p) => p.value);
  return objectEntries(ctx, facts, source.expression, depth, false);
}

function elementEntries(ctx: AnalysisContext, facts: FileFacts, raw: TSESTree.Node, depth: number): Entry[] {
  const node = unwrapExpression(raw);
  const built = builtByCode(ctx, facts, node, depth);
  if (built) return builtEntries(ctx, built, depth);
  const entries: Entry[] = [];
  const seen = new Set<TSESTree.Node>();
  const addElements = (found: ReturnType<AnalysisContext['linker']['resolve']>, level: number): void => {
    for (const array of found) {
      if (array.k !== 'array' || seen.has(array.node)) continue;
      seen.add(array.node);
      const arrayFacts = ctx.facts.get(array.file);
      if (!arrayFacts) continue;
      for (const element of array.node.elements) {
        if (!element) continue;
        if (element.type === 'SpreadElement') {
          if (level < MAX_DEPTH) addSpread(arrayFacts, element.argument, level + 1);
          continue;
        }
        // Any other element is kept as written: a string a loop binds (`for (const name of ['a', 'b'])`).
        entries.push(literalOf(ctx, { node: element, facts: arrayFacts }) ?? { node: element, facts: arrayFacts });
      }
      // Pushes are code, read in the array's own file (an imported table's file too: its export surface
      // is then not rendered, so every edit there relinks the importers). A push inside a loop over the
      // same table (`for (const r of routes) routes.push(...)`) is not expanded again.
      if (!expanding.has(array.node)) {
        expanding.add(array.node);
        try {
          pushedEntries(array.node, arrayFacts, level);
        } finally {
          expanding.delete(array.node);
        }
      }
    }
  };
  const pushedEntries = (array: TSESTree.ArrayExpression, arrayFacts: FileFacts, level: number): void => {
    for (const push of pushesOnto(arrayFacts, array)) {
      for (const arg of push.arguments) {
        if (arg.type === 'SpreadElement') {
          if (level < MAX_DEPTH) addSpread(arrayFacts, arg.argument, level + 1);
          continue;
        }
        for (const env of iterationBindings(ctx, arrayFacts, push, depth)) entries.push({ node: arg, facts: arrayFacts, env });
      }
    }
  };
  // A spread table built by code (`...names.map(toRoute)`, an imported mapped table) gives its entries; another the elements the linker finds.
  const addSpread = (spreadFacts: FileFacts, argument: TSESTree.Node, level: number): void => {
    const spread = builtByCode(ctx, spreadFacts, unwrapExpression(argument), depth + level);
    if (spread) entries.push(...builtEntries(ctx, spread, depth + level));
    else addElements(ctx.linker.resolve(spreadFacts.evaluate(argument)), level);
  };
  addElements(ctx.linker.resolve(facts.evaluate(node)), 0);
  return entries;
}

function builtEntries(ctx: AnalysisContext, built: BuiltTable, depth: number): Entry[] {
  if (built.callback) return mappedEntries(ctx, built, depth);
  const found = tableEntries(ctx, built.facts, built.source, depth + 1);
  // `const paths = Object.keys(table)`: its elements are the keys.
  return built.source.mode === 'keys' ? found.map((e) => ('key' in e ? e.key : e)) : found;
}

/**
 * A table made by a call, directly, as a `const` of this file, or exported by another module (read
 * in that module: ./imported-table.ts): `.map(cb)` / `.flatMap(cb)` of a table, `Object.values(...)` & co.
 */
interface BuiltTable {
  source: TableSource;
  /** The file the call is written in (its source and callback are read there). */
  facts: FileFacts;
  /** For `.map` / `.flatMap`: the callback, whose returned expression is each entry (`.flatMap`: each element of it). */
  callback?: TSESTree.Node;
  flat?: boolean;
}

function builtByCode(ctx: AnalysisContext, facts: FileFacts, node: TSESTree.Node, depth: number): BuiltTable | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (node.type === 'Identifier' || node.type === 'MemberExpression') {
    const init = node.type === 'Identifier' ? constInit(facts, node) : undefined;
    const local = init?.type === 'CallExpression' ? builtByCode(ctx, facts, init, depth + 1) : undefined;
    if (local) return local;
    const imported = importedCall(ctx, facts, node);
    return imported ? builtByCode(ctx, imported.facts, imported.node, depth + 1) : undefined;
  }
  if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression') return undefined;
  const method = propertyName(node.callee.property, node.callee.computed);
  // Every entry of a filtered table counts: which pass is not known statically.
  if (method === 'filter') return builtByCode(ctx, facts, unwrapExpression(node.callee.object), depth + 1) ?? { source: tableSource(facts, node), facts };
  const mapping = method === 'map' || method === 'flatMap';
  const callback = mapping && node.arguments.length >= 1 ? mapCallback(ctx, facts, node.arguments[0] as TSESTree.Node) : undefined;
  if (callback) return { source: tableSource(facts, node.callee.object), facts, callback, flat: method === 'flatMap' };
  const source = tableSource(facts, node);
  return source.mode !== 'elements' ? { source, facts } : undefined;
}

/** A `.map()` callback: written inline, or a function of this file (`names.map(toRoute)`); another file's code is not read. */
function mapCallback(ctx: AnalysisContext, facts: FileFacts, arg: TSESTree.Node): TSESTree.Node | undefined {
  const node = unwrapExpression(arg);
  if (isFunctionNode(node)) return node;
  const ids = ctx.linker.resolve(facts.evaluate(node)).flatMap((v) => (v.k === 'fn' ? [v.id] : []));
  const fn = ids.length === 1 ? ctx.functions.get(ids[0]) : undefined;
  return fn && ctx.facts.get(fn.file) === facts ? fn.node : undefined;
}

/**
 * `list.map(x => ({ ... }))`: each entry of the list, bound to the callback's parameter, gives the
 * returned expression; `list.flatMap(x => [{ ... }, { ... }])` each element of the returned array
 * (one that is not an array literal nor an object literal gives nothing: how many entries it holds is not known).
 */
function mappedEntries(ctx: AnalysisContext, built: BuiltTable, depth: number): Entry[] {
  const facts = built.facts;
  const fn = built.callback;
  const info = fn && isFunctionNode(fn) ? facts.functionByNode.get(fn) : undefined;
  const returned = info ? facts.returns.get(info.id) : undefined;
  // One returned expression: with several, which one an entry gives is not known.
  if (!fn || !isFunctionNode(fn) || !returned || returned.length !== 1) return [];
  const out: Entry[] = [];
  for (const entry of tableEntries(ctx, facts, built.source, depth + 1)) {
    if (out.length >= MAX_ENTRIES) break;
    const mapped: EntryValue = { node: returned[0], facts, env: fn.params[0] ? bindPattern(ctx, fn.params[0], entry, built.source.mode) : new Map() };
    if (built.flat) out.push(...flattened(ctx, mapped));
    else out.push(mapped);
  }
  return out;
}

/** What `.flatMap` makes of one returned value: an array literal's elements (those of spread array literals too), an object literal itself. */
function flattened(ctx: AnalysisContext, value: EntryValue, spread = false): EntryValue[] {
  const literal = literalOf(ctx, instantiate(ctx, value));
  if (literal?.node.type === 'ObjectExpression') return spread ? [] : [literal];
  if (literal?.node.type !== 'ArrayExpression') return [];
  return literal.node.elements.flatMap((element): EntryValue[] => {
    if (!element) return [];
    if (element.type !== 'SpreadElement') return [{ node: element, facts: literal.facts, env: literal.env }];
    return spread ? [] : flattened(ctx, { node: element.argument, facts: literal.facts, env: literal.env }, true);
  });
}

/** An object table's properties as `[key, value]` pairs (for values only, any key counts); `Object.fromEntries(pairs)` gives its pairs. */
function objectEntries(ctx: AnalysisContext, facts: FileFacts, raw: TSESTree.Node, depth: number, valuesOnly: boolean): KeyedEntry[] {
  let node = unwrapExpression(raw);
  if (node.type === 'Identifier') {
    const init = constInit(facts, node);
    if (init?.type === 'CallExpression') node = init;
  }
  if (globalObjectCall(facts, node) === 'fromEntries') {
    const pairs = (node as TSESTree.CallExpression).arguments[0] as TSESTree.Node;
    const out: KeyedEntry[] = [];
    for (const pair of tableEntries(ctx, facts, tableSource(facts, pairs), depth + 1)) {
      const key = valueAt(ctx, pair, [0]);
      const value = valueAt(ctx, pair, [1]);
      const text = key && entryString(ctx, key);
      if (key && text !== undefined && value) out.push({ key: stringNode(text, key), value });
    }
    return out;
  }
  const out: KeyedEntry[] = [];
  const seen = new Set<TSESTree.Node>();
  const addProperties = (found: ReturnType<AnalysisContext['linker']['resolve']>, level: number): void => {
    for (const object of found) {
      const objectFacts = object.k === 'object' ? ctx.facts.get(object.file) : undefined;
      if (object.k !== 'object' || !objectFacts || seen.has(object.node)) continue;
      seen.add(object.node);
      for (const prop of object.node.properties) {
        if (prop.type === 'SpreadElement') {
          if (level < MAX_DEPTH) addProperties(ctx.linker.resolve(objectFacts.evaluate(prop.argument)), level + 1);
          continue;
        }
        if (prop.kind !== 'init') continue;
        // A path key: a string literal, or a computed key that is a constant string (`[USERS]`); a name (`users:`) is no path.
        const literal = !prop.computed && prop.key.type === 'Literal' && typeof prop.key.value === 'string';
        const text = prop.computed ? constantString(ctx, objectFacts, prop.key) : literal ? (prop.key as TSESTree.StringLiteral).value : undefined;
        if (text === undefined && !valuesOnly) continue;
        const key = { node: prop.key, facts: objectFacts };
        out.push({ key: literal || text === undefined ? key : stringNode(text, key), value: { node: prop.value, facts: objectFacts } });
      }
    }
  };
  addProperties(ctx.linker.resolve(facts.evaluate(node)), 0);
  return out;
}

/** The initializer of the `const` an identifier names, in this file. */
function constInit(facts: FileFacts, id: TSESTree.Identifier): TSESTree.Node | undefined {
  const def = facts.variableOf(id)?.defs[0];
  if (def?.type !== 'Variable' || def.node.id.type !== 'Identifier' || def.parent?.type !== 'VariableDeclaration' || def.parent.kind !== 'const') return undefined;
  return def.node.init ? unwrapExpression(def.node.init) : undefined;
}

/** The initializer of a `const` declared inside a function of this file (a top-level one is the linker's to read). */
function innerConstInit(facts: FileFacts, id: TSESTree.Identifier): TSESTree.Node | undefined {
  const def = facts.variableOf(id)?.defs[0];
  if (def?.type !== 'Variable') return undefined;
  const declarator = def.node as TSESTree.VariableDeclarator;
  const declaration = declarator.parent;
  if (declaration?.type !== 'VariableDeclaration' || declaration.kind !== 'const' || declarator.id.type !== 'Identifier' || !declarator.init) return undefined;
  const scope = declaration.parent;
  return scope && scope.type !== 'Program' && scope.type !== 'ExportNamedDeclaration' ? declarator.init : undefined;
}

/** `routes.push(...)` calls on the `const` initialized with this array literal, in its file. */
export function pushesOnto(facts: FileFacts, array: TSESTree.ArrayExpression): TSESTree.CallExpression[] {
  const declarator = array.parent;
  if (declarator?.type !== 'VariableDeclarator' || declarator.init !== array || declarator.id.type !== 'Identifier') return [];
  if (declarator.parent?.type !== 'VariableDeclaration' || declarator.parent.kind !== 'const') return [];
  const id = declarator.id;
  const out: TSESTree.CallExpression[] = [];
  for (const { node } of facts.calls) {
    if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression' || propertyName(node.callee.property, node.callee.computed) !== 'push') continue;
    const object = node.callee.object;
    if (object.type === 'Identifier' && object.name === id.name && facts.variableOf(object)?.identifiers.includes(id)) out.push(node);
  }
  return out;
}

/**
 * The names bound around a node by the loops over tables it sits in (`for (const n of names)`,
 * `names.forEach(n => ...)`), one binding set per iteration; a function that is not such a callback
 * ends the search (its calls are not known).
 */
function iterationBindings(ctx: AnalysisContext, facts: FileFacts, node: TSESTree.Node, depth: number): Bindings[] {
  let envs: Array<Map<TSESTree.Node, EntryValue>> = [new Map()];
  for (let child: TSESTree.Node = node, n = node.parent; n; child = n, n = n.parent) {
    let pattern: TSESTree.Node | undefined;
    let source: TableSource | undefined;
    if (n.type === 'ForOfStatement' && child === n.body && !n.await && n.left.type === 'VariableDeclaration' && n.left.declarations.length === 1) {
      pattern = n.left.declarations[0].id;
      source = tableSource(facts, n.right);
    } else if (n.type === 'ForInStatement' && child === n.body && n.left.type === 'VariableDeclaration' && n.left.declarations.length === 1) {
      pattern = n.left.declarations[0].id;
      source = { mode: 'keys', expression: n.right };
    } else if (isFunctionNode(n)) {
      const call = n.parent;
      const method = call?.type === 'CallExpression' && call.arguments[0] === n && call.callee.type === 'MemberExpression' ? propertyName(call.callee.property, call.callee.computed) : undefined;
      if (!method || !ITERATING_METHODS.has(method) || !n.params[0]) break;
      pattern = n.params[0];
      source = tableSource(facts, (call as TSESTree.CallExpression & { callee: TSESTree.MemberExpression }).callee.object);
    }
    if (!pattern || !source) continue;
    const entries = tableEntries(ctx, facts, source, depth + 1);
    const next: Array<Map<TSESTree.Node, EntryValue>> = [];
    for (const env of envs) {
      for (const entry of entries) {
        if (next.length >= MAX_ENTRIES) break;
        next.push(new Map([...env, ...bindPattern(ctx, pattern, entry, source.mode)]));
      }
    }
    envs = next;
  }
  return envs;
}

/** The names a destructuring pattern binds, each to the entry's value at its place (under 0 for an `Object.keys` key). */
export function bindPattern(ctx: AnalysisContext, pattern: TSESTree.Node, entry: Entry, mode: TableSource['mode']): Map<TSESTree.Node, EntryValue> {
  const env = new Map<TSESTree.Node, EntryValue>();
  for (const [id, path] of patternNames(pattern, [])) {
    const value = valueAt(ctx, entry, mode === 'keys' ? [0, ...path] : path);
    if (value) env.set(id, value);
  }
  return env;
}

function patternNames(pattern: TSESTree.Node, path: Array<string | number>): Array<[TSESTree.Identifier, Array<string | number>]> {
  switch (pattern.type) {
    case 'Identifier':
      return [[pattern, path]];
    case 'AssignmentPattern':
      return patternNames(pattern.left, path);
    case 'ObjectPattern':
      return pattern.properties.flatMap((prop) => {
        const key = prop.type === 'Property' ? propertyName(prop.key, prop.computed) : undefined;
        return key === undefined || prop.type !== 'Property' ? [] : patternNames(prop.value, [...path, key]);
      });
    case 'ArrayPattern':
      return pattern.elements.flatMap((e, i) => (e && e.type !== 'RestElement' ? patternNames(e, [...path, i]) : []));
    default:
      return [];
  }
}

/** The value a bound name stands for, if the node is one. */
function boundValue(value: EntryValue): EntryValue | undefined {
  const node = unwrapExpression(value.node);
  if (!value.env?.size || node.type !== 'Identifier') return undefined;
  const variable = value.facts.variableOf(node);
  for (const declared of variable?.identifiers ?? []) {
    const bound = value.env.get(declared);
    if (bound) return bound;
  }
  return undefined;
}

/**
 * A value with its bound names substituted: a bound name gives its value, `x[name]` / `x.y` on bound
 * parts the property it reads, a string expression over bound names a string literal; literals keep
 * their bindings (their properties are read later), anything else is taken as written.
 */
export function instantiate(ctx: AnalysisContext, value: EntryValue, depth = 0): EntryValue {
  if (!value.env?.size || depth > MAX_DEPTH) return value;
  const node = unwrapExpression(value.node);
  const bound = boundValue(value);
  if (bound) return instantiate(ctx, bound, depth + 1);
  switch (node.type) {
    case 'ObjectExpression':
    case 'ArrayExpression':
      return value;
    case 'Identifier': {
      // A `const` of the callback's body (`const path = '/' + name; return { path }`): its initializer, names bound.
      const init = innerConstInit(value.facts, node);
      return init ? instantiate(ctx, { ...value, node: init }, depth + 1) : { node, facts: value.facts };
    }
    case 'TemplateLiteral':
    case 'BinaryExpression': {
      const text = entryString(ctx, value, depth + 1);
      return text === undefined ? { node, facts: value.facts } : stringNode(text, value);
    }
    case 'MemberExpression': {
      const key = node.computed ? entryString(ctx, { ...value, node: node.property }, depth + 1) : propertyName(node.property);
      const base = instantiate(ctx, { ...value, node: node.object }, depth + 1);
      const object = literalOf(ctx, base);
      const property = key !== undefined && object ? propertyOf(ctx, object, key) : undefined;
      if (property) return instantiate(ctx, property, depth + 1);
      // Not a literal (a module, an instance): `x.key` as written, for the linker to resolve.
      return key !== undefined && node.computed ? memberNode(base, key) : { node, facts: value.facts };
    }
    default:
      return { node, facts: value.facts };
  }
}

/** A value as a constant string, bound names substituted. */
export function entryString(ctx: AnalysisContext, value: EntryValue, depth = 0): string | undefined {
  const node = unwrapExpression(value.node);
  if (!value.env?.size) return constantString(ctx, value.facts, node);
  if (depth > MAX_DEPTH) return undefined;
  const part = (n: TSESTree.Node) => entryString(ctx, { ...value, node: n }, depth + 1);
  switch (node.type) {
    case 'Literal':
      return typeof node.value === 'string' ? node.value : undefined;
    case 'TemplateLiteral': {
      let text = node.quasis[0].value.cooked ?? undefined;
      for (let i = 0; i < node.expressions.length && text !== undefined; i++) {
        const expression = part(node.expressions[i]);
        const next = node.quasis[i + 1].value.cooked;
        text = expression === undefined || next === null ? undefined : text + expression + next;
      }
      return text;
    }
    case 'BinaryExpression': {
      if (node.operator !== '+') return undefined;
      const left = part(node.left);
      const right = left === undefined ? undefined : part(node.right);
      return left === undefined || right === undefined ? undefined : left + right;
    }
    case 'Identifier':
    case 'MemberExpression': {
      const instance = instantiate(ctx, value, depth + 1);
      return instance.node === node ? constantString(ctx, value.facts, node) : entryString(ctx, instance, depth + 1);
    }
    default:
      return undefined;
  }
}

/** A string literal made for a computed value (only its value is read), placed where the value is written. */
export function stringNode(text: string, at: EntryValue): EntryValue {
  const node = at.node;
  const literal = { type: 'Literal', value: text, raw: JSON.stringify(text), range: node.range, loc: node.loc, parent: node } as TSESTree.StringLiteral;
  return { node: literal, facts: at.facts };
}

/** `object.key` made for a computed read whose key is now known (only evaluated, never printed). */
function memberNode(object: EntryValue, key: string): EntryValue {
  const at = object.node;
  const property = { type: 'Identifier', name: key, range: at.range, loc: at.loc } as TSESTree.Identifier;
  const member = { type: 'MemberExpression', object: at, property, computed: false, optional: false, range: at.range, loc: at.loc, parent: at } as TSESTree.MemberExpression;
  (property as { parent?: TSESTree.Node }).parent = member;
  return { node: member, facts: object.facts };
}

/** The object or array literal a value denotes (a variable holding one included). */
export function literalOf(ctx: AnalysisContext, value: EntryValue): EntryValue | undefined {
  const node = unwrapExpression(value.node);
  if (node.type === 'ObjectExpression' || node.type === 'ArrayExpression') return { node, facts: value.facts, env: value.env };
  for (const r of ctx.linker.resolve(value.facts.evaluate(node))) {
    if (r.k !== 'object' && r.k !== 'array') continue;
    const facts = ctx.facts.get(r.file);
    if (facts) return { node: r.node, facts };
  }
  return undefined;
}

/** A literal's property (the last of that name, as at run time; spread objects included: `{ ...r, path }`) or element. */
function propertyOf(ctx: AnalysisContext, literal: EntryValue, key: string | number, depth = 0): EntryValue | undefined {
  const node = literal.node;
  let found: EntryValue | undefined;
  if (node.type === 'ObjectExpression') {
    for (const prop of node.properties) {
      if (prop.type === 'Property' && propertyName(prop.key, prop.computed) === String(key)) found = { node: prop.value, facts: literal.facts, env: literal.env };
      else if (prop.type === 'SpreadElement' && depth < MAX_DEPTH) {
        const spread = literalOf(ctx, instantiate(ctx, { node: prop.argument, facts: literal.facts, env: literal.env }));
        found = (spread && propertyOf(ctx, spread, key, depth + 1)) ?? found;
      }
    }
  } else if (node.type === 'ArrayExpression' && typeof key === 'number') {
    const element = node.elements[key];
    if (element && element.type !== 'SpreadElement') found = { node: element, facts: literal.facts, env: literal.env };
  }
  return found;
}

/** The entry's value at a path (`['path']`, `[1]`, `[]` for the entry itself; a keyed entry's key at [0], its value under [1]). */
export function valueAt(ctx: AnalysisContext, entry: Entry, path: Array<string | number>): EntryValue | undefined {
  if ('key' in entry) {
    if (path[0] === 0) return path.length === 1 ? entry.key : undefined;
    return path[0] === 1 ? valueAt(ctx, entry.value, path.slice(1)) : undefined;
  }
  let current: EntryValue | undefined = entry;
  for (const key of path) {
    const literal: EntryValue | undefined = current && literalOf(ctx, instantiate(ctx, current));
    current = literal && propertyOf(ctx, literal, key);
  }
  return current;
}
