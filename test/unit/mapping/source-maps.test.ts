import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { SourceMapGenerator } from 'source-map';
import { createMappingContext, mapRuntimeLocation } from '../../../src/core/mapping/context';
import { mapStackTrace } from '../../../src/core/mapping/stack-frames';
import { emptyScan, makeWorkspace } from './workspace';

const TS_SOURCE = `// redeem flow
interface Voucher { code: string; used: boolean }

type Lookup = (code: string) => Promise<Voucher | undefined>;

export async function redeem(code: string, lookup: Lookup): Promise<number> {
  let attempts: number = 0;
  while (true) {
    const voucher = await lookup(code);
    attempts++;
    if (voucher && !voucher.used) return attempts; // MARKER
  }
}
`;
const MARKER_TS_LINE = TS_SOURCE.split('\n').findIndex((l) => l.includes('MARKER')) + 1;

/** The 1-based line and column of the marker's `return` in the compiled output. */
function compiledPosition(js: string): { line: number; column: number } {
  const lines = js.split('\n');
  const index = lines.findIndex((l) => l.includes('return attempts'));
  assert.ok(index >= 0, 'compiled output has the marker line');
  return { line: index + 1, column: lines[index].indexOf('return attempts') + 1 };
}

for (const sourcemap of ['inline', 'linked', 'external'] as const) {
  test(`compiled JavaScript maps back to TypeScript through an esbuild ${sourcemap} source map`, (t) => {
    const ws = makeWorkspace({ 'src/redeem.ts': TS_SOURCE });
    t.after(ws.cleanup);
    buildSync({ entryPoints: [join(ws.root, 'src/redeem.ts')], outfile: join(ws.root, 'dist/redeem.js'), sourcemap, format: 'cjs', platform: 'node', logLevel: 'silent' });
    const js = readFileSync(join(ws.root, 'dist/redeem.js'), 'utf8');
    const at = compiledPosition(js);
    assert.notEqual(at.line, MARKER_TS_LINE, 'compiled line differs, so the mapping is really exercised');

    const ctx = createMappingContext(ws.root, emptyScan(ws.root), { pathMappings: [{ from: '/app', to: '' }] });
    const mapped = mapRuntimeLocation(ctx, { path: '/app/dist/redeem.js', line: at.line, column: at.column }, 'code-attributes');
    assert.ok(mapped);
    assert.equal(mapped.via, 'source-map');
    assert.equal(mapped.location.file, 'src/redeem.ts');
    assert.equal(mapped.location.startLine, MARKER_TS_LINE);
    assert.match(mapped.detail, new RegExp(sourcemap === 'inline' ? 'inline' : sourcemap === 'linked' ? 'url' : 'adjacent'));

    // The same through a V8 stack trace as Node prints it.
    const stack = `Error: boom\n    at redeem (/app/dist/redeem.js:${at.line}:${at.column})\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)`;
    const frames = mapStackTrace(ctx, stack);
    assert.equal(frames.length, 1);
    assert.equal(frames[0].location.startLine, MARKER_TS_LINE);
  });
}

test('a map written with the source-map generator (sourceRoot, other folder) is honored', (t) => {
  const ws = makeWorkspace({ 'lib/out.js': 'a();\nb();\nc();\n//# sourceMappingURL=maps/out.js.map\n', 'src/orig.ts': '\n\n\n\n\n\n\n\n\n\n\n\n' });
  t.after(ws.cleanup);
  const generator = new SourceMapGenerator({ file: 'out.js', sourceRoot: '../../src' });
  generator.addMapping({ generated: { line: 3, column: 0 }, original: { line: 12, column: 4 }, source: 'orig.ts' });
  writeFileSync(join(ws.root, 'lib/out.js.map'), '{}'); // an adjacent decoy: the URL comment must win
  mkdirSync(join(ws.root, 'lib/maps'));
  writeFileSync(join(ws.root, 'lib/maps/out.js.map'), generator.toString());
  const ctx = createMappingContext(ws.root, emptyScan(ws.root));
  const mapped = mapRuntimeLocation(ctx, { path: join(ws.root, 'lib/out.js'), line: 3, column: 1 }, 'stack-trace');
  assert.ok(mapped);
  assert.equal(mapped.location.file, 'src/orig.ts');
  assert.equal(mapped.location.startLine, 12);
  assert.equal(mapped.location.startColumn, 5);
});

test('a malformed map leaves the compiled position as it is', (t) => {
  const ws = makeWorkspace({ 'dist/a.js': 'x();\n//# sourceMappingURL=a.js.map\n', 'dist/a.js.map': '{not json' });
  t.after(ws.cleanup);
  const ctx = createMappingContext(ws.root, emptyScan(ws.root));
  const mapped = mapRuntimeLocation(ctx, { path: '/srv/dist/a.js', line: 1 }, 'stack-trace');
  assert.ok(mapped);
  assert.equal(mapped.via, 'stack-trace');
  assert.equal(mapped.location.file, 'dist/a.js');
});
