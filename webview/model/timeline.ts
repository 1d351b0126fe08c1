// Timeline preparation: the time domain, per-bin counts and the flow lanes requests are drawn in.
import { STATE_FAILED, STATE_INCOMPLETE, type RequestColumns, type ViewModel } from '../protocol';

export function timeDomain(columns: RequestColumns): [number, number] | null {
  const n = columns.id.length;
  if (n === 0) return null;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    if (columns.start[i] < lo) lo = columns.start[i];
    if (columns.stop[i] > hi) hi = columns.stop[i];
  }
  // A single instant still needs a visible width.
  if (hi <= lo) hi = lo + 1;
  return [lo, hi];
}

export interface Bin {
  from: number;
  to: number;
  completed: number;
  failed: number;
  incomplete: number;
}

/** Requests started in each of `count` equal bins over `domain`, split by state. */
export function binRequests(columns: RequestColumns, domain: readonly [number, number], count: number): Bin[] {
  const bins = Math.max(1, Math.floor(count));
  const [lo, hi] = domain;
  const width = (hi - lo) / bins || 1;
  const out: Bin[] = Array.from({ length: bins }, (_, i) => ({ from: lo + i * width, to: lo + (i + 1) * width, completed: 0, failed: 0, incomplete: 0 }));
  const { start, state } = columns;
  for (let i = 0; i < start.length; i++) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor((start[i] - lo) / width)));
    if (state[i] === STATE_INCOMPLETE) out[b].incomplete++;
    else if (state[i] === STATE_FAILED) out[b].failed++;
    else out[b].completed++;
  }
  return out;
}

export interface Lanes {
  /** Lane labels, top to bottom; the last may be "other flows". */
  labels: string[];
  /** Lane of each flow (index into `labels`). */
  laneOfFlow: number[];
}

/** One lane per flow, the flows with the most stuck requests first; past `maxLanes` the rest share "other flows". */
export function flowLanes(model: ViewModel, maxLanes: number): Lanes {
  const order = model.flows
    .map((f, i) => ({ f, i }))
    .sort((a, b) => b.f.incomplete - a.f.incomplete || b.f.requests - a.f.requests || a.f.key.localeCompare(b.f.key));
  const lanes = Math.max(1, maxLanes);
  const own = order.length <= lanes ? order.length : lanes - 1;
  const laneOfFlow = new Array<number>(model.flows.length).fill(own);
  const labels: string[] = [];
  order.slice(0, own).forEach(({ f, i }, lane) => {
    laneOfFlow[i] = lane;
    labels.push(f.key);
  });
  if (order.length > own) labels.push(`other flows (${order.length - own})`);
  return { labels, laneOfFlow };
}

/** The request nearest to time `t` in lane `lane` (for click and hover on the canvas), or -1. */
export function nearestRequest(
  columns: RequestColumns,
  laneOfFlow: readonly number[],
  lane: number,
  t: number,
  tolerance: number,
  preferStuck = true,
): number {
  let best = -1;
  let bestDistance = Infinity;
  for (let i = 0; i < columns.id.length; i++) {
    if (laneOfFlow[columns.flow[i]] !== lane) continue;
    const d = t < columns.start[i] ? columns.start[i] - t : t > columns.stop[i] ? t - columns.stop[i] : 0;
    const adjusted = preferStuck && columns.state[i] === STATE_INCOMPLETE ? d - tolerance / 2 : d;
    if (d <= tolerance && adjusted < bestDistance) {
      bestDistance = adjusted;
      best = i;
    }
  }
  return best;
}
