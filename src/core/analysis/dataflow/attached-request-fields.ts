// Fields a project's own middleware attaches to the request object: `req.schema = await getSchema()`,
// `req.accountability = await getAccountabilityForToken(token)`. They hold what the server computed
// (a schema, a session, a user record), not what the client sent, so reading them is not reading
// request data. A field counts as attached when the project assigns it on a request parameter (one
// named `req`/`request`, or a handler's request) and no such assignment takes its value from the
// request's own parts (`req.collection = req.params.collection` stays request data). Fields the
// project never assigns (set by a library, or sent) stay request data.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import type { FunctionInfo, ParsedFile } from '../project/types';
import { unwrap, walk, type Node } from './ast';
import { referencesOf } from './references';

/** What Express, Fastify and Node give a request (data, or methods reading it): never taken for attached. */
export const REQUEST_API = new Set([
  'params', 'query', 'body', 'headers', 'cookies', 'signedCookies', 'url', 'originalUrl', 'path', 'baseUrl', 'hostname', 'host', 'ip', 'ips',
  'method', 'protocol', 'secure', 'subdomains', 'xhr', 'route', 'get', 'header', 'accepts', 'is', 'files', 'file', 'rawBody', 'raw', 'querystring',
  'socket', 'httpVersion', 'rawHeaders', 'trailers', 'routeOptions', 'routerPath', 'routeConfig',
]);

/** The request's parts: an attached field assigned from one of these is request data after all. */
const REQUEST_PARTS = new Set(['params', 'query', 'body', 'headers', 'cookies', 'signedCookies', 'url', 'originalUrl', 'path', 'hostname', 'ip', 'get', 'header', 'files', 'file', 'rawBody', 'querystring']);

export interface FileAttachments {
  /** Fields assigned a value the server computed. */
  attached: Set<string>;
  /** Fields assigned a value taken from the request's parts. */
  fromRequest: Set<string>;
}

/** The attachments one file makes, from its functions' request parameters. */
export function attachmentsOf(file: ParsedFile, functions: FunctionInfo[], isRequestParam: (fn: FunctionInfo, index: number) => boolean): FileAttachments {
  const out: FileAttachments = { attached: new Set(), fromRequest: new Set() };
  let refs: ReturnType<typeof referencesOf> | undefined; // only for a file with a request parameter
  for (const fn of functions) {
    const node = fn.node as TSESTree.FunctionLike;
    node.params.forEach((param, index) => {
      if (param.type !== 'Identifier') return;
      if (!(param.name === 'req' || param.name === 'request' || isRequestParam(fn, index))) return;
      refs ??= referencesOf(file);
      const variable = refs.variableOf(param);
      if (variable) collect(variable, refs, out);
    });
  }
  return out;
}

function collect(variable: Variable, refs: ReturnType<typeof referencesOf>, out: FileAttachments): void {
  for (const ref of variable.references) {
    const id = ref.identifier as Node;
    const member = id.parent;
    if (member?.type !== 'MemberExpression' || member.object !== id || member.computed || member.property.type !== 'Identifier') continue;
    const assignment = member.parent;
    if (assignment?.type !== 'AssignmentExpression' || assignment.left !== member || assignment.operator !== '=') continue;
    const field = member.property.name;
    if (REQUEST_API.has(field)) continue;
    (readsRequestParts(assignment.right, variable, refs) ? out.fromRequest : out.attached).add(field);
  }
}

/** Whether a value reads one of the request's parts (`req.params.x`, `req.get('x')`, `{ ...req.query }`). */
function readsRequestParts(value: Node, variable: Variable, refs: ReturnType<typeof referencesOf>): boolean {
  let reads = false;
  walk(value, (n) => {
    if (reads) return false;
    if (n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier' && REQUEST_PARTS.has(n.property.name)) {
      const o = unwrap(n.object);
      if (o.type === 'Identifier' && refs.variableOf(o) === variable) reads = true;
    }
  });
  return reads;
}

/** The fields attached somewhere and taken from the request nowhere. */
export function attachedFields(perFile: Iterable<FileAttachments>): Set<string> {
  const attached = new Set<string>();
  const fromRequest = new Set<string>();
  for (const f of perFile) {
    for (const a of f.attached) attached.add(a);
    for (const r of f.fromRequest) fromRequest.add(r);
  }
  for (const r of fromRequest) attached.delete(r);
  return attached;
}
