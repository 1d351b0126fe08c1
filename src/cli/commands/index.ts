// The command table: one line per command; each implementation lives in its own file, loaded on demand.
import type { Command } from '../io';

export const commands: Record<string, Command> = {
  analyze: { summary: 'find the requests that never finished, what is different about them, and the loops behind them', load: () => import('./analyze') },
  scan: { summary: 'find loops whose exit depends on a flow\'s data in a source tree (text, JSON or SARIF)', load: () => import('./scan') },
  fetch: { summary: 'fetch a time window of traces or logs from Jaeger, Tempo or Loki into a file for analyze', load: () => import('./fetch') },
  receive: { summary: 'listen for OTLP exports (HTTP and gRPC; traces and logs) and write them to a file for analyze', load: () => import('./receive') },
  inspect: { summary: 'show what Limbo reads from trace/log files (format, counts, warnings)', load: () => import('./inspect') },
};
