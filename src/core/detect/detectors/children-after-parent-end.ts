// The parent span ended (the client disconnected and the instrumentation closed it) but its
// children kept starting afterwards: the handler's work went on with no one waiting for it.
// Only work inside one process counts: a producer's consumers, a consumer's message handlers, a client's remote server span, or a
// child in another service start "late" by design or by clock skew.
import type { Evidence, Span } from '../../model';
import type { Detector } from '../candidate';
import { formatMs, quote } from '../candidate';
import { round } from './orphan-children';

/** A child that the parent's own process started: not async messaging, not a remote call's server side. */
export function sameProcessWork(parent: Span, child: Span): boolean {
  // A consumer's receive/poll span ends before the messages it fetched are handled.
  if (parent.kind === 'producer' || parent.kind === 'client' || parent.kind === 'consumer') return false;
  if (child.kind === 'server' || child.kind === 'consumer') return false;
  return parent.service === undefined || child.service === undefined || parent.service === child.service;
}

export const childrenAfterParentEnd: Detector = {
  name: 'children-after-parent-end',
  detect(c, context) {
    if (c.spans.length < 2) return [];
    // Created on the first late child: most requests have none.
    let late: Map<string, Span[]> | undefined;
    for (const child of c.spans) {
      if (!child.parentSpanId) continue;
      const parent = c.byId.get(child.parentSpanId);
      if (!parent || parent.endMs === undefined || parent === child || child.startEstimated) continue;
      if (!sameProcessWork(parent, child)) continue;
      if (child.startMs > parent.endMs + context.options.afterEndSlackMs) {
        late ??= new Map();
        let list = late.get(parent.spanId);
        if (!list) late.set(parent.spanId, (list = []));
        list.push(child);
      }
    }
    // Koa-style hangs: the handler's spans hang off middleware spans that never ended (orphans), but the
    // request's entry span did end; work starting after it is just as late.
    const entry = c.anchor;
    if (entry?.endMs !== undefined) {
      for (const orphans of c.orphansByParent.values()) {
        for (const orphan of orphans) {
          if (orphan === entry || orphan.startEstimated || !sameProcessWork(entry, orphan) || orphan.startMs <= entry.endMs + context.options.afterEndSlackMs) continue;
          late ??= new Map();
          let list = late.get(entry.spanId);
          if (!list) late.set(entry.spanId, (list = []));
          list.push(orphan);
        }
      }
    }
    if (!late) return [];
    const out: Evidence[] = [];
    for (const [parentId, children] of late) {
      const parent = c.byId.get(parentId)!;
      const n = children.length;
      const lastStart = Math.max(...children.map((child) => child.startMs));
      // One late child is often fire-and-forget work after the response; many, going on for longer
      // than the parent itself lasted, is a handler that never stopped.
      const lateFor = lastStart - parent.endMs!;
      const weight = 0.3 + 0.4 * (1 - 1 / n) + (lateFor > parent.endMs! - parent.startMs ? 0.15 : 0);
      out.push({
        kind: 'children-after-parent-end',
        weight: round(weight),
        detail: `'${quote(parent.name)}' ended after ${formatMs(parent.endMs! - parent.startMs)} but ${n} child span${n === 1 ? '' : 's'} started after it ended, the last ${formatMs(lastStart - parent.endMs!)} later.`,
        spanId: parentId,
        at: children[0]!.origin,
      });
    }
    return out;
  },
};
