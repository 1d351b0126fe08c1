// Finds the source files of a project: JS/TS by extension, honoring .gitignore files (nested ones
// too), skipping dependencies (vendored copies too), build output, declaration files and minified bundles.
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
/** Dependencies, copies of them kept in the tree (`vendor/`, the convention GitHub's linguist also follows), and build output. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'bower_components', 'jspm_packages', 'vendor', 'vendors', 'third_party', 'dist', 'build', 'out', '.next', 'coverage', '.git', '.turbo', '.cache']);

export interface SkippedFile {
  file: string;
  reason: 'minified' | 'too-large' | 'unreadable';
}

export interface DiscoverOptions {
  /** Extra gitignore-style patterns, relative to the root. */
  exclude?: string[];
}

interface IgnoreLayer {
  base: string;
  rules: Ignore;
}

const toPosix = (p: string): string => (sep === '/' ? p : p.split(sep).join('/'));

export function isSourceFile(name: string): boolean {
  if (/\.d\.[cm]?ts$/.test(name)) return false;
  if (/[.-]min\.[cm]?js$/.test(name)) return false;
  return SOURCE_EXTENSIONS.some((ext) => name.endsWith(ext));
}

/** Relative (posix) paths of the source files under root, sorted. */
export function discoverSourceFiles(root: string, options: DiscoverOptions = {}): string[] {
  const found: string[] = [];
  const rootLayer: IgnoreLayer[] = [];
  if (options.exclude?.length) rootLayer.push({ base: '', rules: ignore().add(options.exclude) });
  walk(root, '', rootLayer, found);
  return found.sort();
}

function isIgnored(layers: IgnoreLayer[], relPath: string, isDirectory: boolean): boolean {
  for (const layer of layers) {
    const inLayer = layer.base ? relPath.slice(layer.base.length + 1) : relPath;
    if (!inLayer) continue;
    if (layer.rules.ignores(isDirectory ? inLayer + '/' : inLayer)) return true;
  }
  return false;
}

function walk(root: string, relDir: string, parentLayers: IgnoreLayer[], found: string[]): void {
  const absDir = relDir ? join(root, relDir) : root;
  let layers = parentLayers;
  const gitignore = join(absDir, '.gitignore');
  if (existsSync(gitignore)) {
    try {
      layers = [...parentLayers, { base: relDir, rules: ignore().add(readFileSync(gitignore, 'utf8')) }];
    } catch {
      // An unreadable .gitignore only means nothing more is ignored.
    }
  }
  let entries;
  try {
    entries = readdirSync(absDir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const relPath = relDir ? `${relDir}/${entry.name}` : entry.name;
    // Symlinks are not followed: they can loop and usually point outside the project.
    if (entry.isDirectory()) {
      if (SKIPPED_DIRECTORIES.has(entry.name) || isIgnored(layers, relPath, true)) continue;
      walk(root, relPath, layers, found);
    } else if (entry.isFile() && isSourceFile(entry.name) && !isIgnored(layers, relPath, false)) {
      found.push(toPosix(relPath));
    }
  }
}

/**
 * Bundled or minified code: a very long line (not a compiler's inlined helper), few lines for a lot of text, an
 * inline source map listing several sources, or a formatted bundle whose names were mangled (a
 * bundler's output kept readable: nearly every declared name one or two characters long, where
 * hand-written code has under a fifth).
 */
export function looksMinified(source: string, absolutePath?: string): boolean {
  // An inline source map (`//# sourceMappingURL=data:…`, one long base64 line that compilers such as
  // Babel append to readable output) says nothing about the code above it, except by what it lists:
  // made from several sources, the file is a bundle of them. So does a map file beside it.
  if (inlineSourceMapSources(source) > 1) return true;
  if (absolutePath && siblingSourceMapSources(source, absolutePath) > 1) return true;
  const text = withoutInlineSourceMap(source);
  if (text.length < 2000) return false;
  if (text.length >= MANGLED_MIN_LENGTH && looksMangled(text)) return true;
  // A compiler's helpers are inlined one per line above the readable code it wrote (Babel's
  // `function _regeneratorRuntime() { … }`, 9,000 characters): such a line says nothing of the rest.
  let lines = 1;
  let longest = 0;
  let start = 0;
  const measure = (end: number) => {
    if (end - start > longest && !text.startsWith('function _', start)) longest = end - start;
  };
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    lines++;
    measure(i);
    start = i + 1;
  }
  measure(text.length);
  return longest > 2000 || text.length / lines > 300;
}

const INLINE_SOURCE_MAP = /^[ \t]*\/\/[#@][ \t]*sourceMappingURL=data:[^\n]*$/gm;

/** How many sources an inline base64 source map lists (0 when there is none or it does not decode). */
function inlineSourceMapSources(text: string): number {
  const at = text.lastIndexOf('sourceMappingURL=data:');
  if (at < 0) return 0;
  const comma = text.indexOf(',', at);
  const end = text.indexOf('\n', at);
  if (comma < 0 || !text.slice(at, comma).includes(';base64')) return 0;
  try {
    const map = JSON.parse(Buffer.from(text.slice(comma + 1, end < 0 ? undefined : end).trim(), 'base64').toString('utf8')) as { sources?: unknown };
    return Array.isArray(map.sources) ? map.sources.length : 0;
  } catch {
    return 0;
  }
}

const SOURCE_MAP_FILE = /^[ \t]*\/\/[#@][ \t]*sourceMappingURL=([^\s:]+\.map)[ \t]*$/m;
const MAX_SOURCE_MAP_BYTES = 32 * 1024 * 1024;

/** How many sources the map file a `//# sourceMappingURL=x.js.map` comment names lists (0 when unreadable). */
function siblingSourceMapSources(text: string, absolutePath: string): number {
  const tail = text.slice(-4096);
  const url = SOURCE_MAP_FILE.exec(tail)?.[1];
  // Beside the file or below it: a map named outside the project is not read.
  if (!url || url.split(/[\\/]/).includes('..')) return 0;
  const mapPath = join(dirname(absolutePath), url);
  try {
    if (statSync(mapPath).size > MAX_SOURCE_MAP_BYTES) return 0;
    const map = JSON.parse(readFileSync(mapPath, 'utf8')) as { sources?: unknown };
    return Array.isArray(map.sources) ? map.sources.length : 0;
  } catch {
    return 0;
  }
}

function withoutInlineSourceMap(text: string): string {
  return text.includes('sourceMappingURL=data:') ? text.replace(INLINE_SOURCE_MAP, '') : text;
}

export const relativePosix = (root: string, abs: string): string => toPosix(relative(root, abs));

const MANGLED_MIN_LENGTH = 20_000;
const DECLARED_NAME = /\b(?:let|const|var|function|class)\s+([A-Za-z_$][\w$]*)/g;

function looksMangled(text: string): boolean {
  let names = 0;
  let short = 0;
  for (const m of text.matchAll(DECLARED_NAME)) {
    names++;
    if (m[1].length <= 2) short++;
  }
  return names >= 100 && short / names >= 0.8;
}
