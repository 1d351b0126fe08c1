// Messages between the extension host and the analysis worker (dist/worker.js). The worker lives on
// between requests, one at a time, so a re-check after a save can reuse the last analysis' parsed
// traces and its incremental scanner. The host terminates the worker to cancel (the next request
// starts a fresh one), so the protocol needs no cancel message.
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

export type HostToWorker =
  | { type: 'analyze'; id: number; request: AnalyzeRequest }
  /**
   * The same request again after source files were saved: when the worker still holds the analysis
   * of this request, only the changed files are re-analyzed (the traces are not read again).
   */
  | { type: 'recheck'; id: number; request: AnalyzeRequest; changedFiles: string[] };

/** How a re-check was answered: incrementally (and how much it re-checked) or by a full analysis. */
export interface RecheckInfo {
  incremental: boolean;
  /** Files whose loops were checked again (incremental only). */
  filesRechecked?: number;
  /** Why a full analysis ran instead. */
  reason?: string;
}

export type WorkerToHost =
  | { type: 'progress'; id: number; message: string; fraction?: number }
  | { type: 'result'; id: number; report: AnalysisReport; elapsedMs: number; recheck?: RecheckInfo }
  | { type: 'error'; id: number; message: string };

export function isWorkerToHost(value: unknown): value is WorkerToHost {
  if (!value || typeof value !== 'object') return false;
  const type = (value as { type?: unknown }).type;
  return type === 'progress' || type === 'result' || type === 'error';
}
