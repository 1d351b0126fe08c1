import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { resolveInsideRoot, sourceRootFor } from '../../../src/extension/model/paths';

const root = resolve('/work/ws');

test('resolveInsideRoot keeps report paths inside the source root', () => {
  const cases: Array<[string, string | undefined]> = [
    ['src/orders.ts', resolve(root, 'src/orders.ts')],
    ['./src/../src/a.ts', resolve(root, 'src/a.ts')],
    ['../../etc/passwd', undefined],
    ['/etc/passwd', undefined],
    ['src/../../outside.ts', undefined],
    ['', undefined],
    ['.', undefined],
    ['a\0b', undefined],
    ['x/'.repeat(3000), undefined],
  ];
  for (const [input, expected] of cases) assert.equal(resolveInsideRoot(root, input), expected, JSON.stringify(input.slice(0, 40)));
});

test('sourceRootFor uses the setting only when it stays inside the workspace folder', () => {
  assert.equal(sourceRootFor(root, ''), root);
  assert.equal(sourceRootFor(root, 'services/api'), resolve(root, 'services/api'));
  assert.equal(sourceRootFor(root, '../elsewhere'), root);
  assert.equal(sourceRootFor(root, undefined), root);
});
