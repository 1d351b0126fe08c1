// @fastify/autoload: `fastify.register(autoload, { dir: path.join(__dirname, 'routes'), options: { prefix } })`
// registers every plugin file under `dir`, as @fastify/autoload does (lib/find-plugins.js, index.js):
// a directory with an index file loads only that file (its subdirectories still load); autohooks
// files are not plugins; each directory name is a prefix segment (unless `dirNameRoutePrefix: false`);
// `routeParams: true` turns `_id` segments into `:id`; a file's `autoPrefix` export replaces the
// directory prefix and `prefixOverride` the whole prefix; `options.prefix` comes first. `maxDepth`,
// `indexPattern`, `matchFilter` / `ignoreFilter` (a string, a regex, or a small predicate on the
// file's '/'-rooted path under dir) and an `autoload = false` export narrow what loads, as there.
import { posix } from 'node:path';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, propertyName, unwrapExpression, type FileFacts } from '../project/collect';
import { objectProperty, stringValue, type RouteCollector, type RouterCall, type RouterRef } from './routes';

const AUTOLOAD_PACKAGES = new Set(['@fastify/autoload', 'fastify-autoload']);
const SCRIPT = /^(?!.*\.d\.[cm]?ts$).*\.(?:js|cjs|mjs|ts|cts|mts)$/i;
const INDEX = /^index\.(?:js|cjs|mjs|ts|cts|mts)$/i;
const AUTOHOOKS = /^[_.]?auto_?hooks\.(?:js|cjs|mjs|ts|cts|mts)$/i;

/** Whether the registered plugin is @fastify/autoload (default import, require, or the named export). */
export function isAutoload(c: RouteCollector, facts: FileFacts, plugin: TSESTree.Node): boolean {
  return c.ctx.linker
    .resolve(facts.evaluate(plugin))
    .some((v) => v.k === 'package' && AUTOLOAD_PACKAGES.has(v.name) && v.path.every((p) => p === 'default' || p === 'fastifyAutoload' || p === 'autoload'));
}

/** Mounts each plugin file under the autoload directory on the receiver, with autoload's prefix. */
export function registerAutoload(r: RouterCall, receiver: RouterRef, c: RouteCollector, options: TSESTree.Node | undefined): void {
  const dir = directoryOf(r.facts, r.file, objectProperty(options, 'dir'));
  if (dir === undefined) return;
  c.watchDirectory(dir);
  const basePrefix = (stringValue(objectProperty(objectProperty(options, 'options'), 'prefix')) ?? '').replace(/\/$/, '');
  const dirNames = !isLiteral(objectProperty(options, 'dirNameRoutePrefix'), false);
  const routeParams = isLiteral(objectProperty(options, 'routeParams'), true);
  const ignore = regexValue(objectProperty(options, 'ignorePattern'));
  const indexPattern = regexValue(objectProperty(options, 'indexPattern')) ?? INDEX;
  const maxDepth = numberValue(objectProperty(options, 'maxDepth'));
  const matchFilter = pathFilter(r.facts, objectProperty(options, 'matchFilter'));
  const ignoreFilter = pathFilter(r.facts, objectProperty(options, 'ignoreFilter'));
  const under = dir ? `${dir}/` : '';
  // Files by directory (relative to dir), in path order.
  const byDirectory = new Map<string, string[]>();
  for (const file of [...c.ctx.files.keys()].sort()) {
    if (!file.startsWith(under)) continue;
    const relative = file.slice(under.length).split('/');
    if (ignore && relative.some((segment) => ignore.test(segment))) continue;
    // Directories deeper than maxDepth are not read (dir itself is depth 0).
    if (maxDepth !== undefined && relative.length - 1 > maxDepth) continue;
    const directory = relative.slice(0, -1).join('/');
    const list = byDirectory.get(directory);
    if (list) list.push(file);
    else byDirectory.set(directory, [file]);
  }
  for (const [directory, files] of byDirectory) {
    const index = files.find((f) => indexPattern.test(posix.basename(f)));
    const candidates = index ? [index] : files.filter((f) => SCRIPT.test(posix.basename(f)) && !AUTOHOOKS.test(posix.basename(f)));
    // A filter that cannot be evaluated here (undefined) keeps the file: over-approximate.
    const plugins = candidates.filter((f) => {
      const path = `/${f.slice(under.length)}`;
      return matchFilter?.(path) !== false && ignoreFilter?.(path) !== true;
    });
    const directoryPrefix = dirNames && directory ? `/${directory}` : '';
    for (const file of plugins) {
      const pluginFacts = c.ctx.facts.get(file);
      if (!pluginFacts || optsOut(c, file)) continue;
      const fns = c.ctx.linker.exportOf(file, 'default', 0, new Set()).flatMap((v) => (v.k === 'fn' ? [v.id] : []));
      if (!fns.length) continue;
      const override = exportedString(c, file, 'prefixOverride');
      let prefix = override ?? basePrefix + (exportedString(c, file, 'autoPrefix') || directoryPrefix).replace(/\/+/g, '/');
      if (routeParams) prefix = prefix.includes('__') ? prefix.replace(/__/g, ':') : prefix.replace(/\/_/g, '/:');
      for (const fnId of fns) c.addMount(receiver, prefix, { key: `param:${fnId}:0`, framework: 'fastify', prefix: '' });
    }
  }
}

