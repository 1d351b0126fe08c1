// Editing a validator's schema (a const in its own statement, away from the handler) must re-check the
// loops it bounds, in its file and in the files it passes the value to: equal to a full scan each time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createScanner, scanProject } from '../../../../src/core/analysis/scan';

const findingKeys = (r: { findings: Array<{ ruleId: string; loop: { file: string; startLine: number } }> }) => r.findings.map((f) => `${f.loop.file}:${f.loop.startLine}:${f.ruleId}`).sort();

/** An Express route whose loop grows to the `limit` that `read` (a validation of `req.query`) gives; the loop is on line 8. */
const growRoute = (importLine: string, read: string) =>
  ["import express from 'express';", importLine, 'const app = express();', '', "app.get('/grow', (req, res) => {", `  const { limit } = ${read};`, '  let size = 1;', '  while (size < limit) size = size * 2;', '  res.json({ size });', '});', ''].join('\n');

/**
 * Scans the project (no finding), then applies each edit to `edited` in turn and checks the findings
 * after rescanFile: the ones expected, and the same as a full scan of the edited tree.
 */
async function editsMatchFullScan(prefix: string, project: Record<string, string>, edited: string, edits: Array<[string, string, string[]]>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    for (const [path, text] of Object.entries(project)) writeFileSync(join(dir, path), text);
    const scanner = createScanner(dir);
    assert.deepEqual(findingKeys(await scanner.scan()), []);
    for (const [from, to, expected] of edits) {
      const abs = join(dir, edited);
      writeFileSync(abs, readFileSync(abs, 'utf8').replace(from, to));
      const { result } = await scanner.rescanFile(edited);
      assert.deepEqual(findingKeys(result), expected, `after ${edited}: ${from} → ${to}`);
      assert.deepEqual(findingKeys(result), findingKeys((await scanProject(dir)).result));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const files: Record<string, string> = {
  'server.js': [
    "const fastify = require('fastify')();",
    "const { grow } = require('./grow');",
    'const listSchema = { querystring: { type: "object", properties: { limit: { type: "integer", minimum: 1, maximum: 100 } }, required: ["limit"] } };',
    '',
    "fastify.get('/rows', { schema: listSchema }, async (request) => {",
    '  const rows = [];',
    '  for (let i = 0; i < request.query.limit; i++) rows.push(i);',
    '  return { rows, size: grow(request.query.limit) };',
    '});',
    '',
  ].join('\n'),
  'grow.js': ['function grow(limit) {', '  let size = 1;', '  while (size < limit) size = size * 2;', '  return size;', '}', 'module.exports = { grow };', ''].join('\n'),
  'zod-app.ts': [
    "import express from 'express';",
    "import { z } from 'zod';",
    'const app = express();',
    'const Q = z.object({ n: z.coerce.number().int().max(50) });',
    '',
    "app.get('/z', (req, res) => {",
    '  const { n } = Q.parse(req.query);',
    '  let size = 1;',
    '  while (size < n) size = size * 2;',
    '  res.json({ size });',
    '});',
    '',
  ].join('\n'),
};

test('rescanFile: editing a Fastify schema or a zod schema away from the handler re-checks the loops it bounds, like a full scan', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'limbo-validated-'));
  try {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const scanner = createScanner(dir);
    assert.deepEqual(findingKeys(await scanner.scan()), []);
    const edits: Array<[string, string, string, string[]]> = [
      ['server.js', 'maximum: 100', 'minimum: 2', ['grow.js:3:exit-depends-on-flow-data', 'server.js:7:for-step-or-bound-from-flow-data']],
      ['server.js', 'minimum: 2', 'maximum: 100', []],
      ['zod-app.ts', '.max(50)', '.min(1)', ['zod-app.ts:9:exit-depends-on-flow-data']],
      ['zod-app.ts', '.min(1)', '.max(50)', []],
    ];
    for (const [path, from, to, expected] of edits) {
      const abs = join(dir, path);
      writeFileSync(abs, readFileSync(abs, 'utf8').replace(from, to));
      const { result } = await scanner.rescanFile(path);
      assert.deepEqual(findingKeys(result), expected, `after ${path}: ${from} → ${to}`);
      assert.deepEqual(findingKeys(result), findingKeys((await scanProject(dir)).result));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('rescanFile: editing a zod schema imported from another module re-checks the loop it bounds, like a full scan', async () => {
  const project: Record<string, string> = {
    'schemas.ts': ["import { z } from 'zod';", 'export const ListQuery = z.object({ limit: z.coerce.number().int().min(1).max(100) });', ''].join('\n'),
    'app.ts': growRoute("import { ListQuery } from './schemas';", 'ListQuery.parse(req.query)'),
  };
  await editsMatchFullScan('limbo-validated-imported-', project, 'schemas.ts', [
    ['.max(100)', '', ['app.ts:8:exit-depends-on-flow-data']],
    ['.min(1)', '.min(1).max(100)', []],
  ]);
});

test('rescanFile: editing a validation helper imported from another module re-checks the loop it bounds, like a full scan', async () => {
  const project: Record<string, string> = {
    'validation.ts': [
      "import { z } from 'zod';",
      'const ListQuery = z.object({ limit: z.coerce.number().int().min(1).max(100) });',
      'export function parseListQuery(query: unknown) {',
      '  return ListQuery.parse(query);',
      '}',
      '',
    ].join('\n'),
    'app.ts': growRoute("import { parseListQuery } from './validation';", 'parseListQuery(req.query)'),
  };
  await editsMatchFullScan('limbo-validated-helper-', project, 'validation.ts', [
    // The helper now hands back the raw query: the loop is request-driven again.
    ['  return ListQuery.parse(query);', '  return query as any;', ['app.ts:8:exit-depends-on-flow-data']],
    ['  return query as any;', '  return ListQuery.parse(query);', []],
    ['.max(100)', '', ['app.ts:8:exit-depends-on-flow-data']],
    ['.min(1)', '.min(1).max(100)', []],
  ]);
});

/** An Express app whose GET /grow doubles a size up to `req.query.limit` behind `middleware` (the loop is on line 4 + requires.length). */
function growApp(requires: string[], middleware: string): string {
  return [
    "const express = require('express');",
    ...requires,
    'const app = express();',
    '',
    `app.get('/grow', ${middleware}, (req, res) => {`,
    '  let size = 1;',
    '  while (size < req.query.limit) size = size * 2;',
    '  res.json({ size });',
    '});',
    '',
  ].join('\n');
}

test('rescanFile: editing an express-validator middleware of another module re-checks the route it guards, like a full scan', async () => {
  const project: Record<string, string> = {
    'validate.js': [
      "const { validationResult } = require('express-validator');",
      'const validate = (validations) => async (req, res, next) => {',
      '  for (const validation of validations) await validation.run(req);',
      '  const errors = validationResult(req);',
      '  if (errors.isEmpty()) return next();',
      '  res.status(400).json({ errors: errors.array() });',
      '};',
      'module.exports = { validate };',
      '',
    ].join('\n'),
    'app.js': growApp(["const { query } = require('express-validator');", "const { validate } = require('./validate');"], "validate([query('limit').isInt({ min: 1, max: 100 }).toInt()])"),
  };
  await editsMatchFullScan('limbo-validated-express-', project, 'validate.js', [
    // next() either way: invalid limits reach the handler.
    ['  if (errors.isEmpty()) return next();', '  next();', ['app.js:8:exit-depends-on-flow-data']],
    ['  next();', '  if (errors.isEmpty()) return next();', []],
    // The chains are no longer run: nothing was validated when the check reads the result.
    ['await validation.run(req)', 'console.log(validation)', ['app.js:8:exit-depends-on-flow-data']],
    ['console.log(validation)', 'await validation.run(req)', []],
  ]);
});

test('rescanFile: editing a celebrate schema imported from another module re-checks the route it guards, like a full scan', async () => {
  const project: Record<string, string> = {
    'rules.js': [
      "const { celebrate, Joi, Segments } = require('celebrate');",
      'const growRules = celebrate({ [Segments.QUERY]: Joi.object({ limit: Joi.number().integer().min(1).max(100).required() }) });',
      'module.exports = { growRules };',
      '',
    ].join('\n'),
    'app.js': growApp(["const { growRules } = require('./rules');"], 'growRules'),
  };
  await editsMatchFullScan('limbo-validated-celebrate-', project, 'rules.js', [
    // No maximum: the client picks the limit.
    ['.min(1).max(100)', '.min(1)', ['app.js:7:exit-depends-on-flow-data']],
    ['.min(1)', '.min(1).max(100)', []],
    // The schema validates another part of the request.
    ['Segments.QUERY', 'Segments.BODY', ['app.js:7:exit-depends-on-flow-data']],
    ['Segments.BODY', 'Segments.QUERY', []],
  ]);
});
