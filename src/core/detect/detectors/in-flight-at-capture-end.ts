// Counter-evidence: an open request that started shortly before the capture ended may simply have
// been in flight. "Shortly" is measured against the flow's healthy durations.
import type { Detector } from '../candidate';
import { formatMs } from '../candidate';

export const inFlightAtCaptureEnd: Detector = {
  name: 'in-flight-at-capture-end',
  detect(c, context) {
    if (c.anchor?.endMs !== undefined) return [];
    const starts = [...c.spans.map((s) => (s.startEstimated ? Infinity : s.startMs)), ...c.logs.map((l) => l.timeMs ?? Infinity)];
    const start = Math.min(...starts);
    if (!Number.isFinite(start)) return [];
    const median = context.healthyMedianMs(context.flowOf(c));
    if (median === undefined) return [];
    const openFor = context.captureEndMs - start;
    if (openFor > 3 * median) return [];
    return [
      {
        kind: 'in-flight-at-capture-end',
        weight: -0.5,
        detail: `It started ${formatMs(openFor)} before the capture ended, and healthy requests of this flow take a median of ${formatMs(median)}: it may just have been in flight.`,
      },
    ];
  },
};
