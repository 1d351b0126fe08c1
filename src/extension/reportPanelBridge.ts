// Where the extension meets the report panel owned by src/extension/report/. Loaded on demand
// (dynamic import), so the panel's code is not evaluated during activation.
import type * as vscode from 'vscode';
import type { AnalysisReport } from '../core/model';
import { IncidentReportPanel } from './report';

export async function showIncidentReportPanel(context: vscode.ExtensionContext, report: AnalysisReport): Promise<void> {
  IncidentReportPanel.createOrShow(context, report);
}

/** Restores a panel VS Code kept across a reload; without a saved result there is nothing to show, so it closes. */
export async function reviveIncidentReportPanel(
  context: vscode.ExtensionContext,
  panel: vscode.WebviewPanel,
  state: unknown,
  getReport: () => AnalysisReport | undefined | Promise<AnalysisReport | undefined>,
): Promise<void> {
  const report = await getReport();
  if (!report) {
    panel.dispose();
    return;
  }
  await IncidentReportPanel.revive(panel, context, report, state);
}
