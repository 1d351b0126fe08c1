// What the linked (./linked-clients.ts) and parameter (./param-clients.ts) client sites share: which
// receivers each of them owns, so a call is indexed by one of them only, and how sure a client known
// from its declared type is.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, unwrapExpression, type FileFacts } from '../project/collect';
import type { Resolved } from '../project/link';
import type { KnownClient } from './clients';

/** Methods that make a request on a client instance (as ./clients.ts reads them; `del` is superagent's, `stream` / `pipeline` undici's and got's). */
export const REQUEST_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options', 'request', 'fetch', 'stream', 'pipeline']);

/** The file's calls shaped like a request on some receiver (`x.get(url, …)`), with that receiver. */
export function requestShapedCalls(facts: FileFacts): Array<{ node: TSESTree.CallExpression; receiverNode: TSESTree.Node }> {
  const out: Array<{ node: TSESTree.CallExpression; receiverNode: TSESTree.Node }> = [];
  for (const { node } of facts.calls) {
    if (node.type !== 'CallExpression' || node.arguments.length === 0) continue;
    const callee = unwrapExpression(node.callee);
    if (callee.type !== 'MemberExpression') continue;
    const method = propertyName(callee.property, callee.computed);
    if (!method || !REQUEST_METHODS.has(method)) continue;
    out.push({ node, receiverNode: unwrapExpression(callee.object) });
  }
  return out;
}

/**
 * A value known to be a client only from its type annotation (`http: AxiosInstance`, an injected
 * `HttpService`): the compiler checked the declaration, but nothing here saw the instance made, and
 * a cast or a test double can stand behind the type.
 */
export const DECLARED_TYPE_CONFIDENCE = 0.9;

export interface ParamRef {
  fnId: string;
  index: number;
}

type ClientValue = Extract<Resolved, { k: 'client' }>;

export function clientsOf(resolved: Resolved[]): ClientValue[] {
  return resolved.filter((r): r is ClientValue => r.k === 'client');
}

/** A receiver that is one of these clients: their common base and library, and lower confidence when one is only declared. */
export function knownClientOf(clients: ClientValue[]): KnownClient {
  const client: KnownClient = { base: commonBase(clients.map((c) => c.base)) };
  const name = commonBase(clients.map((c) => c.name));
  if (name) client.name = name;
  if (clients.some((c) => c.declared)) client.confidence = DECLARED_TYPE_CONFIDENCE;
  return client;
}

/** The base URL every candidate instance has, if they agree on one. */
export function commonBase(bases: Array<string | undefined>): string | undefined {
  return bases.every((b) => b === bases[0]) ? bases[0] : undefined;
}

/**
 * The parameters a receiver denotes when its calls are judged from the callers (./param-clients.ts):
 * a parameter, or `this.x` kept by a TypeScript parameter property, and nothing else than instances
 * a type annotation names (a client type included: the callers may know its base). Empty otherwise.
 */
export function parameterReceiver(facts: FileFacts, receiver: TSESTree.Node, resolved: Resolved[]): ParamRef[] {
  if (resolved.some((r) => r.k === 'client' && !r.declared)) return [];
  const property = parameterProperty(facts, receiver);
  if (property) return property;
  if (!resolved.every((r) => r.k === 'param' || r.k === 'instance' || r.k === 'client')) return [];
  return resolved.flatMap((r) => (r.k === 'param' ? [{ fnId: r.fnId, index: r.index }] : []));
}

/** `this.api` where the constructor declares `private api` (a TypeScript parameter property): that parameter. */
function parameterProperty(facts: FileFacts, receiver: TSESTree.Node): ParamRef[] | undefined {
  if (receiver.type !== 'MemberExpression' || receiver.object.type !== 'ThisExpression') return undefined;
  const name = propertyName(receiver.property, receiver.computed);
  const cls = name ? facts.enclosingClass(receiver) : undefined;
  const ctorId = cls?.methods.get('constructor');
  const ctor = ctorId ? facts.functions.find((fn) => fn.id === ctorId) : undefined;
  const index = ctor ? ctor.node.params.findIndex((p) => p.type === 'TSParameterProperty' && p.parameter.type === 'Identifier' && p.parameter.name === name) : -1;
  return ctorId && index >= 0 ? [{ fnId: ctorId, index }] : undefined;
}
