// The whole engine as the extension runs it: ingest → detection → differences, then the code step
// (static analysis with the loop rules the settings leave on → mapping → ranking). The worker keeps
// the last analysis (its records and its incremental scanner), so a re-check after a save re-parses
// and re-checks only what the saved files touch instead of reading the traces and the tree again.
import { statSync } from 'node:fs';
import type { AnalysisReport, Dataset } from '../../core/model';
import type { Scanner } from '../../core/analysis/scan';
import { analyze, type CodeStep } from '../../core/pipeline';
import type { AnalyzeRequest, RecheckInfo } from './protocol';
import { throttleProgress } from './progress';

type Progress = (message: string, fraction?: number) => void;

interface Session {
  /** The request it answered, as text: a re-check reuses the session only for the same request. */
  key: string;
  dataset: Dataset;
  scanner: Scanner;
}

// The analyzer's bundle (dist/code-step.js, ~10 MB with the TypeScript compiler) is loaded only
// when an analysis has a source root.
const codeSteps = () => import('../../core/rank/default-code-step');

export class EngineSession {
  private last: Session | undefined;

  /** A full analysis; with a source root it becomes the session later re-checks build on. */
  async analyze(request: AnalyzeRequest, onProgress: Progress): Promise<AnalysisReport> {
    this.last = undefined;
    if (!request.src) return run(request, onProgress);
    const key = keyOf(request);
    const { keepingScanner } = await codeSteps();
    let scanner: Scanner | undefined;
    let dataset: Dataset | undefined;
    const scan = keepingScanner((s) => (scanner = s));
    const report = await run(request, onProgress, (args) => {
      dataset = args.dataset;
      return scan(args);
    });
    if (scanner && dataset) this.last = { key, dataset, scanner };
    return report;
  }

  /**
   * After `changedFiles` were saved: incremental when this session answered the same request, a full
   * analysis otherwise (a fresh worker, other inputs or settings).
   */
  async recheck(request: AnalyzeRequest, changedFiles: string[], onProgress: Progress): Promise<{ report: AnalysisReport; recheck: RecheckInfo }> {
    const session = this.last;
    const reason = !session ? 'no earlier analysis in this worker' : session.key !== keyOf(request) ? 'the inputs, their files or the settings changed' : undefined;
    if (!session || reason) return { report: await this.analyze(request, onProgress), recheck: { incremental: false, reason } };
    const { rescanning } = await codeSteps();
    let filesRechecked = 0;
    try {
      const report = await run(request, onProgress, rescanning(session.scanner, changedFiles, (n) => (filesRechecked = n)), session.dataset);
      return { report, recheck: { incremental: true, filesRechecked } };
    } catch (error) {
      // The scanner may be half-updated: the next re-check starts over.
      this.last = undefined;
      throw error;
    }
  }
}

function run(request: AnalyzeRequest, onProgress: Progress, codeStep?: CodeStep, dataset?: Dataset): Promise<AnalysisReport> {
  const { settings } = request;
  return analyze({
    inputs: request.inputs,
    src: request.src,
    dataset,
    requestIdFields: settings.requestIdFields,
    timeoutMs: settings.timeoutThresholdMs || undefined,
    pathMappings: settings.pathMappings,
    rules: settings.rules,
    codeStep,
    onProgress: throttleProgress(onProgress),
  });
}

/**
 * What a kept analysis answered: the request, and each input's size and modification time when it was
 * read, so a trace file that grew since (a live capture, a new fetch into the same file) is read again.
 */
function keyOf(request: AnalyzeRequest): string {
  const inputs = request.inputs.map((file) => {
    try {
      const st = statSync(file);
      return [file, st.size, st.mtimeMs];
    } catch {
      return [file, null, null];
    }
  });
  return JSON.stringify([inputs, request.src, request.settings]);
}
