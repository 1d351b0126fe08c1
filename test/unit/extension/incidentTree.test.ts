import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildIncidentTree } from '../../../src/extension/model/incidentTree';
import { syntheticReport } from '../../e2e/syntheticReport';

test('incident → flows by stuck share → requests → repeated operations, evidence, source', () => {
  const [incident, suspects, different] = buildIncidentTree(syntheticReport());
  assert.equal(incident!.label, '3 of 40 requests never finished');
  assert.deepEqual(incident!.children!.map((f) => f.label), ['POST /orders/:id/redeem', 'GET /orders/:id']);
  assert.equal(incident!.children![0]!.description, '3/10 stuck (30%)');
  const requests = incident!.children![0]!.children!;
  assert.deepEqual(requests.map((r) => r.label), ['trace-1', 'trace-2', 'trace-3']);
  const parts = requests[0]!.children!;
  assert.deepEqual(parts.map((p) => p.icon), ['sync', 'output', 'file-code']);
  assert.equal(parts[0]!.label, 'GET /vouchers/:code ×40');
  assert.deepEqual(parts[2]!.location, { kind: 'source', file: 'src/orders.ts', line: 4, column: 1 });
  assert.equal(incident!.children![1]!.children, undefined, 'a flow with nothing stuck and no mapping has no children');

  assert.equal(suspects!.children![0]!.suspectRank, 1);
  assert.deepEqual(suspects!.children![0]!.location, { kind: 'source', file: 'src/orders.ts', line: 8, column: undefined });
  assert.equal(suspects!.children![0]!.children!.length, 3, 'data path steps');
  assert.equal(different!.label, 'What is different');
  assert.match(different!.children![0]!.description!, /^stuck 3\/3 · healthy 0\/37 · lift 25\.0$/);
});

test('flows are sorted by stuck share even when the report is not', () => {
  const report = syntheticReport();
  report.flows.push({ key: 'GET /health', requests: 2, incomplete: 2, failed: 0, incompleteShare: 1, differences: [] });
  const flows = buildIncidentTree(report)[0]!.children!.map((f) => f.label);
  assert.deepEqual(flows, ['GET /health', 'POST /orders/:id/redeem', 'GET /orders/:id']);
});

test('many stuck requests are capped with a "more" node; ids are unique', () => {
  const report = syntheticReport();
  const template = report.incomplete[0]!;
  report.incomplete = Array.from({ length: 250 }, (_, i) => ({ ...template, id: `t${i}` }));
  const tree = buildIncidentTree(report);
  const flow = tree[0]!.children![0]!;
  assert.equal(flow.children!.length, 101);
  assert.equal(flow.children![100]!.label, '… 150 more stuck requests');
  const ids: string[] = [];
  const walk = (nodes: typeof tree): void => nodes.forEach((n) => (ids.push(n.id), walk(n.children ?? [])));
  walk(tree);
  assert.equal(new Set(ids).size, ids.length);
});

test('an empty report still builds the three sections', () => {
  const report = syntheticReport();
  Object.assign(report, { flows: [], incomplete: [], suspects: [], differences: [], mappings: [] });
  const tree = buildIncidentTree(report);
  assert.deepEqual(tree.map((n) => n.id), ['incident', 'suspects', 'different']);
  assert.deepEqual(tree[1]!.children, []);
});

test('evidence opens its input line, except inside compressed inputs', () => {
  const report = syntheticReport();
  report.incomplete[0]!.evidence[0]!.at = { file: '/traces/app.log.jsonl', line: 12 };
  report.incomplete[0]!.loops[0]!.exampleAt = { file: '/traces/traces.otlp.jsonl.gz', line: 3 };
  const parts = buildIncidentTree(report)[0]!.children![0]!.children![0]!.children!;
  assert.equal(parts[0]!.location, undefined, 'no line to open in a .gz');
  assert.deepEqual(parts[1]!.location, { kind: 'input', file: '/traces/app.log.jsonl', line: 12 });
});

test('a difference explained by another says so', () => {
  const report = syntheticReport();
  report.differences.push({ ...report.differences[0]!, key: 'http.request.method', value: 'POST', explainedBy: 'flow=POST /orders/:id/redeem' });
  const different = buildIncidentTree(report).find((n) => n.id === 'different')!;
  const node = different.children!.at(-1)!;
  assert.match(node.description!, /· explained by flow=POST \/orders\/:id\/redeem$/);
  assert.match(node.tooltip!, /only stuck requests have/);
  assert.doesNotMatch(different.children![0]!.description!, /explained/);
});
