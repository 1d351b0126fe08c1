// Inputs that name a directory stand for the files under it (an incident folder of traces
// and logs), sorted, recursing; hidden entries, node_modules and files that are plainly not telemetry
// (source code, images, archives other than .gz) are left out; rotated logs (app.log.1) stay in.
// Anything else is passed on as given, so a missing file is still reported by the reader that tries it.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const MAX_FILES = 10_000;
const NOT_TELEMETRY = /\.(?:[cm]?[jt]sx?|map|md|markdown|png|jpe?g|gif|svg|ico|webp|pdf|zip|tar|tgz|bz2|xz|7z|lock|ya?ml|toml|ini|html?|css|scss|py|go|java|rb|rs|c|h|cpp|sh|exe|dll|so|dylib|wasm)$/i;
const MAX_DEPTH = 8;

export interface ExpandedInputs {
  files: string[];
  /** Why a directory gave fewer files than it holds (the caps), for stderr. */
  notes: string[];
}

export function expandInputs(args: readonly string[]): ExpandedInputs {
  const files: string[] = [];
  const notes: string[] = [];
  for (const arg of args) {
    let isDirectory = false;
    try {
      isDirectory = statSync(arg).isDirectory();
    } catch {
      // Not there or unreadable: the reader says so with the file's name.
    }
    if (!isDirectory) {
      files.push(arg);
      continue;
    }
    const before = files.length;
    const capped = walk(arg, 0, files);
    if (capped) notes.push(`${arg}: read the first ${MAX_FILES} files only`);
    if (files.length === before) notes.push(`${arg}: no files in this directory`);
  }
  return { files, notes };
}

/** Appends the files under `dir` in name order; true when the cap stopped it. */
function walk(dir: string, depth: number, out: string[]): boolean {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    out.push(dir); // unreadable: let the reader report it
    return false;
  }
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (depth + 1 < MAX_DEPTH && walk(path, depth + 1, out)) return true;
    } else if (e.isFile() && !NOT_TELEMETRY.test(e.name)) {
      if (out.length >= MAX_FILES) return true;
      out.push(path);
    }
  }
  return false;
}
