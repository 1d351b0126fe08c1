// Flows table, with the native-looking vscode-table (rows are few: one per route). Breakpoint 0:
// the table is built while its tab may be hidden (width 0) and must not switch to the stacked view.
import '@vscode-elements/elements/dist/vscode-table/index.js';
import '@vscode-elements/elements/dist/vscode-table-header/index.js';
import '@vscode-elements/elements/dist/vscode-table-header-cell/index.js';
import '@vscode-elements/elements/dist/vscode-table-body/index.js';
import '@vscode-elements/elements/dist/vscode-table-row/index.js';
import '@vscode-elements/elements/dist/vscode-table-cell/index.js';
import type { ViewFlow } from '../protocol';
import { custom, el } from './dom';

const MAX_ROWS = 200;

export function renderFlows(root: HTMLElement, flows: readonly ViewFlow[], windowed: boolean): void {
  root.replaceChildren();
  root.append(el('p', { className: 'caption', text: windowed ? 'Flows recounted inside the selected time window, the largest stuck share first.' : 'Flows (method and route), the largest stuck share first.' }));
  if (flows.length === 0) {
    root.append(el('p', { className: 'muted', text: 'No requests in this window.' }));
    return;
  }
  const columns = ['Flow', 'Requests', 'Stuck', 'Failed', 'Stuck share'];
  const header = custom('vscode-table-header', { slot: 'header' }, undefined, columns.map((c) => custom('vscode-table-header-cell', {}, c)));
  const rows = flows.slice(0, MAX_ROWS).map((f) =>
    custom('vscode-table-row', {}, undefined, [
      custom('vscode-table-cell', { title: f.key }, f.key),
      custom('vscode-table-cell', {}, f.requests.toLocaleString('en-US')),
      custom('vscode-table-cell', {}, f.incomplete.toLocaleString('en-US')),
      custom('vscode-table-cell', {}, f.failed.toLocaleString('en-US')),
      custom('vscode-table-cell', {}, `${(f.incompleteShare * 100).toFixed(1)}%`),
    ]),
  );
  const body = custom('vscode-table-body', { slot: 'body' }, undefined, rows);
  const table = custom('vscode-table', { zebra: '', 'bordered-rows': '', breakpoint: '0', columns: JSON.stringify(['45%', '14%', '14%', '13%', '14%']), 'aria-label': 'Flows' }, undefined, [header, body]);
  table.classList.add('flows-table');
  // vscode-table fills its parent's height; give it room for its rows (it scrolls past that).
  table.style.height = `${Math.min(480, 34 + rows.length * 24)}px`;
  root.append(table);
  if (flows.length > MAX_ROWS) root.append(el('p', { className: 'muted', text: `${flows.length - MAX_ROWS} more flows not shown.` }));
}
