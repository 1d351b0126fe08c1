// Starts analyses from commands: a cancellable progress notification, the work in a worker
// thread (dist/worker.js, loaded only now), the result stored for the workspace.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ContextKeys } from '../constants';
import type { LimboConfig } from '../config';
import type { Locations } from '../locations';
import { plainText } from '../model/text';
import type { ResultStore } from '../results/resultStore';
import { AnalysisCancelledError, runAnalysisInWorker } from './analysisRunner';

export class AnalysisService {
  private running = false;
  /** Inputs of a re-check asked for while an analysis ran: it runs when that one ends (the last ask wins). */
  private pendingRecheck: string[] | undefined;

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
    return this.run(inputs.map((u) => u.fsPath), title, false);
  }

  /**
   * Re-runs the last analysis on its inputs after a source file was saved: progress in the status
   * bar rather than a notification, and queued (not refused) while another analysis runs.
   */
  async recheck(inputs: string[]): Promise<boolean> {
    if (this.running) {
      this.pendingRecheck = inputs;
      return false;
    }
    return this.run(inputs, 're-checking after save', true);
  }

  private async run(inputs: string[], title: string, quiet: boolean): Promise<boolean> {
    const src = this.locations.sourceRoot();
    this.running = true;
    void vscode.commands.executeCommand('setContext', ContextKeys.busy, true);
    try {
      return await vscode.window.withProgress(
        { location: quiet ? vscode.ProgressLocation.Window : vscode.ProgressLocation.Notification, title: `Limbo: ${title}`, cancellable: !quiet },
        async (progress, token) => {
          let reported = 0;
          const result = await runAnalysisInWorker(
            path.join(this.context.extensionPath, 'dist', 'worker.js'),
            { inputs, src, settings: this.config.engineSettings() },
            (message, fraction) => {
              const increment = fraction !== undefined ? Math.max(0, fraction * 100 - reported) : undefined;
              if (increment !== undefined) reported += increment;
              progress.report({ message: plainText(message, 120), increment });
            },
            token,
          );
          const failed = (result.report.inputs ?? []).filter((f) => f.error);
          if (inputs.length && failed.length === inputs.length) throw new Error(failed.map(inputError).join('; '));
          if (failed.length) void vscode.window.showWarningMessage(`Limbo skipped ${failed.map(inputError).join('; ')}`);
          await this.store.set(result.report);
          void vscode.commands.executeCommand('setContext', ContextKeys.hasResults, true);
          this.announce(result.report.summary, result.elapsedMs, quiet);
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
      if (pending) void this.recheck(pending);
    }
  }

  private announce(summary: { requests: number; incompleteRequests: number; suspects: number }, elapsedMs: number, recheck: boolean): void {
    const seconds = (elapsedMs / 1000).toFixed(1);
    void vscode.window.setStatusBarMessage(
      `Limbo${recheck ? ' (re-checked after save)' : ''}: ${summary.incompleteRequests} of ${summary.requests} requests never finished, ${summary.suspects} suspect loops (${seconds} s)`,
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
