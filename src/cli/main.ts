// `limbo` command line: dispatches to one file per command, loaded on demand.
import { runCli } from './run';

// A reader that stops early (`limbo analyze … | head`) closes the pipe: stop quietly, as other tools do.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`limbo: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
