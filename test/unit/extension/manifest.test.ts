// The manifest and the code must agree: every id in constants.ts is contributed, every contributed
// command is registered, every color and setting the code reads exists with a default and a description.
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Colors, Commands, Settings, Views, WorkspaceResultPath } from '../../../src/extension/constants';
import { repoRoot } from '../../helpers/paths';

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const contributes = manifest.contributes;

test('every command id is contributed with the Limbo category, and every contributed limbo command is known', () => {
  const contributed = new Map<string, { category?: string; title: string }>(contributes.commands.map((c: { command: string }) => [c.command, c]));
  for (const id of Object.values(Commands)) {
    assert.ok(contributed.has(id), `${id} contributed`);
    assert.equal(contributed.get(id)!.category, 'Limbo');
  }
  for (const id of contributed.keys()) assert.ok((Object.values(Commands) as string[]).includes(id), `${id} registered`);
  const titles = [...contributed.values()].map((c) => c.title);
  for (const title of ['Analyze Trace…', 'Analyze Logs…', 'Analyze Workspace Code', 'Show Incident Report', 'Clear Results', 'Analyze with Limbo'])
    assert.ok(titles.includes(title), title);
});

test('the Explorer menu offers Analyze with Limbo for trace and log files only', () => {
  const entry = contributes.menus['explorer/context'].find((m: { command: string }) => m.command === Commands.analyzeWithLimbo);
  const pattern = /resourceExtname =~ \/(.*)\/$/.exec(entry.when)![1]!.replace(/\\\\/g, '\\');
  const regex = new RegExp(pattern);
  for (const ext of ['.json', '.jsonl', '.log', '.har', '.gz', '.txt', '.ndjson']) assert.ok(regex.test(ext), ext);
  for (const ext of ['.ts', '.js', '.md', '.png']) assert.ok(!regex.test(ext), ext);
  assert.match(entry.when, /!explorerResourceIsFolder/);
});

test('view container, view, activation events', () => {
  assert.equal(contributes.viewsContainers.activitybar[0].id, Views.container);
  assert.ok(existsSync(join(repoRoot, contributes.viewsContainers.activitybar[0].icon)));
  assert.equal(contributes.views[Views.container][0].id, Views.incident);
  assert.ok(manifest.activationEvents.includes(`onView:${Views.incident}`));
  assert.ok(manifest.activationEvents.includes(`workspaceContains:${WorkspaceResultPath}`));
  assert.ok(!manifest.activationEvents.includes('*') && !manifest.activationEvents.includes('onStartupFinished'), 'no eager activation');
});

test('settings are namespaced, with defaults and descriptions', () => {
  const properties = contributes.configuration.properties as Record<string, { default?: unknown; description?: string; markdownDescription?: string }>;
  for (const key of Object.values(Settings).filter((k) => k !== Settings.section)) {
    const property = properties[`limbo.${key}`];
    assert.ok(property, `limbo.${key}`);
    assert.ok('default' in property, `limbo.${key} default`);
    assert.ok(property.description || property.markdownDescription, `limbo.${key} description`);
  }
  for (const key of Object.keys(properties)) assert.match(key, /^limbo\./);
});

test('colors are contributed, untrusted workspaces declared, engine pinned to 1.99', () => {
  const colors = contributes.colors.map((c: { id: string }) => c.id);
  for (const id of Object.values(Colors)) assert.ok(colors.includes(id), id);
  assert.equal(manifest.capabilities.untrustedWorkspaces.supported, true);
  assert.equal(manifest.engines.vscode, '^1.99.0');
  assert.equal(manifest.main, './dist/extension.js');
});
