// The incident report page: builds the layout, performs the ready → init handshake, and keeps the
// views in step with the brushed time window and the selected request.
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import './styles.css';
import { DEFAULT_UI_STATE, STATE_INCOMPLETE, isUiState, type HostToPage, type ReportTab, type SourceLink, type UiState, type ViewModel } from './protocol';
import { connectToHost } from './vscodeApi';
import { countSelected, differencesInWindow, flowsInWindow, requestsInWindow, stuckRequestsInWindow, suspectsInWindow } from './model/window';
import { formatDuration } from './model/differenceChart';
import { TimelineView } from './views/timeline';
import { WaterfallView } from './views/waterfall';
import { renderFlows } from './views/flowsTable';
import { renderDifferences } from './views/differences';
import { renderSuspects } from './views/suspects';
import { custom, el, formatTime, plural } from './views/dom';

const TABS: ReportTab[] = ['differences', 'suspects', 'flows'];
const TAB_TITLES: Record<ReportTab, string> = { differences: 'What is different', suspects: 'Suspects', flows: 'Flows' };
const PICKER_LIMIT = 200;

const host = connectToHost();
let model: ViewModel | null = null;
let ui: UiState = { ...DEFAULT_UI_STATE };
let mask: Uint8Array | null = null;
/** Tabs whose content no longer matches the window (drawn when shown). */
const stalePanels = new Set<ReportTab>(TABS);

const app = document.getElementById('app') ?? document.body;
const title = el('h1', { text: 'Limbo: Incident Report' });
const summary = el('p', { className: 'summary', attrs: { 'aria-live': 'polite' } });
const windowLabel = el('span', { className: 'window-label', attrs: { 'aria-live': 'polite' } });
const clearWindow = el('button', { className: 'link-button', text: 'Clear time window', attrs: { type: 'button' } });
clearWindow.addEventListener('click', () => setWindow(null));
const timelineSection = el('section', { className: 'timeline', attrs: { 'aria-label': 'Timeline' } });
const tabs = custom('vscode-tabs', { 'aria-label': 'Report views' });
const panels = new Map<ReportTab, HTMLElement>();
for (const tab of TABS) {
  tabs.append(custom('vscode-tab-header', { slot: 'header', id: `tab-${tab}` }, TAB_TITLES[tab]));
  const panel = custom('vscode-tab-panel', { 'aria-labelledby': `tab-${tab}` });
  const body = el('div', { className: `panel-body panel-${tab}` });
  panel.append(body);
  tabs.append(panel);
  panels.set(tab, body);
}
tabs.addEventListener('vsc-tabs-select', (e) => {
  const index = (e as CustomEvent<{ selectedIndex: number }>).detail.selectedIndex;
  ui = { ...ui, tab: TABS[index] ?? 'differences' };
  renderPanel(ui.tab);
  saveUi();
});
const pickerList = el('ul', { className: 'request-picker', attrs: { role: 'listbox', 'aria-label': 'Stuck requests in the window, longest first', tabindex: '0' } });
const pickerCaption = el('p', { className: 'caption' });
const waterfallSection = el('section', { className: 'waterfall', attrs: { 'aria-label': 'Request waterfall' } });
const requestSection = el('section', { className: 'requests', attrs: { 'aria-label': 'Stuck requests' } }, [el('h2', { text: 'Stuck requests' }), pickerCaption, pickerList]);
const loading = el('p', { className: 'muted', text: 'Loading the report…' });

app.append(
  el('header', {}, [title, summary, el('div', { className: 'window-bar' }, [windowLabel, clearWindow])]),
  loading,
  timelineSection,
  el('div', { className: 'columns' }, [el('section', { className: 'views', attrs: { 'aria-label': 'Flows, differences and suspects' } }, [tabs]), el('div', { className: 'detail' }, [requestSection, waterfallSection])]),
);

const openLocation = (location: SourceLink) => host.post({ type: 'openLocation', location });
const timeline = new TimelineView(timelineSection, {
  onWindow: (w) => setWindow(w),
  onSelectRequest: (i) => model && selectRequest(model.requests.id[i]),
});
const waterfall = new WaterfallView(waterfallSection, openLocation);
waterfall.showMessage('Select a stuck request (list above or a line in the timeline) to see its spans and log records.');

host.onMessage((message: HostToPage) => {
  if (message.type === 'init') init(message.model, message.uiState);
  else if (message.type === 'requestDetail' && message.requestId === ui.selectedRequestId) {
    if (message.detail) {
      performance.mark('limbo:waterfall:start');
      waterfall.show(message.detail);
      performance.measure('limbo:waterfall', 'limbo:waterfall:start');
    }
    else waterfall.showMessage(message.error ?? `The report has no spans or log records for request ${message.requestId}.`);
  }
});
host.post({ type: 'ready' });

