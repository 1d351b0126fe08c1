// Parses one source file with typescript-estree and analyzes its scopes. Parent pointers are set by
// the single walk in ./collect.ts (typescript-estree's plain `parse` leaves them out).
import { createHash } from 'node:crypto';
import { parse, type TSESTree } from '@typescript-eslint/typescript-estree';
import type { ScanDiagnostic } from '../../model/code';
import type { ParsedFile } from './types';
import { analyzeScopes } from './lib-globals';
import { reparseTouchedStatements } from './reparse';

export const hashText = (text: string): string => createHash('sha1').update(text).digest('hex');

export function countLines(text: string): number {
  let lines = text.length > 0 ? 1 : 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

const MODULE_SYNTAX = new Set(['ImportDeclaration', 'ExportNamedDeclaration', 'ExportDefaultDeclaration', 'ExportAllDeclaration']);

function sourceTypeOf(path: string, ast: TSESTree.Program): 'module' | 'script' {
  if (/\.m[jt]s$/.test(path)) return 'module';
  if (/\.c[jt]s$/.test(path)) return 'script';
  return ast.body.some((s) => MODULE_SYNTAX.has(s.type)) ? 'module' : 'script';
}

export type ParseOutcome = { ok: true; file: ParsedFile } | { ok: false; diagnostic: ScanDiagnostic };

const looksJsx = (path: string, text: string) => /\.[jt]sx$/.test(path) || (!/\.[cm]?tsx?$/.test(path) && /\.[cm]?js$/.test(path) && /<[A-Za-z>]/.test(text));
const parseText = (path: string, text: string, jsx: boolean): TSESTree.Program =>
  parse(text, { range: true, loc: true, comment: false, tokens: false, jsx, filePath: path, errorOnUnknownASTType: false });

export function parseSource(path: string, absolutePath: string, text: string, hash = hashText(text)): ParseOutcome {
  let ast: TSESTree.Program;
  let jsx = looksJsx(path, text);
  try {
    try {
      ast = parseText(path, text, jsx);
    } catch (error) {
      // A .js file that merely looked like JSX: try plain JavaScript before giving up.
      if (!jsx || /\.[jt]sx$/.test(path)) throw error;
      ast = parseText(path, text, (jsx = false));
    }
  } catch (error) {
    const e = error as { lineNumber?: number; column?: number; message?: string };
    return {
      ok: false,
      diagnostic: {
        file: path,
        line: e.lineNumber ?? 1,
        column: e.column !== undefined ? e.column + 1 : undefined,
        message: `${path}:${e.lineNumber ?? 1}: does not parse, skipped: ${String(e.message ?? error).split('\n')[0]}`,
      },
    };
  }
  return { ok: true, file: withScopes(path, absolutePath, text, hash, ast, jsx) };
}

/**
 * A new version of a parsed file, re-parsing only the top-level statements the edit touched
 * (./reparse.ts); undefined when the whole file must be parsed (parseSource). Only when the whole
 * parse would use the same JSX mode: the one the old version was parsed in, not after a fallback.
 */
export function parseEdited(previous: ParsedFile, text: string, hash = hashText(text)): ParsedFile | undefined {
  const jsx = looksJsx(previous.path, text);
  if (previous.jsx !== jsx) return undefined;
  const ast = reparseTouchedStatements(previous.ast, previous.text, text, { parse: (sliceText) => parseText(previous.path, sliceText, jsx) });
  return ast && withScopes(previous.path, previous.absolutePath, text, hash, ast, jsx);
}

function withScopes(path: string, absolutePath: string, text: string, hash: string, ast: TSESTree.Program, jsx: boolean): ParsedFile {
  const sourceType = sourceTypeOf(path, ast);
  // CommonJS files run wrapped in a function by Node: globalReturn gives them a function scope.
  const scopeManager = analyzeScopes(ast, { sourceType, globalReturn: sourceType === 'script', jsxPragma: /\.[cm]?tsx?$/.test(path) ? 'React' : null });
  return { path, absolutePath, text, ast, scopeManager, hash, lines: countLines(text), sourceType, jsx };
}
