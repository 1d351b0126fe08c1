// Runs one analysis in a worker thread, so parsing traces and the TypeScript compiler never block
// the extension host. Cancelling terminates the worker: the work stops at once, whatever it is doing.
import type { Worker as WorkerThread } from 'node:worker_threads';
import type { AnalysisReport } from '../../core/model';
import { isWorkerToHost, type AnalyzeRequest, type HostToWorker } from '../worker/protocol';

export interface Cancellation {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

export class AnalysisCancelledError extends Error {
  constructor() {
    super('Analysis cancelled');
    this.name = 'AnalysisCancelledError';
  }
}

export interface RunResult {
  report: AnalysisReport;
  elapsedMs: number;
}

export function runAnalysisInWorker(
  workerScript: string,
  request: AnalyzeRequest,
  onProgress: (message: string, fraction?: number) => void,
  token?: Cancellation,
): Promise<RunResult> {
  return new Promise<RunResult>((resolve, reject) => {
    if (token?.isCancellationRequested) return reject(new AnalysisCancelledError());
    // Required here rather than at the top: node:worker_threads costs milliseconds to load, activation should not pay them.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Worker } = require('node:worker_threads') as typeof import('node:worker_threads');
    const worker: WorkerThread = new Worker(workerScript, { stdout: false, stderr: false });
    let settled = false;
    const finish = (action: () => void): void => {
      if (settled) return;
      settled = true;
      cancelListener?.dispose();
      void worker.terminate();
      action();
    };
    const cancelListener = token?.onCancellationRequested(() => finish(() => reject(new AnalysisCancelledError())));
    worker.on('message', (message: unknown) => {
      if (!isWorkerToHost(message)) return;
      if (message.type === 'progress') {
        if (!settled) onProgress(message.message, message.fraction);
      } else if (message.type === 'result') {
        finish(() => resolve({ report: message.report, elapsedMs: message.elapsedMs }));
      } else {
        finish(() => reject(new Error(message.message)));
      }
    });
    worker.on('error', (error) => finish(() => reject(error)));
    worker.on('exit', (code) => finish(() => reject(new Error(`The analysis worker stopped unexpectedly (exit code ${code}).`))));
    const start: HostToWorker = { type: 'analyze', request };
    worker.postMessage(start);
  });
}
