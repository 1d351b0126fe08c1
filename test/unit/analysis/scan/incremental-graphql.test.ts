// GraphQL resolver maps are entry points read from every file (entrypoints/graphql.ts), not route
// registrations: an edit to a map, or to an object a map spreads in, in files that hold no resolver
// and register no HTTP route, must still change the entry points as a full scan does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { removeTempProjects, writeProject, writeProjectFile } from '../project/temp-project';
import { createScanner, scanProject } from '../../../../src/core/analysis/scan';
import type { ScanResult } from '../../../../src/core/model/code';

const FILES: Record<string, string> = {
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

const graphqlFlows = (r: ScanResult) => r.entryPoints.filter((e) => e.framework === 'graphql').map((e) => e.flow).sort();

test('GraphQL entry points follow edits of maps and spread-in objects; incremental equals a full scan', async () => {
  const dir = writeProject(FILES);
  try {
    const scanner = createScanner(dir);
    const first = await scanner.scan();
    assert.deepEqual(graphqlFlows(first), ['GRAPHQL Mutation.wait', 'GRAPHQL Query.account']);
    assert.ok(first.findings.some((f) => f.loop.file === 'src/resolvers.js' && f.entryPoints.includes('GRAPHQL Query.account')), 'the loop is reached from the resolver');
    const edits = [
      { what: 'a field renamed in the object the map spreads in', file: 'src/accounts.js', text: (t: string) => t.replace('account:', 'profile:'), flows: ['GRAPHQL Mutation.wait', 'GRAPHQL Query.profile'] },
      { what: 'the field name back', file: 'src/accounts.js', text: () => FILES['src/accounts.js']!, flows: ['GRAPHQL Mutation.wait', 'GRAPHQL Query.account'] },
      { what: 'the map made no map (no root type key)', file: 'src/graph.js', text: (t: string) => t.replace('Query:', 'Queries:').replace('Mutation:', 'Mutations:'), flows: [] },
      { what: 'the map back', file: 'src/graph.js', text: () => FILES['src/graph.js']!, flows: ['GRAPHQL Mutation.wait', 'GRAPHQL Query.account'] },
    ];
    for (const edit of edits) {
      writeProjectFile(dir, edit.file, edit.text(FILES[edit.file]!));
      const { result } = await scanner.rescanFile(edit.file);
      const full = await scanProject(dir);
      assert.deepEqual({ findings: result.findings, entryPoints: result.entryPoints }, { findings: full.result.findings, entryPoints: full.result.entryPoints }, `after ${edit.what}`);
      assert.deepEqual(graphqlFlows(result), edit.flows, `entry points after ${edit.what}`);
    }
  } finally {
    removeTempProjects();
  }
});
