// The labeled suite of analyzer cases: each folder under test/fixtures/analysis-cases/<group>/<case>/
// is a small project. A loop (or recursive function) that must be reported carries a marker comment
// on its first line: `// <- rule-id, other-rule-id`. Everything reported without a marker is a false
// positive; every marker without a finding is a false negative.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { scanProject } from '../../src/core/analysis/scan';
import { rules } from '../../src/core/analysis/rules/index';
import { repoRoot } from './paths';

export const casesRoot = join(repoRoot, 'test', 'fixtures', 'analysis-cases');

export interface CaseOutcome {
  name: string;
  expected: string[];
  found: string[];
  falsePositives: string[];
  falseNegatives: string[];
  crashed?: string;
}

export interface RuleScore {
  rule: string;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
}

const MARKER = /\/\/\s*<-\s*([a-z-]+(?:\s*,\s*[a-z-]+)*)/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

export function listCases(root = casesRoot): string[] {
  return readdirSync(root)
    .filter((g) => statSync(join(root, g)).isDirectory())
    .flatMap((g) => readdirSync(join(root, g)).map((c) => join(root, g, c)))
    .filter((p) => statSync(p).isDirectory())
    .sort();
}

export function expectedOf(caseDir: string): string[] {
  const out: string[] = [];
  for (const file of filesUnder(caseDir)) {
    if (!/\.(c|m)?(j|t)sx?$/.test(file)) continue;
    const rel = relative(caseDir, file).split('\\').join('/');
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        const m = MARKER.exec(line);
        if (m) for (const rule of m[1].split(',')) out.push(`${rel}:${i + 1}:${rule.trim()}`);
      });
  }
  return out.sort();
}

export async function runCase(caseDir: string): Promise<CaseOutcome> {
  const name = relative(casesRoot, caseDir).split('\\').join('/');
  const expected = expectedOf(caseDir);
  let found: string[] = [];
  try {
    const { result } = await scanProject(caseDir, { withoutReachability: true });
    found = [...new Set(result.findings.map((f) => `${f.loop.file}:${f.loop.startLine}:${f.ruleId}`))].sort();
  } catch (error) {
    return { name, expected, found, falsePositives: [], falseNegatives: expected, crashed: String((error as Error).stack ?? error) };
  }
  return {
    name,
    expected,
    found,
    falsePositives: found.filter((f) => !expected.includes(f)),
    falseNegatives: expected.filter((e) => !found.includes(e)),
  };
}

export async function runSuite(root = casesRoot): Promise<{ cases: CaseOutcome[]; perRule: RuleScore[]; overall: RuleScore }> {
  const cases: CaseOutcome[] = [];
  for (const dir of listCases(root)) cases.push(await runCase(dir));
  const ruleOf = (key: string) => key.slice(key.lastIndexOf(':') + 1);
  const score = (rule: string, filter: (k: string) => boolean): RuleScore => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const c of cases) {
      tp += c.expected.filter((e) => filter(e) && c.found.includes(e)).length;
      fp += c.falsePositives.filter(filter).length;
      fn += c.falseNegatives.filter(filter).length;
    }
    return { rule, truePositives: tp, falsePositives: fp, falseNegatives: fn, precision: tp + fp ? tp / (tp + fp) : 1, recall: tp + fn ? tp / (tp + fn) : 1 };
  };
  const perRule = rules.map((r) => score(String(r.meta.id), (k) => ruleOf(k) === r.meta.id));
  return { cases, perRule, overall: score('overall', () => true) };
}
