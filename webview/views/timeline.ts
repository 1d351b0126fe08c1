// Timeline: requests started per time bin (with the brush for a time window) over one canvas lane
// per flow, where each request is a line from its start to its end — or, for a stuck one, an
// open-ended line up to its last evidence. Canvas, because 100,000 SVG elements would not respond.
import { select, type Selection } from 'd3-selection';
import { scaleLinear, scaleTime, type ScaleTime } from 'd3-scale';
import { axisBottom } from 'd3-axis';
import { brushX, type BrushBehavior, type D3BrushEvent } from 'd3-brush';
import { STATE_FAILED, STATE_INCOMPLETE, type ViewModel } from '../protocol';
import { binRequests, flowLanes, nearestRequest, timeDomain, type Lanes } from '../model/timeline';
import { formatDuration } from '../model/differenceChart';
import { el, formatTime, themeColor } from './dom';

const LABEL_WIDTH = 170;
const HIST_HEIGHT = 56;
const LANE_HEIGHT = 26;
const SUB_ROWS = 10;
const MAX_LANES = 8;
const FLOW_COLORS = ['--vscode-charts-blue', '--vscode-charts-green', '--vscode-charts-purple', '--vscode-charts-yellow', '--vscode-charts-orange', '--vscode-charts-foreground'];
const FALLBACKS = ['#3794ff', '#89d185', '#b180d7', '#cca700', '#d18616', '#cccccc'];

/** Each request gets a stable sub-row inside its lane, so overlapping requests stay apart. */
const yOf = (i: number, lane: number): number => lane * LANE_HEIGHT + 3 + ((i * 7919) % SUB_ROWS) * 2 + 0.5;

export interface TimelineCallbacks {
  onWindow(window: [number, number] | null): void;
  onSelectRequest(index: number): void;
}

export class TimelineView {
  private model: ViewModel | null = null;
  private lanes: Lanes = { labels: [], laneOfFlow: [] };
  private domain: [number, number] = [0, 1];
  private x: ScaleTime<number, number> = scaleTime();
  private window: [number, number] | null = null;
  private selected = -1;
  private readonly hist: Selection<SVGSVGElement, unknown, null, undefined>;
  private readonly brushLayer: Selection<SVGGElement, unknown, null, undefined>;
  private readonly canvas: HTMLCanvasElement;
  private readonly labels: HTMLDivElement;
  private readonly axis: Selection<SVGSVGElement, unknown, null, undefined>;
  private readonly tooltip: HTMLDivElement;
  private readonly caption: HTMLParagraphElement;
  private brush: BrushBehavior<unknown> | null = null;

  constructor(private readonly root: HTMLElement, private readonly callbacks: TimelineCallbacks) {
    this.caption = el('p', { className: 'caption' });
    const histNode = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    this.hist = select(histNode);
    this.hist
      .attr('class', 'histogram')
      .attr('tabindex', '0')
      .attr('role', 'group')
      .attr('aria-label', 'Requests started over time. Drag to select a time window. Keyboard: arrow keys move the window, Shift with arrows resizes it, Escape clears it.');
    this.brushLayer = this.hist.append('g').attr('class', 'brush');
    this.canvas = el('canvas', { className: 'lanes-canvas', attrs: { role: 'img' } });
    this.labels = el('div', { className: 'lane-labels', attrs: { 'aria-hidden': 'true' } });
    const lanes = el('div', { className: 'lanes' }, [this.canvas, this.labels]);
    const axisNode = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    this.axis = select(axisNode).attr('class', 'axis').attr('aria-hidden', 'true');
    this.tooltip = el('div', { className: 'tooltip', attrs: { role: 'status' } });
    this.tooltip.hidden = true;
    root.append(this.caption, histNode, lanes, axisNode, this.tooltip);

    histNode.addEventListener('keydown', (e) => this.onKey(e));
    this.canvas.addEventListener('mousemove', (e) => this.onHover(e));
    this.canvas.addEventListener('mouseleave', () => (this.tooltip.hidden = true));
    this.canvas.addEventListener('click', (e) => {
      const i = this.requestAt(e);
      if (i >= 0) this.callbacks.onSelectRequest(i);
    });
    new ResizeObserver(() => this.render()).observe(root);
    // VS Code switches themes by changing the body class and the root's CSS variables: repaint.
    const repaint = new MutationObserver(() => {
      this.base = null;
      this.colors.clear();
      this.render();
    });
    repaint.observe(document.body, { attributes: true, attributeFilter: ['class'] });
    repaint.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  }

