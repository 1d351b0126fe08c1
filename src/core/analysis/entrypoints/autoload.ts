// @fastify/autoload: `fastify.register(autoload, { dir: path.join(__dirname, 'routes'), options: { prefix } })`
// registers every plugin file under `dir`, as @fastify/autoload does (lib/find-plugins.js, index.js):
// a directory with an index file loads only that file (its subdirectories still load); autohooks
// files are not plugins; each directory name is a prefix segment (unless `dirNameRoutePrefix: false`);
// `routeParams: true` turns `_id` segments into `:id`; a file's `autoPrefix` export replaces the
// directory prefix and `prefixOverride` the whole prefix; `options.prefix` comes first.
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
  const under = dir ? `${dir}/` : '';
  // Files by directory (relative to dir), in path order.
  const byDirectory = new Map<string, string[]>();
  for (const file of [...c.ctx.files.keys()].sort()) {
    if (!file.startsWith(under)) continue;
    const relative = file.slice(under.length).split('/');
    if (ignore && relative.some((segment) => ignore.test(segment))) continue;
    const directory = relative.slice(0, -1).join('/');
    const list = byDirectory.get(directory);
    if (list) list.push(file);
    else byDirectory.set(directory, [file]);
  }
  for (const [directory, files] of byDirectory) {
    const index = files.find((f) => INDEX.test(posix.basename(f)));
    const plugins = index ? [index] : files.filter((f) => SCRIPT.test(posix.basename(f)) && !AUTOHOOKS.test(posix.basename(f)));
    const directoryPrefix = dirNames && directory ? `/${directory}` : '';
    for (const file of plugins) {
      const pluginFacts = c.ctx.facts.get(file);
      if (!pluginFacts) continue;
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
