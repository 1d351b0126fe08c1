// The whole engine as the extension runs it: ingest → detection → differences, then the pipeline's
// default code step (static analysis with the loop rules the settings leave on → mapping → ranking).
import type { AnalysisReport } from '../../core/model';
import { analyze } from '../../core/pipeline';
import type { AnalyzeRequest } from './protocol';
import { throttleProgress } from './progress';

export async function runEngine(request: AnalyzeRequest, onProgress: (message: string, fraction?: number) => void): Promise<AnalysisReport> {
  const { settings } = request;
  return analyze({
    inputs: request.inputs,
    src: request.src,
    requestIdFields: settings.requestIdFields,
    timeoutMs: settings.timeoutThresholdMs || undefined,
    pathMappings: settings.pathMappings,
    rules: settings.rules,
    onProgress: throttleProgress(onProgress),
  });
}
