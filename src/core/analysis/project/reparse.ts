// Re-parses only the top-level statements an edit touches: the text between the end of the last
// untouched statement before the edit and the start of the first untouched one after it is parsed
// alone (from the start of its line, so columns come out as in the whole file; lines and offsets are
// moved), and spliced between copies of the untouched statements (those after it moved by the edit).
// A neighbour that would read on into the slice, or the slice into it, is taken into the slice.
// Whenever the slice could be read differently inside the whole file, the answer is undefined and
// the caller parses the whole file: a neighbour that could read on into what follows it (not ended
// by `;`, a declaration's `}`, or a line break before a token that cannot continue it), a slice that
// does not end on a line break before the next statement (an unclosed line comment would run into
// it), module syntax that comes or goes, directives in play, `await` read as a name in a module, or
// JSX mode in doubt. test/unit/analysis/project/reparse.test.ts holds the result
// equal to a whole parse.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { commonPrefix, commonSuffix } from './shift';

type Statement = TSESTree.ProgramStatement;

const MODULE_SYNTAX = new Set(['ImportDeclaration', 'ExportNamedDeclaration', 'ExportDefaultDeclaration', 'ExportAllDeclaration', 'TSExportAssignment', 'TSImportEqualsDeclaration', 'TSNamespaceExportDeclaration']);
/** Statements whose closing `}` ends them for good (no `else`, `catch`, call or operator can follow). */
const CLOSED_BY_BRACE = new Set(['FunctionDeclaration', 'ClassDeclaration', 'BlockStatement', 'SwitchStatement', 'TSInterfaceDeclaration', 'TSEnumDeclaration', 'TSModuleDeclaration']);
const IMPORT_META = /\bimport\s*\.\s*meta\b/;
const isLineBreak = (c: number) => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;

