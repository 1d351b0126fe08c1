// The command table: one line per command; each implementation lives in its own file, loaded on demand.
import type { Command } from '../io';

export const commands: Record<string, Command> = {};
