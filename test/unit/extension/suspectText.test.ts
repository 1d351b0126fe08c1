import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codeLensTitle, diagnosticMessage, loopLensTitle, suspectsByLine, explanationMarkdown, hoverMarkdown, relevantDifferences, shortDataName, skippedFileMessage } from '../../../src/extension/model/suspectText';
import { HOSTILE, syntheticReport } from '../../e2e/syntheticReport';

test('shortDataName drops the request object', () => {
  const cases: Array<[string, string]> = [
    ['req.body.code', 'body.code'],
    ['ctx.request.body.code', 'body.code'],
    ['request.query.page', 'query.page'],
    ['c.req.param.id', 'param.id'],
    ['headers.x', 'headers.x'],
  ];
  for (const [input, expected] of cases) assert.equal(shortDataName(input), expected);
});

test('code lens title names the stuck count, the flow and the data the exit depends on', () => {
  const suspect = syntheticReport().suspects[0]!;
  assert.equal(codeLensTitle(suspect), 'Limbo: 3 stuck requests in POST /orders/:id/redeem · exit depends on body.code');
  assert.equal(codeLensTitle({ ...suspect, stuckRequests: 1 }), 'Limbo: 1 stuck request in POST /orders/:id/redeem · exit depends on body.code');
  const noData = { ...suspect, finding: { ...suspect.finding, sources: [] } };
  assert.equal(codeLensTitle(noData), 'Limbo: 3 stuck requests in POST /orders/:id/redeem · exit depends on request data');
  const poll = { ...noData, rule: 'unbounded-poll-or-retry' };
  assert.equal(codeLensTitle(poll), 'Limbo: 3 stuck requests in POST /orders/:id/redeem · polls with no attempt cap or deadline');
  assert.equal(codeLensTitle({ ...noData, rule: 'some-new-rule\u001b' }), 'Limbo: 3 stuck requests in POST /orders/:id/redeem · some-new-rule');
  const hostileFlow = { ...suspect, flows: ['GET /x\u001b[2J\nrm -rf'] };
  assert.equal(codeLensTitle(hostileFlow), 'Limbo: 3 stuck requests in GET /x[2J rm -rf · exit depends on body.code');
});

test('diagnostic message is one plain line', () => {
  const message = diagnosticMessage(syntheticReport().suspects[0]!);
  assert.match(message, /^Suspect #1: this while may never exit for POST \/orders\/:id\/redeem; its exit depends on body\.code \(3 stuck requests\)\./);
  assert.ok(!message.includes('\n'));
});

test('hover and explanation escape trace-derived text', () => {
  const report = syntheticReport();
  const suspect = report.suspects[0]!;
  for (const markdown of [hoverMarkdown(report, suspect), explanationMarkdown(report, suspect)]) {
    assert.ok(!markdown.includes(HOSTILE), 'raw HTML payload must not survive');
    assert.ok(!/<img/i.test(markdown));
    assert.ok(markdown.includes('&lt;img src=x onerror=&quot;'));
  }
  const explanation = explanationMarkdown(report, suspect);
  assert.match(explanation, /## Data path to the exit condition\n\n1\. src\/orders.ts:5 — req.body.code flows into \\`code\\`/);
  assert.match(explanation, /## Stuck requests \(first 10\)\n\n- `trace-1` POST \/orders\/:id\/redeem/);
});

test('relevant differences are those on the data path or the flow', () => {
  const report = syntheticReport();
  const suspect = report.suspects[0]!;
  report.differences.push(
    { key: 'body.code', value: 'LEGACY-1', incompleteWith: 3, incompleteTotal: 3, healthyWith: 1, healthyTotal: 37, lift: 9, pValue: 0.01, score: 5 },
    { key: 'flow', value: 'POST /orders/:id/redeem', incompleteWith: 3, incompleteTotal: 3, healthyWith: 7, healthyTotal: 37, lift: 4, pValue: 0.02, score: 4 },
    { key: 'user.agent', value: 'curl', incompleteWith: 1, incompleteTotal: 3, healthyWith: 1, healthyTotal: 37, lift: 2, pValue: 0.3, score: 1 },
  );
  assert.deepEqual(relevantDifferences(report, suspect).map((d) => d.key), ['body.code', 'flow']);
});

test('one lens per loop line: best rank first, other rules counted', () => {
  const base = syntheticReport().suspects[0]!;
  const at = (rank: number, file: string, line: number, rule = base.rule) => ({ ...base, rank, rule, location: { ...base.location, file, startLine: line } });
  const suspects = [at(3, 'a.ts', 8, 'cursor-may-repeat'), at(1, 'a.ts', 8), at(2, 'a.ts', 20), at(4, 'b.ts', 8)];
  const byLine = suspectsByLine(suspects, 'a.ts');
  assert.deepEqual([...byLine.keys()], [8, 20]);
  assert.deepEqual(byLine.get(8)!.map((s) => s.rank), [1, 3]);
  assert.equal(loopLensTitle(byLine.get(8)!), 'Limbo: 3 stuck requests in POST /orders/:id/redeem · exit depends on body.code · +1 more rule');
  assert.equal(loopLensTitle(byLine.get(20)!), 'Limbo: 3 stuck requests in POST /orders/:id/redeem · exit depends on body.code');
  assert.equal(loopLensTitle([]), '');
});

test('a skipped source file says why and that its loops are unchecked, without repeating its path', () => {
  assert.equal(
    skippedFileMessage({ file: 'src/a.ts', line: 12, column: 3, message: "src/a.ts:12: does not parse, skipped: ')' expected." }),
    "Limbo did not analyze this file (does not parse, skipped: ')' expected.): its loops are not checked until it parses and is analyzed again.",
  );
  // A message without the path prefix is kept whole; control characters from the source never reach the panel.
  const odd = skippedFileMessage({ file: 'src/b.js', line: 1, message: 'analysis failed\u0007 here' });
  assert.ok(odd.includes('analysis failed') && !odd.includes('\u0007'), odd);
});

test('a flow whose route path the analyzer could not compute is explained where flows are listed', () => {
  const report = syntheticReport();
  const suspect = { ...report.suspects[0]!, flows: ['GET /api/(unknown)'] };
  assert.match(explanationMarkdown(report, suspect), /- Flows: `GET \/api\/\(unknown\)` — .*could not compute/);
  assert.doesNotMatch(explanationMarkdown(report, report.suspects[0]!), /could not compute/);
});
