// Client spans mapped against a real scan (not a hand-built one): the call is made on a client
// instance that another module created with a client factory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanProject } from '../../../src/core/analysis/scan';
import { createMappingContext } from '../../../src/core/mapping/index';
import { mapClientSpan } from '../../../src/core/mapping/client-calls';
import type { Span } from '../../../src/core/model/telemetry';
import { makeWorkspace } from './workspace';

test('a client span maps to the call on a factory-made client instance imported from another module', async (t) => {
  const ws = makeWorkspace({
    'src/lib/http.ts': ['import axios from "axios";', 'export const api = axios.create({ baseURL: process.env.API });'].join('\n'),
    'src/lib/cache.ts': 'export const cache = { get(key: string) { return key; } };',
    'src/services/holds.ts': [
      'import { api } from "../lib/http";',
      'import { cache } from "../lib/cache";',
      'export async function getHold(id: string) {',
      '  cache.get(`/v1/holds/${id}`);',
      '  return api.get(`/v1/holds/${id}`);',
      '}',
    ].join('\n'),
  });
  t.after(ws.cleanup);
  const { result } = await scanProject(ws.root);
  const ctx = createMappingContext(ws.root, result);
  const span: Span = {
    traceId: 't1', spanId: 's1', name: 'GET /v1/holds/{holdId}', kind: 'client', startMs: 0, status: 'unset', events: [], origin: { file: 'traces.json', line: 1 },
    attributes: { 'http.request.method': 'GET', 'url.full': 'http://holds.internal/v1/holds/h-123' },
  };
  assert.deepEqual(
    mapClientSpan(ctx, span).map((m) => `${m.location.file}:${m.location.startLine}`),
    ['src/services/holds.ts:5'],
  );
});
