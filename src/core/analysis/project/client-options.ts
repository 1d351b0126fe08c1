// The base URL an HTTP client factory's options set (axios `baseURL`, got and ky `prefixUrl`), so
// calls on the instance can be indexed with the URL they request. Only a literal string counts: a
// base read from the environment or computed stays unknown.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName } from './collect';

const BASE_OPTION: Record<string, string> = { axios: 'baseURL', got: 'prefixUrl', ky: 'prefixUrl' };

/** Packages whose default export makes requests itself (`axios.get(url)`, `superagent.get(url)`). */
const DEFAULT_CLIENTS = new Set([...Object.keys(BASE_OPTION), 'superagent']);

/** `axios`, `got`, `ky`, `superagent` themselves (default exports included): clients with no base of their own. */
export function defaultClientPackage(r: { k: string; name?: string; path?: string[] }): string | undefined {
  if (r.k !== 'package' || !r.name || !DEFAULT_CLIENTS.has(r.name)) return undefined;
  return (r.path ?? []).every((p) => p === 'default') ? r.name : undefined;
}

/** The client `HttpService` of `@nestjs/axios` is: an axios instance behind an Observable API (`axiosRef` is the instance). */
export const NEST_HTTP_CLIENT = '@nestjs/axios';

// Types whose values are HTTP clients, by the package that exports them (a local type of the same
// name is not one): the client each names.
const CLIENT_TYPES: Array<{ pkg: string; type: string; client: string }> = [
  { pkg: 'axios', type: 'AxiosInstance', client: 'axios' },
  { pkg: 'axios', type: 'AxiosStatic', client: 'axios' },
  { pkg: 'got', type: 'Got', client: 'got' },
  { pkg: 'ky', type: 'KyInstance', client: 'ky' },
  { pkg: '@nestjs/axios', type: 'HttpService', client: NEST_HTTP_CLIENT },
  // Nest before v8 exported the same service from its common package.
  { pkg: '@nestjs/common', type: 'HttpService', client: NEST_HTTP_CLIENT },
  // undici's dispatchers: `request({ origin, path, method })` and its `stream` / `pipeline`.
  ...['Pool', 'Client', 'Agent', 'BalancedPool', 'Dispatcher'].map((type) => ({ pkg: 'undici', type, client: 'undici' })),
  // superagent's request function and its agents (`superagent.agent()`).
  { pkg: 'superagent', type: 'SuperAgentStatic', client: 'superagent' },
  { pkg: 'superagent', type: 'SuperAgent', client: 'superagent' },
];

/** The client a package type names (`AxiosInstance` from axios, `HttpService` from @nestjs/axios), if it names one. */
export function declaredClientType(r: { k: string; name?: string; path?: string[] }): string | undefined {
  if (r.k !== 'package') return undefined;
  const path = (r.path ?? []).filter((p) => p !== 'default');
  return path.length === 1 ? CLIENT_TYPES.find((t) => t.pkg === r.name && t.type === path[0])?.client : undefined;
}

/**
 * What an options object literal says about the base: `undefined` when it does not set it (the
 * instance keeps the one it extends), else the literal base, or `null` when it is set to something
 * that is not a literal.
 */
export function baseOption(options: TSESTree.ObjectExpression, pkg: string): string | null | undefined {
  const key = BASE_OPTION[pkg];
  let found: string | null | undefined;
  for (const prop of options.properties) {
    // A spread may set it too: what it sets is not known.
    if (prop.type === 'SpreadElement') found = null;
    else if (propertyName(prop.key, prop.computed) === key) found = literalString(prop.value);
  }
  return found;
}

function literalString(node: TSESTree.Node): string | null {
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked ?? null;
  return null;
}

/**
 * The URL a call on a client with this base requests: the base and a relative path joined with one
 * slash (as axios' combineURLs and got's / ky's prefixUrl do). An absolute URL, or one that starts
 * with an unknown part (`{}`, `${…}`: it may be absolute), is kept as it is.
 */
export function withBase(base: string | undefined, url: string): string {
  if (base === undefined || base === '' || /^[a-z][a-z0-9+.-]*:\/\//i.test(url) || url.startsWith('{') || url.startsWith('${')) return url;
  if (url === '') return base;
  return `${base.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`;
}
