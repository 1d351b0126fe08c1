// Entry points read from every file rather than from route registrations (GraphQL resolver maps,
// ws listeners, queue handlers): an edit in a file that holds no handler of its own and registers no
// route must still change the entry points as a full scan does. Each project's first edit needs the
// linker to recompute when the project has such entry points; each restore, when the edited file may
// declare one (project.ts entryPointsUnaffected).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { removeTempProjects, writeProject, writeProjectFile } from '../project/temp-project';
import { createScanner, scanProject } from '../../../../src/core/analysis/scan';
import type { Framework, ScanResult } from '../../../../src/core/model/code';

interface Edit {
  what: string;
  file: string;
  text: (original: string) => string;
  flows: string[];
}

/** Scans `files`, checks the first entry points and the loop reached from `reachedFrom`, then each edit against a full scan. */
async function followEdits(files: Record<string, string>, framework: Framework, first: string[], loop: { file: string; reachedFrom: string }, edits: Edit[]): Promise<void> {
  const flows = (r: ScanResult) => r.entryPoints.filter((e) => e.framework === framework).map((e) => e.flow).sort();
  const dir = writeProject(files);
  try {
    const scanner = createScanner(dir);
    const result = await scanner.scan();
    assert.deepEqual(flows(result), first);
    assert.ok(result.findings.some((f) => f.loop.file === loop.file && f.entryPoints.includes(loop.reachedFrom)), `the loop is reached from ${loop.reachedFrom}`);
    for (const edit of edits) {
      writeProjectFile(dir, edit.file, edit.text(files[edit.file]!));
      const { result: after } = await scanner.rescanFile(edit.file);
      const full = await scanProject(dir);
      assert.deepEqual({ findings: after.findings, entryPoints: after.entryPoints }, { findings: full.result.findings, entryPoints: full.result.entryPoints }, `after ${edit.what}`);
      assert.deepEqual(flows(after), edit.flows, `entry points after ${edit.what}`);
    }
  } finally {
    removeTempProjects();
  }
}

const GRAPHQL_FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'incremental-graphql', dependencies: { express: '*', '@apollo/server': '*' } }),
  'src/app.js': `import express from 'express';
const app = express();
app.get('/health', (req, res) => res.end('ok'));
`,
  'src/graph.js': `import { ApolloServer } from '@apollo/server';
import { accountQueries } from './accounts.js';
import { resolveWait } from './resolvers.js';
export const server = new ApolloServer({ typeDefs: '', resolvers: { Query: { ...accountQueries }, Mutation: { wait: resolveWait } } });
`,
  'src/accounts.js': `import { resolveAccount } from './resolvers.js';
export const accountQueries = { account: resolveAccount };
`,
  'src/resolvers.js': `export function resolveAccount(_parent, { id }) {
  let n = id;
  while (n !== 0) n -= 2;
  return n;
}
export function resolveWait(_parent, { mode }) {
  return mode;
}
`,
};

const WS_FILES: Record<string, string> = {
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

const QUEUE_FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'incremental-queues', dependencies: { express: '*', bull: '*' } }),
  'src/app.js': `const express = require('express');
const app = express();
app.get('/health', (req, res) => res.end('ok'));
`,
  'src/queue.js': `const Queue = require('bull');
exports.images = new Queue('images');
`,
  'src/worker.js': `const { images } = require('./queue');
const { resize } = require('./handlers');
images.process(resize);
`,
  'src/handlers.js': `exports.resize = function resize(job) {
  let n = Number(job.data.n);
  while (n !== 0) n -= 2;
  return n;
};
`,
};

const AMQP_FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'incremental-amqp', dependencies: { express: '*', amqplib: '*' } }),
  'src/app.js': `const express = require('express');
const app = express();
app.get('/health', (req, res) => res.end('ok'));
`,
  'src/rabbit.js': `const amqp = require('amqplib');
const { listen } = require('./listen');
exports.start = async () => listen(await (await amqp.connect('amqp://localhost')).createChannel());
`,
  'src/listen.js': `const { onTask } = require('./handlers');
exports.listen = (channel) => channel.consume('tasks', onTask);
`,
  'src/handlers.js': `exports.onTask = function onTask(msg) {
  let n = Number(JSON.parse(msg.content).n);
  while (n !== 0) n -= 2;
  return n;
};
`,
};

