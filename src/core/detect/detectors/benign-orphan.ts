// Counter-evidence: missing parents that sampling, a dropped span or another service explain better
// than a hang. Each reason is stated so a person can check it.
import type { Evidence } from '../../model';
import { quote, type Detector } from '../candidate';

export const benignOrphan: Detector = {
  name: 'benign-orphan',
  detect(c) {
    if (c.orphansByParent.size === 0) return [];
    const out: Evidence[] = [];
    const root = c.spans.find((s) => !s.parentSpanId);
    const loggedSpanIds = new Set(c.logs.map((l) => l.spanId).filter(Boolean));
    for (const [parentId, group] of c.orphansByParent) {
      const entries = group.filter((s) => s.kind === 'server' || s.kind === 'consumer');
      if (entries.length === group.length) {
        out.push({
          kind: 'likely-benign-orphan',
          weight: -0.25,
          detail: `'${quote(group[0]!.name)}' is a ${group[0]!.kind} span: its parent ${parentId} is the caller in another service (not exported or sampled out), which says nothing about a hang.`,
          spanId: parentId,
          at: group[0]!.origin,
        });
        continue;
      }
      const orphanEnd = Math.max(...group.map((s) => s.endMs ?? s.startMs));
      if (root?.endMs !== undefined && root.endMs >= orphanEnd && c.anchor === root && !loggedSpanIds.has(parentId)) {
        out.push({
          kind: 'likely-benign-orphan',
          weight: -0.5,
          detail: `The request's root '${quote(root.name)}' ended after every span under missing parent ${parentId}: a dropped or sampled-out intermediate span, not one still running.`,
          spanId: parentId,
          at: group[0]!.origin,
        });
        continue;
      }
      if (group.length === 1 && !loggedSpanIds.has(parentId)) {
        const only = group[0]!;
        const after = c.spans.some((s) => s !== only && s.startMs > (only.endMs ?? only.startMs));
        if (!after) {
          out.push({
            kind: 'likely-benign-orphan',
            weight: -0.5,
            detail: `A single span '${quote(only.name)}' misses its parent ${parentId} and nothing happens after it: more likely a span lost to sampling or export than a request still running.`,
            spanId: parentId,
            at: only.origin,
          });
        }
      }
    }
    return out;
  },
};
