// Restores the report panel after VS Code restarts: the page's saved UI state comes back from
// VS Code; the data is reloaded by the extension (`getReport`), never stored in the webview.
import * as vscode from 'vscode';
import type { AnalysisReport } from '../../core/model/report';
import { REPORT_VIEW_TYPE } from '../../../webview/protocol';
import { IncidentReportPanel, type ReportSources } from './IncidentReportPanel';

export function registerIncidentReportSerializer(
  context: vscode.ExtensionContext,
  getReport: () => AnalysisReport | undefined | Promise<AnalysisReport | undefined>,
  sources: ReportSources = {},
): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(REPORT_VIEW_TYPE, {
    async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
      const report = await getReport();
      if (!report) {
        // Nothing saved any more (results cleared): close rather than show an empty report.
        panel.dispose();
        return;
      }
      IncidentReportPanel.revive(panel, context, report, state, sources);
    },
  });
}
