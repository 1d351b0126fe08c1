// The one gate between a path found in untrusted trace data and the file system: a path is opened
// only when it resolves (after symlinks) to a file inside the source root.
import { realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** Longer than any real path; anything above is hostile or garbage and is not even normalized. */
export const MAX_PATH_LENGTH = 1024;

export type PathRejection = 'empty' | 'nul-byte' | 'too-long' | 'parent-segment' | 'outside-root' | 'not-found';

export type SafePath =
  | { ok: true; absolute: string; relative: string }
  | { ok: false; reason: PathRejection };

/** The real path of a source root, computed once per analysis. */
export function realRoot(root: string): string {
  return realpathSync(resolve(root));
}

function isWithin(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** Cheap syntactic checks shared by every path that comes from trace data. */
export function rejectHostile(path: string): PathRejection | undefined {
  if (!path) return 'empty';
  if (path.length > MAX_PATH_LENGTH) return 'too-long';
  if (path.includes('\0')) return 'nul-byte';
  if (path.split(/[\\/]+/).includes('..')) return 'parent-segment';
  return undefined;
}

/**
 * Resolves `path` (relative to `root`, or absolute) to an existing file inside `root`, following
 * symlinks and checking the real path again, so a link pointing out of the root is refused.
 * `allowParentSegments` is for paths written by the project's own build (source-map sources such as
 * `../src/a.ts`); the final real-path check still applies.
 */
export function resolveInsideRoot(root: string, path: string, allowParentSegments = false): SafePath {
  const hostile = rejectHostile(path);
  if (hostile && !(hostile === 'parent-segment' && allowParentSegments)) return { ok: false, reason: hostile };
  const absolute = isAbsolute(path) ? resolve(path) : resolve(root, path);
  if (!isWithin(root, absolute)) return { ok: false, reason: 'outside-root' };
  let real: string;
  try {
    real = realpathSync(absolute);
    if (!statSync(real).isFile()) return { ok: false, reason: 'not-found' };
  } catch {
    return { ok: false, reason: 'not-found' };
  }
  if (!isWithin(root, real)) return { ok: false, reason: 'outside-root' };
  return { ok: true, absolute: real, relative: relative(root, real).split(sep).join('/') };
}
