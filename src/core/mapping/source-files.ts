// The files of the source root that runtime paths may be matched against, indexed by base name for
// longest-suffix matching. Bounded: a huge tree never makes the walk unbounded.
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'coverage', '.vscode-test', '.tools']);
const CODE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
export const MAX_INDEXED_FILES = 50_000;

export interface SourceFileIndex {
  /** Relative paths with forward slashes. */
  files: string[];
  byBaseName: Map<string, string[]>;
}

export function buildSourceFileIndex(root: string, files?: string[]): SourceFileIndex {
  const list = files ?? walk(root);
  const byBaseName = new Map<string, string[]>();
  for (const file of list) {
    const base = file.slice(file.lastIndexOf('/') + 1);
    const entry = byBaseName.get(base);
    if (entry) entry.push(file);
    else byBaseName.set(base, [file]);
  }
  return { files: list, byBaseName };
}

function walk(root: string): string[] {
  const out: string[] = [];
  const pending = [''];
  while (pending.length && out.length < MAX_INDEXED_FILES) {
    const dir = pending.pop()!;
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(join(root, dir), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      // Symlinked directories are not followed: they may point out of the root or form cycles.
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) pending.push(rel);
      } else if (CODE_FILE.test(entry.name) && (entry.isFile() || isFileLink(join(root, rel)))) {
        out.push(rel);
        if (out.length >= MAX_INDEXED_FILES) break;
      }
    }
  }
  return out.sort();
}

function isFileLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
