// The "What is different" chart's bars: each value's share among stuck and among healthy requests.
import type { ViewDifference } from '../protocol';

export interface DifferenceBar {
  label: string;
  key: string;
  value: string;
  stuckShare: number;
  healthyShare: number;
  incompleteWith: number;
  incompleteTotal: number;
  healthyWith: number;
  healthyTotal: number;
  lift: number;
  pValue: number;
  explainedBy?: string;
}

export function differenceLabel(key: string, value: string): string {
  return key === 'flow' ? `flow ${value}` : `${key} = ${value}`;
}

/** The first `limit` differences in the order given (already ranked), as bars with shares in 0..1. */
export function differenceBars(differences: readonly ViewDifference[], limit: number): DifferenceBar[] {
  return differences.slice(0, Math.max(0, limit)).map((d) => ({
    label: differenceLabel(d.key, d.value),
    key: d.key,
    value: d.value,
    stuckShare: d.incompleteTotal ? d.incompleteWith / d.incompleteTotal : 0,
    healthyShare: d.healthyTotal ? d.healthyWith / d.healthyTotal : 0,
    incompleteWith: d.incompleteWith,
    incompleteTotal: d.incompleteTotal,
    healthyWith: d.healthyWith,
    healthyTotal: d.healthyTotal,
    lift: d.lift,
    pValue: d.pValue,
    ...(d.explainedBy !== undefined ? { explainedBy: d.explainedBy } : {}),
  }));
}

/** Lift for display: "12.5×", and "∞" style values kept readable. */
export function formatLift(lift: number): string {
  if (!Number.isFinite(lift)) return '∞×';
  return lift >= 100 ? `${Math.round(lift)}×` : `${lift.toFixed(1)}×`;
}

export function formatPValue(p: number): string {
  if (!Number.isFinite(p)) return '–';
  return p < 0.001 ? p.toExponential(1) : p.toFixed(3);
}

/** "1.2 s", "350 ms", "2.5 min": durations as a person reads them. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  if (ms < 3_600_000) return `${(ms / 60_000).toFixed(1)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}
