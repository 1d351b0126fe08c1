// The engine must stay free of the VS Code API so it runs in the CLI, in workers and in plain unit tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(ts|tsx|js|mjs)$/.test(name) ? [path] : [];
  });
}

const importsVscode = /(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)['"]vscode['"]/;

test('src/core and src/cli never import vscode', () => {
  const offenders = [...sourceFiles('src/core'), ...sourceFiles('src/cli')].filter((f) => importsVscode.test(readFileSync(f, 'utf8')));
  assert.deepEqual(offenders, []);
});

test('the vscode-import check recognises every import form', () => {
  for (const line of [`import * as vscode from 'vscode';`, `const v = require("vscode")`, `await import('vscode')`, `import 'vscode';`]) {
    assert.ok(importsVscode.test(line), line);
  }
  assert.ok(!importsVscode.test(`import { x } from './vscode-free';`));
});
