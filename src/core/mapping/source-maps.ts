// Maps a position in compiled JavaScript back to the TypeScript (or other) source it came from, via
// an inline `data:` source map or a `//# sourceMappingURL=` file next to the compiled file. Only
// files inside the source root are ever read.
import { closeSync, openSync, readSync, fstatSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { SourceMapConsumer, type RawSourceMap } from 'source-map';
import { resolveInsideRoot } from './safe-path';
import { toWorkspacePath, type PathContext } from './path-rewrite';

/** Compiled files and maps above this size are not read. */
export const MAX_MAP_INPUT_BYTES = 32 * 1024 * 1024;

export interface OriginalPosition {
  file: string;
  line: number;
  /** 1-based. */
  column?: number;
  /** How the map was found. */
  mapKind: 'inline' | 'url' | 'adjacent';
}

const MAPPING_URL = /\/[/*][#@]\s*sourceMappingURL=([^\s'"*]+)\s*(?:\*\/\s*)?$/;

function readBounded(path: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const size = fstatSync(fd).size;
    if (size > MAX_MAP_INPUT_BYTES) return undefined;
    const buffer = Buffer.alloc(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, buffer, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return buffer.toString('utf8', 0, read);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The last sourceMappingURL comment of a compiled file (the last one wins, as in browsers). */
export function findSourceMappingUrl(text: string): string | undefined {
  const lines = text.split('\n');
  for (let i = lines.length - 1; i >= 0 && i >= lines.length - 5; i--) {
    const match = MAPPING_URL.exec(lines[i].trimEnd());
    if (match) return match[1];
  }
  return undefined;
}

function decodeDataUrl(url: string): string | undefined {
  const comma = url.indexOf(',');
  if (comma < 0) return undefined;
  const meta = url.slice(5, comma);
  const payload = url.slice(comma + 1);
  try {
    return /;base64$/i.test(meta) ? Buffer.from(payload, 'base64').toString('utf8') : decodeURIComponent(payload);
  } catch {
    return undefined;
  }
}

interface LoadedMap {
  consumer: SourceMapConsumer;
  /** Folder (absolute, inside the root) the map's relative sources are resolved from. */
  base: string;
  kind: OriginalPosition['mapKind'];
}

export class SourceMapResolver {
  private readonly cache = new Map<string, LoadedMap | null>();

  constructor(private readonly ctx: PathContext) {}

  /** `absolute` must already be a file inside the root (a WorkspacePath's `absolute`). `column` is 1-based. */
  original(absolute: string, line: number, column?: number): OriginalPosition | undefined {
    const map = this.load(absolute);
    if (!map) return undefined;
    const generated = { line, column: Math.max(0, (column ?? 1) - 1) };
    let pos = map.consumer.originalPositionFor({ ...generated, bias: SourceMapConsumer.GREATEST_LOWER_BOUND });
    if (pos.source == null) pos = map.consumer.originalPositionFor({ ...generated, bias: SourceMapConsumer.LEAST_UPPER_BOUND });
    if (pos.source == null || pos.line == null) return undefined;
    const file = this.sourceToWorkspace(map.base, pos.source);
    if (!file) return undefined;
    return { file, line: pos.line, column: pos.column == null ? undefined : pos.column + 1, mapKind: map.kind };
  }

  private load(absolute: string): LoadedMap | undefined {
    const cached = this.cache.get(absolute);
    if (cached !== undefined) return cached ?? undefined;
    let loaded: LoadedMap | undefined;
    try {
      loaded = this.read(absolute);
    } catch {
      loaded = undefined; // a malformed map is the same as no map: the compiled position stands
    }
    this.cache.set(absolute, loaded ?? null);
    return loaded;
  }

  private read(absolute: string): LoadedMap | undefined {
    const text = readBounded(absolute);
    if (text === undefined) return undefined;
    const url = findSourceMappingUrl(text);
    const dir = dirname(absolute);
    if (url?.startsWith('data:')) {
      const json = decodeDataUrl(url);
      return json ? { consumer: consumerOf(json), base: dir, kind: 'inline' } : undefined;
    }
    // Only a relative URL naming a file inside the root; never a scheme (http:, file:) or an absolute path.
    const candidates: Array<[string, OriginalPosition['mapKind']]> = [];
    if (url && !/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith('/')) candidates.push([join(dir, safeDecode(url)), 'url']);
    candidates.push([`${absolute}.map`, 'adjacent']);
    for (const [candidate, kind] of candidates) {
      const safe = resolveInsideRoot(this.ctx.root, relative(this.ctx.root, candidate).split(sep).join('/'), true);
      if (!safe.ok) continue;
      const json = readBounded(safe.absolute);
      if (json) return { consumer: consumerOf(json), base: dirname(safe.absolute), kind };
    }
    return undefined;
  }

  private sourceToWorkspace(base: string, source: string): string | undefined {
    if (!/^[a-z][a-z0-9+.-]*:/i.test(source) && !source.startsWith('/')) {
      const local = resolveInsideRoot(this.ctx.root, relative(this.ctx.root, join(base, source)).split(sep).join('/'), true);
      if (local.ok) return local.relative;
    }
    // webpack:///src/a.ts, an absolute build-machine path, or ../ segments that leave the root:
    // match what is left by suffix against the workspace.
    const stripped = source.replace(/^(?:\.\.\/)+/, '');
    const rewritten = toWorkspacePath(this.ctx, stripped);
    return rewritten.ok ? rewritten.path.file : undefined;
  }
}

function safeDecode(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}

function consumerOf(json: string): SourceMapConsumer {
  const raw = JSON.parse(json) as RawSourceMap;
  // 0.6.1 is synchronous; index maps (sections) are handled by the same constructor.
  return new SourceMapConsumer(raw);
}