  setModel(model: ViewModel): void {
    this.model = model;
    this.lanes = flowLanes(model, MAX_LANES);
    this.domain = timeDomain(model.requests) ?? [0, 1];
    const open = model.requests.open.reduce((a, b) => a + b, 0);
    this.caption.textContent =
      `${model.requests.id.length.toLocaleString('en-US')} requests on the timeline, ${open.toLocaleString('en-US')} open-ended` +
      (model.untimedRequests ? ` (${model.untimedRequests.toLocaleString('en-US')} without a start time are not shown)` : '') +
      (model.onlyIncompleteRequests ? ' — the report lists only the incomplete requests' : '') +
      '. Each line is a request; open-ended lines end at the last evidence seen.';
    this.canvas.setAttribute('aria-label', `Requests by flow over time: ${this.lanes.labels.join(', ')}`);
  }

  setWindow(window: [number, number] | null): void {
    this.window = window;
    this.moveBrush();
  }

  setSelected(index: number): void {
    this.selected = index;
    this.drawLanes();
  }

  /** Measured on render (resize), so a brush never forces a synchronous layout to read it. */
  private width = 800;
  private colors = new Map<string, string>();

  /** A theme color, read once per theme (reading computed styles forces a style recalculation). */
  private color(name: string, fallback: string): string {
    let c = this.colors.get(name);
    if (c === undefined) {
      c = themeColor(name, fallback);
      this.colors.set(name, c);
    }
    return c;
  }

  render(): void {
    if (!this.model) return;
    const width = Math.max(320, this.root.clientWidth || 800);
    this.width = width;
    this.x = scaleTime().domain([new Date(this.domain[0]), new Date(this.domain[1])]).range([LABEL_WIDTH, width - 12]);
    this.drawHistogram(width);
    this.drawLaneLabels();
    this.drawLanes();
    this.axis.attr('width', width).attr('height', 24).selectAll('*').remove();
    this.axis.append('g').attr('transform', 'translate(0,1)').call(axisBottom(this.x).ticks(Math.max(2, Math.floor(width / 140))));
  }

  private drawHistogram(width: number): void {
    const model = this.model!;
    const binCount = Math.max(10, Math.min(200, Math.floor((width - LABEL_WIDTH) / 5)));
    const bins = binRequests(model.requests, this.domain, binCount);
    const max = Math.max(1, ...bins.map((b) => b.completed + b.failed + b.incomplete));
    const y = scaleLinear().domain([0, max]).range([HIST_HEIGHT - 2, 4]);
    this.hist.attr('width', width).attr('height', HIST_HEIGHT);
    this.hist.selectAll('g.bars').remove();
    const g = this.hist.insert('g', 'g.brush').attr('class', 'bars');
    const stack = (b: (typeof bins)[number]) => [
      { cls: 'completed', lo: 0, hi: b.completed },
      { cls: 'failed', lo: b.completed, hi: b.completed + b.failed },
      { cls: 'incomplete', lo: b.completed + b.failed, hi: b.completed + b.failed + b.incomplete },
    ];
    g.selectAll('g')
      .data(bins)
      .join('g')
      .selectAll('rect')
      .data((b) => stack(b).filter((s) => s.hi > s.lo).map((s) => ({ ...s, b })))
      .join('rect')
      .attr('class', (d) => `bar ${d.cls}`)
      .attr('x', (d) => this.x(new Date(d.b.from)))
      .attr('width', (d) => Math.max(1, this.x(new Date(d.b.to)) - this.x(new Date(d.b.from)) - 1))
      .attr('y', (d) => y(d.hi))
      .attr('height', (d) => Math.max(1, y(d.lo) - y(d.hi)));
    this.hist.selectAll('text.hist-label').data([0]).join('text').attr('class', 'hist-label').attr('x', 4).attr('y', 14).text('started / bin');

    this.brush = brushX<unknown>()
      .extent([[LABEL_WIDTH, 0], [width - 12, HIST_HEIGHT]])
      .on('end', (event: D3BrushEvent<unknown>) => {
        if (!event.sourceEvent) return; // moved by code, not by the person
        const sel = event.selection as [number, number] | null;
        this.window = sel ? [this.x.invert(sel[0]).getTime(), this.x.invert(sel[1]).getTime()] : null;
        this.callbacks.onWindow(this.window);
      });
    this.brushLayer.call(this.brush);
    this.moveBrush();
  }

