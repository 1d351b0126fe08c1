// Outgoing calls, so client spans can be matched to code: fetch, axios, got, ky, undici, superagent,
// node http(s), and database queries whose first argument is SQL.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ClientCallSite } from '../../model/code';
import { locationOf, memberPath, propertyName, unwrapExpression, type CallNode, type FileFacts } from '../project/collect';
import { baseOption, withBase } from '../project/client-options';
import { enclosingFunctionName, templateOf, templateOrPlaceholder } from './template';

const HTTP_VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);
const HTTP_CLIENTS = /^(axios|got|ky|superagent|needle|undici|request|this\.http|this\.client|httpClient|apiClient)$/;
/** Receivers named as a client package: that library. */
const PACKAGE_RECEIVERS = new Set(['axios', 'got', 'ky', 'superagent', 'needle', 'undici', 'request']);
/** Methods besides `request` / `fetch` that make a request from a URL or options, by library. */
const STREAMING_METHODS: Record<string, Set<string>> = { undici: new Set(['stream', 'pipeline']), got: new Set(['stream']) };
/** undici's functions that request a URL (`import { request } from 'undici'`). */
const UNDICI_FUNCTIONS = new Set(['request', 'fetch', 'stream', 'pipeline']);
const NODE_HTTP = /^(https?)$/;
const SQL_START = /^\s*(select|insert|update|delete|with|create|alter|drop|merge|upsert|replace|begin|call)\b/i;
const DB_METHODS = new Set(['query', 'execute', 'raw', '$queryRaw', '$executeRaw', '$queryRawUnsafe', 'all', 'run', 'prepare']);

function optionString(options: TSESTree.Node | undefined, key: string): string | undefined {
  const node = options ? unwrapExpression(options) : undefined;
  if (!node || node.type !== 'ObjectExpression') return undefined;
  for (const prop of node.properties) {
    if (prop.type === 'Property' && propertyName(prop.key, prop.computed) === key) return templateOf(prop.value);
  }
  return undefined;
}

/**
 * The URL an options object requests: `url`, else `path` after undici's `origin` (a dispatcher's
 * `request({ origin, path, method })`); a part written as a variable is `{}`.
 */
function requestUrl(options: TSESTree.ObjectExpression): string {
  const url = optionString(options, 'url');
  if (url !== undefined) return url;
  const path = optionString(options, 'path') ?? '{}';
  const hasOrigin = options.properties.some((p) => p.type === 'Property' && propertyName(p.key, p.computed) === 'origin');
  return hasOrigin ? withBase(optionString(options, 'origin') ?? '{}', path) : path;
}

/** `'POST'` as superagent's first argument (`request('POST', url)`): that verb. */
function verbArgument(node: TSESTree.Node): string | undefined {
  const text = templateOf(node);
  return text !== undefined && HTTP_VERBS.has(text.toLowerCase()) ? text.toUpperCase() : undefined;
}

/** `stream` in `import { stream } from 'undici'`: the name undici exports it as, when the callee is one. */
function undiciFunction(facts: FileFacts, callee: TSESTree.Identifier): string | undefined {
  const ref = facts.evaluate(callee);
  return ref?.k === 'import' && ref.specifier === 'undici' && UNDICI_FUNCTIONS.has(ref.name) ? ref.name : undefined;
}

function site(kind: ClientCallSite['kind'], target: string, file: string, facts: FileFacts, call: CallNode): ClientCallSite {
  return { kind, target, location: locationOf(file, call), functionName: enclosingFunctionName(facts, call) };
}

/** A request made on a client instance: its URL prefixed with the instance's literal base, which the site records. */
function instanceSite(verb: string, url: string, client: KnownClient, file: string, facts: FileFacts, call: CallNode): ClientCallSite {
  const full = withBase(client.base, url);
  const made = site('http', `${verb} ${full}`, file, facts, call);
  if (full !== url) made.baseUrl = client.base;
  if (client.confidence !== undefined && client.confidence < 1) made.confidence = client.confidence;
  return made;
}

/** A receiver known to be an HTTP client instance: its literal base URL, its library when known, and how sure that is (1 when absent). */
export interface KnownClient {
  base?: string;
  confidence?: number;
  /** The client package (`undici`, `got`...): which of its methods make requests. */
  name?: string;
}

// `axios.create()`, `got.extend()`, `ky.create()`, `superagent.agent()`: instances made by a client library's factory.
const CLIENT_FACTORY = /^((axios|got|ky)\.(create|extend)|superagent\.agent)$/;

