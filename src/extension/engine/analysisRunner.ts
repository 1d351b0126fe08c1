// Runs analyses in a worker thread, so parsing traces and the TypeScript compiler never block the
// extension host. The worker lives on between analyses (it keeps the last one for fast re-checks
// after a save); cancelling terminates it — the work stops at once, whatever it is doing — and the
// next analysis starts a fresh worker.
import type { Worker as WorkerThread } from 'node:worker_threads';
import type { AnalysisReport } from '../../core/model';
import { isWorkerToHost, type AnalyzeRequest, type HostToWorker, type RecheckInfo } from '../worker/protocol';

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
  /** Set for a re-check: whether it was incremental. */
  recheck?: RecheckInfo;
}

type Job = { type: 'analyze'; request: AnalyzeRequest } | { type: 'recheck'; request: AnalyzeRequest; changedFiles: string[] };

export class AnalysisWorker {
  private worker: WorkerThread | undefined;
  private nextId = 1;
  private busy = false;

  constructor(private readonly workerScript: string) {}

  analyze(request: AnalyzeRequest, onProgress: (message: string, fraction?: number) => void, token?: Cancellation): Promise<RunResult> {
    return this.run({ type: 'analyze', request }, onProgress, token);
  }

  /** The last analysis again after `changedFiles` were saved: incremental when the worker still holds it. */
  recheck(request: AnalyzeRequest, changedFiles: string[], onProgress: (message: string, fraction?: number) => void, token?: Cancellation): Promise<RunResult> {
    return this.run({ type: 'recheck', request, changedFiles }, onProgress, token);
  }

  /** Stops the worker and forgets what it held. */
  dispose(): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
  }

  private run(job: Job, onProgress: (message: string, fraction?: number) => void, token?: Cancellation): Promise<RunResult> {
    return new Promise<RunResult>((resolve, reject) => {
      if (token?.isCancellationRequested) return reject(new AnalysisCancelledError());
      if (this.busy) return reject(new Error('an analysis is already running in this worker'));
      this.busy = true;
      const worker = this.start();
      // Held while it works; an idle worker must not keep a process (a test, a script) alive.
      worker.ref();
      const id = this.nextId++;
      let settled = false;
      const finish = (action: () => void, stopWorker = false): void => {
        if (settled) return;
        settled = true;
        this.busy = false;
        worker.unref();
        cancelListener?.dispose();
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (stopWorker && this.worker === worker) this.dispose();
        action();
      };
      const onMessage = (message: unknown): void => {
        if (!isWorkerToHost(message) || message.id !== id) return;
        if (message.type === 'progress') {
          if (!settled) onProgress(message.message, message.fraction);
        } else if (message.type === 'result') {
          finish(() => resolve({ report: message.report, elapsedMs: message.elapsedMs, recheck: message.recheck }));
        } else {
          finish(() => reject(new Error(message.message)));
        }
      };
      const onError = (error: Error): void => finish(() => reject(error), true);
      const onExit = (code: number): void => {
        if (this.worker === worker) this.worker = undefined;
        finish(() => reject(new Error(`The analysis worker stopped unexpectedly (exit code ${code}).`)));
      };
      const cancelListener = token?.onCancellationRequested(() => finish(() => reject(new AnalysisCancelledError()), true));
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      const message: HostToWorker = job.type === 'analyze' ? { type: 'analyze', id, request: job.request } : { type: 'recheck', id, request: job.request, changedFiles: job.changedFiles };
      worker.postMessage(message);
    });
  }

  private start(): WorkerThread {
    if (this.worker) return this.worker;
    // Required here rather than at the top: node:worker_threads costs milliseconds to load, activation should not pay them.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Worker } = require('node:worker_threads') as typeof import('node:worker_threads');
    const worker = new Worker(this.workerScript, { stdout: false, stderr: false });
    // A worker that ends while idle (out of memory, killed) is replaced by the next request.
    worker.once('exit', () => {
      if (this.worker === worker) this.worker = undefined;
    });
    this.worker = worker;
    return worker;
  }
}

/** One analysis in a worker of its own, stopped afterwards. */
export async function runAnalysisInWorker(
  workerScript: string,
  request: AnalyzeRequest,
  onProgress: (message: string, fraction?: number) => void,
  token?: Cancellation,
): Promise<RunResult> {
  const worker = new AnalysisWorker(workerScript);
  try {
    return await worker.analyze(request, onProgress, token);
  } finally {
    worker.dispose();
  }
}
