// A directory given as input (the CLI, or a folder picked in the Explorer) stands for its files.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestFiles } from '../../../src/core/ingest/index';
import { expandInputs } from '../../../src/core/ingest/inputs';

const root = mkdtempSync(join(tmpdir(), 'limbo-inputs-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('a directory expands to its telemetry files, recursing in name order; files given by name are kept as given', async () => {
  const log = (msg: string) => `${JSON.stringify({ level: 30, time: 1700000000000, msg, reqId: 'r1' })}\n`;
  mkdirSync(join(root, 'incident', 'b'), { recursive: true });
  mkdirSync(join(root, 'incident', 'node_modules', 'x'), { recursive: true });
  mkdirSync(join(root, 'incident', '.git'), { recursive: true });
  writeFileSync(join(root, 'incident', 'b', 'app.log.1'), log('rotated'));
  writeFileSync(join(root, 'incident', 'a.jsonl'), log('first'));
  writeFileSync(join(root, 'incident', 'handler.ts'), 'export const x = 1;\n');
  writeFileSync(join(root, 'incident', 'screenshot.png'), 'not really a png');
  writeFileSync(join(root, 'incident', 'node_modules', 'x', 'y.jsonl'), log('dependency'));
  writeFileSync(join(root, 'incident', '.git', 'HEAD'), 'ref: refs/heads/main\n');
  const explicit = join(root, 'incident', 'handler.ts');
  assert.deepEqual(expandInputs([join(root, 'incident'), explicit, join(root, 'missing.json')]), {
    files: [join(root, 'incident', 'a.jsonl'), join(root, 'incident', 'b', 'app.log.1'), explicit, join(root, 'missing.json')],
    notes: [],
  });
  const dataset = await ingestFiles([join(root, 'incident')]);
  assert.deepEqual(dataset.logs.map((l) => l.message), ['first', 'rotated']);
  mkdirSync(join(root, 'empty'));
  assert.deepEqual(expandInputs([join(root, 'empty')]).notes, [`${join(root, 'empty')}: no files in this directory`]);
});
