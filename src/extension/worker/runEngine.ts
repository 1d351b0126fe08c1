// The whole engine as the extension runs it: ingest → detection → differences, then the code step
// (static analysis with the loop rules the settings leave on → mapping → ranking).
import { scanProject } from '../../core/analysis/scan';
import { rules as allRules } from '../../core/analysis/rules/index';
import type { AnalysisReport } from '../../core/model';
import { analyze } from '../../core/pipeline';
import { createCodeStep } from '../../core/rank/code-step';
import type { AnalyzeRequest } from './protocol';
import { throttleProgress } from './progress';

export async function runEngine(request: AnalyzeRequest, onProgress: (message: string, fraction?: number) => void): Promise<AnalysisReport> {
  const { settings } = request;
  const codeStep = createCodeStep((root, options) =>
    scanProject(root, { rules: allRules.filter((rule) => options.rules?.[rule.meta.id] !== false) }),
  );
  return analyze({
    inputs: request.inputs,
    src: request.src,
    requestIdFields: settings.requestIdFields,
    timeoutMs: settings.timeoutThresholdMs || undefined,
    pathMappings: settings.pathMappings,
    rules: settings.rules,
    codeStep,
    onProgress: throttleProgress(onProgress),
  });
}
