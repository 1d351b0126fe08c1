// Composition root: creates Limbo's services in dependency order and owns every disposable,
// disposing them in reverse order as one entry of context.subscriptions.
import * as vscode from 'vscode';
import type { AnalysisReport } from '../core/model';
import { CodeLensController } from './codelens/codeLensController';
import { allCommands } from './commands';
import { LimboConfig } from './config';
import { ContextKeys, ExplanationScheme, Views } from './constants';
import { StuckPathDecorations } from './decorations/stuckPathDecorations';
import { DiagnosticsController } from './diagnostics/diagnosticsController';
import { AnalysisService } from './engine/analysisService';
import { RecheckOnSave } from './engine/recheckOnSave';
import { ExplanationProvider } from './explain/explanationProvider';
import { ConditionHoverProvider } from './hover/conditionHoverProvider';
import { LiveReceiver } from './live/liveReceiver';
import { Locations } from './locations';
import { REPORT_VIEW_TYPE } from '../../webview/protocol';
import { ResultStore } from './results/resultStore';
import { IncidentTreeProvider } from './views/incidentTreeProvider';

const SOURCE_SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file', language: 'typescript' },
  { scheme: 'file', language: 'javascript' },
  { scheme: 'file', language: 'typescriptreact' },
  { scheme: 'file', language: 'javascriptreact' },
];

export class Container implements vscode.Disposable {
  readonly config = new LimboConfig();
  readonly locations = new Locations(this.config);
  readonly store: ResultStore;
  readonly analysis: AnalysisService;
  readonly receiver: LiveReceiver;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly context: vscode.ExtensionContext) {
    this.store = this.own(new ResultStore(context, this.config));
    this.analysis = this.own(new AnalysisService(context, this.config, this.locations, this.store));
    this.receiver = this.own(new LiveReceiver(context, this.config, this.locations, this.analysis));
    this.own(new RecheckOnSave(this.config, this.locations, this.store, this.analysis));
    this.own(new CodeLensController(this.config, this.store, this.locations));
    this.own(new DiagnosticsController(this.store, this.locations));
    this.own(new StuckPathDecorations(this.store, this.locations, this.config));
    this.own(vscode.languages.registerHoverProvider(SOURCE_SELECTOR, new ConditionHoverProvider(this.store, this.locations)));
    const explanations = this.own(new ExplanationProvider(this.store));
    this.own(vscode.workspace.registerTextDocumentContentProvider(ExplanationScheme, explanations));
    const tree = this.own(new IncidentTreeProvider(this.store));
    this.own(vscode.window.createTreeView(Views.incident, { treeDataProvider: tree, showCollapseAll: true }));
    for (const command of allCommands) {
      this.own(vscode.commands.registerCommand(command.id, (...args: unknown[]) => command.run(this, ...args)));
    }
    // The report panel comes back after a reload with the workspace's saved result. The panel's
    // module (and node:crypto for its nonce) loads only when a panel is shown, not at activation.
    this.own(
      vscode.window.registerWebviewPanelSerializer(REPORT_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state) => {
          const { reviveIncidentReportPanel } = await import('./reportPanelBridge');
          await reviveIncidentReportPanel(context, panel, state, () => this.store.report ?? this.store.restore());
        },
      }),
    );
    this.own(
      this.store.onDidChange((report) => void vscode.commands.executeCommand('setContext', ContextKeys.hasResults, report !== undefined)),
    );
  }

  /** Restores the saved result after activation, without delaying activation itself. */
  restore(): Promise<unknown> {
    return this.store.restore();
  }

  /** Opens the incident report panel over a result. */
  async showReport(report: AnalysisReport): Promise<void> {
    const { showIncidentReportPanel } = await import('./reportPanelBridge');
    await showIncidentReportPanel(this.context, report);
  }

  private own<T extends vscode.Disposable>(disposable: T): T {
    this.disposables.push(disposable);
    return disposable;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0).reverse()) {
      try {
        d.dispose();
      } catch {
        // keep disposing the rest
      }
    }
  }
}
