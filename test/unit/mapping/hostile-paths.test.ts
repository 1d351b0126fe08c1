import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMappingContext, mapEvidence } from '../../../src/core/mapping/index';
import { mapRuntimeLocation } from '../../../src/core/mapping/context';
import { resolveInsideRoot, realRoot } from '../../../src/core/mapping/safe-path';
import { toWorkspacePath } from '../../../src/core/mapping/path-rewrite';
import { SourceMapResolver } from '../../../src/core/mapping/source-maps';
import type { Span } from '../../../src/core/model/telemetry';
import { emptyScan, makeWorkspace } from './workspace';

test('paths from traces never resolve outside the source root', (t) => {
  const ws = makeWorkspace({ 'src/app.ts': 'export const a = 1;\n', 'src/passwd.ts': '' });
  t.after(ws.cleanup);
  writeFileSync(join(ws.outside, 'secret.ts'), 'secret');
  writeFileSync(join(ws.outside, 'passwd'), 'secret');
  symlinkSync(join(ws.outside, 'secret.ts'), join(ws.root, 'src', 'link.ts'));
  mkdirSync(join(ws.root, 'lib'));
  symlinkSync(ws.outside, join(ws.root, 'lib', 'out'));
  const ctx = createMappingContext(ws.root, emptyScan(ws.root), { pathMappings: [{ from: '/app/', to: '' }] });

  const cases: Array<[string, string]> = [
    ['../../etc/passwd', 'parent-segment'],
    ['src/../../outside/secret.ts', 'parent-segment'],
    ['/app/../../etc/passwd', 'parent-segment'],
    ['/etc/passwd', 'no-match'],
    [join(ws.outside, 'secret.ts'), 'no-match'],
    ['/app/src/link.ts', 'outside-root'],
    ['/app/lib/out/secret.ts', 'outside-root'],
    ['src/app.ts\0.png', 'nul-byte'],
    ['/app/' + 'a/'.repeat(5000) + 'app.ts', 'too-long'],
    ['x'.repeat(10_000), 'too-long'],
  ];
  for (const [path, reason] of cases) {
    const result = toWorkspacePath(ctx, path);
    assert.equal(result.ok, false, `${path.slice(0, 60)} must be refused`);
    if (!result.ok) assert.equal(result.reason, reason, path.slice(0, 60));
    assert.equal(mapRuntimeLocation(ctx, { path, line: 1 }, 'code-attributes'), undefined);
  }
  // The good one still works, so the refusals above are not a broken resolver.
  const ok = toWorkspacePath(ctx, '/app/src/app.ts');
  assert.equal(ok.ok && ok.path.file, 'src/app.ts');
});

test('resolveInsideRoot refuses symlinks out even when asked to allow ../ segments', (t) => {
  const ws = makeWorkspace({ 'dist/a.js': '' });
  t.after(ws.cleanup);
  writeFileSync(join(ws.outside, 'a.js.map'), '{}');
  symlinkSync(join(ws.outside, 'a.js.map'), join(ws.root, 'dist', 'b.js.map'));
  const root = realRoot(ws.root);
  assert.deepEqual(resolveInsideRoot(root, '../outside/a.js.map', true), { ok: false, reason: 'outside-root' });
  assert.deepEqual(resolveInsideRoot(root, 'dist/b.js.map', true), { ok: false, reason: 'outside-root' });
  assert.equal(resolveInsideRoot(root, 'dist/a.js').ok, true);
});

test('a sourceMappingURL pointing outside the root is not read', (t) => {
  const ws = makeWorkspace({ 'dist/a.js': 'x();\n//# sourceMappingURL=../../outside/a.js.map\n', 'src/a.ts': '' });
  t.after(ws.cleanup);
  writeFileSync(join(ws.outside, 'a.js.map'), JSON.stringify({ version: 3, sources: ['../root/src/a.ts'], names: [], mappings: 'AAAA' }));
  const ctx = createMappingContext(ws.root, emptyScan(ws.root));
  const resolver = new SourceMapResolver(ctx);
  assert.equal(resolver.original(join(ctx.root, 'dist/a.js'), 1, 1), undefined);
});

test('hostile code.* attributes and stacks in a dataset yield no mapping outside the root', (t) => {
  const ws = makeWorkspace({ 'src/app.ts': '' });
  t.after(ws.cleanup);
  const ctx = createMappingContext(ws.root, emptyScan(ws.root));
  const span = (attributes: Span['attributes']): Span => ({
    traceId: 't', spanId: Math.random().toString(16), name: 'x', kind: 'internal', startMs: 0, status: 'unset', attributes, events: [], origin: { file: 'in.json', line: 1 },
  });
  const spans = [
    span({ 'code.file.path': '../../etc/passwd', 'code.line.number': 1 }),
    span({ 'code.filepath': '/etc/shadow', 'code.lineno': 3 }),
    span({ 'code.stacktrace': `Error\n    at f (${'/a'.repeat(6000)}/app.ts:1:1)\n    at g (../../../etc/passwd:1:1)` }),
  ];
  const result = mapEvidence(ctx, { spans, logs: [], exchanges: [], files: [] }, []);
  assert.deepEqual(result.mappings, []);
});
