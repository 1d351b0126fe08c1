// Flow data of a variable as it is when a loop starts: what the flow knows of each source, with what
// the code before the loop checked or derived (bounds.ts `boundsOnEntry`: a range check that returns,
// `Array(n)` that throws, a size read in an outer loop). The flow's own bounds describe every value
// the variable is assigned, so the entry value satisfies both. Only for a loop's start value of a
// counter, or for a value the loop never writes.
import { contains, unwrap, type Node } from '../dataflow/ast';
import { referencesOf } from '../dataflow/references';
import { boundsOnEntry, informative, join } from '../dataflow/bounds';
import type { LoopInfo } from '../cfg/loop-exits';
import type { ParsedFile } from '../project/types';
import type { ResolvedSource } from '../dataflow/interprocedural';

export function sourcesOnEntry(node: Node, loop: LoopInfo, file: ParsedFile, flowData: (node: Node) => ResolvedSource[]): ResolvedSource[] {
  const sources = flowData(node);
  const n = unwrap(node);
  if (n.type !== 'Identifier' || sources.length === 0) return sources;
  const entry = boundsOnEntry(file, loop.node, n);
  if (!informative(entry)) return sources;
  return sources.map((s) => ({ ...s, bounds: s.bounds ? join(s.bounds, entry) : entry }));
}

/** The same, for a value the loop never writes (its value all along): flowData's answer when the loop writes it. */
export function invariantSourcesOnEntry(node: Node, loop: LoopInfo, file: ParsedFile, flowData: (node: Node) => ResolvedSource[]): ResolvedSource[] {
  const n = unwrap(node);
  if (n.type !== 'Identifier') return flowData(node);
  const variable = referencesOf(file).variableOf(n);
  const writtenInLoop = !variable || variable.references.some((r) => r.isWrite() && contains(loop.node, r.identifier as Node));
  return writtenInLoop ? flowData(node) : sourcesOnEntry(node, loop, file, flowData);
}
