// "What is different": for each attribute value, its share among stuck requests beside its share
// among healthy ones, with the counts, drawn with d3 as SVG (a few dozen bars at most).
import { select } from 'd3-selection';
import { scaleLinear } from 'd3-scale';
import type { ViewDifference } from '../protocol';
import { differenceBars, formatLift, formatPValue } from '../model/differenceChart';
import { el } from './dom';

const ROW = 60;
const LABEL_WIDTH = 260;
const LIMIT = 15;

export function renderDifferences(root: HTMLElement, differences: readonly ViewDifference[], windowed: boolean): void {
  const bars = differenceBars(differences, LIMIT);
  root.replaceChildren();
  root.append(
    el('p', {
      className: 'caption',
      text: windowed
        ? 'Attribute values recounted inside the selected time window, ranked by lift (share among stuck ÷ share among healthy).'
        : 'Attribute values that separate stuck requests from healthy ones, in the rank order of the analysis.',
    }),
  );
  if (bars.length === 0) {
    root.append(el('p', { className: 'muted', text: windowed ? 'No stuck request in this window carries a ranked value.' : 'The analysis found no attribute value that separates stuck requests.' }));
    return;
  }
  const width = Math.max(480, root.clientWidth || 640);
  const x = scaleLinear().domain([0, 1]).range([0, Math.max(80, width - LABEL_WIDTH - 48)]); // room for the "100%" after a full bar
  const svg = select(root)
    .append('svg')
    .attr('class', 'differences-chart')
    .attr('width', width)
    .attr('height', bars.length * ROW + 24)
    .attr('role', 'list')
    .attr('aria-label', 'What is different about the stuck requests');
  const legend = svg.append('g').attr('transform', 'translate(0,12)').attr('aria-hidden', 'true');
  legend.append('rect').attr('class', 'bar incomplete').attr('x', LABEL_WIDTH).attr('y', -8).attr('width', 10).attr('height', 8);
  legend.append('text').attr('x', LABEL_WIDTH + 14).attr('y', 0).text('share of stuck requests');
  legend.append('rect').attr('class', 'bar healthy').attr('x', LABEL_WIDTH + 170).attr('y', -8).attr('width', 10).attr('height', 8);
  legend.append('text').attr('x', LABEL_WIDTH + 184).attr('y', 0).text('share of healthy requests');

  const rows = svg
    .selectAll('g.difference')
    .data(bars)
    .join('g')
    .attr('class', 'difference')
    .attr('role', 'listitem')
    .attr('tabindex', '0')
    .attr('transform', (_, i) => `translate(0,${24 + i * ROW})`)
    .attr('aria-label', (d, i) =>
      `${i + 1}. ${d.label}: ${d.incompleteWith} of ${d.incompleteTotal} stuck requests, ${d.healthyWith} of ${d.healthyTotal} healthy, lift ${formatLift(d.lift)}${windowed ? '' : `, p ${formatPValue(d.pValue)}`}`);
  rows.append('title').text((d) => (d.explainedBy ? `${d.label} (explained by ${d.explainedBy}: every stuck request with it carries that too)` : d.label));
  rows.append('text').attr('class', 'difference-label').attr('x', 0).attr('y', 14).text((d, i) => `${i + 1}. ${truncate(d.label, 38)}`);
  rows
    .append('text')
    .attr('class', 'difference-counts muted')
    .attr('x', 0)
    .attr('y', 52)
    .text((d) => `${d.incompleteWith}/${d.incompleteTotal} stuck · ${d.healthyWith}/${d.healthyTotal} healthy · lift ${formatLift(d.lift)}${windowed ? '' : ` · p ${formatPValue(d.pValue)}`}`);
  rows.append('rect').attr('class', 'bar incomplete').attr('x', LABEL_WIDTH).attr('y', 4).attr('height', 14).attr('width', (d) => Math.max(1, x(d.stuckShare)));
  rows.append('rect').attr('class', 'bar healthy').attr('x', LABEL_WIDTH).attr('y', 22).attr('height', 14).attr('width', (d) => Math.max(1, x(d.healthyShare)));
  rows.append('text').attr('class', 'bar-value').attr('x', (d) => LABEL_WIDTH + Math.max(1, x(d.stuckShare)) + 4).attr('y', 15).text((d) => `${Math.round(d.stuckShare * 100)}%`);
  rows.append('text').attr('class', 'bar-value').attr('x', (d) => LABEL_WIDTH + Math.max(1, x(d.healthyShare)) + 4).attr('y', 33).text((d) => `${Math.round(d.healthyShare * 100)}%`);
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
