// `limbo scan --src DIR [--format text|json|sarif] [--out FILE]`: static analysis only — the loops
// whose exit depends on a flow's data, with data paths and the entry points that reach them.
import { statSync, writeFileSync } from 'node:fs';
import { scanProject } from '../../core/analysis/scan';
import { buildScanSarif } from '../../core/analysis/sarif';
import { unknownPathNote } from '../../core/analysis/entrypoints/unknown-path';
import { escapeTerminal } from '../../core/report/escape';
import type { ScanResult } from '../../core/model/code';
import type { CliIO } from '../io';
import { LIMBO_VERSION } from '../version';

const USAGE = `Usage: limbo scan --src DIR [--format text|json|sarif] [--out FILE]

Analyzes the JavaScript/TypeScript sources under DIR (honoring .gitignore, skipping node_modules,
build output and minified files) and reports loops whose exit depends on a flow's data, loops that
make no progress, unbounded polling/retry/cursor loops and unbounded recursion.
Exit status: 0 when the scan ran (findings or not), 1 when DIR cannot be read, 2 for a usage error.
`;

export async function run(args: string[], io: CliIO): Promise<number> {
  let src: string | undefined;
  let out: string | undefined;
  let format: 'text' | 'json' | 'sarif' = 'text';
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = (): string | undefined => (a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i]);
    if (a === '--help' || a === '-h') {
      io.stdout(USAGE);
      return 0;
    } else if (a === '--src' || a.startsWith('--src=')) src = value();
    else if (a === '--out' || a.startsWith('--out=')) out = value();
    else if (a === '--format' || a.startsWith('--format=')) {
      const v = value();
      if (v !== 'text' && v !== 'json' && v !== 'sarif') {
        io.stderr(`limbo scan: --format must be text, json or sarif\n\n${USAGE}`);
        return 2;
      }
      format = v;
    } else {
      io.stderr(`limbo scan: unknown argument ${escapeTerminal(a)}\n\n${USAGE}`);
      return 2;
    }
  }
  if (!src) {
    io.stderr(`limbo scan: --src DIR is required\n\n${USAGE}`);
    return 2;
  }
  try {
    if (!statSync(src).isDirectory()) throw new Error('not a directory');
  } catch (error) {
    io.stderr(`limbo scan: cannot read source folder ${escapeTerminal(src)}: ${escapeTerminal((error as Error).message)}\n`);
    return 1;
  }
  const { result } = await scanProject(src);
  const text = format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : format === 'sarif' ? `${JSON.stringify(buildScanSarif(result, LIMBO_VERSION), null, 2)}\n` : renderScanText(result);
  if (out) {
    writeFileSync(out, text);
    io.stderr(`limbo scan: ${result.findings.length} finding(s) in ${result.filesAnalyzed} files; ${format} written to ${escapeTerminal(out)}\n`);
  } else io.stdout(text);
  return 0;
}

/** The findings for a person: location, rule, message, data path, flows. Source text is escaped for the terminal. */
export function renderScanText(result: ScanResult): string {
  const e = escapeTerminal;
  const lines: string[] = [];
  for (const f of result.findings) {
    lines.push(`${e(f.loop.file)}:${f.loop.startLine}:${f.loop.startColumn}  ${f.severity}  ${f.ruleId}  (confidence ${f.confidence.toFixed(2)})`);
    lines.push(`  ${e(f.message)}`);
    if (f.functionName) lines.push(`  in ${e(f.functionName)} (${f.loopKind}); exit condition at line ${f.condition.startLine}`);
    if (f.sources.length) lines.push(`  flow data: ${f.sources.map(e).join(', ')}`);
    if (f.dataPath.length) {
      lines.push('  data path:');
      for (const step of f.dataPath) lines.push(`    ${e(step.location.file)}:${step.location.startLine}  ${e(step.message)}`);
    }
    if (f.entryPoints.length) lines.push(`  reached from: ${f.entryPoints.slice(0, 8).map(e).join(', ')}${f.entryPoints.length > 8 ? ', …' : ''}`);
    const note = unknownPathNote(f.entryPoints.slice(0, 8));
    if (note) lines.push(`  ${note}`);
    lines.push('');
  }
  for (const d of result.diagnostics) lines.push(`note: ${e(d.message)}`);
  const routes = result.entryPoints.filter((p) => p.framework !== 'library').length;
  const unknown = result.entryPoints.filter((p) => p.pathUnknown).length;
  lines.push(`${result.findings.length} finding(s); ${result.filesAnalyzed} files, ${result.lines} lines analyzed, ${result.filesSkipped} skipped; ${routes} route entry point(s)${unknown ? `, ${unknown} with a path not computed` : ''}.`);
  return `${lines.join('\n')}\n`;
}
