// `limbo` command line: dispatches to one file per command, loaded on demand.
import { runCli } from './run';

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`limbo: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
