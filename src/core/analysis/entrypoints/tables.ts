// Routes registered from data: a table of routes (an array literal of objects or tuples, in this
// file or imported) iterated with `for (const r of routes) app[r.method](r.path, r.handler)`,
// `routes.forEach(({ method, path, handler }) => app[method.toLowerCase()](path, handler))` or
// `for (const r of routes) fastify.route(r)`. Each literal entry becomes one registration call with
// the entry's values in place of the loop variable's reads. The table may be built from literals:
// `Object.entries(paths)` / `Object.keys(paths)` of an object literal mapping paths to handlers
// (`paths[path]` reads the entry's handler), `routes.filter(...)` (every entry counts: which pass is
// not known statically), and spread tables (`[...userRoutes, ...orderRoutes]`).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunctionNode, propertyName, unwrapExpression, type FileFacts } from '../project/collect';
import type { AnalysisContext } from '../project/context';
import { routePaths, stringValue } from './routes';

/** The loop over a table: its element pattern and where its entries come from. */
interface TableLoop {
  node: TSESTree.Node;
  pattern: TSESTree.Node;
  source: TableSource;
}

/**
 * What a loop iterates: an array's elements, or an object's properties as `[key, value]` pairs
 * (`Object.entries`) or as keys (`Object.keys`, whose element reads are paths under 0 of the pair).
 */
interface TableSource {
  mode: 'elements' | 'entries' | 'keys';
  expression: TSESTree.Node;
}

/** An object property seen as `[key, value]`: the key a string literal. */
interface KeyedEntry {
  key: EntryValue;
  value: EntryValue;
}

type Entry = EntryValue | KeyedEntry;

/** A read of the loop element: `r.path` → ['path'], `[m, p, h]` destructured → [1] for `p`; `Object.keys` element `k` → [0], `table[k]` → [1]. */
interface ElementAccess {
  loop: TableLoop;
  path: Array<string | number>;
  /** `const [method, path] = key.split(' ')`: the part at index of the string read at path. */
  split?: { separator: string; index: number };
}

/** A value found in an entry, with the facts of the file it is written in. */
export interface EntryValue {
  node: TSESTree.Node;
  facts: FileFacts;
}

/** One table entry's version of a registration call: its arguments and (for `app[r.method]`) its method. */
export interface TableCall {
  args: EntryValue[];
  /** Lowercased method from the entry, 'all' when the entry's method is not a literal; undefined when the callee names it. */
  method?: string;
}

const ITERATING_METHODS = new Set(['forEach', 'map']);
const CASE_METHODS = new Set(['toLowerCase', 'toUpperCase', 'toLocaleLowerCase', 'toLocaleUpperCase']);
const MAX_ENTRIES = 200;
/** Spread tables nested deeper than this are not followed. */
const MAX_SPREAD_DEPTH = 8;

/** Whether a call's arguments or computed method read a loop element; undefined when none do. */
export function tableCalls(ctx: AnalysisContext, facts: FileFacts, call: TSESTree.CallExpression): TableCall[] | undefined {
  const callee = unwrapExpression(call.callee) as TSESTree.MemberExpression;
  const methodAccess = callee.computed ? elementAccess(facts, callee.property) : undefined;
  const argAccesses = call.arguments.map((a) => elementAccess(facts, a as TSESTree.Node));
  const loop = methodAccess?.loop ?? argAccesses.find((a) => a)?.loop;
  if (!loop) return undefined;
  const out: TableCall[] = [];
  for (const entry of tableEntries(ctx, facts, loop.source)) {
    if (out.length >= MAX_ENTRIES) break;
    const args: EntryValue[] = [];
    let complete = true;
    call.arguments.forEach((arg, i) => {
      const access = argAccesses[i];
      const value = access && access.loop.node === loop.node ? readAccess(ctx, entry, access) : { node: arg as TSESTree.Node, facts };
      if (value) args.push(value);
      else complete = false;
    });
    // A path read from the entry must be a literal: a computed one gives no route template.
    if (!complete || (argAccesses[0]?.loop.node === loop.node && call.arguments.length >= 2 && routePaths(args[0].node) === undefined)) continue;
    let method: string | undefined;
    if (methodAccess) {
      const value = readAccess(ctx, entry, methodAccess);
      method = (value && stringValue(value.node)?.toLowerCase()) ?? 'all';
    }
    out.push({ args, method });
  }
  return out;
}

