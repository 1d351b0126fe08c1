// Routes registered through a project's own router object with the verb first:
// `this.route('GET', '/classes/:className', handler)` (a promise router a class fills in and later
// mounts onto Express), `router.on('POST', '/users', handler)` (find-my-way's shape). The receiver is
// no app or router the analyzer knows, so the call's shape is the evidence, and all of it must hold:
// an HTTP verb as a string literal, a constant path that starts with `/`, and at least one handler
// that is a function of the project. The handler's first parameter is the request.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { unwrapExpression } from '../project/collect';
import { handlerArgs, type RouteCollector, type RouterCall } from './routes';

const VERB_FIRST_METHODS = new Set(['route', 'on']);
const VERBS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

export function isVerbFirstCandidate(method: string | undefined, call: TSESTree.CallExpression): boolean {
  if (!method || !VERB_FIRST_METHODS.has(method) || call.arguments.length < 3) return false;
  const verb = unwrapExpression(call.arguments[0] as TSESTree.Node);
  return verb.type === 'Literal' && typeof verb.value === 'string' && VERBS.has(verb.value.toUpperCase());
}

/** Registers the call's routes; false when the shape does not hold. */
export function verbFirstRegistration(r: RouterCall, c: RouteCollector): boolean {
  const args = r.call.arguments as TSESTree.Node[];
  const verb = (unwrapExpression(args[0]) as TSESTree.StringLiteral).value.toLowerCase();
  const paths = c.pathsOf(r.facts, args[1])?.filter((p) => p.startsWith('/'));
  if (!paths?.length) return false;
  const handlers = handlerArgs(args.slice(2));
  if (!handlers.some((h) => c.handlerFunctions(r.facts, h).length)) return false;
  // Nothing mounts these routers that the analyzer can see: one key per file, no prefix.
  const router = { key: `verb-first:${r.file}`, framework: 'http' as const, prefix: '' };
  for (const path of paths) c.register(r, router, verb, path, handlers);
  return true;
}
