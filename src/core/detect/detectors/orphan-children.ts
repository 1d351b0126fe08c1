// Children arrived whose parent never did: the parent (typically the server span) never ended,
// so the tracer never exported it. Entry spans with a remote parent are not orphans of this kind.
import type { Evidence } from '../../model';
import type { Detector } from '../candidate';
import { formatMs, quote } from '../candidate';

export const orphanChildren: Detector = {
  name: 'orphan-children',
  detect(c) {
    const out: Evidence[] = [];
    for (const [parentId, group] of c.orphansByParent) {
      const inner = group.filter((s) => s.kind !== 'server' && s.kind !== 'consumer');
      if (inner.length === 0) continue;
      const first = inner[0]!;
      const last = inner[inner.length - 1]!;
      const n = inner.length;
      const names = [...new Set(inner.map((s) => s.name))].slice(0, 3).map((x) => `'${quote(x, 80)}'`).join(', ');
      // More siblings under one missing parent is harder to explain by one dropped span.
      const weight = 0.45 + 0.4 * (1 - 1 / n);
      out.push({
        kind: 'orphan-children',
        weight: round(weight),
        detail: `${n} span${n === 1 ? '' : 's'} (${names}) name parent ${parentId}, which was never exported; they start over ${formatMs(last.startMs - first.startMs)}.`,
        spanId: parentId,
        at: first.origin,
      });
    }
    return out;
  },
};

export const round = (x: number): number => Math.round(x * 100) / 100;