/**
 * The project-relative directory a `dir` option names: `path.join(__dirname, 'routes')`,
 * `resolve(__dirname, 'a', 'b')`, `` `${__dirname}/routes` ``, `import.meta.dirname` in place of `__dirname`.
 */
function directoryOf(facts: FileFacts, file: string, node: TSESTree.Node | undefined): string | undefined {
  if (!node) return undefined;
  const n = unwrapExpression(node);
  let parts: string[] | undefined;
  if (n.type === 'CallExpression' && /(^|\.)(join|resolve)$/.test(memberPath(unwrapExpression(n.callee)) ?? '') && n.arguments.length >= 1 && isModuleDirectory(facts, n.arguments[0] as TSESTree.Node)) {
    const rest = n.arguments.slice(1).map((a) => stringValue(a as TSESTree.Node));
    if (rest.every((s): s is string => s !== undefined)) parts = rest;
  } else if (n.type === 'TemplateLiteral' && n.expressions.length === 1 && n.quasis[0].value.cooked === '' && isModuleDirectory(facts, n.expressions[0])) {
    parts = [n.quasis[1].value.cooked ?? ''];
  }
  if (!parts) return undefined;
  const joined = posix.normalize(posix.join(posix.dirname(file), ...parts)).replace(/\/$/, '');
  if (joined === '.') return '';
  return joined.startsWith('..') || posix.isAbsolute(joined) ? undefined : joined;
}

/** `__dirname`, `import.meta.dirname`, or a local `dirname(fileURLToPath(import.meta.url))`. */
function isModuleDirectory(facts: FileFacts, node: TSESTree.Node): boolean {
  const n = unwrapExpression(node);
  if (n.type === 'MemberExpression' && n.object.type === 'MetaProperty' && propertyName(n.property, n.computed) === 'dirname') return true;
  if (n.type !== 'Identifier') return false;
  if (n.name === '__dirname') return true;
  const def = facts.variableOf(n)?.defs[0];
  const init = def?.type === 'Variable' ? (def.node as TSESTree.VariableDeclarator).init : undefined;
  return !!init && init.type === 'CallExpression' && /(^|\.)dirname$/.test(memberPath(unwrapExpression(init.callee)) ?? '');
}

function numberValue(node: TSESTree.Node | undefined): number | undefined {
  const n = node ? unwrapExpression(node) : undefined;
  return n?.type === 'Literal' && typeof n.value === 'number' ? n.value : undefined;
}

type PathFilter = (path: string) => boolean | undefined;

/**
 * autoload's filterPath: a string is a substring test, a regex a test, a function is called. A
 * function is evaluated only when its body is a small predicate on its parameter (`p.includes('x')`,
 * `/re/.test(p)`, `!`, `&&`, `||`, `===`); anything else answers undefined (unknown).
 */
function pathFilter(facts: FileFacts, node: TSESTree.Node | undefined, depth = 0): PathFilter | undefined {
  if (!node || depth > 2) return undefined;
  const n = unwrapExpression(node);
  if (n.type === 'Identifier') {
    const def = facts.variableOf(n)?.defs[0];
    const init = def?.type === 'Variable' ? (def.node as TSESTree.VariableDeclarator).init : undefined;
    return init ? pathFilter(facts, init, depth + 1) : () => undefined;
  }
  if (n.type === 'ArrowFunctionExpression' || n.type === 'FunctionExpression') {
    const param = n.params[0];
    if (param?.type !== 'Identifier') return () => undefined;
    let body: TSESTree.Node | undefined = n.body;
    if (body.type === 'BlockStatement') body = body.body.length === 1 && body.body[0]!.type === 'ReturnStatement' ? (body.body[0].argument ?? undefined) : undefined;
    return body ? (path) => predicate(body!, param.name, path) : () => undefined;
  }
  const literal = stringValue(n);
  if (literal !== undefined) return (path) => path.includes(literal);
  const regex = regexValue(n);
  return regex ? (path) => ((regex.lastIndex = 0), regex.test(path)) : () => undefined;
}

