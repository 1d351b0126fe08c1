// `--analyze` of fetch and receive: `limbo analyze FILE [--src DIR]` on the file they wrote.
import type { CliIO } from '../io';
import { commands } from './index';

export async function analyzeWritten(file: string, src: string | undefined, io: CliIO): Promise<number> {
  const analyze = await commands.analyze!.load();
  return analyze.run([file, ...(src ? ['--src', src] : [])], io);
}
