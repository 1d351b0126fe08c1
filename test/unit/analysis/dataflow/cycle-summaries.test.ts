// Summaries of mutually recursive functions are computed together to a fixpoint: asking for them in
// either order gives the same flows, and a rescan after an edit elsewhere equals a full scan.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildProject } from '../../../../src/core/analysis/project/project';
import { FlowAnalyzer, flowSignature } from '../../../../src/core/analysis/dataflow/interprocedural';
import { createScanner, scanProject } from '../../../../src/core/analysis/scan';

// The request's value reaches the loop bound only through pickB → pickA → (pickB →) … and back.
const FILES: Record<string, string> = {
  'src/app.ts': `import express from 'express';
import { spin } from './b';
const app = express();
app.get('/spin', (req, res) => {
  res.json(spin(Number(req.query.n)));
});
`,
  'src/a.ts': `import { pickB } from './b';
export function pickA(v: number, d: number): number {
  if (d > 2) return v;
  return pickB(v, d + 1);
}
`,
  'src/b.ts': `import { pickA } from './a';
export function pickB(v: number, d: number): number {
  return pickA(v, d);
}
export function spin(v: number) {
  const limit = pickB(v, 0);
  let i = 0;
  while (i !== limit) {
    i += 2;
  }
  return i;
}
`,
  'src/other.ts': `export function label(x: string) {
  return x.trim();
}
`,
};

function writeProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'limbo-cycle-'));
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const findings = (r: { findings: Array<{ ruleId: string; loop: { file: string; startLine: number }; dataPath: Array<{ location: { file: string; startLine: number }; message: string }> }> }) =>
  r.findings.map((f) => ({ at: `${f.loop.file}:${f.loop.startLine}:${f.ruleId}`, path: f.dataPath.map((s) => `${s.location.file}:${s.location.startLine} ${s.message}`) })).sort((a, b) => (a.at < b.at ? -1 : 1));

test('mutually recursive summaries: the same flows whichever function is asked first; the recursion carries only the value parameter', async () => {
  const dir = writeProject();
  try {
    const signatures = async (order: string[]) => {
      const project = await buildProject(dir);
      const an = new FlowAnalyzer(project);
      const byName = new Map([...project.functions.values()].map((info) => [info.name, info]));
      const out: Record<string, string> = {};
      for (const name of order) {
        const info = byName.get(name)!;
        const flow = an.flowOf(project.files.get(info.file)!, info.node)!;
        out[name] = flowSignature(flow, info);
      }
      const spin = byName.get('spin')!;
      const spinFlow = an.flowOf(project.files.get(spin.file)!, spin.node)!;
      const returns = [...an.flowOf(project.files.get(byName.get('pickB')!.file)!, byName.get('pickB')!.node)!.returns.values()];
      return { out, returns: returns.map((f) => [f.origin.index, f.origin.access]), spin: flowSignature(spinFlow, spin) };
    };
    const ab = await signatures(['pickA', 'pickB']);
    const ba = await signatures(['pickB', 'pickA']);
    const viaSpin = await signatures(['spin', 'pickA', 'pickB']);
    assert.deepEqual(ab.out, { pickA: ba.out.pickA, pickB: ba.out.pickB });
    assert.deepEqual(viaSpin.out.pickA, ab.out.pickA);
    assert.deepEqual(viaSpin.out.pickB, ab.out.pickB);
    assert.equal(ab.spin, ba.spin);
    // The least fixpoint: `d` never reaches a return (a recursive call answered as unknown would add it).
    assert.deepEqual(ab.returns, [[0, 'v']]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('mutually recursive summaries: the request input reaches the loop through the recursion; a rescan after an edit elsewhere equals a full scan', async () => {
  const dir = writeProject();
  try {
    const scanner = createScanner(dir);
    const first = await scanner.scan();
    const full = await scanProject(dir);
    assert.deepEqual(findings(first), findings(full.result));
    const loop = findings(first).find((f) => f.at.startsWith('src/b.ts:8:exit-depends-on-flow-data'));
    assert.ok(loop, JSON.stringify(findings(first)));
    assert.ok(loop.path.some((s) => s.includes('req.query.n')), loop.path.join('\n'));
    assert.ok(loop.path.some((s) => s.startsWith('src/a.ts:')), loop.path.join('\n'));

    // Edits in the cycle's files and elsewhere: after each, the rescan equals a full scan.
    const edits: Array<[string, string]> = [
      ['src/other.ts', FILES['src/other.ts']!.replace('x.trim()', 'x.trim().toLowerCase()')],
      ['src/a.ts', FILES['src/a.ts']!.replace('if (d > 2) return v;', '// deeper\n  if (d > 3) return v;')],
      ['src/app.ts', FILES['src/app.ts']!.replace('res.json(', 'res.status(200).json(')],
      ['src/b.ts', FILES['src/b.ts']!.replace('  return pickA(v, d);', '  const w = v;\n  return pickA(w, d);')],
    ];
    for (const [path, text] of edits) {
      writeFileSync(join(dir, path), text);
      const rescanned = await scanner.rescanFile(path);
      const fresh = await scanProject(dir);
      assert.deepEqual(findings(rescanned.result), findings(fresh.result), `after editing ${path}`);
      assert.ok(findings(rescanned.result).some((f) => f.at.includes('exit-depends-on-flow-data')), `after editing ${path}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
