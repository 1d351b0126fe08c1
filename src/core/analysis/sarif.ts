// SARIF 2.1.0 for `limbo scan`: one rule per loop rule (with help text), one result per finding with
// its loop location, the exit condition as a related location, the data path as a codeFlow, and a
// stable partial fingerprint. Paths are relative to %SRCROOT% (originalUriBaseIds), as GitHub code
// scanning expects. Built on the report's SARIF building blocks so both outputs look alike.
import type { Log, ReportingDescriptor, Result, ThreadFlowLocation } from 'sarif';
import type { LoopFinding, ScanResult } from '../model/code';
import { addResult, addRule, createRun, sourceLocation, SARIF_SCHEMA } from '../report/sarif';
import { rules } from './rules/index';
import type { RuleMeta } from './rules/types';
import { unknownPathNote } from './entrypoints/unknown-path';

const LEVEL = { error: 'error', warning: 'warning', note: 'note' } as const;

function pascal(id: string): string {
  return id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}

/** The SARIF rule of a loop rule id (unknown ids get a plain descriptor). */
export function loopRuleDescriptor(ruleId: string): ReportingDescriptor {
  const meta: RuleMeta | undefined = rules.find((r) => r.meta.id === ruleId)?.meta;
  if (!meta) return { id: `limbo/${ruleId}`, name: pascal(ruleId), shortDescription: { text: `Loop rule ${ruleId}` }, defaultConfiguration: { level: 'warning' } };
  return {
    id: `limbo/${meta.id}`,
    name: pascal(String(meta.id)),
    shortDescription: { text: meta.docs.description },
    fullDescription: { text: meta.docs.help },
    help: { text: meta.docs.help, markdown: `**${meta.docs.description}**\n\n${meta.docs.help}` },
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: { tags: ['hang', 'loop', 'reliability'], precision: 'medium', 'problem.severity': meta.severity === 'error' ? 'error' : 'warning' },
  };
}

/** One finding as a SARIF result (without ruleId/ruleIndex: addResult sets them). */
export function loopFindingResult(f: LoopFinding): Omit<Result, 'ruleId' | 'ruleIndex'> {
  const result: Omit<Result, 'ruleId' | 'ruleIndex'> = {
    level: LEVEL[f.severity],
    message: { text: f.message + (f.entryPoints.length ? ` Reached from: ${f.entryPoints.slice(0, 5).join(', ')}${f.entryPoints.length > 5 ? ', …' : ''}. ${unknownPathNote(f.entryPoints.slice(0, 5))}`.trimEnd() : '') },
    locations: [{ ...sourceLocation(f.loop), message: { text: `${f.loopKind} loop${f.functionName ? ` in ${f.functionName}` : ''}` } }],
    relatedLocations: [{ id: 1, ...sourceLocation(f.condition), message: { text: 'exit condition' } }],
    partialFingerprints: { 'limboFinding/v1': f.id },
    properties: { confidence: f.confidence, loopKind: f.loopKind, sources: f.sources, entryPoints: f.entryPoints, ...(f.functionName ? { functionName: f.functionName } : {}) },
  };
  if (f.dataPath.length) {
    const locations: ThreadFlowLocation[] = f.dataPath.map((step, i) => ({
      location: { ...sourceLocation(step.location), message: { text: step.message } },
      ...(i === 0 ? { kinds: ['source'] } : i === f.dataPath.length - 1 ? { kinds: ['sink'] } : {}),
    }));
    result.codeFlows = [{ message: { text: `From ${f.sources[0] ?? 'flow data'} to the exit condition` }, threadFlows: [{ locations }] }];
  }
  return result;
}

export function buildScanSarif(result: ScanResult, version: string): Log {
  const run = createRun(version, result.root);
  for (const r of rules) addRule(run, loopRuleDescriptor(String(r.meta.id)));
  for (const f of result.findings) addResult(run, loopRuleDescriptor(String(f.ruleId)), loopFindingResult(f));
  run.invocations = [
    {
      executionSuccessful: true,
      toolExecutionNotifications: result.diagnostics.slice(0, 200).map((d) => ({
        level: 'warning' as const,
        message: { text: d.message },
        locations: [sourceLocation({ file: d.file, startLine: d.line, startColumn: d.column })],
      })),
    },
  ];
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
}