function init(next: ViewModel, restored: UiState | null): void {
  // Marks for bench/webview.mjs (first render and brush response); cheap enough to keep.
  performance.mark('limbo:init:start');
  model = next;
  const saved = host.savedState();
  ui = restored ?? (isUiState(saved) ? saved : { ...DEFAULT_UI_STATE });
  loading.remove();
  title.textContent = `Limbo: ${next.title}`;
  const s = next.summary;
  summary.textContent = `${plural(s.requests, 'request')}, ${plural(s.incompleteRequests, 'stuck request')} (never finished), ${plural(s.failedRequests, 'failed request')}, ${plural(s.suspects, 'suspect loop')} · generated ${next.generatedAt}`;
  timeline.setModel(next);
  timeline.render();
  tabs.setAttribute('selected-index', String(Math.max(0, TABS.indexOf(ui.tab))));
  applyWindow();
  timeline.setWindow(ui.window);
  if (ui.selectedRequestId && next.requests.id.includes(ui.selectedRequestId)) selectRequest(ui.selectedRequestId);
  else {
    const first = stuckRequestsInWindow(next.requests, mask ?? requestsInWindow(next.requests, null), 1)[0];
    if (first !== undefined) selectRequest(next.requests.id[first]);
  }
  performance.measure('limbo:init', 'limbo:init:start');
}

function setWindow(window: [number, number] | null): void {
  ui = { ...ui, window };
  timeline.setWindow(window);
  applyWindow();
  saveUi();
}

/** Recount every view for the current window. */
function applyWindow(): void {
  if (!model) return;
  performance.mark('limbo:window:start');
  mask = ui.window ? requestsInWindow(model.requests, ui.window) : null;
  if (ui.window && mask) {
    const [a, b] = [Math.min(...ui.window), Math.max(...ui.window)];
    windowLabel.textContent = `Time window ${formatTime(a)} – ${formatTime(b)} (${formatDuration(b - a)}): ${plural(countSelected(mask), 'request')}`;
    clearWindow.hidden = false;
  } else {
    windowLabel.textContent = 'All time. Drag across the timeline to select a window.';
    clearWindow.hidden = true;
  }
  // Only the visible tab is redrawn now; the others when they are shown.
  for (const tab of TABS) stalePanels.add(tab);
  renderPanel(ui.tab);
  renderPicker();
  timeline.drawLanes();
  performance.measure('limbo:window', 'limbo:window:start');
}

function renderPanel(tab: ReportTab): void {
  if (!model || !stalePanels.has(tab)) return;
  stalePanels.delete(tab);
  // With only the stuck requests in the report there are no healthy ones to recount against:
  // differences and flows keep the report's numbers; suspects still count the stuck ones in the window.
  const recount = model.onlyIncompleteRequests ? null : mask;
  if (tab === 'differences') renderDifferences(panels.get('differences')!, differencesInWindow(model, recount), recount !== null);
  else if (tab === 'suspects') renderSuspects(panels.get('suspects')!, suspectsInWindow(model, mask), openLocation);
  else renderFlows(panels.get('flows')!, flowsInWindow(model, recount), recount !== null);
}

function renderPicker(): void {
  if (!model) return;
  const cols = model.requests;
  const picked = stuckRequestsInWindow(cols, mask ?? requestsInWindow(cols, null), PICKER_LIMIT);
  let stuckTotal = 0;
  for (let i = 0; i < cols.state.length; i++) if (cols.state[i] === STATE_INCOMPLETE && (!mask || mask[i])) stuckTotal++;
  pickerCaption.textContent = stuckTotal === 0 ? 'No stuck requests here.' : `${plural(stuckTotal, 'stuck request')}${stuckTotal > picked.length ? `, the ${picked.length} stuck longest shown` : ''}. Select one to see its waterfall.`;
  pickerList.replaceChildren(
    ...picked.map((i) => {
      const flow = model!.flows[cols.flow[i]]?.key ?? '';
      const item = el('li', { className: 'request-item', attrs: { role: 'option', id: `req-${i}`, 'data-index': String(i), 'aria-selected': String(cols.id[i] === ui.selectedRequestId) } }, [
        el('span', { className: 'request-flow', text: flow }),
        el('span', { className: 'muted', text: ` · ${formatDuration(cols.stop[i] - cols.start[i])} open · ${cols.id[i]}` }),
      ]);
      return item;
    }),
  );
}

pickerList.addEventListener('click', (e) => {
  const item = (e.target as HTMLElement).closest<HTMLElement>('[data-index]');
  if (item && model) selectRequest(model.requests.id[Number(item.dataset.index)]);
});
pickerList.addEventListener('keydown', (e) => {
  if (!model) return;
  const items = [...pickerList.querySelectorAll<HTMLElement>('[data-index]')];
  if (items.length === 0) return;
  const current = items.findIndex((it) => it.getAttribute('aria-selected') === 'true');
  let next = current;
  if (e.key === 'ArrowDown') next = Math.min(items.length - 1, current + 1);
  else if (e.key === 'ArrowUp') next = Math.max(0, current - 1);
  else if (e.key === 'Home') next = 0;
  else if (e.key === 'End') next = items.length - 1;
  else return;
  e.preventDefault();
  selectRequest(model.requests.id[Number(items[next].dataset.index)]);
});

function selectRequest(id: string): void {
  if (!model) return;
  ui = { ...ui, selectedRequestId: id };
  saveUi();
  const index = model.requests.id.indexOf(id);
  timeline.setSelected(index);
  for (const item of pickerList.querySelectorAll<HTMLElement>('[data-index]')) {
    const selected = Number(item.dataset.index) === index;
    item.setAttribute('aria-selected', String(selected));
    if (selected) {
      pickerList.setAttribute('aria-activedescendant', item.id);
      item.scrollIntoView?.({ block: 'nearest' });
    }
  }
  waterfall.showMessage(`Loading request ${id}…`);
  host.post({ type: 'selectRequest', requestId: id });
}

function saveUi(): void {
  host.saveState(ui);
}
