// Where a loop's work happens: its own body and the functions it calls (transitively, with the
// weakest call confidence on the way). Evidence located there is evidence the loop ran.
import type { CodeLocation, LoopFinding } from '../model/code';
import { MAX_CALLEE_DEPTH } from './weights';

export interface FunctionRef {
  id: string;
  name: string;
  location: CodeLocation;
}

export interface ScopedFunction extends FunctionRef {
  /** 0..1, the weakest call edge from the loop to it. */
  confidence: number;
}

export interface LoopScope {
  /** The innermost function containing the loop (the recursive function itself for recursion). */
  container?: FunctionRef;
  callees: ScopedFunction[];
}

/** Calls made inside a range of a function, as the analyzer's call graph sees them. */
export interface CallLookup {
  functions: FunctionRef[];
  /** Calls from `functionId` whose call expression lies within lines [startLine, endLine] of `file` (all calls when no range). */
  callsFrom(functionId: string, range?: { file: string; startLine: number; endLine: number }): Array<{ calleeId: string; confidence: number }>;
}

export function contains(outer: CodeLocation, inner: Pick<CodeLocation, 'file' | 'startLine'> & Partial<CodeLocation>): boolean {
  if (outer.file !== inner.file) return false;
  const endLine = inner.endLine ?? inner.startLine;
  return outer.startLine <= inner.startLine && endLine <= outer.endLine;
}

function span(l: CodeLocation): number {
  return (l.endLine - l.startLine) * 10_000 + (l.endColumn - l.startColumn);
}

export function innermostFunction(functions: FunctionRef[], at: CodeLocation): FunctionRef | undefined {
  let best: FunctionRef | undefined;
  for (const f of functions) {
    // For recursion the loop's location is the function's own, and `contains` accepts equal ranges.
    if (!contains(f.location, at)) continue;
    if (!best || span(f.location) < span(best.location)) best = f;
  }
  return best;
}

export function loopScope(finding: LoopFinding, lookup: CallLookup | undefined, functions: FunctionRef[]): LoopScope {
  const container = innermostFunction(lookup?.functions ?? functions, finding.loop);
  if (!lookup || !container) return { container, callees: [] };
  const byId = new Map(lookup.functions.map((f) => [f.id, f]));
  const reached = new Map<string, number>();
  // Recursion: the whole function is the loop; otherwise only calls inside the loop statement.
  const range = finding.loopKind === 'recursion' ? undefined : { file: finding.loop.file, startLine: finding.loop.startLine, endLine: finding.loop.endLine };
  let frontier = lookup.callsFrom(container.id, range).map((c) => ({ id: c.calleeId, confidence: c.confidence }));
  for (let depth = 0; depth < MAX_CALLEE_DEPTH && frontier.length; depth++) {
    const next: Array<{ id: string; confidence: number }> = [];
    for (const { id, confidence } of frontier) {
      if (id === container.id || (reached.get(id) ?? 0) >= confidence) continue;
      reached.set(id, confidence);
      for (const c of lookup.callsFrom(id)) next.push({ id: c.calleeId, confidence: Math.min(confidence, c.confidence) });
    }
    frontier = next;
  }
  const callees: ScopedFunction[] = [];
  for (const [id, confidence] of reached) {
    const f = byId.get(id);
    if (f) callees.push({ ...f, confidence });
  }
  return { container, callees };
}

/** How surely `at` lies in the loop's scope: 1 inside the loop, CALLEE_FACTOR×edge inside a callee, 0 elsewhere. */
export function scopeHit(finding: LoopFinding, scope: LoopScope, at: CodeLocation, calleeFactor: number): { strength: number; where: string } | undefined {
  if (contains(finding.loop, at)) return { strength: 1, where: 'inside the loop' };
  let best: { strength: number; where: string } | undefined;
  for (const callee of scope.callees) {
    if (!contains(callee.location, at)) continue;
    const strength = calleeFactor * callee.confidence;
    if (!best || strength > best.strength) best = { strength, where: `in ${callee.name || 'a function'}() which the loop calls` };
  }
  return best;
}
