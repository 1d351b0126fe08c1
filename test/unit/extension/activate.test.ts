// activate() outside VS Code, against a recording fake `vscode`: everything is registered once,
// and every disposable it created is disposed when VS Code disposes the subscriptions.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Commands, Views } from '../../../src/extension/constants';
import { repoRoot } from '../../helpers/paths';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createFakeVscode, installFakeVscode, fakeContext } = require('../../helpers/fake-vscode.cjs');

test('activate registers every command, the tree, lenses, hover, the report serializer; dispose undoes it', async () => {
  const fake = createFakeVscode();
  const uninstall = installFakeVscode(fake.vscode);
  try {
    const extension = await import('../../../src/extension/extension');
    const context = fakeContext(repoRoot);
    const result = extension.activate(context as never);
    assert.ok(result.activationTimeMs >= 0);
    const registered = fake.calls.filter((c: { name: string }) => c.name === 'registerCommand').map((c: { args: unknown[] }) => c.args[0]);
    assert.deepEqual([...registered].sort(), Object.values(Commands).sort());
    const names = new Set(fake.calls.map((c: { name: string }) => c.name));
    for (const n of ['registerCodeLensProvider', 'registerHoverProvider', 'createTreeView', 'registerWebviewPanelSerializer', 'registerTextDocumentContentProvider', 'onDidSaveTextDocument'])
      assert.ok(names.has(n), n);
    assert.equal(fake.calls.find((c: { name: string }) => c.name === 'createTreeView').args[0], Views.incident);
    assert.equal(context.subscriptions.length, 1, 'one composition root owns everything');

    const created = fake.calls.filter((c: { name: string }) => c.name !== 'executeCommand').length;
    (context.subscriptions[0] as { dispose(): void }).dispose();
    // Every registration the container made (plus its diagnostic collection) was disposed.
    assert.ok(fake.disposed.length >= created, `${fake.disposed.length} disposed of ${created} registrations`);
    assert.ok(fake.disposed.includes('diagnostics:limbo'));
  } finally {
    uninstall();
  }
});
