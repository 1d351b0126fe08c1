import { commands } from './commands/index';
import { defaultIO, type CliIO } from './io';
import { LIMBO_VERSION } from './version';

export { LIMBO_VERSION };

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  limbo ${name.padEnd(10)} ${c.summary}`);
  return `Usage:\n${lines.join('\n')}\n\nRun \`limbo <command> --help\` for a command's options.\n`;
}

/** Runs one command line and returns the exit code (never calls process.exit, so tests can call it). */
export async function runCli(argv: string[], io: CliIO = defaultIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${LIMBO_VERSION}\n`);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    io.stderr(`limbo: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  const mod = await command.load();
  return mod.run(rest, io);
}
