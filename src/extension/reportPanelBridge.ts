// Where "Show Incident Report" meets the report panel owned by src/extension/report/.
// Until that panel is available, the top suspect's explanation stands in for it.
import * as vscode from 'vscode';
import type { AnalysisReport } from '../core/model';
import { Commands } from './constants';

export async function showIncidentReportPanel(_context: vscode.ExtensionContext, report: AnalysisReport): Promise<void> {
  await vscode.commands.executeCommand(Commands.showExplanation, report.suspects[0]?.rank);
}