/** The client when `receiver` is a variable of this file initialized by a client factory (`const api = axios.create(...)`). */
function factoryMadeClient(facts: FileFacts, receiver: TSESTree.Node): KnownClient | undefined {
  if (receiver.type !== 'Identifier') return undefined;
  const definition = facts.variableOf(receiver)?.defs[0]?.node;
  if (definition?.type !== 'VariableDeclarator' || !definition.init) return undefined;
  const init = unwrapExpression(definition.init);
  if (init.type !== 'CallExpression') return undefined;
  const factory = memberPath(unwrapExpression(init.callee));
  if (!factory || !CLIENT_FACTORY.test(factory)) return undefined;
  const options = init.arguments[0] ? unwrapExpression(init.arguments[0]) : undefined;
  const name = factory.split('.')[0];
  return { base: options?.type === 'ObjectExpression' ? (baseOption(options, name) ?? undefined) : undefined, name };
}

/**
 * `linkedClient` says whether a receiver is a client instance as the project linker sees it (one
 * made in another module, or passed in as a parameter); without it only what this file shows counts.
 */
export function clientCallOf(
  file: string,
  facts: FileFacts,
  call: CallNode,
  linkedClient?: (receiver: TSESTree.Node) => KnownClient | undefined,
): ClientCallSite | undefined {
  if (call.type !== 'CallExpression') return undefined;
  const callee = unwrapExpression(call.callee);
  const [first, second] = call.arguments;
  if (callee.type === 'Identifier') {
    if (['fetch', 'got', 'request', 'axios', 'superagent'].includes(callee.name) || undiciFunction(facts, callee)) {
      if (!first) return undefined;
      const firstNode = unwrapExpression(first);
      const verb = second ? verbArgument(firstNode) : undefined;
      if (verb) return site('http', `${verb} ${templateOrPlaceholder(second)}`, file, facts, call);
      if (firstNode.type === 'ObjectExpression') {
        const method = (optionString(firstNode, 'method') ?? optionString(second, 'method') ?? 'GET').toUpperCase();
        return site('http', `${method} ${requestUrl(firstNode)}`, file, facts, call);
      }
      const method = (optionString(second, 'method') ?? 'GET').toUpperCase();
      return site('http', `${method} ${templateOrPlaceholder(first)}`, file, facts, call);
    }
    return undefined;
  }
  if (callee.type !== 'MemberExpression' || !first) return undefined;
  const method = propertyName(callee.property, callee.computed);
  // `(api as AxiosInstance).get()`: the receiver without its type assertion.
  const receiverNode = unwrapExpression(callee.object);
  const receiver = memberPath(receiverNode);
  if (!method || !receiver) return undefined;
  const named = HTTP_CLIENTS.test(receiver) || receiver.endsWith('axios');
  const client: KnownClient | undefined = named ? (PACKAGE_RECEIVERS.has(receiver) ? { name: receiver } : {}) : (factoryMadeClient(facts, receiverNode) ?? linkedClient?.(receiverNode));
  if (client) {
    // superagent names DELETE `del` too.
    const verb = method === 'del' ? 'DELETE' : HTTP_VERBS.has(method) ? method.toUpperCase() : undefined;
    if (verb) return instanceSite(verb, templateOrPlaceholder(first), client, file, facts, call);
    if (method === 'request' || method === 'fetch' || STREAMING_METHODS[client.name ?? '']?.has(method)) {
      const firstNode = unwrapExpression(first);
      if (firstNode.type === 'ObjectExpression') {
        const verb = (optionString(firstNode, 'method') ?? optionString(second, 'method') ?? 'GET').toUpperCase();
        return instanceSite(verb, requestUrl(firstNode), client, file, facts, call);
      }
      const verb = (optionString(second, 'method') ?? 'GET').toUpperCase();
      return instanceSite(verb, templateOrPlaceholder(first), client, file, facts, call);
    }
  }
  if (NODE_HTTP.test(receiver) && (method === 'request' || method === 'get')) {
    const firstNode = unwrapExpression(first);
    if (firstNode.type === 'ObjectExpression') {
      const verb = (optionString(firstNode, 'method') ?? (method === 'get' ? 'GET' : 'GET')).toUpperCase();
      const host = optionString(firstNode, 'hostname') ?? optionString(firstNode, 'host') ?? '';
      return site('http', `${verb} ${host}${optionString(firstNode, 'path') ?? '/'}`, file, facts, call);
    }
    return site('http', `${(optionString(second, 'method') ?? 'GET').toUpperCase()} ${templateOrPlaceholder(first)}`, file, facts, call);
  }
  if (DB_METHODS.has(method)) {
    const sql = templateOf(first) ?? optionString(first, 'text') ?? optionString(first, 'sql');
    if (sql !== undefined && SQL_START.test(sql)) return site('db', sql.trim().replace(/\s+/g, ' '), file, facts, call);
  }
  return undefined;
}
