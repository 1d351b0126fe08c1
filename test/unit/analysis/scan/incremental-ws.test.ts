// ws message listeners are entry points read from every file (entrypoints/ws.ts): an edit in a file
// that only sets a listener on a socket handed to it (no handler of its own, no connection callback,
// no route) must change the entry points as a full scan does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { removeTempProjects, writeProject, writeProjectFile } from '../project/temp-project';
import { createScanner, scanProject } from '../../../../src/core/analysis/scan';
import type { ScanResult } from '../../../../src/core/model/code';

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'incremental-ws', dependencies: { express: '*', ws: '*' } }),
  'src/app.js': `import express from 'express';
const app = express();
app.get('/health', (req, res) => res.end('ok'));
`,
  'src/live.js': `import { WebSocketServer } from 'ws';
import { attach } from './attach.js';
const wss = new WebSocketServer({ port: 8080 });
wss.on('connection', (ws) => attach(ws));
`,
  'src/attach.js': `import { onMessage } from './handlers.js';
export function attach(sock) {
  sock.on('message', onMessage);
}
`,
  'src/handlers.js': `export function onMessage(data) {
  let n = Number(JSON.parse(data).n);
  while (n !== 0) n -= 2;
  return n;
}
`,
};

const wsFlows = (r: ScanResult) => r.entryPoints.filter((e) => e.framework === 'ws').map((e) => e.flow).sort();

test('ws entry points follow an edit of a listener in a file the socket is handed to; incremental equals a full scan', async () => {
  const dir = writeProject(FILES);
  try {
    const scanner = createScanner(dir);
    const first = await scanner.scan();
    assert.deepEqual(wsFlows(first), ['WS message']);
    assert.ok(first.findings.some((f) => f.loop.file === 'src/handlers.js' && f.entryPoints.includes('WS message')), 'the loop is reached from the message listener');
    const edits = [
      { what: 'the listened event renamed', text: (t: string) => t.replace("'message'", "'ping'"), flows: [] as string[] },
      { what: 'the listener back', text: (t: string) => t, flows: ['WS message'] },
    ];
    for (const edit of edits) {
      writeProjectFile(dir, 'src/attach.js', edit.text(FILES['src/attach.js']!));
      const { result } = await scanner.rescanFile('src/attach.js');
      const full = await scanProject(dir);
      assert.deepEqual({ findings: result.findings, entryPoints: result.entryPoints }, { findings: full.result.findings, entryPoints: full.result.entryPoints }, `after ${edit.what}`);
      assert.deepEqual(wsFlows(result), edit.flows, `entry points after ${edit.what}`);
    }
  } finally {
    removeTempProjects();
  }
});
