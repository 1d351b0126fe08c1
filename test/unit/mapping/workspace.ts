// A throwaway source root on disk and a hand-built ScanResult, for the mapping tests.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CodeLocation, ScanResult } from '../../../src/core/model/code';

export function makeWorkspace(files: Record<string, string>): { root: string; outside: string; cleanup: () => void } {
  const base = mkdtempSync(join(tmpdir(), 'limbo-map-'));
  const root = join(base, 'root');
  const outside = join(base, 'outside');
  mkdirSync(root);
  mkdirSync(outside);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return { root, outside, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}

export function loc(file: string, startLine: number, endLine = startLine): CodeLocation {
  return { file, startLine, startColumn: 1, endLine, endColumn: 1 };
}

export function emptyScan(root: string, extra: Partial<ScanResult> = {}): ScanResult {
  return {
    root,
    filesAnalyzed: 0,
    filesSkipped: 0,
    lines: 0,
    findings: [],
    entryPoints: [],
    spanSites: [],
    logSites: [],
    clientCalls: [],
    diagnostics: [],
    ...extra,
  };
}
