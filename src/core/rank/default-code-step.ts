// The code step `analyze` uses when none is injected: the analyzer's full scan, its rules filtered
// by the --rule switches, then mapping and ranking. Also the two steps of an analysis that is re-checked
// after source edits (the extension's worker): one that keeps its scanner, and one that re-analyzes
// only the changed files through it. This module is its own bundle (dist/code-step.js), loaded only
// when an analysis has a source root.
import * as path from 'node:path';
import { createScanner, scanProject, type Scanner } from '../analysis/scan';
import { rules } from '../analysis/rules/index';
import type { CodeStep } from '../pipeline';
import { createCodeStep } from './code-step';

const enabled = (toggles: Record<string, boolean> | undefined) => (toggles ? rules.filter((r) => toggles[r.meta.id] !== false) : undefined);

export const defaultCodeStep = createCodeStep(async (root, { rules: toggles }) => scanProject(root, { rules: enabled(toggles) }));

/** The default step, keeping the scanner it made for later re-checks. */
export function keepingScanner(onScanner: (scanner: Scanner) => void): CodeStep {
  return createCodeStep(async (root, { rules: toggles }) => {
    const scanner = createScanner(root, { rules: enabled(toggles) });
    onScanner(scanner);
    return { result: await scanner.scan(), project: scanner.project };
  });
}

/** Re-analyzes `changedFiles` (absolute; those outside the root are ignored) through the kept scanner. */
export function rescanning(scanner: Scanner, changedFiles: readonly string[], onRechecked: (files: number) => void): CodeStep {
  return createCodeStep(async (root) => {
    let rechecked = 0;
    for (const file of changedFiles) {
      const relative = path.relative(root, file);
      if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) continue;
      rechecked += (await scanner.rescanFile(relative)).filesRechecked;
    }
    onRechecked(rechecked);
    return { result: await scanner.scan(), project: scanner.project };
  });
}