/** Whether nothing after this statement can be read as part of it. */
function closed(statement: Statement, text: string): boolean {
  const last = text.charCodeAt(statement.range[1] - 1);
  if (last === 59 /* ; */) return statement.type !== 'IfStatement' && statement.type !== 'LabeledStatement' && statement.type !== 'WhileStatement' && statement.type !== 'ForStatement' && statement.type !== 'ForInStatement' && statement.type !== 'ForOfStatement' && statement.type !== 'WithStatement';
  const declared = (statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration') && statement.declaration ? statement.declaration : statement;
  return last === 125 /* } */ && CLOSED_BY_BRACE.has(declared.type);
}

/** Statements that end at a line break when the next token cannot continue them (automatic semicolon insertion). */
const ENDED_BY_LINE_BREAK = new Set(['ExpressionStatement', 'VariableDeclaration', 'ReturnStatement', 'ThrowStatement', 'BreakStatement', 'ContinueStatement', 'DebuggerStatement']);
/** Words that, last in a statement, may join the next line's tokens (`let` / `type` / `async` … starting a declaration). */
const JOINING_LAST_WORDS = new Set(['let', 'async', 'await', 'yield', 'static', 'get', 'set', 'of', 'type', 'declare', 'abstract', 'namespace', 'module', 'interface', 'enum', 'readonly', 'accessor', 'override', 'global', 'using']);
/** Words that, first on the next line, continue an expression. */
const CONTINUING_FIRST_WORDS = new Set(['in', 'instanceof', 'as', 'satisfies']);
const wordAt = (text: string, from: number, step: 1 | -1) => {
  let k = from;
  while (k >= 0 && k < text.length && /[A-Za-z0-9_$]/.test(text[k])) k += step;
  return step === 1 ? text.slice(from, k) : text.slice(k + 1, from + 1);
};

/**
 * Whether `statement` (positions in `text`) ends for good before the token at `next` (undefined: the
 * end of the file): ended by `;` or a declaration's `}`, or by a line break before a token that
 * cannot continue it (a word other than in / instanceof / as / satisfies, a number, a quote).
 */
function endsBefore(statement: Statement, text: string, next: number | undefined): boolean {
  if (next === undefined || closed(statement, text)) return true;
  if (!ENDED_BY_LINE_BREAK.has(statement.type)) return false;
  const end = statement.range[1];
  if (!/[\n\r\u2028\u2029]/.test(text.slice(end, next))) return false;
  if (/[A-Za-z0-9_$]/.test(text[end - 1]) && JOINING_LAST_WORDS.has(wordAt(text, end - 1, -1))) return false;
  const c = text[next];
  if (c === "'" || c === '"' || /[0-9]/.test(c)) return true;
  return /[A-Za-z_$]/.test(c) && !CONTINUING_FIRST_WORDS.has(wordAt(text, next, 1));
}

/** A string literal statement may be a directive (or become one): its meaning depends on what precedes it. */
const directiveLike = (s: Statement) => s.type === 'ExpressionStatement' && (s.directive !== undefined || (s.expression.type === 'Literal' && typeof s.expression.value === 'string'));

export interface SliceParse {
  /** Parses a slice's text (spaces up to its column, then the slice) with the whole file's options. */
  parse(text: string): TSESTree.Program;
}

/**
 * The new file's Program from the old one and a parse of the touched statements only, or undefined
 * when that cannot be shown to equal a whole parse. `oldAst` is not modified (cached versions keep it).
 */
export function reparseTouchedStatements(oldAst: TSESTree.Program, oldText: string, newText: string, slice: SliceParse): TSESTree.Program | undefined {
  if (oldText === newText) return undefined;
  const prefix = commonPrefix(oldText, newText);
  const suffix = commonSuffix(oldText, newText, Math.min(oldText.length, newText.length) - prefix);
  const oldEnd = oldText.length - suffix;
  const delta = newText.length - oldText.length;
  const body = oldAst.body;
  // Touching counts: a statement ending right at the edit or starting right after it is re-parsed too.
  let i = 0;
  while (i < body.length && body[i].range[1] < prefix) i++;
  let j = i;
  while (j < body.length && body[j].range[0] <= oldEnd) j++;
  // A neighbour that would read on into the new text is re-parsed too (a few times at most).
  for (let widen = 0; widen < MAX_WIDENING; widen++) {
    if (i < 0 || j > body.length) return undefined;
    for (let k = i; k < j; k++) if (directiveLike(body[k])) return undefined;
    const outcome = parseSlice(oldAst, oldText, newText, i, j, delta, slice);
    if (outcome === 'before') i--;
    else if (outcome === 'after') j++;
    else if (!outcome) return undefined;
    else {
      // Module syntax may come or go only where other statements keep the file a module.
      const isModule = (s: Statement) => MODULE_SYNTAX.has(s.type);
      if (body.slice(i, j).some(isModule) !== outcome.some(isModule) && !body.slice(0, i).some(isModule) && !body.slice(j).some(isModule)) return undefined;
      const lineDelta = countLineBreaks(newText, prefix, oldEnd + delta) - countLineBreaks(oldText, prefix, oldEnd);
      const newBody: Statement[] = [];
      for (let k = 0; k < i; k++) newBody.push(copy(body[k], 0, 0));
      for (const s of outcome) newBody.push(s);
      // The statements after start on a line after the edit (checked): only lines and offsets move.
      for (let k = j; k < body.length; k++) newBody.push(copy(body[k], delta, lineDelta));
      const end = { line: oldAst.loc.end.line + lineDelta, column: newText.length - lastLineStart(newText) };
      return { ...oldAst, body: newBody, range: [0, newText.length], loc: { start: { line: 1, column: 0 }, end } } as TSESTree.Program;
    }
  }
  return undefined;
}

const MAX_WIDENING = 4;

/**
 * Parses old statements [i, j) as they read in the new text: the new statements (positions in the
 * new text), 'before' / 'after' when the statement before or after the slice would read on into it
 * or out of it (the slice must take it in), undefined when the slice cannot be parsed alone.
 */
function parseSlice(oldAst: TSESTree.Program, oldText: string, newText: string, i: number, j: number, delta: number, slice: SliceParse): Statement[] | 'before' | 'after' | undefined {
  const body = oldAst.body;
  const sliceStart = i > 0 ? body[i - 1].range[1] : 0;
  const sliceEnd = j < body.length ? body[j].range[0] + delta : newText.length;
  if (j < body.length && !isLineBreak(newText.charCodeAt(sliceEnd - 1))) return undefined;
  // A string statement after the edit may become a directive, or stop being one.
  if (j < body.length && directiveLike(body[j])) return undefined;
  const sliceText = newText.slice(sliceStart, sliceEnd);
  // import.meta can make a file a module by itself.
  if (IMPORT_META.test(sliceText) || IMPORT_META.test(oldText.slice(sliceStart, j < body.length ? body[j].range[0] : oldText.length))) return undefined;
  // Parsed from the start of its line (spaces before it), so columns are right; lines and offsets are moved after.
  const start = i > 0 ? body[i - 1].loc.end : { line: 1, column: 0 };
  let parsed: TSESTree.Program;
  try {
    parsed = slice.parse(' '.repeat(start.column) + sliceText);
  } catch {
    return undefined;
  }
  // The slice's own parse is not shared with anything: its nodes are moved where they are, not copied.
  const fresh = parsed.body;
  for (const statement of fresh) move(statement, sliceStart - start.column, start.line - 1);
  if (fresh.some(directiveLike)) return undefined;
  // A module re-reads top-level `await` the script parse of the slice took for an identifier.
  if (oldAst.sourceType === 'module' && /\bawait\b/.test(sliceText) && fresh.some(hasAwaitIdentifier)) return undefined;
  // Neither neighbour may read on into what follows it in the new text.
  const after = j < body.length ? sliceEnd : undefined;
  if (i > 0 && !endsBefore(body[i - 1], newText, fresh.length ? fresh[0].range[0] : after)) return 'before';
  if (fresh.length && !endsBefore(fresh[fresh.length - 1], newText, after)) return 'after';
  return fresh;
}

function hasAwaitIdentifier(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasAwaitIdentifier);
  if (!value || typeof value !== 'object' || value instanceof RegExp) return false;
  const node = value as Record<string, unknown>;
  if (node.type === 'Identifier' && node.name === 'await') return true;
  for (const key in node) if (key !== 'parent' && key !== 'loc' && key !== 'range' && hasAwaitIdentifier(node[key])) return true;
  return false;
}

