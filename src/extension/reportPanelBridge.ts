// Where "Show Incident Report" meets the report panel owned by src/extension/report/.
import type * as vscode from 'vscode';
import type { AnalysisReport } from '../core/model';
import { IncidentReportPanel } from './report';

export async function showIncidentReportPanel(context: vscode.ExtensionContext, report: AnalysisReport): Promise<void> {
  IncidentReportPanel.createOrShow(context, report);
}
