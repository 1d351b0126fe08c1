// Messages between the extension host and the analysis worker (dist/worker.js). One request
// per worker: the host terminates the worker to cancel, so the protocol needs no cancel message.
import type { AnalysisReport } from '../../core/model';

/** Settings the engine needs, as the user wrote them (`limbo.*`). */
export interface EngineSettings {
  /** Runtime path prefix → workspace path (relative to the source root or absolute). */
  pathMappings: Record<string, string>;
  requestIdFields: string[];
  /** 0: detect common timeouts automatically. */
  timeoutThresholdMs: number;
  /** Rule id → on/off; rules not listed stay on. */
  rules: Record<string, boolean>;
}

export interface AnalyzeRequest {
  /** Absolute paths of trace and log files; empty for a static-only analysis. */
  inputs: string[];
  /** Absolute source root, when there is a workspace. */
  src?: string;
  settings: EngineSettings;
}

export type HostToWorker = { type: 'analyze'; request: AnalyzeRequest };

export type WorkerToHost =
  | { type: 'progress'; message: string; fraction?: number }
  | { type: 'result'; report: AnalysisReport; elapsedMs: number }
  | { type: 'error'; message: string };

export function isWorkerToHost(value: unknown): value is WorkerToHost {
  if (!value || typeof value !== 'object') return false;
  const type = (value as { type?: unknown }).type;
  return type === 'progress' || type === 'result' || type === 'error';
}
