// Where the text of an edited file moved: the edit is taken as one changed region (the text between
// the common prefix and the common suffix of the old and new versions). A position before the region
// stays, one after it moves by the region's growth (lines, and columns on the region's last line); a
// position inside it has no counterpart. The incremental scanner uses this to carry results that hold
// positions of the edited file over to the new text instead of recomputing them.
import type { CodeLocation } from '../../model/code';

export interface PositionShift {
  /** The edited file (relative path). */
  file: string;
  /** An old location of this file in the new text; undefined when it touches the changed region. */
  location(loc: CodeLocation): CodeLocation | undefined;
  /** Whether an old location of this file ends before the changed region (it stays where it was). */
  stays(loc: CodeLocation): boolean;
  /** An old start offset (first character) in the new text. */
  start(offset: number): number | undefined;
  /** An old end offset (exclusive) in the new text. */
  end(offset: number): number | undefined;
}

/** Line and 0-based column of an offset, counting line breaks as the parser does (\r\n, \n, \r, U+2028, U+2029). */
function lineColumn(text: string, offset: number, from = { line: 1, column: 0, offset: 0 }): { line: number; column: number; offset: number } {
  // Text with \n breaks only (the usual case) is counted with indexOf: a 5,000-line file's prefix is read once per edit.
  if (onlyNewlines(text)) {
    let line = from.line;
    let lineStart = -1;
    for (let i = text.indexOf('\n', from.offset); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) (line++, (lineStart = i));
    return { line, column: lineStart < 0 ? from.column + offset - from.offset : offset - lineStart - 1, offset };
  }
  let { line, column } = from;
  for (let i = from.offset; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 0x2028 || c === 0x2029 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      column = 0;
    } else column++;
  }
  return { line, column, offset };
}

// Three indexOf scans cost a fifth of one regex scan for a character class.
const onlyNewlines = (text: string) => text.indexOf('\r') < 0 && text.indexOf('\u2028') < 0 && text.indexOf('\u2029') < 0;

/** How many characters two texts share at their start. Blocks are compared first (string compares, no per-character loop). */
export function commonPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let n = 0;
  for (let step = 4096; step > 1; step >>= 4) while (n + step <= max && a.slice(n, n + step) === b.slice(n, n + step)) n += step;
  while (n < max && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  return n;
}

/** How many characters two texts share at their end, at most `limit`. */
export function commonSuffix(a: string, b: string, limit: number): number {
  let n = 0;
  for (let step = 4096; step > 1; step >>= 4) while (n + step <= limit && a.slice(a.length - n - step, a.length - n) === b.slice(b.length - n - step, b.length - n)) n += step;
  while (n < limit && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}

const before = (a: { line: number; column: number }, b: { line: number; column: number }) => a.line < b.line || (a.line === b.line && a.column < b.column);

export function positionShift(file: string, oldText: string, newText: string): PositionShift {
  const max = Math.min(oldText.length, newText.length);
  let prefix = commonPrefix(oldText, newText);
  // A \r\n split by the region would count lines differently on either side: keep the pair in it.
  if (prefix > 0 && oldText.charCodeAt(prefix - 1) === 13) prefix--;
  let suffix = commonSuffix(oldText, newText, max - prefix);
  if (suffix > 0 && oldText.charCodeAt(oldText.length - suffix) === 10 && oldText.charCodeAt(oldText.length - suffix - 1) === 13) suffix--;
  const oldEnd = oldText.length - suffix;
  const delta = newText.length - oldText.length;
  const regionStart = lineColumn(oldText, prefix);
  const oldRegionEnd = lineColumn(oldText, oldEnd, regionStart);
  const newRegionEnd = lineColumn(newText, oldEnd + delta, regionStart);
  const lineDelta = newRegionEnd.line - oldRegionEnd.line;

  const moved = (line: number, column: number) => ({
    line: line + lineDelta,
    column: line === oldRegionEnd.line ? column - oldRegionEnd.column + newRegionEnd.column : column,
  });
  // Starts name the character at the position, ends (exclusive) the one before it. A node that
  // starts right after the region or ends right before it is taken not to have grown into it: true
  // for the statement after an inserted line, not for `1` edited to `100`. The scanner compares
  // what it carries over with the new text's own results wherever other files read them, so a
  // wrong guess shows as a change, never as a result.
  const mapStart = (line: number, column: number) => {
    const at = { line, column };
    if (before(at, regionStart)) return at;
    if (!before(at, oldRegionEnd)) return moved(line, column);
    return undefined;
  };
  const mapEnd = (line: number, column: number) => {
    const at = { line, column };
    if (!before(regionStart, at)) return at;
    if (before(oldRegionEnd, at)) return moved(line, column);
    return undefined;
  };

  return {
    file,
    location(loc) {
      const start = mapStart(loc.startLine, loc.startColumn - 1);
      const end = start && mapEnd(loc.endLine, loc.endColumn - 1);
      if (!start || !end) return undefined;
      return { file: loc.file, startLine: start.line, startColumn: start.column + 1, endLine: end.line, endColumn: end.column + 1 };
    },
    stays: (loc) => !before(regionStart, { line: loc.endLine, column: loc.endColumn - 1 }),
    start: (offset) => (offset < prefix ? offset : offset >= oldEnd ? offset + delta : undefined),
    end: (offset) => (offset <= prefix ? offset : offset > oldEnd ? offset + delta : undefined),
  };
}
