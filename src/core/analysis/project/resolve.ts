// Module resolution inside the project: relative specifiers with extension and index probing
// (including `.js` specifiers that name `.ts` sources), and tsconfig `baseUrl`/`paths` (with `extends`).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import type { ScanDiagnostic } from '../../model/code';

export interface PathMapping {
  /** Relative (posix) to the project root; '' for the root itself. */
  baseUrl: string;
  /** pattern → targets; patterns may hold one `*`. */
  paths: Array<{ pattern: string; targets: string[] }>;
}

const PROBE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const JS_TO_TS: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };

/** Reads tsconfig.json (or jsconfig.json) at the root, following `extends`. */
export function readPathMapping(root: string, diagnostics: ScanDiagnostic[]): PathMapping | undefined {
  for (const name of ['tsconfig.json', 'jsconfig.json']) {
    const path = join(root, name);
    if (!existsSync(path)) continue;
    const options = readCompilerOptions(path, root, diagnostics, new Set());
    if (!options.baseUrl && !options.paths) return undefined;
    const base = options.baseUrl ?? options.pathsBase ?? root;
    return {
      baseUrl: toPosix(relative(root, base)),
      paths: Object.entries(options.paths ?? {}).map(([pattern, targets]) => ({ pattern, targets })),
    };
  }
  return undefined;
}

interface ResolvedOptions {
  baseUrl?: string;
  paths?: Record<string, string[]>;
  /** Without baseUrl, paths are relative to the config that declares them. */
  pathsBase?: string;
}

function readCompilerOptions(path: string, root: string, diagnostics: ScanDiagnostic[], seen: Set<string>): ResolvedOptions {
  if (seen.has(path) || seen.size > 10) return {};
  seen.add(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return {};
  }
  const parsed = ts.parseConfigFileTextToJson(path, text);
  const file = toPosix(relative(root, path));
  if (parsed.error) {
    const line = parsed.error.file && parsed.error.start !== undefined ? parsed.error.file.getLineAndCharacterOfPosition(parsed.error.start).line + 1 : 1;
    diagnostics.push({ file, line, message: `${file}:${line}: tsconfig does not parse: ${ts.flattenDiagnosticMessageText(parsed.error.messageText, ' ')}` });
    return {};
  }
  const config = (parsed.config ?? {}) as { extends?: string | string[]; compilerOptions?: { baseUrl?: unknown; paths?: unknown } };
  let result: ResolvedOptions = {};
  const parents = typeof config.extends === 'string' ? [config.extends] : Array.isArray(config.extends) ? config.extends : [];
  for (const parent of parents) {
    if (typeof parent !== 'string') continue;
    const parentPath = resolveExtends(dirname(path), parent);
    if (parentPath) result = { ...result, ...readCompilerOptions(parentPath, root, diagnostics, seen) };
  }
  const options = config.compilerOptions ?? {};
  if (typeof options.baseUrl === 'string') result.baseUrl = resolve(dirname(path), options.baseUrl);
  if (options.paths && typeof options.paths === 'object') {
    const paths: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(options.paths as Record<string, unknown>)) {
      if (Array.isArray(v)) paths[k] = v.filter((t): t is string => typeof t === 'string');
    }
    result.paths = paths;
    result.pathsBase = dirname(path);
  }
  return result;
}

function resolveExtends(dir: string, spec: string): string | undefined {
  const candidates = spec.startsWith('.') || spec.startsWith('/')
    ? [resolve(dir, spec), resolve(dir, spec + '.json')]
    : [join(dir, 'node_modules', spec), join(dir, 'node_modules', spec + '.json'), join(dir, 'node_modules', spec, 'tsconfig.json')];
  return candidates.find((c) => existsSync(c) && !c.endsWith(sep) && /\.json$/.test(c));
}

const toPosix = (p: string): string => (sep === '/' ? p : p.split(sep).join('/'));

export class ModuleResolver {
  private readonly cache = new Map<string, string | undefined>();

  constructor(
    private readonly files: { has(path: string): boolean },
    private readonly mapping: PathMapping | undefined,
  ) {}

  clearCache(): void {
    this.cache.clear();
  }

  resolve(fromFile: string, specifier: string): string | undefined {
    const key = `${fromFile}\0${specifier}`;
    if (this.cache.has(key)) return this.cache.get(key);
    const result = this.resolveUncached(fromFile, specifier);
    this.cache.set(key, result);
    return result;
  }

  private resolveUncached(fromFile: string, specifier: string): string | undefined {
    const clean = specifier.split(/[?#]/)[0];
    if (clean.startsWith('.')) return this.probe(posix.join(posix.dirname(fromFile), clean));
    if (clean.startsWith('/')) return undefined;
    if (!this.mapping) return undefined;
    for (const { pattern, targets } of this.mapping.paths) {
      const star = pattern.indexOf('*');
      let captured: string | undefined;
      if (star < 0) captured = pattern === clean ? '' : undefined;
      else if (clean.startsWith(pattern.slice(0, star)) && clean.endsWith(pattern.slice(star + 1)) && clean.length >= pattern.length - 1) {
        captured = clean.slice(star, clean.length - (pattern.length - star - 1));
      }
      if (captured === undefined) continue;
      for (const target of targets) {
        const hit = this.probe(posix.join(this.mapping.baseUrl, target.replace('*', captured)));
        if (hit) return hit;
      }
    }
    return this.probe(posix.join(this.mapping.baseUrl, clean));
  }

  /** A project file for a path without certainty about its extension. */
  private probe(path: string): string | undefined {
    let p = posix.normalize(path).replace(/^\.\//, '').replace(/\/$/, '');
    if (p === '.') p = '';
    if (p.startsWith('..')) return undefined;
    if (this.files.has(p)) return p;
    const ext = posix.extname(p);
    for (const alt of JS_TO_TS[ext] ?? []) {
      const candidate = p.slice(0, -ext.length) + alt;
      if (this.files.has(candidate)) return candidate;
    }
    for (const e of PROBE_EXTENSIONS) if (this.files.has(p + e)) return p + e;
    const dir = p ? p + '/' : '';
    for (const e of PROBE_EXTENSIONS) if (this.files.has(`${dir}index${e}`)) return `${dir}index${e}`;
    return undefined;
  }
}
