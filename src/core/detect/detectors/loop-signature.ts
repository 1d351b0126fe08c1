// The runtime face of a loop: the same child operation repeated many times at a steady period
// inside one request. Healthy requests of the same flow set the bar for "many".
import type { Attributes, Evidence, LoopSignature, Span } from '../../model';
import type { Detector, RequestCandidate } from '../candidate';
import { formatMs, quote } from '../candidate';
import { attrToString, normalizePath, normalizeText } from '../normalize';
import { round } from './orphan-children';

const OPERATION_KEYS = ['db.operation', 'db.operation.name', 'db.statement', 'db.query.text', 'rpc.method', 'messaging.destination.name', 'http.request.method', 'http.method'];
const URL_KEYS = ['url.full', 'http.url', 'url.path', 'http.target'];
const templateCache = new Map<string, string>();

function cachedTemplate(text: string): string {
  let t = templateCache.get(text);
  if (t === undefined) {
    t = normalizeText(text.length > 300 ? text.slice(0, 300) : text);
    if (templateCache.size > 50000) templateCache.clear();
    templateCache.set(text, t);
  }
  return t;
}

/** Span name with its normalized operation attributes, e.g. "SELECT db.statement=SELECT * FROM t WHERE id = <n>". */
export function spanOperation(span: Span): string {
  let key = cachedTemplate(span.name);
  const attrs: Attributes = span.attributes;
  for (const k of OPERATION_KEYS) {
    const v = attrToString(attrs[k]);
    if (v !== undefined) key += ` ${k}=${cachedTemplate(v)}`;
  }
  for (const k of URL_KEYS) {
    const v = attrToString(attrs[k]);
    if (v !== undefined) {
      key += ` ${k}=${normalizePath(v)}`;
      break;
    }
  }
  return key;
}

export const logOperation = (message: string): string => cachedTemplate(message);

interface Occurrence {
  timeMs: number;
  spanId?: string;
  at?: Span['origin'];
}

function steadySignature(operation: string, source: 'span' | 'log', items: Occurrence[], minRepeats: number, maxJitter: number): LoopSignature | undefined {
  if (items.length < minRepeats) return undefined;
  items.sort((a, b) => a.timeMs - b.timeMs);
  const gaps: number[] = [];
  for (let i = 1; i < items.length; i++) gaps.push(items[i]!.timeMs - items[i - 1]!.timeMs);
  // A GC pause or a stalled event loop (what a loaded service has) delays one repetition and never
  // brings one early: the longest gaps, up to a tenth of them (one from 8 gaps on), are not the rhythm.
  gaps.sort((a, b) => a - b);
  const stalls = gaps.length >= 8 ? Math.max(1, Math.floor(gaps.length / 10)) : 0;
  if (stalls > 0) gaps.length -= stalls;
  const mean = gaps.reduce((s, g) => s + g, 0) / gaps.length;
  if (!(mean > 0)) return undefined;
  const variance = gaps.reduce((s, g) => s + (g - mean) ** 2, 0) / gaps.length;
  const jitter = Math.sqrt(variance) / mean;
  if (jitter > maxJitter) return undefined;
  const first = items[0]!;
  return {
    operation,
    source,
    count: items.length,
    periodMs: round(mean),
    periodJitter: round(jitter),
    firstMs: first.timeMs,
    lastMs: items[items.length - 1]!.timeMs,
    exampleSpanId: first.spanId,
    exampleAt: first.at,
  };
}

/**
 * Occurrences of each operation inside one request (spans other than the anchor, and log templates),
 * keeping only operations that occur at least `minCount` times. Span names are counted first so the
 * (costlier) operation keys are built only for spans whose name repeats enough.
 */
export function operationCounts(c: RequestCandidate, minCount = 1): Map<string, Occurrence[]> {
  const groups = new Map<string, Occurrence[]>();
  const add = (key: string, o: Occurrence): void => {
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(o);
  };
  let names: Map<string, number> | undefined;
  if (minCount > 1) {
    names = new Map();
    for (const s of c.spans) names.set(s.name, (names.get(s.name) ?? 0) + 1);
  }
  for (const s of c.spans) {
    // A borrowed start would read as a burst at one instant.
    if (s === c.anchor || s.startEstimated || (names && names.get(s.name)! < minCount)) continue;
    add(`span\u0000${spanOperation(s)}`, { timeMs: s.startMs, spanId: s.spanId, at: s.origin });
  }
  if (c.logs.length >= minCount) for (const l of c.logs) if (l.timeMs !== undefined) add(`log\u0000${logOperation(l.message)}`, { timeMs: l.timeMs, spanId: l.spanId, at: l.origin });
  if (minCount > 1) for (const [key, list] of groups) if (list.length < minCount) groups.delete(key);
  return groups;
}

/** Finds the steady repetitions of one request; stores them on the candidate. */
export function findLoops(c: RequestCandidate, minRepeats: number, maxJitter: number): LoopSignature[] {
  if (c.spans.length < minRepeats && c.logs.length < minRepeats) return (c.loops = []);
  const loops: LoopSignature[] = [];
  for (const [key, items] of operationCounts(c, minRepeats)) {
    const sep = key.indexOf('\u0000');
    const sig = steadySignature(key.slice(sep + 1), key.slice(0, sep) as 'span' | 'log', items, minRepeats, maxJitter);
    if (sig) loops.push(sig);
  }
  loops.sort((a, b) => b.count - a.count);
  return (c.loops = loops);
}

export const loopSignature: Detector = {
  name: 'loop-signature',
  detect(c, context) {
    const out: Evidence[] = [];
    const flow = context.flowOf(c);
    for (const loop of c.loops) {
      const healthyMax = context.healthyOperationMax(flow, `${loop.source}\u0000${loop.operation}`);
      let weight = 0.2;
      const reasons: string[] = [];
      if (loop.count > Math.max(3 * healthyMax, healthyMax + context.options.loopMinRepeats)) {
        weight += 0.25;
        reasons.push(healthyMax > 0 ? `healthy requests of this flow do it at most ${healthyMax} times` : 'no healthy request of this flow repeats it');
      }
      const end = c.anchor?.endMs;
      if (end !== undefined && loop.lastMs > end) {
        weight += 0.2;
        reasons.push(`it kept repeating ${formatMs(loop.lastMs - end)} after '${quote(c.anchor!.name)}' ended`);
      } else if (!c.anchor) {
        weight += 0.1;
        reasons.push('the request span was never exported');
      }
      out.push({
        kind: 'loop-signature',
        weight: round(weight),
        detail: `'${quote(loop.operation)}' repeated ${loop.count} times every ${formatMs(loop.periodMs)} (jitter ${loop.periodJitter})${reasons.length ? `; ${reasons.join('; ')}` : ''}.`,
        spanId: loop.exampleSpanId,
        at: loop.exampleAt,
      });
    }
    return out;
  },
};