function predicate(node: TSESTree.Node, param: string, path: string): boolean | undefined {
  const n = unwrapExpression(node);
  const isParam = (x: TSESTree.Node) => {
    const u = unwrapExpression(x);
    return u.type === 'Identifier' && u.name === param;
  };
  switch (n.type) {
    case 'Literal':
      return typeof n.value === 'boolean' ? n.value : undefined;
    case 'UnaryExpression': {
      if (n.operator !== '!') return undefined;
      const v = predicate(n.argument, param, path);
      return v === undefined ? undefined : !v;
    }
    case 'LogicalExpression': {
      const a = predicate(n.left, param, path);
      const b = predicate(n.right, param, path);
      if (n.operator === '&&') return a === false || b === false ? false : a && b ? true : undefined;
      if (n.operator === '||') return a === true || b === true ? true : a === false && b === false ? false : undefined;
      return undefined;
    }
    case 'BinaryExpression': {
      const equal = n.operator === '===' || n.operator === '==';
      if (!equal && n.operator !== '!==' && n.operator !== '!=') return undefined;
      const other = isParam(n.left) ? n.right : isParam(n.right) ? n.left : undefined;
      const text = other ? stringValue(other) : undefined;
      return text === undefined ? undefined : (path === text) === equal;
    }
    case 'CallExpression': {
      const callee = unwrapExpression(n.callee);
      if (callee.type !== 'MemberExpression' || n.arguments.length !== 1) return undefined;
      const method = propertyName(callee.property, callee.computed);
      const arg = n.arguments[0] as TSESTree.Node;
      if (isParam(callee.object)) {
        const text = stringValue(arg);
        if (text === undefined) return undefined;
        if (method === 'includes') return path.includes(text);
        if (method === 'startsWith') return path.startsWith(text);
        if (method === 'endsWith') return path.endsWith(text);
        return undefined;
      }
      const regex = method === 'test' && isParam(arg) ? regexValue(callee.object) : undefined;
      if (!regex) return undefined;
      regex.lastIndex = 0;
      return regex.test(path);
    }
    default:
      return undefined;
  }
}

/** `export const autoload = false`, `module.exports.autoload = false`, or `plugin.autoload = false`. */
function optsOut(c: RouteCollector, file: string): boolean {
  const ast = c.ctx.files.get(file)?.ast;
  if (!ast) return false;
  for (const statement of ast.body) {
    if (statement.type === 'ExportNamedDeclaration' && statement.declaration?.type === 'VariableDeclaration') {
      for (const d of statement.declaration.declarations) if (d.id.type === 'Identifier' && d.id.name === 'autoload' && isLiteral(d.init ?? undefined, false)) return true;
    }
    if (statement.type === 'ExpressionStatement' && statement.expression.type === 'AssignmentExpression') {
      const left = statement.expression.left;
      // In a plugin file, a top-level `<anything>.autoload = false` is the plugin (or its module) opting out.
      if (left.type === 'MemberExpression' && propertyName(left.property, left.computed) === 'autoload' && isLiteral(statement.expression.right, false)) return true;
    }
  }
  return false;
}

function isLiteral(node: TSESTree.Node | undefined, value: boolean): boolean {
  const n = node ? unwrapExpression(node) : undefined;
  return n?.type === 'Literal' && n.value === value;
}

function regexValue(node: TSESTree.Node | undefined): RegExp | undefined {
  const n = node ? unwrapExpression(node) : undefined;
  if (n?.type === 'Literal' && 'regex' in n && n.regex) {
    try {
      return new RegExp(n.regex.pattern, n.regex.flags);
    } catch {
      return undefined;
    }
  }
  // autoload builds a RegExp from a string pattern as it is.
  const s = stringValue(n);
  try {
    return s === undefined ? undefined : new RegExp(s);
  } catch {
    return undefined;
  }
}

/** `export const autoPrefix = '/x'` / `module.exports.autoPrefix = '/x'` (a string literal). */
function exportedString(c: RouteCollector, file: string, name: string): string | undefined {
  const ast = c.ctx.files.get(file)?.ast;
  if (!ast) return undefined;
  for (const statement of ast.body) {
    if (statement.type === 'ExportNamedDeclaration' && statement.declaration?.type === 'VariableDeclaration') {
      for (const d of statement.declaration.declarations) if (d.id.type === 'Identifier' && d.id.name === name) return stringValue(d.init ?? undefined);
    }
    if (statement.type === 'ExpressionStatement' && statement.expression.type === 'AssignmentExpression') {
      const target = memberPath(statement.expression.left);
      if (target === `module.exports.${name}` || target === `exports.${name}`) return stringValue(statement.expression.right);
    }
  }
  return undefined;
}
