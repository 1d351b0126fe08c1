// Routes registered from data: a table of routes (an array literal of objects or tuples, in this
// file or imported) iterated with `for (const r of routes) app[r.method](r.path, r.handler)`,
// `routes.forEach(({ method, path, handler }) => app[method.toLowerCase()](path, handler))` or
// `for (const r of routes) fastify.route(r)`. Each literal entry becomes one registration call with
// the entry's values in place of the loop variable's reads.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunctionNode, propertyName, unwrapExpression, type FileFacts } from '../project/collect';
import type { AnalysisContext } from '../project/context';
import { routePaths, stringValue } from './routes';

/** The loop over a table: its element pattern and the table expression. */
interface TableLoop {
  node: TSESTree.Node;
  pattern: TSESTree.Node;
  table: TSESTree.Node;
}

/** A read of the loop element: `r.path` → ['path'], `[m, p, h]` destructured → [1] for `p`. */
interface ElementAccess {
  loop: TableLoop;
  path: Array<string | number>;
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

/** Whether a call's arguments or computed method read a loop element; undefined when none do. */
export function tableCalls(ctx: AnalysisContext, facts: FileFacts, call: TSESTree.CallExpression): TableCall[] | undefined {
  const callee = unwrapExpression(call.callee) as TSESTree.MemberExpression;
  const methodAccess = callee.computed ? elementAccess(facts, callee.property) : undefined;
  const argAccesses = call.arguments.map((a) => elementAccess(facts, a as TSESTree.Node));
  const loop = methodAccess?.loop ?? argAccesses.find((a) => a)?.loop;
  if (!loop) return undefined;
  const out: TableCall[] = [];
  for (const entry of tableEntries(ctx, facts, loop.table)) {
    if (out.length >= MAX_ENTRIES) break;
    const args: EntryValue[] = [];
    let complete = true;
    call.arguments.forEach((arg, i) => {
      const access = argAccesses[i];
      const value = access && access.loop.node === loop.node ? valueAt(ctx, entry, access.path) : { node: arg as TSESTree.Node, facts };
      if (value) args.push(value);
      else complete = false;
    });
    // A path read from the entry must be a literal: a computed one gives no route template.
    if (!complete || (argAccesses[0]?.loop.node === loop.node && call.arguments.length >= 2 && routePaths(args[0].node) === undefined)) continue;
    let method: string | undefined;
    if (methodAccess) {
      const value = valueAt(ctx, entry, methodAccess.path);
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
    const base = elementAccess(facts, node.object);
    const key = node.computed && node.property.type === 'Literal' && typeof node.property.value === 'number' ? node.property.value : propertyName(node.property, node.computed);
    return base && key !== undefined ? { loop: base.loop, path: [...base.path, key] } : undefined;
  }
  if (node.type !== 'Identifier') return undefined;
  const variable = facts.variableOf(node);
  const def = variable?.defs[0];
  if (!def) return undefined;
  let loop: TableLoop | undefined;
  if (def.type === 'Variable') {
    const declaration = def.node.parent;
    const statement = declaration?.parent;
    if (statement?.type === 'ForOfStatement' && statement.left === declaration && !statement.await) loop = { node: statement, pattern: def.node.id, table: statement.right };
  } else if (def.type === 'Parameter') {
    const fn = def.node as TSESTree.Node;
    const call = fn.parent;
    if (isFunctionNode(fn) && fn.params[0] && call?.type === 'CallExpression' && call.arguments[0] === fn && call.callee.type === 'MemberExpression') {
      const name = propertyName(call.callee.property, call.callee.computed);
      if (name && ITERATING_METHODS.has(name)) loop = { node: fn, pattern: fn.params[0], table: call.callee.object };
    }
  }
  if (!loop) return undefined;
  const path = pathInPattern(loop.pattern, node.name);
  return path ? { loop, path } : undefined;
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

/** The table's entries, each an object or array literal (through variables and imports). */
function tableEntries(ctx: AnalysisContext, facts: FileFacts, table: TSESTree.Node): EntryValue[] {
  const entries: EntryValue[] = [];
  for (const array of ctx.linker.resolve(facts.evaluate(table))) {
    if (array.k !== 'array') continue;
    const arrayFacts = ctx.facts.get(array.file);
    if (!arrayFacts) continue;
    for (const element of array.node.elements) {
      if (!element || element.type === 'SpreadElement') continue;
      const literal = literalOf(ctx, { node: element, facts: arrayFacts });
      if (literal) entries.push(literal);
    }
  }
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

/** The entry's value at a path (`['path']`, `[1]`, `[]` for the entry itself). */
function valueAt(ctx: AnalysisContext, entry: EntryValue, path: Array<string | number>): EntryValue | undefined {
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
