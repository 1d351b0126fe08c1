// The Markdown summary, rendered by a real CommonMark + GFM-tables renderer (markdown-it): the report's
// content is there, and no value from the input becomes markup (a link, an image, HTML, an extra cell).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { markdownCode, markdownText, renderMarkdown } from '../../../src/core/report/markdown';
import { sampleReport } from './sample';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt = require('markdown-it') as new (options?: object) => { render(text: string): string };

const md = new MarkdownIt({ html: true, linkify: true });

const HOSTILE = [
  '<script>alert(1)</script>',
  '[click](javascript:alert(1))',
  '![img](https://example.invalid/x.png)',
  'a | b | c',
  '``tick`` and `one`',
  '**bold** _em_ ~~gone~~',
  '&lt;entity&gt;',
  'line\nbreak',
  '<https://example.invalid>',
  'see www.example.invalid or https://example.invalid/path',
];

test('the summary has the incident: counts, hanging flows, differences, evidence', () => {
  const report = sampleReport();
  const html = md.render(renderMarkdown(report));
  assert.match(html, /<h2>Limbo incident summary<\/h2>/);
  assert.match(html, new RegExp(`<strong>${report.summary.incompleteRequests} of ${report.summary.requests} requests never finished`));
  assert.match(html, /<td><code>POST \/coupons\/:code\/redeem<\/code><\/td>\n<td style="text-align:right">3<\/td>/);
  assert.match(html, /<li><code>children-after-parent-end<\/code>: 'POST \/coupons\/:code\/redeem' ended after 5\.00 s/);
  assert.match(html, /Stuck requests started between \d{4}-\d\d-\d\dT/);
  const top = report.differences[0]!;
  assert.ok(html.includes(`${top.incompleteWith} of ${top.incompleteTotal}`));
  assert.match(html, /<h3>Strongest evidence<\/h3>/);
});

test('hostile values stay text: no link, image, tag, entity or extra table cell', () => {
  const report = sampleReport();
  const flow = report.flows.find((f) => f.incomplete > 0)!;
  report.flows = [{ ...flow, key: HOSTILE.join(' ') }];
  report.differences = HOSTILE.map((value, i) => ({ ...report.differences[0]!, key: `k${i}|${value}`, value, explainedBy: value }));
  report.incomplete = report.incomplete.slice(0, 1).map((r) => ({ ...r, id: HOSTILE[4]!, flow: HOSTILE[0]!, evidence: HOSTILE.map((detail) => ({ ...r.evidence[0]!, detail, kind: detail as never })) }));
  report.incomplete[0]!.evidence = report.incomplete[0]!.evidence.slice(0, 4);
  const html = md.render(renderMarkdown(report, { top: 20 }));
  assert.doesNotMatch(html, /<script|<a |<img|<strong>bold|<em>em|<s>gone/);
  assert.ok(!html.includes('&lt;entity&gt;') || html.includes('&amp;lt;entity&amp;gt;'), 'an entity in the data is shown, not decoded');
  // Every row of each table has as many cells as its header.
  for (const table of html.match(/<table>[\s\S]*?<\/table>/g) ?? []) {
    const rows = table.match(/<tr>[\s\S]*?<\/tr>/g)!;
    const width = (rows[0]!.match(/<th/g) ?? []).length;
    for (const row of rows.slice(1)) assert.equal((row.match(/<td/g) ?? []).length, width, row);
  }
  assert.equal((html.match(/<table>/g) ?? []).length, 2);
  // The values are shown (as code or escaped text), not dropped.
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(html.includes('[click](javascript:alert(1))'));
});

test('code spans are fenced longer than any backtick run; text escapes what opens markup', () => {
  assert.equal(markdownCode('a`b'), '``a`b``');
  assert.equal(markdownCode('`x`'), '`` `x` ``');
  assert.equal(markdownCode('a|b', 120, true), '`a\\|b`');
  assert.equal(markdownCode(''), '*(empty)*');
  assert.equal(markdownCode('\u001b[31m'), '`\\x1b[31m`');
  assert.equal(markdownText('*a* [b](c) <d> &e'), '\\*a\\* \\[b\\](c) \\<d\\> \\&e');
  assert.equal(markdownText('at https://x.invalid and www.y.invalid'), 'at https\\://x.invalid and www\\.y.invalid');
  for (const value of HOSTILE) {
    const rendered = md.render(`x ${markdownCode(value)} ${markdownText(value)}`);
    assert.doesNotMatch(rendered, /<script|<a |<img|<strong>|<em>|<s>/, value);
  }
});
