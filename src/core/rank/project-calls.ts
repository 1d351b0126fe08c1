// Adapts the analyzer's project model (functions + call graph) to the ranking's CallLookup.
import type { ProjectModel } from '../analysis/project/types';
import type { CallLookup, FunctionRef } from './loop-scope';

export function callLookupFromProject(project: Pick<ProjectModel, 'functions' | 'callsFrom'>): CallLookup {
  const functions: FunctionRef[] = [...project.functions.values()].map((f) => ({ id: f.id, name: f.name, location: f.location }));
  return {
    functions,
    callsFrom(functionId, range) {
      const out: Array<{ calleeId: string; confidence: number }> = [];
      for (const edge of project.callsFrom(functionId)) {
        const line = edge.call.loc?.start.line;
        if (range && (line === undefined || line < range.startLine || line > range.endLine)) continue;
        out.push({ calleeId: edge.callee, confidence: edge.confidence });
      }
      return out;
    },
  };
}
