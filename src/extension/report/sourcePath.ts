// Where an `openLocation` from the page may point: only files inside the report's source root or
// an open workspace folder. The page shows untrusted trace data, so its requests are checked here.
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';

export interface SourceRoots {
  /** The report's `sourceRoot` (absolute, or relative to the first workspace folder). */
  sourceRoot?: string;
  workspaceFolders: readonly string[];
}

export type ResolvedSource = { ok: true; path: string } | { ok: false; reason: string };

function inside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function real(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

export function allowedRoots(roots: SourceRoots): string[] {
  const base = roots.workspaceFolders[0];
  const out: string[] = [];
  if (roots.sourceRoot) {
    if (isAbsolute(roots.sourceRoot)) out.push(resolve(roots.sourceRoot));
    else if (base) out.push(resolve(base, roots.sourceRoot));
  }
  for (const w of roots.workspaceFolders) out.push(resolve(w));
  return out;
}

/** The absolute file for `file` (relative to the source root, or absolute), or why it is refused. */
export function resolveSourcePath(file: string, roots: SourceRoots): ResolvedSource {
  if (typeof file !== 'string' || file.trim() === '' || file.includes('\0')) return { ok: false, reason: 'empty or invalid file name' };
  if (/^[a-z][a-z0-9+.-]*:/i.test(file) && !/^[a-z]:[\\/]/i.test(file)) return { ok: false, reason: `not a file path: ${file}` };
  const allowed = allowedRoots(roots);
  if (allowed.length === 0) return { ok: false, reason: 'no workspace folder or source root is open' };
  const candidate = isAbsolute(file) ? resolve(file) : resolve(allowed[0], file);
  if (!allowed.some((root) => inside(root, candidate))) return { ok: false, reason: `${file} is outside the workspace and the report's source root` };
  const realCandidate = real(candidate);
  if (!realCandidate) return { ok: false, reason: `${file} does not exist under ${allowed[0]}` };
  // A symlink inside the root may point elsewhere: compare the real paths too.
  const realRoots = allowed.map((r) => real(r) ?? r);
  if (!realRoots.some((root) => inside(root, realCandidate))) return { ok: false, reason: `${file} resolves outside the workspace and the report's source root` };
  return { ok: true, path: candidate };
}
