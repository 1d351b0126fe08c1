// Parses JavaScript stack traces (V8 "at fn (file:line:col)" and Firefox/Safari "fn@file:line:col")
// into frames, skipping frames of the runtime and of dependencies, which are not the project's code.
import type { RuntimeLocation } from './context';

/** Stack strings are cut here: a hostile multi-megabyte stack costs no more than this. */
export const MAX_STACK_CHARS = 64 * 1024;
export const MAX_FRAMES = 50;

const V8_FRAME = /^\s*at\s+(?:async\s+)?(?:(.*?)\s+\()?(.+?):(\d+)(?::(\d+))?\)?\s*$/;
const GECKO_FRAME = /^\s*([^@\s]*)@(.+?):(\d+)(?::(\d+))?\s*$/;

export function parseStackTrace(stack: string): RuntimeLocation[] {
  const frames: RuntimeLocation[] = [];
  for (const line of stack.slice(0, MAX_STACK_CHARS).split('\n')) {
    const match = V8_FRAME.exec(line) ?? GECKO_FRAME.exec(line);
    if (!match) continue;
    const [, fn, path, lineNo, column] = match;
    if (isForeignFrame(path)) continue;
    frames.push({
      path,
      line: Number(lineNo),
      column: column ? Number(column) : undefined,
      functionName: fn ? fn.replace(/^new\s+/, '') : undefined,
    });
    if (frames.length >= MAX_FRAMES) break;
  }
  return frames;
}

/** Runtime internals, native code and installed dependencies: never the code under analysis. */
export function isForeignFrame(path: string): boolean {
  return (
    path.startsWith('node:') ||
    path.startsWith('internal/') ||
    path === 'native' ||
    path === '<anonymous>' ||
    path.startsWith('evalmachine') ||
    /(?:^|[\\/])node_modules[\\/]/.test(path)
  );
}
