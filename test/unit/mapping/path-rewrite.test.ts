import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMappingContext } from '../../../src/core/mapping/context';
import { normalizeRuntimePath, toWorkspacePath } from '../../../src/core/mapping/path-rewrite';
import { emptyScan, makeWorkspace } from './workspace';

const files = {
  'services/shop/src/orders/redeem.ts': '',
  'services/shop/src/index.ts': '',
  'services/catalog/src/index.ts': '',
  'packages/util/src/orders/redeem.ts': '',
  'lib/cart.ts': '',
};

test('path mappings: the most specific prefix wins, then suffix matching', (t) => {
  const ws = makeWorkspace(files);
  t.after(ws.cleanup);
  const ctx = createMappingContext(ws.root, emptyScan(ws.root), {
    pathMappings: [
      { from: '/srv/', to: 'services/' },
      { from: '/srv/app', to: 'services/shop' },
    ],
  });
  const cases: Array<[string, string | undefined, string | undefined]> = [
    ['/srv/app/src/orders/redeem.ts', 'services/shop/src/orders/redeem.ts', 'path-mapping'],
    ['/srv/catalog/src/index.ts', 'services/catalog/src/index.ts', 'path-mapping'],
    // Mapping names a missing file: suffix matching decides.
    ['/srv/app/build/src/index.ts', 'services/shop/src/index.ts', 'suffix-match'],
    // No mapping applies: the longest suffix picks services/shop over packages/util.
    ['/opt/build/shop/src/orders/redeem.ts', 'services/shop/src/orders/redeem.ts', 'suffix-match'],
    ['file:///home/ci/work/lib/cart.ts', 'lib/cart.ts', 'suffix-match'],
    ['webpack:///lib/cart.ts', 'lib/cart.ts', 'suffix-match'],
    ['C:\\build\\lib\\cart.ts', 'lib/cart.ts', 'suffix-match'],
    // Compiled file absent from the workspace: same stem, lower confidence.
    ['/app/dist/lib/cart.js', 'lib/cart.ts', 'stem-match'],
    ['/app/unrelated/file.ts', undefined, undefined],
  ];
  for (const [runtime, file, via] of cases) {
    const r = toWorkspacePath(ctx, runtime);
    assert.equal(r.ok ? r.path.file : undefined, file, runtime);
    assert.equal(r.ok ? r.path.via : undefined, via, runtime);
  }
});

test('suffix confidence grows with the matched folders and is shared between ties', (t) => {
  const ws = makeWorkspace(files);
  t.after(ws.cleanup);
  const ctx = createMappingContext(ws.root, emptyScan(ws.root));
  const conf = (p: string) => {
    const r = toWorkspacePath(ctx, p);
    assert.ok(r.ok, p);
    return r.path.confidence;
  };
  const deep = conf('/x/shop/src/orders/redeem.ts');
  const shallow = conf('/x/y/z/cart.ts');
  const tied = conf('/x/y/orders/redeem.ts'); // two files end in orders/redeem.ts
  assert.ok(deep > shallow, `${deep} > ${shallow}`);
  assert.ok(tied < deep, `${tied} < ${deep}`);
  const ambiguous = toWorkspacePath(ctx, '/x/y/orders/redeem.ts');
  assert.ok(ambiguous.ok);
  assert.equal(ambiguous.path.file, 'packages/util/src/orders/redeem.ts'); // deterministic: first in order
});

test('normalizeRuntimePath', () => {
  const cases: Array<[string, string]> = [
    ['file:///a/b%20c.ts', '/a/b c.ts'],
    ['webpack://shop/./src/a.ts', './src/a.ts'.replace(/^\.\//, '')],
    ['./src/a.ts', 'src/a.ts'],
    ['D:\\x\\y.js', '/D:/x/y.js'],
  ];
  for (const [input, expected] of cases) assert.equal(normalizeRuntimePath(input), expected, input);
});
