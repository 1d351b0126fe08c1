// Rewrites a path seen at runtime (in a span attribute or a stack frame) to a file of the source
// root: configured path mappings first (most specific prefix wins), then the longest matching path
// suffix among the root's files. The result is always a file that exists inside the root.
import { rejectHostile, resolveInsideRoot, type PathRejection } from './safe-path';
import type { SourceFileIndex } from './source-files';

/** `from` is a runtime prefix (e.g. "/app/"), `to` a folder relative to the source root (e.g. "services/shop/"). */
export interface PathMapping {
  from: string;
  to: string;
}

export interface PathContext {
  /** Real path of the source root. */
  root: string;
  files: SourceFileIndex;
  pathMappings: PathMapping[];
}

export interface WorkspacePath {
  /** Relative to the root, forward slashes. */
  file: string;
  absolute: string;
  via: 'path-mapping' | 'inside-root' | 'suffix-match' | 'stem-match';
  confidence: number;
}

export type RewriteResult = { ok: true; path: WorkspacePath } | { ok: false; reason: PathRejection | 'no-match' };

const CODE_EXTENSION = /\.(?:[cm]?[jt]s|[jt]sx)$/;

/** Strips URL schemes runtimes and bundlers put in front of paths; normalizes separators. */
export function normalizeRuntimePath(raw: string): string {
  let path = raw.trim();
  if (/^file:\/\//i.test(path)) {
    path = path.replace(/^file:\/\/(?:localhost)?/i, '');
    try {
      path = decodeURIComponent(path);
    } catch {
      /* keep the undecoded path */
    }
  }
  path = path.replace(/^webpack:\/\/[^/]*\//, '').replace(/^webpack-internal:\/\/\/(?:\([^)]*\)\/)?/, '');
  path = path.replace(/\\/g, '/');
  if (/^[A-Za-z]:\//.test(path)) path = '/' + path; // C:/x → /C:/x so it reads as absolute segments
  return path.replace(/^\.\//, '');
}

export function sortPathMappings(mappings: PathMapping[]): PathMapping[] {
  return [...mappings]
    .map((m) => ({ from: normalizeRuntimePath(m.from), to: normalizeRuntimePath(m.to) }))
    .sort((a, b) => b.from.length - a.from.length);
}

export function toWorkspacePath(ctx: PathContext, raw: string): RewriteResult {
  if (raw.length > 4 * 1024 || raw.includes('\0')) return { ok: false, reason: raw.includes('\0') ? 'nul-byte' : 'too-long' };
  const path = normalizeRuntimePath(raw);
  const hostile = rejectHostile(path);
  if (hostile) return { ok: false, reason: hostile };

  for (const mapping of ctx.pathMappings) {
    if (!startsWithFolder(path, mapping.from)) continue;
    const rest = path.slice(mapping.from.length).replace(/^\/+/, '');
    const target = mapping.to ? `${mapping.to.replace(/\/+$/, '')}/${rest}` : rest;
    const safe = resolveInsideRoot(ctx.root, target);
    if (safe.ok) return { ok: true, path: { file: safe.relative, absolute: safe.absolute, via: 'path-mapping', confidence: 1 } };
    if (safe.reason !== 'not-found') return { ok: false, reason: safe.reason };
    // The most specific mapping names a file that is not there: match by suffix inside its folder first.
    const folder = mapping.to.replace(/\/+$/, '');
    const within = suffixMatch(ctx, path, folder ? (file) => file.startsWith(`${folder}/`) : undefined);
    if (within.ok) return within;
    break;
  }

  if (path.startsWith('/') && startsWithFolder(path, ctx.root.replace(/\\/g, '/'))) {
    const safe = resolveInsideRoot(ctx.root, path);
    if (safe.ok) return { ok: true, path: { file: safe.relative, absolute: safe.absolute, via: 'inside-root', confidence: 1 } };
  }
  return suffixMatch(ctx, path);
}

function startsWithFolder(path: string, prefix: string): boolean {
  if (!prefix) return false;
  if (prefix.endsWith('/')) return path.startsWith(prefix);
  return path === prefix || path.startsWith(prefix + '/');
}

/** The number of trailing segments two paths share (comparing the last segment by `sameLast`). */
function sharedSuffix(a: string[], b: string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function suffixMatch(ctx: PathContext, path: string, accept: (file: string) => boolean = () => true): RewriteResult {
  const segments = path.split('/').filter(Boolean);
  const base = segments[segments.length - 1];
  if (!base) return { ok: false, reason: 'no-match' };
  const exact = best((ctx.files.byBaseName.get(base) ?? []).filter(accept), (file) => sharedSuffix(segments, file.split('/')));
  if (exact) return finish(ctx, exact.file, 'suffix-match', suffixConfidence(exact.shared, segments.length, exact.ties));

  // A compiled file that is not in the workspace (dist/a.js at runtime, src/a.ts here): same stem,
  // same parent folders where they still agree. Weaker than a real suffix match.
  if (!CODE_EXTENSION.test(base)) return { ok: false, reason: 'no-match' };
  const stem = base.replace(CODE_EXTENSION, '');
  const dirs = segments.slice(0, -1);
  const candidates: string[] = [];
  for (const [name, files] of ctx.files.byBaseName) if (name.replace(CODE_EXTENSION, '') === stem) candidates.push(...files.filter(accept));
  const byStem = best(candidates, (file) => 1 + sharedSuffix(dirs, file.split('/').slice(0, -1)));
  if (!byStem) return { ok: false, reason: 'no-match' };
  return finish(ctx, byStem.file, 'stem-match', 0.6 * suffixConfidence(byStem.shared, segments.length, byStem.ties));
}

function best(candidates: string[], score: (file: string) => number): { file: string; shared: number; ties: number } | undefined {
  let top: { file: string; shared: number; ties: number } | undefined;
  for (const file of candidates) {
    const shared = score(file);
    if (shared === 0) continue;
    if (!top || shared > top.shared) top = { file, shared, ties: 1 };
    else if (shared === top.shared) {
      top.ties++;
      if (file < top.file) top.file = file;
    }
  }
  return top;
}

/** One shared segment (the base name) is weak; each further folder adds certainty; ties divide it. */
function suffixConfidence(shared: number, total: number, ties: number): number {
  const base = shared >= total ? 0.95 : Math.min(0.9, 0.45 + 0.15 * (shared - 1));
  return base / ties;
}

function finish(ctx: PathContext, file: string, via: WorkspacePath['via'], confidence: number): RewriteResult {
  const safe = resolveInsideRoot(ctx.root, file);
  if (!safe.ok) return { ok: false, reason: safe.reason };
  return { ok: true, path: { file: safe.relative, absolute: safe.absolute, via, confidence } };
}
