// The last resort when no indexed call site matches: the string literals of the source files. A
// client span's URL template ("/v1/holds/{holdId}"), a span name built by a wrapper, or a statement
// often appears verbatim exactly once in the code, at the call that issues it. Weaker than a
// recognized call site, so it is used only when nothing better matched.
import { readFileSync, statSync } from 'node:fs';
import type { MappedLocation, MappingContext } from './context';
import { pointLocation } from './context';
import { resolveInsideRoot } from './safe-path';

const MAX_FILE_BYTES = 1024 * 1024;
const MIN_LITERAL = 5;
const MAX_LITERAL = 300;
const LITERAL = /(['"`])((?:\\.|(?!\1)[^\\\n]){5,300})\1/g;

interface LiteralIndex {
  byText: Map<string, Array<{ file: string; line: number; column: number }>>;
}

const indexes = new WeakMap<MappingContext, LiteralIndex>();

function build(ctx: MappingContext): LiteralIndex {
  const byText = new Map<string, Array<{ file: string; line: number; column: number }>>();
  for (const file of ctx.files.files) {
    // Compiled output repeats the source's literals; the source is what a person reads.
    if (/\.min\.[cm]?js$/.test(file) || /(?:^|\/)(?:dist|build|out)\//.test(file)) continue;
    const safe = resolveInsideRoot(ctx.root, file);
    if (!safe.ok) continue;
    let text: string;
    try {
      if (statSync(safe.absolute).size > MAX_FILE_BYTES) continue;
      text = readFileSync(safe.absolute, 'utf8');
    } catch {
      continue;
    }
    text.split('\n').forEach((lineText, i) => {
      for (const match of lineText.matchAll(LITERAL)) {
        const literal = match[2];
        if (match[1] === '`' && literal.includes('${')) continue;
        const list = byText.get(literal);
        const at = { file: safe.relative, line: i + 1, column: (match.index ?? 0) + 1 };
        if (list) list.push(at);
        else byText.set(literal, [at]);
      }
    });
  }
  return { byText };
}

/** Candidates are tried in order; the first one found in the code wins. */
export function mapCodeLiterals(ctx: MappingContext, allCandidates: string[], what: string): MappedLocation[] {
  // Literals are indexed up to MAX_LITERAL characters: longer texts cannot match and must not become memo keys.
  const candidates = allCandidates.filter((c) => c.length >= MIN_LITERAL && c.length <= MAX_LITERAL);
  if (!candidates.length) return [];
  const key = `lit\0${candidates.join('\0')}`;
  const memo = ctx.memo.get(key);
  if (memo) return memo;
  let index = indexes.get(ctx);
  if (!index) indexes.set(ctx, (index = build(ctx)));
  let out: MappedLocation[] = [];
  for (const candidate of candidates) {
    const hits = index.byText.get(candidate);
    if (!hits) continue;
    // A literal used in many places says little about which one ran.
    if (hits.length > 3) break;
    out = hits.map((h) => ({
      location: pointLocation(h.file, h.line, h.column),
      via: 'code-literal',
      confidence: 0.45 / hits.length,
      detail: `${what} "${candidate.length > 80 ? `${candidate.slice(0, 80)}…` : candidate}" appears literally at ${h.file}:${h.line}`,
    }));
    break;
  }
  ctx.memo.set(key, out);
  return out;
}