function elementAccess(facts: FileFacts, raw: TSESTree.Node): ElementAccess | undefined {
  const node = unwrapExpression(raw);
  if (node.type === 'CallExpression' && node.arguments.length === 0 && node.callee.type === 'MemberExpression') {
    const name = propertyName(node.callee.property, node.callee.computed);
    return name && CASE_METHODS.has(name) ? elementAccess(facts, node.callee.object) : undefined;
  }
  if (node.type === 'MemberExpression') {
    if (node.computed) {
      const handler = keyedValueAccess(facts, node);
      if (handler) return handler;
    }
    const base = elementAccess(facts, node.object);
    if (base?.split) return undefined;
    const key = node.computed && node.property.type === 'Literal' && typeof node.property.value === 'number' ? node.property.value : propertyName(node.property, node.computed);
    return base && key !== undefined ? { loop: base.loop, path: [...base.path, key] } : undefined;
  }
  if (node.type !== 'Identifier') return undefined;
  const variable = facts.variableOf(node);
  const def = variable?.defs[0];
  if (!def) return undefined;
  let loop: TableLoop | undefined;
  if (def.type === 'Variable') {
    const split = splitAccess(facts, def.node, node.name);
    if (split) return split;
    const declaration = def.node.parent;
    const statement = declaration?.parent;
    if (statement?.type === 'ForOfStatement' && statement.left === declaration && !statement.await) loop = { node: statement, pattern: def.node.id, source: tableSource(facts, statement.right) };
  } else if (def.type === 'Parameter') {
    const fn = def.node as TSESTree.Node;
    const call = fn.parent;
    if (isFunctionNode(fn) && fn.params[0] && call?.type === 'CallExpression' && call.arguments[0] === fn && call.callee.type === 'MemberExpression') {
      const name = propertyName(call.callee.property, call.callee.computed);
      if (name && ITERATING_METHODS.has(name)) loop = { node: fn, pattern: fn.params[0], source: tableSource(facts, call.callee.object) };
    }
  }
  if (!loop) return undefined;
  const path = pathInPattern(loop.pattern, node.name);
  if (!path) return undefined;
  return { loop, path: loop.source.mode === 'keys' ? [0, ...path] : path };
}

/** `const [method, path] = key.split(' ')` with key read from a loop element: a part of that string. */
function splitAccess(facts: FileFacts, declarator: TSESTree.VariableDeclarator, name: string): ElementAccess | undefined {
  const init = declarator.init && unwrapExpression(declarator.init);
  if (declarator.parent?.type !== 'VariableDeclaration' || declarator.parent.kind !== 'const' || declarator.id.type !== 'ArrayPattern') return undefined;
  if (init?.type !== 'CallExpression' || init.callee.type !== 'MemberExpression' || propertyName(init.callee.property, init.callee.computed) !== 'split') return undefined;
  const separator = init.arguments.length === 1 ? stringValue(init.arguments[0] as TSESTree.Node) : undefined;
  const at = pathInPattern(declarator.id, name);
  if (separator === undefined || !at || at.length !== 1 || typeof at[0] !== 'number') return undefined;
  const of = elementAccess(facts, init.callee.object);
  return of && !of.split ? { loop: of.loop, path: of.path, split: { separator, index: at[0] } } : undefined;
}

/** The entry's value an access reads; a split part is a string literal made for it (only its value is read). */
function readAccess(ctx: AnalysisContext, entry: Entry, access: ElementAccess): EntryValue | undefined {
  const value = valueAt(ctx, entry, access.path);
  if (!value || !access.split) return value;
  const whole = stringValue(value.node);
  const part = whole?.split(access.split.separator)[access.split.index];
  if (part === undefined) return undefined;
  const literal = { type: 'Literal', value: part, raw: JSON.stringify(part), range: value.node.range, loc: value.node.loc, parent: value.node } as TSESTree.StringLiteral;
  return { node: literal, facts: value.facts };
}

/** `table[key]` where key is the entry's key in a loop over `Object.keys(table)` / `Object.entries(table)`: the entry's value. */
function keyedValueAccess(facts: FileFacts, node: TSESTree.MemberExpression): ElementAccess | undefined {
  const key = elementAccess(facts, node.property);
  if (!key || key.loop.source.mode === 'elements' || key.path.length !== 1 || key.path[0] !== 0) return undefined;
  return sameVariable(facts, node.object, key.loop.source.expression) ? { loop: key.loop, path: [1] } : undefined;
}

/** Both nodes name the same variable (`paths` in `Object.keys(paths)` and in `paths[k]`). */
function sameVariable(facts: FileFacts, a: TSESTree.Node, b: TSESTree.Node): boolean {
  const left = unwrapExpression(a);
  const right = unwrapExpression(b);
  if (left.type !== 'Identifier' || right.type !== 'Identifier') return false;
  const variable = facts.variableOf(left);
  return variable !== undefined && variable === facts.variableOf(right);
}

/** The table a loop iterates, through `.filter(...)` calls and `Object.entries` / `Object.keys`. */
function tableSource(facts: FileFacts, raw: TSESTree.Node): TableSource {
  let node = unwrapExpression(raw);
  while (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && propertyName(node.callee.property, node.callee.computed) === 'filter') {
    node = unwrapExpression(node.callee.object);
  }
  if (node.type === 'CallExpression' && node.arguments.length === 1 && node.arguments[0].type !== 'SpreadElement' && node.callee.type === 'MemberExpression') {
    const object = node.callee.object;
    const name = propertyName(node.callee.property, node.callee.computed);
    // The global Object, not a local of that name.
    if (object.type === 'Identifier' && object.name === 'Object' && !facts.variableOf(object)?.defs.length && (name === 'entries' || name === 'keys')) {
      return { mode: name, expression: node.arguments[0] };
    }
  }
  return { mode: 'elements', expression: node };
}

