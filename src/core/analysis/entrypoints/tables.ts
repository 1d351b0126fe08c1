// Routes registered from data: a table of routes (./table-entries.ts: literal, imported, or built by
// code in this file) iterated with `for (const r of routes) app[r.method](r.path, r.handler)`,
// `routes.forEach(({ method, path, handler }) => app[method.toLowerCase()](path, handler))` or
// `for (const r of routes) fastify.route(r)`. Each entry becomes one registration call with the
// entry's values in place of the loop variable's reads (`Object.keys(paths)` with `paths[path]`
// reads the entry's handler; `const [method, path] = key.split(' ')` a part of the key), and
// arguments computed from them (`prefix + r.path`, `handlers[name]`) substituted.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunctionNode, propertyName, unwrapExpression, type FileFacts } from '../project/collect';
import type { AnalysisContext } from '../project/context';
import { constantPaths } from './constants';
import { objectProperty, stringValue } from './routes';
import {
  ITERATING_METHODS,
  MAX_ENTRIES,
  bindPattern,
  entryString,
  instantiate,
  stringNode,
  tableEntries,
  tableSource,
  valueAt,
  type Entry,
  type EntryValue,
  type TableSource,
} from './table-entries';

export type { EntryValue } from './table-entries';

/** The loop over a table: its element pattern and where its entries come from. */
interface TableLoop {
  node: TSESTree.Node;
  pattern: TSESTree.Node;
  source: TableSource;
}

/** A read of the loop element: `r.path` → ['path'], `[m, p, h]` destructured → [1] for `p`; `Object.keys` element `k` → [0], `table[k]` → [1]. */
interface ElementAccess {
  loop: TableLoop;
  path: Array<string | number>;
  /** `const [method, path] = key.split(' ')`: the part at index of the string read at path. */
  split?: { separator: string; index: number };
}

/** One table entry's version of a registration call: its arguments and (for `app[r.method]`) its method. */
export interface TableCall {
  args: EntryValue[];
  /** Lowercased method from the entry, 'all' when the entry's method is not a constant; undefined when the callee names it. */
  method?: string;
  /** Values of other files the arguments hold inside them (a route object's handler, substituted). */
  nested: EntryValue[];
}

const CASE_METHODS = new Set(['toLowerCase', 'toUpperCase', 'toLocaleLowerCase', 'toLocaleUpperCase']);

/** The table loop a registration call reads its method or arguments from, if any. */
function registrationLoop(facts: FileFacts, call: TSESTree.CallExpression): TableLoop | undefined {
  const callee = unwrapExpression(call.callee) as TSESTree.MemberExpression;
  const methodAccess = callee.computed ? elementAccess(facts, callee.property) : undefined;
  return methodAccess?.loop ?? call.arguments.map((a) => elementAccess(facts, a as TSESTree.Node)).find((a) => a)?.loop ?? call.arguments.map((a) => loopsRead(facts, a)[0]).find((l) => l);
}

/**
 * Whether a call's arguments or computed method read a loop element; undefined when none do.
 * `entries` stands for the loop's table when a caller gives it (see paramTableRegistrations).
 */
export function tableCalls(ctx: AnalysisContext, facts: FileFacts, call: TSESTree.CallExpression, entries?: Entry[]): TableCall[] | undefined {
  const callee = unwrapExpression(call.callee) as TSESTree.MemberExpression;
  const methodAccess = callee.computed ? elementAccess(facts, callee.property) : undefined;
  const argAccesses = call.arguments.map((a) => elementAccess(facts, a as TSESTree.Node));
  const loop = methodAccess?.loop ?? argAccesses.find((a) => a)?.loop ?? call.arguments.map((a) => loopsRead(facts, a)[0]).find((l) => l);
  if (!loop) return undefined;
  const direct = argAccesses.map((a) => a?.loop.node === loop.node);
  // Arguments that read the loop's names inside an expression (`prefix + r.path`, `handlers[name]`): substituted per entry.
  const computed = call.arguments.map((a, i) => !direct[i] && loopsRead(facts, a).some((l) => l.node === loop.node));
  const out: TableCall[] = [];
  for (const entry of entries ?? tableEntries(ctx, facts, loop.source)) {
    if (out.length >= MAX_ENTRIES) break;
    const env = computed.some((c) => c) ? bindPattern(ctx, loop.pattern, entry, loop.source.mode) : undefined;
    const args: EntryValue[] = [];
    const nested: EntryValue[] = [];
    let complete = true;
    call.arguments.forEach((arg, i) => {
      const value = direct[i] ? readAccess(ctx, entry, argAccesses[i]!) : computed[i] ? instantiate(ctx, { node: arg, facts, env }) : { node: arg as TSESTree.Node, facts };
      if (value) args.push(materialize(ctx, value, nested));
      else complete = false;
    });
    if (!complete || !pathKept(ctx, entry, args, direct[0] || computed[0])) continue;
    let method: string | undefined;
    if (methodAccess) {
      const value = readAccess(ctx, entry, methodAccess);
      method = (value && entryString(ctx, value)?.toLowerCase()) ?? 'all';
    }
    out.push({ args, method, nested });
  }
  return out;
}

