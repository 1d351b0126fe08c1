import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMappingContext, mapSpan } from '../../../src/core/mapping/index';
import { mapCodeLiterals } from '../../../src/core/mapping/code-literals';
import type { Span } from '../../../src/core/model/telemetry';
import { emptyScan, loc, makeWorkspace } from './workspace';

const PROVIDER = `import { call } from './http';
export async function getHold(id: string) {
  return call('GET', '/v1/holds/{holdId}', { holdId: id });
}
export async function placeHold(card: string) {
  return call('POST', "/v1/cards/{card}/holds", { card });
}
`;

test('code literals: a wrapper-built client span maps to the one place its URL template is written', (t) => {
  const ws = makeWorkspace({
    'src/provider.ts': PROVIDER,
    'src/common.ts': "const a = 'shared-text'; const b = 'shared-text'; const c = 'shared-text'; const d = 'shared-text';\n",
    'dist/provider.js': "call('GET', '/v1/holds/{holdId}')\n",
  });
  t.after(ws.cleanup);
  const ctx = createMappingContext(ws.root, emptyScan(ws.root));
  const span: Span = {
    traceId: 't', spanId: 's', name: 'GET /v1/holds/{holdId}', kind: 'client', startMs: 0, status: 'unset', events: [], origin: { file: 'x', line: 1 },
    attributes: { 'http.request.method': 'GET', 'url.full': 'https://gc.example/v1/holds/h_1', 'url.template': '/v1/holds/{holdId}' },
  };
  const mapped = mapSpan(ctx, span);
  assert.deepEqual(mapped.map((m) => [m.via, m.location.file, m.location.startLine]), [['code-literal', 'src/provider.ts', 3]], 'compiled output in dist/ is not counted');
  assert.ok(mapped[0].confidence < 0.5, 'weaker than a recognized call site');

  const cases: Array<[string[], string[]]> = [
    [['/v1/cards/{card}/holds'], ['src/provider.ts:6']],
    [['nope', '/v1/holds/{holdId}'], ['src/provider.ts:3']],
    [['shared-text'], []], // written in four places: says nothing about which one ran
    [['abc'], []], // too short to mean anything
  ];
  for (const [candidates, expected] of cases) {
    assert.deepEqual(mapCodeLiterals(ctx, candidates, 'span').map((m) => `${m.location.file}:${m.location.startLine}`), expected, candidates.join(' | '));
  }
});

test('code literals are only a fallback: a recognized call site wins', (t) => {
  const ws = makeWorkspace({ 'src/provider.ts': PROVIDER });
  t.after(ws.cleanup);
  const ctx = createMappingContext(ws.root, emptyScan(ws.root, { clientCalls: [{ kind: 'http', target: 'GET {}/v1/holds/{}', location: loc('src/provider.ts', 3) }] }));
  const span: Span = {
    traceId: 't', spanId: 's', name: 'GET', kind: 'client', startMs: 0, status: 'unset', events: [], origin: { file: 'x', line: 1 },
    attributes: { 'http.request.method': 'GET', 'url.full': 'https://gc.example/v1/holds/h_1' },
  };
  assert.deepEqual(mapSpan(ctx, span).map((m) => m.via), ['client-call']);
});

test('a huge log message is neither matched as a literal nor kept as a memo key', (t) => {
  const ws = makeWorkspace({ 'src/provider.ts': PROVIDER });
  t.after(ws.cleanup);
  const ctx = createMappingContext(ws.root, emptyScan(ws.root));
  const huge = '/v1/holds/{holdId}'.repeat(300_000);
  assert.deepEqual(mapCodeLiterals(ctx, [huge], 'log message'), []);
  for (const key of ctx.memo.keys()) assert.ok(key.length < 10_000, `memo key of ${key.length} chars`);
});
