import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildViewModel } from '../../../webview/model/viewModel';
import { binRequests, flowLanes, nearestRequest, timeDomain } from '../../../webview/model/timeline';
import { sampleReport } from './sample';

const model = buildViewModel(sampleReport());

test('the time domain spans the first start to the last evidence', () => {
  assert.deepEqual(timeDomain(model.requests), [1000, 9000]);
  assert.equal(timeDomain({ id: [], flow: [], start: [], stop: [], open: [], state: [] }), null);
  assert.deepEqual(timeDomain({ id: ['x'], flow: [0], start: [5], stop: [5], open: [0], state: [0] }), [5, 6]);
});

test('bins count started requests by state, the last edge inclusive', () => {
  const bins = binRequests(model.requests, [1000, 9000], 4); // widths of 2000
  assert.deepEqual(bins.map((b) => [b.from, b.to, b.completed, b.failed, b.incomplete]), [
    [1000, 3000, 2, 0, 1], // a, d; b
    [3000, 5000, 0, 0, 0],
    [5000, 7000, 0, 0, 1], // c
    [7000, 9000, 1, 1, 0], // f; e
  ]);
  const total = bins.reduce((n, b) => n + b.completed + b.failed + b.incomplete, 0);
  assert.equal(total, 6);
  assert.equal(binRequests(model.requests, [1000, 9000], 0).length, 1);
});

test('lanes: flows with stuck requests first, the rest in "other flows" past the limit', () => {
  const report = sampleReport();
  report.flows.push({ key: 'GET /a', requests: 9, incomplete: 0, failed: 0, incompleteShare: 0, differences: [] });
  const m = buildViewModel(report);
  assert.deepEqual(flowLanes(m, 5), { labels: ['POST /redeem', 'GET /a', 'GET /items'], laneOfFlow: [0, 2, 1] });
  assert.deepEqual(flowLanes(m, 2), { labels: ['POST /redeem', 'other flows (2)'], laneOfFlow: [0, 1, 1] });
});

test('nearestRequest finds the request under the pointer in a lane, preferring stuck ones', () => {
  const { laneOfFlow } = flowLanes(model, 5);
  // lane 0 = POST /redeem: at t=1050 both a (1000-1100) and nothing else; at 5500 b and c overlap, c is shorter but both stuck
  assert.equal(model.requests.id[nearestRequest(model.requests, laneOfFlow, 0, 1050, 10)], 'a');
  assert.equal(model.requests.id[nearestRequest(model.requests, laneOfFlow, 0, 1150, 60)], 'b');
  assert.equal(nearestRequest(model.requests, laneOfFlow, 1, 4000, 10), -1);
});