/** Methods worth resolving the receiver of; anything else cannot register a route. */
export const ROUTER_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'head', 'options', 'use', 'route', 'register', 'on', 'prefix', 'param']);

/** A call that may register a route: a router method, or one a table names (`app[r.method](…)`). */
export function mayRegister(call: TSESTree.CallExpression): boolean {
  const callee = unwrapExpression(call.callee);
  if (callee.type !== 'MemberExpression') return false;
  const method = propertyName(callee.property, callee.computed);
  return (method !== undefined && ROUTER_METHODS.has(method)) || (method === undefined && callee.computed);
}

/** A registration in a function that iterates one of its parameters: the table comes from each call of the function. */
export interface ParamTableRegistration {
  call: TSESTree.CallExpression;
  /** The loop over the parameter (a for-of, or the callback of `forEach`). */
  loop: TSESTree.Node;
  /** The parameter the loop iterates, and how (`Object.keys(endpoints)`: keys). */
  paramIndex: number;
  mode: TableSource['mode'];
  /** The parameter the registration's receiver is, if it is one (`router[e.method](…)` with `router` a parameter). */
  receiverIndex?: number;
}

const paramTableMemo = new WeakMap<FileFacts, Map<TSESTree.Node, ParamTableRegistration[]>>();

/**
 * `function mount(router, endpoints) { endpoints.forEach((e) => router[e.method](e.path, e.handler)); }`:
 * per function of the file, its registrations that iterate one of its parameters. Its own file cannot
 * list the routes (the table is whatever each caller passes); each caller's file instantiates them with
 * its arguments (entrypoints/index.ts), and they are part of the file's export surface (surface.ts).
 */
export function paramTableRegistrations(facts: FileFacts): Map<TSESTree.Node, ParamTableRegistration[]> {
  const memo = paramTableMemo.get(facts);
  if (memo) return memo;
  const out = new Map<TSESTree.Node, ParamTableRegistration[]>();
  const paramOf = (node: TSESTree.Node): { fn: TSESTree.Node; index: number } | undefined => {
    const n = unwrapExpression(node);
    if (n.type !== 'Identifier') return undefined;
    const def = facts.variableOf(n)?.defs[0];
    const fn = def?.type === 'Parameter' ? (def.node as TSESTree.Node) : undefined;
    if (!def || !fn || !isFunctionNode(fn)) return undefined;
    const index = fn.params.findIndex((p) => p.range[0] <= def.name.range[0] && def.name.range[1] <= p.range[1]);
    return index >= 0 ? { fn, index } : undefined;
  };
  for (const { node } of facts.calls) {
    if (node.type !== 'CallExpression' || !mayRegister(node)) continue;
    const loop = registrationLoop(facts, node);
    const param = loop ? paramOf(loop.source.expression) : undefined;
    if (!loop || !param) continue;
    const receiver = paramOf((unwrapExpression(node.callee) as TSESTree.MemberExpression).object);
    const list = out.get(param.fn) ?? [];
    list.push({ call: node, loop: loop.node, paramIndex: param.index, mode: loop.source.mode, receiverIndex: receiver?.fn === param.fn ? receiver.index : undefined });
    out.set(param.fn, list);
  }
  paramTableMemo.set(facts, out);
  return out;
}

/**
 * Whether an entry's registration is kept: its path (the first of several arguments, or a route
 * object's `url` / `path`) is a constant, or is written in an entry built by code (a mapped or pushed
 * template, names bound) and is no function or object: that handler is registered for each entry of a
 * known list, at a path the registration then marks unknown, never dropped nor guessed. A literal
 * table's entry whose path is not a constant (a `let`, a call) registers nothing from data.
 */
