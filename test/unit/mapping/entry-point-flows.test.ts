// Flows named after entry points rather than routes: a GraphQL flow (`GRAPHQL Query.a+b`) names the
// resolvers of its root fields, and nothing else (not the HTTP endpoint's middleware mounted for
// every path, not a REST route of the same name); a consumed message its topic's consumer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entryPointsForFlow } from '../../../src/core/mapping/route-handlers';
import type { EntryPoint } from '../../../src/core/model';

const at = { file: 'src/server.ts', startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 };
const entry = (method: string, route: string, framework: EntryPoint['framework']): EntryPoint => ({ flow: `${method} ${route}`, method, route, framework, registration: at, handlers: [at], handlerNames: ['h'] });
const entries = [entry('GRAPHQL', 'Query.product', 'graphql'), entry('GRAPHQL', 'Query.user', 'graphql'), entry('GRAPHQL', 'Mutation.product', 'graphql'), entry('*', '/', 'express'), entry('POST', '/graphql', 'express')];

test('one root field: its resolver, exactly', () => {
  assert.deepEqual(entryPointsForFlow(entries, 'GRAPHQL Query.product').map((m) => [m.entry.flow, m.score]), [['GRAPHQL Query.product', 1]]);
  assert.deepEqual(entryPointsForFlow(entries, 'GRAPHQL Mutation.product').map((m) => m.entry.flow), ['GRAPHQL Mutation.product']);
});

test('several root fields: each resolver, as one of those that ran', () => {
  assert.deepEqual(entryPointsForFlow(entries, 'GRAPHQL Query.product+user').map((m) => [m.entry.flow, m.score]), [['GRAPHQL Query.product', 0.9], ['GRAPHQL Query.user', 0.9]]);
});

test('a field no resolver declares, or no GraphQL flow at all, matches no resolver', () => {
  assert.deepEqual(entryPointsForFlow(entries, 'GRAPHQL Query.orders'), []);
  assert.ok(entryPointsForFlow(entries, 'POST /graphql').every((m) => m.entry.framework !== 'graphql'));
});

test('a consumed message matches its topic\'s consumer, or a consumer whose topics the code does not name', () => {
  const consumers = [entry('MESSAGE', 'orders', 'kafkajs'), entry('MESSAGE', '*', 'kafkajs'), entry('JOB', 'orders', 'bullmq')];
  assert.deepEqual(entryPointsForFlow(consumers, 'MESSAGE orders').map((m) => [m.entry.flow, m.score]), [['MESSAGE orders', 1], ['MESSAGE *', 0.6]]);
  assert.deepEqual(entryPointsForFlow(consumers, 'JOB orders').map((m) => m.entry.flow), ['JOB orders']);
});
