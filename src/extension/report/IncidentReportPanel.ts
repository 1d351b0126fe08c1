// The webview panel that shows the incident report. The page asks (`ready`), the host answers with
// a snapshot (`init`: view model + remembered UI state); spans of one request are sent on demand.
import * as vscode from 'vscode';
import type { AnalysisReport } from '../../core/model/report';
import { DEFAULT_UI_STATE, REPORT_VIEW_TYPE, parsePageMessage, type HostToPage, type RequestDetail, type SourceLink, type UiState, isUiState } from '../../../webview/protocol';
import { buildViewModel } from '../../../webview/model/viewModel';
import { detailFromReport } from '../../../webview/model/detail';
import { createNonce, renderReportHtml } from './html';
import { resolveSourcePath } from './sourcePath';
import { UiStateFile } from './uiStateFile';

export interface ReportSources {
  /** Spans and log records of one request, when the extension keeps them outside the report. */
  getRequestDetail?(requestId: string): RequestDetail | undefined | Promise<RequestDetail | undefined>;
}

export class IncidentReportPanel {
  static readonly viewType = REPORT_VIEW_TYPE;
  private static current: IncidentReportPanel | undefined;

  private uiState: UiState | null;
  private readonly uiStateFile: UiStateFile;
  private readonly disposables: vscode.Disposable[] = [];

  /** Shows the report in the existing panel (revealed) or a new one. */
  static createOrShow(context: vscode.ExtensionContext, report: AnalysisReport, sources: ReportSources = {}): IncidentReportPanel {
    const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.One;
    const existing = IncidentReportPanel.current;
    if (existing) {
      existing.panel.reveal(column);
      existing.update(report, sources);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, 'Limbo: Incident Report', column, IncidentReportPanel.webviewOptions(context));
    IncidentReportPanel.current = new IncidentReportPanel(panel, context, report, sources, null);
    return IncidentReportPanel.current;
  }

  /**
   * Re-attaches a panel VS Code restored after a restart (the serializer in container.ts). The state
   * the extension saved for this report wins over VS Code's copy, which a browser reload can leave behind.
   */
  static async revive(panel: vscode.WebviewPanel, context: vscode.ExtensionContext, report: AnalysisReport, state: unknown, sources: ReportSources = {}): Promise<IncidentReportPanel> {
    const saved = await new UiStateFile(context.storageUri).read(report);
    IncidentReportPanel.current?.panel.dispose();
    panel.webview.options = IncidentReportPanel.webviewOptions(context);
    IncidentReportPanel.current = new IncidentReportPanel(panel, context, report, sources, saved ?? (isUiState(state) ? state : null));
    return IncidentReportPanel.current;
  }

  static webviewOptions(context: vscode.ExtensionContext): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return {
      enableScripts: true,
      // Only the extension's own bundles and media: never the workspace or the trace files.
      localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist'), vscode.Uri.joinPath(context.extensionUri, 'media')],
      enableFindWidget: true,
    };
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly context: vscode.ExtensionContext,
    private report: AnalysisReport,
    private sources: ReportSources,
    uiState: UiState | null,
  ) {
    this.uiState = uiState;
    this.uiStateFile = new UiStateFile(context.storageUri);
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'report.svg');
    panel.webview.html = this.html();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m)),
    );
  }

  update(report: AnalysisReport, sources: ReportSources = this.sources): void {
    this.report = report;
    this.sources = sources;
    // A new report keeps the tab but not a window or a request that may not exist in it.
    this.uiState = { ...(this.uiState ?? DEFAULT_UI_STATE), window: null, selectedRequestId: null };
    void this.post({ type: 'init', model: buildViewModel(report), uiState: this.uiState });
  }

  private html(): string {
    const webview = this.panel.webview;
    const dist = vscode.Uri.joinPath(this.context.extensionUri, 'dist');
    return renderReportHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.css')).toString(),
    });
  }

  private post(message: HostToPage): Thenable<boolean> {
    return this.panel.webview.postMessage(message);
  }

  private async onMessage(raw: unknown): Promise<void> {
    const message = parsePageMessage(raw);
    if (!message) return;
    switch (message.type) {
      case 'ready':
        // Sent on every (re)load of the page, e.g. after it was hidden: answer with a fresh snapshot.
        await this.post({ type: 'init', model: buildViewModel(this.report), uiState: this.uiState });
        return;
      case 'uiState':
        this.uiState = message.state;
        this.uiStateFile.save(this.report, message.state);
        return;
      case 'selectRequest':
        await this.sendDetail(message.requestId);
        return;
      case 'openLocation':
        await this.openLocation(message.location);
        return;
    }
  }

  private async sendDetail(requestId: string): Promise<void> {
    try {
      const detail = (await this.sources.getRequestDetail?.(requestId)) ?? detailFromReport(this.report, requestId) ?? null;
      await this.post({ type: 'requestDetail', requestId, detail });
    } catch (error) {
      await this.post({ type: 'requestDetail', requestId, detail: null, error: `Could not load request ${requestId}: ${(error as Error).message}` });
    }
  }

  private async openLocation(location: SourceLink): Promise<void> {
    const resolved = resolveSourcePath(location.file, {
      sourceRoot: this.report.sourceRoot,
      workspaceFolders: (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath),
    });
    if (!resolved.ok) {
      void vscode.window.showWarningMessage(`Limbo: cannot open ${location.file}:${location.line}: ${resolved.reason}`);
      return;
    }
    const line = Math.max(0, location.line - 1);
    const column = Math.max(0, (location.column ?? 1) - 1);
    const position = new vscode.Position(line, column);
    await vscode.window.showTextDocument(vscode.Uri.file(resolved.path), {
      viewColumn: vscode.ViewColumn.One,
      preview: false,
      selection: new vscode.Range(position, position),
    });
  }

  private dispose(): void {
    if (IncidentReportPanel.current === this) IncidentReportPanel.current = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
