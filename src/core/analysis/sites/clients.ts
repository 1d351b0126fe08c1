// Outgoing calls, so client spans can be matched to code: fetch, axios, got, undici, node http(s),
// and database queries whose first argument is SQL.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ClientCallSite } from '../../model/code';
import { locationOf, memberPath, propertyName, unwrapExpression, type CallNode, type FileFacts } from '../project/collect';
import { enclosingFunctionName, templateOf, templateOrPlaceholder } from './template';

const HTTP_VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);
const HTTP_CLIENTS = /^(axios|got|ky|superagent|needle|undici|request|this\.http|this\.client|httpClient|apiClient)$/;
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

function site(kind: ClientCallSite['kind'], target: string, file: string, facts: FileFacts, call: CallNode): ClientCallSite {
  return { kind, target, location: locationOf(file, call), functionName: enclosingFunctionName(facts, call) };
}

// `axios.create()`, `got.extend()`, `ky.create()`: instances made by a client library's factory.
const CLIENT_FACTORY = /^(axios|got|ky)\.(create|extend)$/;

/** True when `receiver` is a variable of this file initialized by a client factory (`const api = axios.create(...)`). */
function isFactoryMadeClient(facts: FileFacts, receiver: TSESTree.Node): boolean {
  if (receiver.type !== 'Identifier') return false;
  const definition = facts.variableOf(receiver)?.defs[0]?.node;
  if (definition?.type !== 'VariableDeclarator' || !definition.init) return false;
  const init = unwrapExpression(definition.init);
  if (init.type !== 'CallExpression') return false;
  const factory = memberPath(unwrapExpression(init.callee));
  return !!factory && CLIENT_FACTORY.test(factory);
}

/**
 * `isLinkedClient` says whether a receiver is a client instance as the project linker sees it (one
 * made in another module); without it only what this file shows counts.
 */
export function clientCallOf(
  file: string,
  facts: FileFacts,
  call: CallNode,
  isLinkedClient?: (receiver: TSESTree.Node) => boolean,
): ClientCallSite | undefined {
  if (call.type !== 'CallExpression') return undefined;
  const callee = unwrapExpression(call.callee);
  const [first, second] = call.arguments;
  if (callee.type === 'Identifier') {
    if (callee.name === 'fetch' || callee.name === 'got' || callee.name === 'request' || callee.name === 'axios') {
      if (!first) return undefined;
      const firstNode = unwrapExpression(first);
      if (firstNode.type === 'ObjectExpression') {
        const method = (optionString(firstNode, 'method') ?? 'GET').toUpperCase();
        return site('http', `${method} ${optionString(firstNode, 'url') ?? '{}'}`, file, facts, call);
      }
      const method = (optionString(second, 'method') ?? 'GET').toUpperCase();
      return site('http', `${method} ${templateOrPlaceholder(first)}`, file, facts, call);
    }
    return undefined;
  }
  if (callee.type !== 'MemberExpression' || !first) return undefined;
  const method = propertyName(callee.property, callee.computed);
  const receiver = memberPath(callee.object);
  if (!method || !receiver) return undefined;
  const receiverNode = unwrapExpression(callee.object);
  if (HTTP_CLIENTS.test(receiver) || receiver.endsWith('axios') || isFactoryMadeClient(facts, receiverNode) || isLinkedClient?.(receiverNode)) {
    if (HTTP_VERBS.has(method)) return site('http', `${method.toUpperCase()} ${templateOrPlaceholder(first)}`, file, facts, call);
    if (method === 'request' || method === 'fetch') {
      const firstNode = unwrapExpression(first);
      if (firstNode.type === 'ObjectExpression') {
        const verb = (optionString(firstNode, 'method') ?? 'GET').toUpperCase();
        return site('http', `${verb} ${optionString(firstNode, 'url') ?? optionString(firstNode, 'path') ?? '{}'}`, file, facts, call);
      }
      const verb = (optionString(second, 'method') ?? 'GET').toUpperCase();
      return site('http', `${verb} ${templateOrPlaceholder(first)}`, file, facts, call);
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
