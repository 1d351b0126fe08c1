// Client calls on instances the file itself does not show were made by a client factory: imported
// (`import { api } from './http'`, `require('./http')`) or otherwise reached through the project
// linker, or known by a declared client type (a field or variable annotated `AxiosInstance`, an
// injected Nest `HttpService` and its `axiosRef`). Computed at link time, so the files read are
// recorded as the caller's dependencies.
import type { ClientCallSite } from '../../model/code';
import type { FileFacts } from '../project/collect';
import type { Linker } from '../project/link';
import { clientCallOf } from './clients';
import { clientsOf, knownClientOf, parameterReceiver, requestShapedCalls } from './client-receivers';
import { logSiteOf } from './logs';
import { spanSiteOf } from './spans';

/** The client calls of this file that only the linker can tell are ones (not already a per-file site of any kind). */
export function linkedClientCalls(file: string, facts: FileFacts, linker: Linker): ClientCallSite[] {
  const sites: ClientCallSite[] = [];
  for (const { node, receiverNode } of requestShapedCalls(facts)) {
    // The receiver first (memoized by the linker): most `.get()` calls are on maps and the like.
    const receiver = facts.evaluate(receiverNode);
    const resolved = receiver ? linker.resolve(receiver) : [];
    const clients = clientsOf(resolved);
    if (!clients.length) continue;
    // A parameter typed as a client is judged with its callers (./param-clients.ts), who may know its base.
    if (parameterReceiver(facts, receiverNode, resolved).length) continue;
    // Per-file sites come first (./index.ts): a call they index is not indexed again.
    if (spanSiteOf(file, facts, node) || logSiteOf(file, facts, node) || clientCallOf(file, facts, node)) continue;
    const client = knownClientOf(clients);
    const site = clientCallOf(file, facts, node, () => client);
    if (site) sites.push(site);
  }
  return sites;
}
