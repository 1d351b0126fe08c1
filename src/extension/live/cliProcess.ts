// The `limbo` CLI bundle (dist/cli.js) run as a child process: long-lived I/O such as an OTLP
// receiver or a backend query stays out of the extension host, and a crash there cannot take the
// editor with it. The child gets an IPC channel, through which it is asked to stop.
import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type * as vscode from 'vscode';

export interface CliChild {
  process: ChildProcess;
  /** Everything the child wrote to stderr so far (its progress and messages). */
  stderr: () => string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

export function forkCli(context: vscode.ExtensionContext, args: string[]): CliChild {
  const child = fork(path.join(context.extensionPath, 'dist', 'cli.js'), args, {
    silent: true,
    // In desktop VS Code process.execPath is Electron: run it as plain Node.
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', LIMBO_STOP_OVER_IPC: '1' },
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    // Bounded: a chatty child cannot grow the extension host's memory without limit.
    stderr = (stderr + chunk).slice(-64 * 1024);
  });
  child.stdout?.resume();
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(-1));
  });
  return { process: child, stderr: () => stderr, exited };
}

/** Asks the child to stop through IPC (works on every OS, unlike signals), then kills it if it lingers. */
export async function stopCli(child: CliChild, graceMs = 10_000): Promise<number | null> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return child.exited;
  if (child.process.connected) child.process.send('stop');
  else child.process.kill('SIGTERM');
  const timer = setTimeout(() => child.process.kill('SIGKILL'), graceMs);
  const code = await child.exited;
  clearTimeout(timer);
  return code;
}

/** The last line of the child's stderr that starts with `limbo <command>:` (its final message), without the prefix. */
export function lastMessage(stderr: string): string {
  const lines = stderr.split(/\r|\n/).map((l) => l.trim()).filter((l) => /^limbo \w+: /.test(l));
  return (lines.at(-1) ?? stderr.trim().split('\n').at(-1) ?? '').replace(/^limbo \w+: /, '');
}
