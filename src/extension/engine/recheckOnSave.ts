// Re-runs the last analysis when a source file it covers is saved (setting limbo.recheckOnSave),
// so code lenses, diagnostics and the tree follow the fix. Saves in a burst (Save All, format on
// save) are folded into one re-check.
import * as vscode from 'vscode';
import type { LimboConfig } from '../config';
import type { Locations } from '../locations';
import { planRecheck } from '../model/recheck';
import type { ResultStore } from '../results/resultStore';
import type { AnalysisService } from './analysisService';

const SAVE_BURST_MS = 400;

export class RecheckOnSave implements vscode.Disposable {
  private readonly subscription: vscode.Disposable;
  private timer: NodeJS.Timeout | undefined;
  /** Files saved in the current burst. */
  private savedInBurst = new Set<string>();

  constructor(
    private readonly config: LimboConfig,
    private readonly locations: Locations,
    private readonly store: ResultStore,
    private readonly analysis: AnalysisService,
  ) {
    this.subscription = vscode.workspace.onDidSaveTextDocument((document) => this.saved(document));
  }

  private saved(document: vscode.TextDocument): void {
    if (document.uri.scheme !== 'file' || !this.config.recheckOnSave()) return;
    const plan = planRecheck(this.store.report, document.uri.fsPath, this.locations.sourceRoot(), this.locations.workspaceFolder()?.uri.fsPath);
    if (!plan) return;
    this.savedInBurst.add(document.uri.fsPath);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const changed = [...this.savedInBurst];
      this.savedInBurst.clear();
      void this.analysis.recheck(plan.inputs, changed);
    }, SAVE_BURST_MS);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.subscription.dispose();
  }
}
