// Client calls on an undici dispatcher another module makes with `new Pool(origin)`: the origin is the
// calls' base, so editing it (or what is constructed) must re-index the importer's calls. After each
// edit the incremental result must equal a full scan.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { removeTempProjects, writeProject, writeProjectFile } from '../project/temp-project';
import { createScanner, scanProject } from '../../../../src/core/analysis/scan';
import type { ScanResult } from '../../../../src/core/model/code';

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'incremental-client-origins', dependencies: { undici: '*', superagent: '*' } }),
  'src/stock.js': `import { Pool } from 'undici';
import superagent from 'superagent';
export const pool = new Pool('http://stock');
export const agent = superagent.agent();
`,
  'src/levels.js': `import { pool, agent } from './stock.js';
export async function level(sku) {
  await agent.get('http://search/v1/find').query({ sku });
  return pool.request({ path: \`/v1/levels/\${sku}\`, method: 'GET' });
}
`,
};

const calls = (r: ScanResult) => r.clientCalls.map((c) => `${c.target}@${c.location.startLine}`);
const comparable = (r: ScanResult) => ({ findings: r.findings, entryPoints: r.entryPoints, clientCalls: r.clientCalls });

test('an imported undici pool: its origin edited, replaced by another constructor and restored; an imported superagent agent replaced; incremental equals a full scan', async () => {
  const dir = writeProject(FILES);
  try {
    const scanner = createScanner(dir);
    const first = await scanner.scan();
    assert.deepEqual(calls(first), ['GET http://search/v1/find@3', 'GET http://stock/v1/levels/{}@4']);
    const edits: Array<{ what: string; text: string; calls: string[] }> = [
      { what: 'the origin edited', text: FILES['src/stock.js']!.replace("'http://stock'", "'http://stock.v2'"), calls: ['GET http://search/v1/find@3', 'GET http://stock.v2/v1/levels/{}@4'] },
      { what: 'a Map constructed instead', text: FILES['src/stock.js']!.replace("new Pool('http://stock')", 'new Map()'), calls: ['GET http://search/v1/find@3'] },
      { what: 'the pool back', text: FILES['src/stock.js']!, calls: ['GET http://search/v1/find@3', 'GET http://stock/v1/levels/{}@4'] },
      { what: 'the agent replaced by a plain object', text: FILES['src/stock.js']!.replace('superagent.agent()', '{ get: (u) => u }'), calls: ['GET http://stock/v1/levels/{}@4'] },
      { what: 'the agent back', text: FILES['src/stock.js']!, calls: ['GET http://search/v1/find@3', 'GET http://stock/v1/levels/{}@4'] },
    ];
    for (const edit of edits) {
      writeProjectFile(dir, 'src/stock.js', edit.text);
      const { result } = await scanner.rescanFile('src/stock.js');
      const full = await scanProject(dir);
      assert.deepEqual(comparable(result), comparable(full.result), `after ${edit.what}`);
      assert.deepEqual(calls(result), edit.calls, `calls after ${edit.what}`);
    }
  } finally {
    removeTempProjects();
  }
});
