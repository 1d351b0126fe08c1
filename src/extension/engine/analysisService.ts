// Starts analyses from commands: a cancellable progress notification, the work in a worker
// thread (dist/worker.js, loaded only now), the result stored for the workspace. The worker stays
// up between analyses, so a re-check after a save re-analyzes only the saved files.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ContextKeys } from '../constants';
import type { LimboConfig } from '../config';
import type { Locations } from '../locations';
import { plainText } from '../model/text';
import type { ResultStore } from '../results/resultStore';
import { AnalysisCancelledError, AnalysisWorker } from './analysisRunner';

export class AnalysisService implements vscode.Disposable {
  private running = false;
  /** A re-check asked for while an analysis ran: it runs when that one ends (the last inputs win, saved files add up). */
  private pendingRecheck: { inputs: string[]; changedFiles: string[] } | undefined;
  private worker: AnalysisWorker | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly config: LimboConfig,
    private readonly locations: Locations,
    private readonly store: ResultStore,
  ) {}

  /** Analyzes trace/log files (none: the workspace code alone). Resolves true when a result was stored. */
  async analyze(inputs: vscode.Uri[], title: string): Promise<boolean> {
    if (this.running) {
      void vscode.window.showInformationMessage('Limbo: an analysis is already running.');
      return false;
    }
    const src = this.locations.sourceRoot();
    if (!inputs.length && !src) {
      void vscode.window.showErrorMessage('Limbo: open a folder with the service\'s source to analyze its code.');
      return false;
    }
    return this.run(inputs.map((u) => u.fsPath), title);
  }

  /**
   * Re-runs the last analysis on its inputs after a source file was saved: progress in the status
   * bar rather than a notification, and queued (not refused) while another analysis runs.
   */
  async recheck(inputs: string[], changedFiles: string[] = []): Promise<boolean> {
    if (this.running) {
      const saved = new Set([...(this.pendingRecheck?.changedFiles ?? []), ...changedFiles]);
      this.pendingRecheck = { inputs, changedFiles: [...saved] };
      return false;
    }
    return this.run(inputs, 're-checking after save', changedFiles);
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Stops the worker and what it keeps for re-checks (Clear Results, deactivation). */
  dispose(): void {
    this.worker?.dispose();
    this.worker = undefined;
  }

  /** `changedFiles` set: a re-check after those were saved (quiet: status bar progress, not cancellable). */
  private async run(inputs: string[], title: string, changedFiles?: string[]): Promise<boolean> {
    const quiet = changedFiles !== undefined;
    const src = this.locations.sourceRoot();
    this.running = true;
    void vscode.commands.executeCommand('setContext', ContextKeys.busy, true);
    try {
      return await vscode.window.withProgress(
        { location: quiet ? vscode.ProgressLocation.Window : vscode.ProgressLocation.Notification, title: `Limbo: ${title}`, cancellable: !quiet },
        async (progress, token) => {
          let reported = 0;
          this.worker ??= new AnalysisWorker(path.join(this.context.extensionPath, 'dist', 'worker.js'));
          const request = { inputs, src, settings: this.config.engineSettings() };
          const onProgress = (message: string, fraction?: number) => {
            const increment = fraction !== undefined ? Math.max(0, fraction * 100 - reported) : undefined;
            if (increment !== undefined) reported += increment;
            progress.report({ message: plainText(message, 120), increment });
          };
          const result = changedFiles ? await this.worker.recheck(request, changedFiles, onProgress, token) : await this.worker.analyze(request, onProgress, token);
          const failed = (result.report.inputs ?? []).filter((f) => f.error);
          if (inputs.length && failed.length === inputs.length) throw new Error(failed.map(inputError).join('; '));
          if (failed.length) void vscode.window.showWarningMessage(`Limbo skipped ${failed.map(inputError).join('; ')}`);
          await this.store.set(result.report);
          void vscode.commands.executeCommand('setContext', ContextKeys.hasResults, true);
          this.announce(result.report.summary, result.elapsedMs, quiet, result.recheck?.incremental);
          return true;
        },
      );
    } catch (error) {
      if (error instanceof AnalysisCancelledError) {
        void vscode.window.showInformationMessage('Limbo: analysis cancelled.');
      } else {
        void vscode.window.showErrorMessage(`Limbo could not analyze ${describe(inputs)}: ${plainText(error instanceof Error ? error.message : String(error), 600)}`);
      }
      return false;
    } finally {
      this.running = false;
      void vscode.commands.executeCommand('setContext', ContextKeys.busy, false);
      const pending = this.pendingRecheck;
      this.pendingRecheck = undefined;
      if (pending) void this.recheck(pending.inputs, pending.changedFiles);
    }
  }

  private announce(summary: { requests: number; incompleteRequests: number; suspects: number }, elapsedMs: number, recheck: boolean, incremental?: boolean): void {
    const took = elapsedMs < 1000 ? `${Math.round(elapsedMs)} ms` : `${(elapsedMs / 1000).toFixed(1)} s`;
    void vscode.window.setStatusBarMessage(
      `Limbo${recheck ? ' (re-checked after save)' : ''}: ${summary.incompleteRequests} of ${summary.requests} requests never finished, ${summary.suspects} suspect loops (${took}${incremental ? ', saved files only' : ''})`,
      15000,
    );
  }
}

function describe(inputs: string[]): string {
  if (!inputs.length) return 'the workspace code';
  const names = inputs.map((file) => plainText(path.basename(file), 80));
  return names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
}

function inputError(file: { file: string; error?: string }): string {
  return `${plainText(path.basename(file.file), 80)}: ${plainText(file.error, 300)}`;
}
