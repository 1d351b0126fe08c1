// Client calls on instances the file itself does not show were made by a client factory: imported
// (`import { api } from './http'`, `require('./http')`) or otherwise reached through the project
// linker. Computed at link time, so the files read are recorded as the caller's dependencies.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ClientCallSite } from '../../model/code';
import { propertyName, unwrapExpression, type FileFacts } from '../project/collect';
import type { Linker } from '../project/link';
import { clientCallOf, type KnownClient } from './clients';
import { logSiteOf } from './logs';
import { spanSiteOf } from './spans';

/** Methods that make a request on a client instance (as ./clients.ts reads them). */
const REQUEST_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'fetch']);

/** The client calls of this file that only the linker can tell are ones (not already a per-file site of any kind). */
export function linkedClientCalls(file: string, facts: FileFacts, linker: Linker): ClientCallSite[] {
  const sites: ClientCallSite[] = [];
  for (const { node } of facts.calls) {
    if (node.type !== 'CallExpression' || node.arguments.length === 0) continue;
    const callee = unwrapExpression(node.callee);
    if (callee.type !== 'MemberExpression') continue;
    const method = propertyName(callee.property, callee.computed);
    if (!method || !REQUEST_METHODS.has(method)) continue;
    // The receiver first (memoized by the linker): most `.get()` calls are on maps and the like.
    const receiver = facts.evaluate(unwrapExpression(callee.object));
    const clients = receiver ? linker.resolve(receiver).filter((r) => r.k === 'client') : [];
    if (!clients.length) continue;
    // Per-file sites come first (./index.ts): a call they index is not indexed again.
    if (spanSiteOf(file, facts, node) || logSiteOf(file, facts, node) || clientCallOf(file, facts, node)) continue;
    const client: KnownClient = { base: commonBase(clients.map((c) => c.base)) };
    const site = clientCallOf(file, facts, node, (_receiver: TSESTree.Node) => client);
    if (site) sites.push(site);
  }
  return sites;
}

/** The base URL every candidate instance has, if they agree on one. */
export function commonBase(bases: Array<string | undefined>): string | undefined {
  return bases.every((b) => b === bases[0]) ? bases[0] : undefined;
}
