// The code step `analyze` uses when none is injected: the analyzer's full scan, its rules filtered
// by the --rule switches, then mapping and ranking.
import { scanProject } from '../analysis/scan';
import { rules } from '../analysis/rules/index';
import { createCodeStep } from './code-step';

export const defaultCodeStep = createCodeStep(async (root, { rules: toggles }) =>
  scanProject(root, { rules: toggles ? rules.filter((r) => toggles[r.meta.id] !== false) : undefined }),
);
