// The command table: one line per command; each implementation lives in its own file, loaded on demand.
import type { Command } from '../io';

export const commands: Record<string, Command> = {
  analyze: { summary: 'find the requests that never finished, what is different about them, and the loops behind them', load: () => import('./analyze') },
  inspect: { summary: 'show what Limbo reads from trace/log files (format, counts, warnings)', load: () => import('./inspect') },
};