test('GraphQL: a field renamed in an object a resolver map spreads in, a map that stops being one and becomes one again', async () => {
  const first = ['GRAPHQL Mutation.wait', 'GRAPHQL Query.account'];
  await followEdits(GRAPHQL_FILES, 'graphql', first, { file: 'src/resolvers.js', reachedFrom: 'GRAPHQL Query.account' }, [
    { what: 'a field renamed in the object the map spreads in', file: 'src/accounts.js', text: (t) => t.replace('account:', 'profile:'), flows: ['GRAPHQL Mutation.wait', 'GRAPHQL Query.profile'] },
    { what: 'the field name back', file: 'src/accounts.js', text: (t) => t, flows: first },
    { what: 'the map made no map (no root type key)', file: 'src/graph.js', text: (t) => t.replace('Query:', 'Queries:').replace('Mutation:', 'Mutations:'), flows: [] },
    { what: 'the map back', file: 'src/graph.js', text: (t) => t, flows: first },
  ]);
});

test('ws: a listener renamed and restored in a file the socket is handed to', async () => {
  await followEdits(WS_FILES, 'ws', ['WS message'], { file: 'src/handlers.js', reachedFrom: 'WS message' }, [
    { what: 'the listened event renamed', file: 'src/attach.js', text: (t) => t.replace("'message'", "'ping'"), flows: [] },
    { what: 'the listener back', file: 'src/attach.js', text: (t) => t, flows: ['WS message'] },
  ]);
});

test('queues: a processor removed and restored in a file that does not import the queue package', async () => {
  await followEdits(QUEUE_FILES, 'bull', ['JOB images'], { file: 'src/handlers.js', reachedFrom: 'JOB images' }, [
    { what: 'the processor removed', file: 'src/worker.js', text: (t) => t.replace('images.process(resize);', 'void resize;'), flows: [] },
    { what: 'the processor back', file: 'src/worker.js', text: (t) => t, flows: ['JOB images'] },
  ]);
});

test('amqplib: a consumer removed and restored in a file that does not import amqplib', async () => {
  await followEdits(AMQP_FILES, 'amqplib', ['MESSAGE tasks'], { file: 'src/handlers.js', reachedFrom: 'MESSAGE tasks' }, [
    { what: 'the consumer removed', file: 'src/listen.js', text: (t) => t.replace("channel.consume('tasks', onTask)", 'void onTask'), flows: [] },
    { what: 'the consumer back', file: 'src/listen.js', text: (t) => t, flows: ['MESSAGE tasks'] },
  ]);
});

const STRAPI_FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'incremental-strapi', dependencies: { express: '*', '@strapi/strapi': '*' } }),
  'src/app.js': `const express = require('express');
const app = express();
app.get('/health', (req, res) => res.end('ok'));
`,
  'src/api/coupon/routes/custom.js': `module.exports = {
  routes: [{ method: 'POST', path: '/coupons/:id/redeem', handler: 'coupon.redeem' }],
};
`,
  'src/api/coupon/controllers/coupon.js': `const { createCoreController } = require('@strapi/strapi').factories;
module.exports = createCoreController('api::coupon.coupon', () => ({
  async redeem(ctx) {
    let n = Number(ctx.request.body.n);
    while (n !== 0) n -= 2;
    return n;
  },
}));
`,
};

test('Strapi: a route whose handler names a missing action, then the action again', async () => {
  const first = ['POST /api/coupons/:id/redeem'];
  await followEdits(STRAPI_FILES, 'strapi', first, { file: 'src/api/coupon/controllers/coupon.js', reachedFrom: first[0]! }, [
    { what: 'the handler renamed', file: 'src/api/coupon/routes/custom.js', text: (t) => t.replace("'coupon.redeem'", "'coupon.redeemed'"), flows: [] },
    { what: 'the handler back', file: 'src/api/coupon/routes/custom.js', text: (t) => t, flows: first },
    { what: 'the action renamed in the controller', file: 'src/api/coupon/controllers/coupon.js', text: (t) => t.replace('async redeem(', 'async redeemed('), flows: [] },
    { what: 'the action back', file: 'src/api/coupon/controllers/coupon.js', text: (t) => t, flows: first },
  ]);
});