function pathKept(ctx: AnalysisContext, entry: Entry, args: EntryValue[], pathFromEntry: boolean): boolean {
  const path = args.length >= 2 ? (pathFromEntry ? args[0] : undefined) : routeObjectPath(args[0]);
  if (!path || constantPaths(ctx, path.facts, path.node) !== undefined) return true;
  if ('key' in entry || !entry.env?.size) return false;
  return !ctx.linker.resolve(path.facts.evaluate(path.node)).some((v) => v.k === 'fn' || v.k === 'object' || v.k === 'array' || v.k === 'class');
}

/** `route(r)`'s path: the route object's `url` or `path`. */
function routeObjectPath(arg: EntryValue | undefined): EntryValue | undefined {
  const node = arg && (objectProperty(arg.node, 'url') ?? objectProperty(arg.node, 'path'));
  return node && arg ? { node, facts: arg.facts } : undefined;
}

/** The table loops whose elements an expression reads (not inside functions it defines). */
function loopsRead(facts: FileFacts, root: TSESTree.Node): TableLoop[] {
  const loops: TableLoop[] = [];
  let budget = 200;
  const visit = (node: TSESTree.Node): void => {
    if (--budget < 0 || isFunctionNode(node)) return;
    if (node.type === 'Identifier') {
      const access = elementAccess(facts, node);
      if (access && !loops.includes(access.loop)) loops.push(access.loop);
      return;
    }
    if (node.type === 'MemberExpression') {
      visit(node.object);
      if (node.computed) visit(node.property);
      return;
    }
    if (node.type === 'Property') {
      if (node.computed) visit(node.key);
      visit(node.value);
      return;
    }
    for (const value of Object.values(node)) {
      if (value === node.parent) continue;
      if (Array.isArray(value)) for (const child of value) if (child && typeof child === 'object' && 'type' in child) visit(child as TSESTree.Node);
      if (value && typeof value === 'object' && 'type' in value && !Array.isArray(value)) visit(value as TSESTree.Node);
    }
  };
  visit(root as TSESTree.Node);
  return loops;
}

/**
 * A literal built by code (`fastify.route(r)` of a mapped entry, a handler list `[auth, h[name]]`):
 * its properties or elements with bound names substituted, since handlers read nodes, not bindings.
 */
function materialize(ctx: AnalysisContext, value: EntryValue, nested: EntryValue[]): EntryValue {
  const node = unwrapExpression(value.node);
  const substitute = (child: TSESTree.Node): TSESTree.Node => {
    const inner = instantiate(ctx, { node: child, facts: value.facts, env: value.env });
    nested.push(inner);
    return inner.node;
  };
  if (!value.env?.size) return { node: value.node, facts: value.facts };
  if (node.type === 'ObjectExpression') {
    const properties = node.properties.map((p) => (p.type === 'Property' ? ({ ...p, value: substitute(p.value) } as TSESTree.Property) : p));
    return { node: { ...node, properties } as TSESTree.ObjectExpression, facts: value.facts };
  }
  if (node.type === 'ArrayExpression') {
    const elements = node.elements.map((e) => (e && e.type !== 'SpreadElement' ? (substitute(e) as TSESTree.Expression) : e));
    return { node: { ...node, elements } as TSESTree.ArrayExpression, facts: value.facts };
  }
  return { node: value.node, facts: value.facts };
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
    // `for (const path in table)`: the object's keys, as `Object.keys(table)` gives them.
    if (statement?.type === 'ForInStatement' && statement.left === declaration) loop = { node: statement, pattern: def.node.id, source: { mode: 'keys', expression: statement.right } };
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

/** The entry's value an access reads, bound names substituted; a split part is a string literal made for it. */
function readAccess(ctx: AnalysisContext, entry: Entry, access: ElementAccess): EntryValue | undefined {
  const value = valueAt(ctx, entry, access.path);
  if (!value) return undefined;
  if (!access.split) return instantiate(ctx, value);
  const part = entryString(ctx, value)?.split(access.split.separator)[access.split.index];
  return part === undefined ? undefined : stringNode(part, value);
}

/** `table[key]` where key is the entry's key in a loop over `Object.keys(table)` / `Object.entries(table)`: the entry's value. */
function keyedValueAccess(facts: FileFacts, node: TSESTree.MemberExpression): ElementAccess | undefined {
  const key = elementAccess(facts, node.property);
  if (!key || (key.loop.source.mode !== 'entries' && key.loop.source.mode !== 'keys') || key.path.length !== 1 || key.path[0] !== 0) return undefined;
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

