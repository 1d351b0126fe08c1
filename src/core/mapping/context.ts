// What every mapping source needs: the source root, its files, path mappings, source maps and the
// scan's indexes (entry points, span sites, log sites, client calls, functions).
import type { CodeLocation, ScanResult } from '../model/code';
import type { CodeMapping } from '../model/report';
import { buildSourceFileIndex } from './source-files';
import { sortPathMappings, toWorkspacePath, type PathContext, type PathMapping } from './path-rewrite';
import { realRoot } from './safe-path';
import { SourceMapResolver } from './source-maps';

export interface MappingContext extends PathContext {
  sourceMaps: SourceMapResolver;
  scan: ScanResult;
  /** Memo for mapping sources that match by text (span names, log messages): same text, same answer. */
  memo: Map<string, MappedLocation[]>;
}

/** A mapping before it is tied to a flow or an input record. */
export type MappedLocation = Omit<CodeMapping, 'flow' | 'at'>;

export interface MappingOptions {
  pathMappings?: PathMapping[];
  /** Files of the root, relative; when omitted the root is walked. */
  files?: string[];
}

/** Text-keyed answers; cleared when it grows past a bound, so inputs with millions of distinct names cannot exhaust memory. */
export class BoundedMemo<V> extends Map<string, V> {
  constructor(private readonly limit = 50_000) {
    super();
  }

  override set(key: string, value: V): this {
    if (this.size >= this.limit) this.clear();
    return super.set(key, value);
  }
}

export function createMappingContext(sourceRoot: string, scan: ScanResult, options: MappingOptions = {}): MappingContext {
  const root = realRoot(sourceRoot);
  const base: PathContext = { root, files: buildSourceFileIndex(root, options.files), pathMappings: sortPathMappings(options.pathMappings ?? []) };
  return { ...base, sourceMaps: new SourceMapResolver(base), scan, memo: new BoundedMemo() };
}

export interface RuntimeLocation {
  path: string;
  line?: number;
  /** 1-based. */
  column?: number;
  functionName?: string;
}

export function pointLocation(file: string, line: number, column = 1): CodeLocation {
  return { file, startLine: line, startColumn: column, endLine: line, endColumn: column };
}

const COMPILED_JS = /\.[cm]?js$/;

/**
 * A runtime file position → a workspace position: path rewrite, then (for compiled JavaScript with a
 * map) the original source. Confidence is the path match's, slightly lowered when no line is known.
 */
export function mapRuntimeLocation(ctx: MappingContext, at: RuntimeLocation, via: string): MappedLocation | undefined {
  // Installed dependencies are not the code under analysis; their paths would only suffix-match by accident.
  if (/(?:^|[\\/])node_modules[\\/]/.test(at.path)) return undefined;
  const rewritten = toWorkspacePath(ctx, at.path);
  if (!rewritten.ok) return undefined;
  const { path } = rewritten;
  const confidence = path.confidence * (at.line ? 1 : 0.8);
  const how = path.via === 'path-mapping' || path.via === 'inside-root' ? '' : ` (${path.via})`;
  if (at.line && COMPILED_JS.test(path.file)) {
    const original = ctx.sourceMaps.original(path.absolute, at.line, at.column);
    if (original) {
      return {
        location: pointLocation(original.file, original.line, original.column),
        via: 'source-map',
        confidence: confidence * 0.95,
        detail: `${describe(at)} → ${path.file}:${at.line}${how} → ${original.file}:${original.line} via ${original.mapKind} source map (from ${via})`,
      };
    }
  }
  return {
    location: pointLocation(path.file, at.line ?? 1, at.column ?? 1),
    via,
    confidence,
    detail: `${describe(at)} → ${path.file}${at.line ? `:${at.line}` : ''}${how}`,
  };
}

function describe(at: RuntimeLocation): string {
  const fn = at.functionName ? `${at.functionName} at ` : '';
  const path = at.path.length > 200 ? `${at.path.slice(0, 100)}…${at.path.slice(-60)}` : at.path;
  return `${fn}${path}${at.line ? `:${at.line}` : ''}${at.column ? `:${at.column}` : ''}`;
}

/** Functions of the scan with this name (last dotted part compared when the name is qualified). */
export function functionsNamed(ctx: MappingContext, name: string): Array<{ id: string; name: string; location: CodeLocation }> {
  const functions = ctx.scan.functions ?? [];
  const short = name.slice(name.lastIndexOf('.') + 1);
  if (!short || short === '<anonymous>' || short === 'anonymous') return [];
  return functions.filter((f) => f.name === name || f.name === short || f.name.endsWith(`.${short}`));
}
