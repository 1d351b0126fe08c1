// Table-driven rule tests (ESLint RuleTester style): each case is a small project written to a temp
// folder and scanned with only the rule under test; invalid cases list the loop lines reported.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanProject } from '../../../../src/core/analysis/scan';
import type { Rule } from '../../../../src/core/analysis/rules/types';
import type { LoopFinding } from '../../../../src/core/model/code';

/** One file (`app.js` by default) or several: { 'a.ts': '…', 'b.ts': '…' }. */
export type CaseCode = string | Record<string, string>;

export interface InvalidCase {
  name: string;
  code: CaseCode;
  file?: string;
  /** Start lines of the reported loops (or recursive functions), in order. */
  lines: number[];
  /** Checks on the first finding. */
  check?: (finding: LoopFinding) => void;
}

export interface ValidCase {
  name: string;
  code: CaseCode;
  file?: string;
}

export async function findingsFor(rule: Rule, code: CaseCode, file = 'app.js'): Promise<LoopFinding[]> {
  const dir = mkdtempSync(join(tmpdir(), 'limbo-rule-'));
  try {
    const files = typeof code === 'string' ? { [file]: code } : code;
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    const { result } = await scanProject(dir, { rules: [rule], withoutReachability: true });
    return result.findings;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function ruleTester(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  for (const c of cases.valid) {
    test(`${rule.meta.id} valid: ${c.name}`, async () => {
      const findings = await findingsFor(rule, c.code, c.file);
      assert.deepEqual(findings.map((f) => `${f.loop.startLine}: ${f.message}`), []);
    });
  }
  for (const c of cases.invalid) {
    test(`${rule.meta.id} invalid: ${c.name}`, async () => {
      const findings = await findingsFor(rule, c.code, c.file);
      assert.deepEqual(findings.map((f) => f.loop.startLine), c.lines);
      for (const f of findings) assert.equal(f.ruleId, rule.meta.id);
      if (c.check) c.check(findings[0]);
    });
  }
}

export const express = "const express = require('express');\nconst app = express();\n";
