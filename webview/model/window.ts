// Brushing: which requests overlap a time window, and the flows, differences and suspects recounted
// over just those requests. Pure, so the page stays responsive and the rules are unit-tested.
import { STATE_FAILED, STATE_INCOMPLETE, type RequestColumns, type ViewDifference, type ViewFlow, type ViewModel, type ViewSuspect } from '../protocol';

/** A request overlaps [from, to] when it started before `to` and was still alive (or last seen) after `from`. */
export function requestsInWindow(columns: RequestColumns, window: readonly [number, number] | null): Uint8Array {
  const n = columns.id.length;
  const mask = new Uint8Array(n);
  if (!window) {
    mask.fill(1);
    return mask;
  }
  const from = Math.min(window[0], window[1]);
  const to = Math.max(window[0], window[1]);
  const { start, stop } = columns;
  for (let i = 0; i < n; i++) if (start[i] <= to && stop[i] >= from) mask[i] = 1;
  return mask;
}

export function countSelected(mask: Uint8Array): number {
  let c = 0;
  for (let i = 0; i < mask.length; i++) c += mask[i];
  return c;
}

/** Flows recounted inside the window, largest stuck share first (then most stuck, then busiest). */
export function flowsInWindow(model: ViewModel, mask: Uint8Array | null): ViewFlow[] {
  if (!mask) return sortFlows(model.flows.map((f) => ({ ...f })));
  const flows = model.flows.map((f) => ({ key: f.key, requests: 0, incomplete: 0, failed: 0, incompleteShare: 0 }));
  const { flow, state } = model.requests;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    const f = flows[flow[i]];
    f.requests++;
    if (state[i] === STATE_INCOMPLETE) f.incomplete++;
    else if (state[i] === STATE_FAILED) f.failed++;
  }
  for (const f of flows) f.incompleteShare = f.requests ? f.incomplete / f.requests : 0;
  return sortFlows(flows.filter((f) => f.requests > 0));
}

function sortFlows(flows: ViewFlow[]): ViewFlow[] {
  return flows.sort((a, b) => b.incompleteShare - a.incompleteShare || b.incomplete - a.incomplete || b.requests - a.requests || a.key.localeCompare(b.key));
}

/** The same smoothing on both sides, so a value seen in no healthy request gets a finite lift. */
export function smoothedLift(incompleteWith: number, incompleteTotal: number, healthyWith: number, healthyTotal: number): number {
  return (incompleteWith + 0.5) / (incompleteTotal + 1) / ((healthyWith + 0.5) / (healthyTotal + 1));
}

/**
 * Differences recounted inside the window. Without a window the report's own numbers and order
 * stand; inside one, values no stuck request carries drop out and the rest rank by lift.
 */
export function differencesInWindow(model: ViewModel, mask: Uint8Array | null): ViewDifference[] {
  if (!mask) return model.differences;
  const { state } = model.requests;
  let incompleteTotal = 0;
  let healthyTotal = 0;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    if (state[i] === STATE_INCOMPLETE) incompleteTotal++;
    else healthyTotal++;
  }
  const out: ViewDifference[] = [];
  for (const d of model.differences) {
    let incompleteWith = 0;
    let healthyWith = 0;
    for (const i of d.members) {
      if (!mask[i]) continue;
      if (state[i] === STATE_INCOMPLETE) incompleteWith++;
      else healthyWith++;
    }
    if (incompleteWith === 0) continue;
    const lift = smoothedLift(incompleteWith, incompleteTotal, healthyWith, healthyTotal);
    out.push({ ...d, incompleteWith, incompleteTotal, healthyWith, healthyTotal, lift, score: lift });
  }
  // Values explained by another stay after the ones that are not, as in the report.
  return out.sort((a, b) => Number(a.explainedBy !== undefined) - Number(b.explainedBy !== undefined) || b.lift - a.lift || b.incompleteWith - a.incompleteWith);
}

export interface WindowedSuspect extends ViewSuspect {
  /** Stuck requests inside the window in the flows that reach this loop (null without a window). */
  stuckInWindow: number | null;
}

/** Suspects keep their rank; inside a window each says how many of its flows' stuck requests fall there. */
export function suspectsInWindow(model: ViewModel, mask: Uint8Array | null): WindowedSuspect[] {
  if (!mask) return model.suspects.map((s) => ({ ...s, stuckInWindow: null }));
  const flows = flowsInWindow(model, mask);
  const stuckByFlow = new Map(flows.map((f) => [f.key, f.incomplete]));
  return model.suspects.map((s) => ({ ...s, stuckInWindow: s.flows.reduce((sum, f) => sum + (stuckByFlow.get(f) ?? 0), 0) }));
}

/** Incomplete requests inside the window, the longest-stuck first: the ones worth opening in the waterfall. */
export function stuckRequestsInWindow(columns: RequestColumns, mask: Uint8Array, limit: number): number[] {
  const picked: number[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i] && columns.state[i] === STATE_INCOMPLETE) picked.push(i);
  picked.sort((a, b) => columns.stop[b] - columns.start[b] - (columns.stop[a] - columns.start[a]) || columns.start[a] - columns.start[b]);
  return picked.slice(0, limit);
}