/** Where the last line of the text starts. */
function lastLineStart(text: string): number {
  let k = text.length - 1;
  while (k >= 0 && !isLineBreak(text.charCodeAt(k))) k--;
  return k + 1;
}

/** Line breaks as the parser counts them (\r\n once). */
function countLineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || c === 0x2028 || c === 0x2029 || (c === 13 && text.charCodeAt(k + 1) !== 10)) n++;
  }
  return n;
}

/**
 * Moves a fresh parse's nodes by `delta` offsets and `lines` lines in place. Each node gets a new
 * range and loc: the parser shares some of those between nodes (TypeScript constructs), which would
 * otherwise move twice.
 */
function move(value: unknown, delta: number, lines: number): void {
  if (Array.isArray(value)) {
    for (const v of value) if (v !== null && typeof v === 'object') move(v, delta, lines);
    return;
  }
  if (value instanceof RegExp) return;
  const node = value as Record<string, unknown>;
  for (const key in node) {
    const v = node[key];
    if (v === null || typeof v !== 'object' || key === 'parent') continue;
    if (key === 'range') node.range = [(v as number[])[0] + delta, (v as number[])[1] + delta];
    else if (key === 'loc') {
      const l = v as TSESTree.SourceLocation;
      node.loc = { start: { line: l.start.line + lines, column: l.start.column }, end: { line: l.end.line + lines, column: l.end.column } };
    } else move(v, delta, lines);
  }
}

/** A deep copy of a node without parent pointers, offsets moved by `delta` and lines by `lines`. */
function copy<T>(value: T, delta: number, lines: number): T {
  return copyValue(value, delta, lines, delta === 0 && lines === 0) as T;
}

// Most fields are primitives: they are copied inline, not through a call (a moved file copies ~100k nodes).
function copyValue(value: unknown, delta: number, lines: number, unmoved: boolean): unknown {
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let k = 0; k < value.length; k++) {
      const v: unknown = value[k];
      out[k] = v !== null && typeof v === 'object' ? copyValue(v, delta, lines, unmoved) : v;
    }
    return out;
  }
  if (value instanceof RegExp) return value;
  const node = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key in node) {
    const v = node[key];
    if (v === null || typeof v !== 'object') out[key] = v;
    else if (key === 'parent') continue;
    // Nothing writes to a node's range or loc: unmoved ones are shared with the old tree.
    else if (key === 'range') out.range = unmoved ? v : [(v as number[])[0] + delta, (v as number[])[1] + delta];
    else if (key === 'loc') {
      const l = v as TSESTree.SourceLocation;
      out.loc = unmoved ? l : { start: { line: l.start.line + lines, column: l.start.column }, end: { line: l.end.line + lines, column: l.end.column } };
    } else out[key] = copyValue(v, delta, lines, unmoved);
  }
  return out;
}
