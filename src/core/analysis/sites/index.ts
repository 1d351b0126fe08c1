// The per-file index of span-creating calls, logger calls and outgoing client calls.
import type { ClientCallSite, LogSite, SpanSite } from '../../model/code';
import type { ParsedFile } from '../project/types';
import type { FileFacts } from '../project/collect';
import { spanSiteOf } from './spans';
import { logSiteOf } from './logs';
import { clientCallOf } from './clients';

export interface FileSites {
  spanSites: SpanSite[];
  logSites: LogSite[];
  clientCalls: ClientCallSite[];
}

export function indexSites(parsed: ParsedFile, facts: FileFacts): FileSites {
  const sites: FileSites = { spanSites: [], logSites: [], clientCalls: [] };
  for (const { node } of facts.calls) {
    const span = spanSiteOf(parsed.path, facts, node);
    if (span) {
      sites.spanSites.push(span);
      continue;
    }
    const log = logSiteOf(parsed.path, facts, node);
    if (log) {
      sites.logSites.push(log);
      continue;
    }
    const client = clientCallOf(parsed.path, facts, node);
    if (client) sites.clientCalls.push(client);
  }
  return sites;
}