/** Where a name bound by a destructuring pattern sits in the value: `{ a: [x] }` → ['a', 0] for x. */
function pathInPattern(pattern: TSESTree.Node, name: string): Array<string | number> | undefined {
  switch (pattern.type) {
    case 'Identifier':
      return pattern.name === name ? [] : undefined;
    case 'AssignmentPattern':
      return pathInPattern(pattern.left, name);
    case 'ObjectPattern':
      for (const prop of pattern.properties) {
        if (prop.type !== 'Property') continue;
        const key = propertyName(prop.key, prop.computed);
        const inner = key === undefined ? undefined : pathInPattern(prop.value, name);
        if (inner) return [key!, ...inner];
      }
      return undefined;
    case 'ArrayPattern':
      for (let i = 0; i < pattern.elements.length; i++) {
        const element = pattern.elements[i];
        const inner = element && element.type !== 'RestElement' ? pathInPattern(element, name) : undefined;
        if (inner) return [i, ...inner];
      }
      return undefined;
    default:
      return undefined;
  }
}

/** The table's entries: each an object or array literal (through variables, imports and spreads), or an object's property. */
function tableEntries(ctx: AnalysisContext, facts: FileFacts, source: TableSource): Entry[] {
  const entries: Entry[] = [];
  const values = ctx.linker.resolve(facts.evaluate(source.expression));
  if (source.mode !== 'elements') {
    for (const object of values) {
      const objectFacts = object.k === 'object' ? ctx.facts.get(object.file) : undefined;
      if (object.k !== 'object' || !objectFacts) continue;
      for (const prop of object.node.properties) {
        // Only string-literal keys are paths (the export surface renders non-computed keys as well).
        if (prop.type !== 'Property' || prop.computed || prop.kind !== 'init' || stringValue(prop.key) === undefined) continue;
        entries.push({ key: { node: prop.key, facts: objectFacts }, value: { node: prop.value, facts: objectFacts } });
      }
    }
    return entries;
  }
  const seen = new Set<TSESTree.Node>();
  const addElements = (found: typeof values, depth: number): void => {
    for (const array of found) {
      if (array.k !== 'array' || seen.has(array.node)) continue;
      seen.add(array.node);
      const arrayFacts = ctx.facts.get(array.file);
      if (!arrayFacts) continue;
      for (const element of array.node.elements) {
        if (!element) continue;
        if (element.type === 'SpreadElement') {
          if (depth < MAX_SPREAD_DEPTH) addElements(ctx.linker.resolve(arrayFacts.evaluate(element.argument)), depth + 1);
          continue;
        }
        const literal = literalOf(ctx, { node: element, facts: arrayFacts });
        if (literal) entries.push(literal);
      }
    }
  };
  addElements(values, 0);
  return entries;
}

/** The object or array literal a value denotes (a variable holding one included). */
function literalOf(ctx: AnalysisContext, value: EntryValue): EntryValue | undefined {
  const node = unwrapExpression(value.node);
  if (node.type === 'ObjectExpression' || node.type === 'ArrayExpression') return { node, facts: value.facts };
  for (const r of ctx.linker.resolve(value.facts.evaluate(node))) {
    if (r.k !== 'object' && r.k !== 'array') continue;
    const facts = ctx.facts.get(r.file);
    if (facts) return { node: r.node, facts };
  }
  return undefined;
}

/** The entry's value at a path (`['path']`, `[1]`, `[]` for the entry itself; a keyed entry's key at [0], its value under [1]). */
function valueAt(ctx: AnalysisContext, entry: Entry, path: Array<string | number>): EntryValue | undefined {
  if ('key' in entry) {
    if (path[0] === 0) return path.length === 1 ? entry.key : undefined;
    return path[0] === 1 ? valueAt(ctx, entry.value, path.slice(1)) : undefined;
  }
  let current: EntryValue | undefined = entry;
  for (const key of path) {
    const literal: EntryValue | undefined = current && literalOf(ctx, current);
    if (!literal) return undefined;
    const node = literal.node;
    let next: TSESTree.Node | undefined;
    if (node.type === 'ObjectExpression') {
      for (const prop of node.properties) {
        if (prop.type === 'Property' && propertyName(prop.key, prop.computed) === String(key)) next = prop.value;
      }
    } else if (node.type === 'ArrayExpression' && typeof key === 'number') {
      const element = node.elements[key];
      next = element && element.type !== 'SpreadElement' ? element : undefined;
    }
    current = next ? { node: next, facts: literal.facts } : undefined;
  }
  return current;
}
