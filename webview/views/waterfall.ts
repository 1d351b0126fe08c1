// Waterfall of one request: a virtualized list (only the rows on screen exist in the DOM), so a
// 20,000-span request scrolls as smoothly as a 20-span one. Keyboard: arrows move, Enter opens.
import type { RequestDetail, SourceLink } from '../protocol';
import { layoutWaterfall, visibleRange, type WaterfallLayout } from '../model/waterfall';
import { formatDuration } from '../model/differenceChart';
import { el, sourceLabel } from './dom';

const ROW_HEIGHT = 22;
const MAX_INDENT = 24;

export class WaterfallView {
  private layout: WaterfallLayout | null = null;
  private active = 0;
  private readonly header: HTMLDivElement;
  private readonly viewport: HTMLDivElement;
  private readonly spacer: HTMLDivElement;
  private readonly rowsLayer: HTMLDivElement;
  private frame = 0;

  constructor(root: HTMLElement, private readonly onOpen: (location: SourceLink) => void) {
    this.header = el('div', { className: 'waterfall-header' });
    this.spacer = el('div', { className: 'waterfall-spacer' });
    this.rowsLayer = el('div', { className: 'waterfall-rows' });
    this.viewport = el('div', { className: 'waterfall-viewport', attrs: { tabindex: '0', role: 'listbox', 'aria-label': 'Spans and log records of the selected request' } }, [this.spacer, this.rowsLayer]);
    root.append(this.header, this.viewport);
    this.viewport.addEventListener('scroll', () => this.schedule());
    this.viewport.addEventListener('keydown', (e) => this.onKey(e));
    this.viewport.addEventListener('click', (e) => {
      const row = (e.target as HTMLElement).closest<HTMLElement>('[data-row]');
      if (!row) return;
      this.active = Number(row.dataset.row);
      this.openActive();
      this.drawRows();
    });
  }

  showMessage(text: string): void {
    this.layout = null;
    this.header.replaceChildren(el('p', { className: 'muted', text }));
    this.spacer.style.height = '0px';
    this.rowsLayer.replaceChildren();
  }

  show(detail: RequestDetail): void {
    this.layout = layoutWaterfall(detail);
    this.active = 0;
    const { rows, repeated, domain } = this.layout;
    const spanCount = rows.filter((r) => r.kind === 'span').length;
    const title = el('h3', { text: `${detail.flow || 'request'} — ${detail.requestId}` });
    const facts = el('p', {
      className: 'muted',
      text: `${detail.state} · ${spanCount.toLocaleString('en-US')} spans, ${(rows.length - spanCount).toLocaleString('en-US')} log records · ${formatDuration(domain[1] - domain[0])} from first to last evidence`,
    });
    const children: Node[] = [title, facts];
    if (repeated) {
      children.push(
        el('p', { className: 'repeated-summary', attrs: { role: 'note' } }, [
          el('span', { className: 'repeated-swatch', attrs: { 'aria-hidden': 'true' } }),
          el('span', { text: `Repeated ${repeated.source === 'span' ? 'operation' : 'log record'}: ` }),
          el('code', { text: repeated.operation }),
          el('span', { text: ` × ${repeated.count.toLocaleString('en-US')}, every ${formatDuration(repeated.periodMs)}` }),
        ]),
      );
    }
    if (rows.length === 0) children.push(el('p', { className: 'muted', text: 'No spans or log records for this request.' }));
    this.header.replaceChildren(...children);
    this.spacer.style.height = `${rows.length * ROW_HEIGHT}px`;
    this.viewport.scrollTop = 0;
    this.drawRows();
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.drawRows();
    });
  }

  private drawRows(): void {
    const layout = this.layout;
    if (!layout) return;
    const [first, last] = visibleRange(layout.rows.length, ROW_HEIGHT, this.viewport.scrollTop, this.viewport.clientHeight || 400);
    const [d0, d1] = layout.domain;
    const pct = (t: number) => ((t - d0) / (d1 - d0)) * 100;
    const nodes: HTMLElement[] = [];
    for (let i = first; i < last; i++) {
      const r = layout.rows[i];
      const classes = ['wf-row', r.kind, r.repeated ? 'repeated' : '', r.error ? 'error' : '', r.location ? 'linked' : '', i === this.active ? 'active' : ''].filter(Boolean).join(' ');
      const label = el('span', { className: 'wf-label', text: r.label, attrs: { title: r.location ? `${r.label} — ${sourceLabel(r.location.file, r.location.line)}` : r.label } });
      label.style.paddingLeft = `${Math.min(r.depth, MAX_INDENT) * 10 + 4}px`;
      const meta = el('span', { className: 'wf-meta', text: r.meta });
      const track = el('span', { className: 'wf-track' });
      if (!r.untimed) {
        const mark = el('span', { className: r.kind === 'log' ? 'wf-point' : r.open ? 'wf-bar open' : 'wf-bar' });
        mark.style.left = `${pct(r.startMs)}%`;
        if (r.kind === 'span') mark.style.width = `${Math.max(0.15, pct(r.endMs ?? d1) - pct(r.startMs))}%`;
        track.appendChild(mark);
      }
      const when = r.kind === 'span' ? (r.untimed ? 'no time recorded' : r.endMs === undefined ? 'never ended' : formatDuration(r.endMs - r.startMs)) : `+${formatDuration(r.startMs - d0)}`;
      const row = el('div', {
        className: classes,
        attrs: {
          id: `wf-row-${i}`,
          role: 'option',
          'data-row': String(i),
          'aria-selected': String(i === this.active),
          'aria-label': `${r.kind === 'span' ? 'span' : 'log record'} ${r.label}, ${when}${r.repeated ? ', repeated operation' : ''}${r.location ? `, opens ${sourceLabel(r.location.file, r.location.line)}` : ''}`,
        },
      }, [label, meta, track, el('span', { className: 'wf-when', text: when })]);
      row.style.top = `${i * ROW_HEIGHT}px`;
      nodes.push(row);
    }
    this.rowsLayer.replaceChildren(...nodes);
    if (layout.rows.length) this.viewport.setAttribute('aria-activedescendant', `wf-row-${this.active}`);
  }

  private onKey(e: KeyboardEvent): void {
    const layout = this.layout;
    if (!layout || layout.rows.length === 0) return;
    const page = Math.max(1, Math.floor(this.viewport.clientHeight / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (e.key in moves) this.active = Math.max(0, Math.min(layout.rows.length - 1, this.active + moves[e.key]));
    else if (e.key === 'Home') this.active = 0;
    else if (e.key === 'End') this.active = layout.rows.length - 1;
    else if (e.key === 'Enter' || e.key === ' ') this.openActive();
    else return;
    e.preventDefault();
    const top = this.active * ROW_HEIGHT;
    if (top < this.viewport.scrollTop) this.viewport.scrollTop = top;
    else if (top + ROW_HEIGHT > this.viewport.scrollTop + this.viewport.clientHeight) this.viewport.scrollTop = top + ROW_HEIGHT - this.viewport.clientHeight;
    this.drawRows();
  }

  private openActive(): void {
    const row = this.layout?.rows[this.active];
    if (row?.location) this.onOpen(row.location);
  }
}