  private moveBrush(): void {
    if (!this.brush) return;
    this.brushLayer.call(this.brush.move, this.window ? [this.x(new Date(this.window[0])), this.x(new Date(this.window[1]))] : null);
  }

  private onKey(e: KeyboardEvent): void {
    const [lo, hi] = this.domain;
    const span = hi - lo;
    let w = this.window ? [...this.window] as [number, number] : null;
    const step = span * 0.05;
    if (e.key === 'Escape') w = null;
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      const dir = e.key === 'ArrowLeft' ? -1 : 1;
      if (!w) w = [lo + span * 0.4, lo + span * 0.6];
      else if (e.shiftKey) w = [w[0], Math.max(w[0] + step / 4, w[1] + dir * step)];
      else {
        const shift = Math.max(lo - w[0], Math.min(hi - w[1], dir * step));
        w = [w[0] + shift, w[1] + shift];
      }
    } else return;
    e.preventDefault();
    this.window = w;
    this.moveBrush();
    this.callbacks.onWindow(w);
  }

  private drawLaneLabels(): void {
    this.labels.replaceChildren(
      ...this.lanes.labels.map((label, i) => {
        const d = el('div', { className: 'lane-label', text: label, attrs: { title: label } });
        d.style.top = `${i * LANE_HEIGHT}px`;
        d.style.height = `${LANE_HEIGHT}px`;
        return d;
      }),
    );
  }

  /** The requests painted once per model and size; a brush or a selection only redraws the overlay. */
  private base: { canvas: HTMLCanvasElement; key: string; model: ViewModel } | null = null;

  drawLanes(): void {
    const model = this.model;
    if (!model) return;
    const width = this.width;
    const height = Math.max(1, this.lanes.labels.length) * LANE_HEIGHT;
    const ratio = window.devicePixelRatio || 1;
    const key = `${width}x${height}@${ratio}`;
    if (!this.base || this.base.key !== key || this.base.model !== model) this.base = { canvas: this.paintRequests(model, width, height, ratio), key, model };
    if (this.canvas.width !== Math.floor(width * ratio) || this.canvas.height !== Math.floor(height * ratio)) {
      this.canvas.width = Math.floor(width * ratio);
      this.canvas.height = Math.floor(height * ratio);
      this.canvas.style.width = `${width}px`;
      this.canvas.style.height = `${height}px`;
    }
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    ctx.drawImage(this.base.canvas, 0, 0);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const px = this.pixelOf();
    if (this.window) {
      // Dim what lies outside the brushed window.
      ctx.globalAlpha = 0.45;
      ctx.fillStyle = this.color('--vscode-editor-background', '#1e1e1e');
      const a = px(Math.min(...this.window));
      const b = px(Math.max(...this.window));
      ctx.fillRect(LABEL_WIDTH, 0, Math.max(0, a - LABEL_WIDTH), height);
      ctx.fillRect(b, 0, Math.max(0, width - b), height);
      ctx.globalAlpha = 1;
    }
    const { start, stop, flow } = model.requests;
    if (this.selected >= 0 && this.selected < start.length) {
      const lane = this.lanes.laneOfFlow[flow[this.selected]];
      const y = yOf(this.selected, lane);
      ctx.strokeStyle = this.color('--vscode-focusBorder', '#007fd4');
      ctx.lineWidth = 1;
      ctx.strokeRect(px(start[this.selected]) - 2, y - 4, Math.max(4, px(stop[this.selected]) - px(start[this.selected]) + 8), 8);
    }
  }

  private pixelOf(): (t: number) => number {
    const [d0, d1] = this.domain;
    const right = this.x.range()[1];
    return (t: number) => LABEL_WIDTH + ((t - d0) / (d1 - d0)) * (right - LABEL_WIDTH);
  }

  private paintRequests(model: ViewModel, width: number, height: number, ratio: number): HTMLCanvasElement {
    const canvas = document.createElement('canvas');
    canvas.width = Math.floor(width * ratio);
    canvas.height = Math.floor(height * ratio);
    const ctx = canvas.getContext('2d');
    if (!ctx) return canvas;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.strokeStyle = themeColor('--vscode-editorWidget-border', '#454545');
    ctx.lineWidth = 1;
    for (let l = 1; l < this.lanes.labels.length; l++) {
      ctx.beginPath();
      ctx.moveTo(0, l * LANE_HEIGHT + 0.5);
      ctx.lineTo(width, l * LANE_HEIGHT + 0.5);
      ctx.stroke();
    }
    const colors = FLOW_COLORS.map((name, i) => themeColor(name, FALLBACKS[i]));
    const laneColor = (lane: number) => colors[lane % colors.length];
    const stuckColor = themeColor('--vscode-charts-red', '#f14c4c');
    const { start, stop, open, flow, state } = model.requests;
    const n = start.length;
    const px = this.pixelOf();
    const laneOf = this.lanes.laneOfFlow;

    // Finished requests, one batched path per lane (thin, translucent): the background.
    const lanes = this.lanes.labels.length;
    const paths = Array.from({ length: lanes }, () => new Path2D());
    for (let i = 0; i < n; i++) {
      if (open[i]) continue;
      const lane = laneOf[flow[i]];
      const y = yOf(i, lane);
      const a = px(start[i]);
      paths[lane].moveTo(a, y);
      paths[lane].lineTo(Math.max(a + 1, px(stop[i])), y);
    }
    ctx.globalAlpha = 0.45;
    paths.forEach((path, lane) => {
      ctx.strokeStyle = laneColor(lane);
      ctx.stroke(path);
    });
    // Failed requests get a mark at their end.
    ctx.globalAlpha = 0.9;
    ctx.fillStyle = themeColor('--vscode-charts-orange', '#d18616');
    for (let i = 0; i < n; i++) if (state[i] === STATE_FAILED) ctx.fillRect(px(stop[i]) - 1, yOf(i, laneOf[flow[i]]) - 1.5, 2, 3);
    // Open-ended (stuck) requests on top: thicker, in their flow's color, ending in a red marker.
    ctx.globalAlpha = 1;
    ctx.lineWidth = 2;
    const openPaths = Array.from({ length: lanes }, () => new Path2D());
    const markers = new Path2D();
    const otherMarkers = new Path2D();
    for (let i = 0; i < n; i++) {
      if (!open[i]) continue;
      const lane = laneOf[flow[i]];
      const y = yOf(i, lane);
      const a = px(start[i]);
      const b = Math.max(a + 2, px(stop[i]));
      openPaths[lane].moveTo(a, y);
      openPaths[lane].lineTo(b, y);
      const m = state[i] === STATE_INCOMPLETE ? markers : otherMarkers;
      m.moveTo(b, y - 3);
      m.lineTo(b + 4, y);
      m.lineTo(b, y + 3);
      m.closePath();
    }
    openPaths.forEach((path, lane) => {
      ctx.strokeStyle = laneColor(lane);
      ctx.stroke(path);
    });
    ctx.fillStyle = stuckColor;
    ctx.fill(markers);
    ctx.fillStyle = themeColor('--vscode-charts-foreground', '#cccccc');
    ctx.fill(otherMarkers);
    return canvas;
  }

  private requestAt(e: MouseEvent): number {
    if (!this.model) return -1;
    const rect = this.canvas.getBoundingClientRect();
    const px = e.clientX - rect.left;
    const py = e.clientY - rect.top;
    if (px < LABEL_WIDTH) return -1;
    const lane = Math.floor(py / LANE_HEIGHT);
    const t = this.x.invert(px).getTime();
    const tolerance = Math.abs(this.x.invert(px + 4).getTime() - t);
    return nearestRequest(this.model.requests, this.lanes.laneOfFlow, lane, t, tolerance);
  }

  private onHover(e: MouseEvent): void {
    const i = this.requestAt(e);
    if (i < 0 || !this.model) {
      this.tooltip.hidden = true;
      return;
    }
    const r = this.model.requests;
    const flowKey = this.model.flows[r.flow[i]]?.key ?? '';
    const stateText = r.state[i] === STATE_INCOMPLETE ? 'stuck' : r.state[i] === STATE_FAILED ? 'failed' : 'completed';
    const duration = formatDuration(r.stop[i] - r.start[i]);
    this.tooltip.textContent = `${r.id[i]} · ${flowKey} · ${stateText} · ${r.open[i] ? `open, last seen ${duration} after start` : duration} · started ${formatTime(r.start[i])}`;
    this.tooltip.hidden = false;
    const rect = this.root.getBoundingClientRect();
    this.tooltip.style.left = `${Math.min(e.clientX - rect.left + 12, rect.width - 320)}px`;
    this.tooltip.style.top = `${e.clientY - rect.top + 12}px`;
  }
}
