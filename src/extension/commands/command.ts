// The shape of one command file: its id and what it does, given the container's services.
import * as vscode from 'vscode';
import type { AnalysisReport } from '../../core/model';
import type { CommandId } from '../constants';
import type { Container } from '../container';

export interface LimboCommand {
  id: CommandId;
  run(container: Container, ...args: any[]): unknown;
}

export function fileDialogDefaults(container: Container): Pick<vscode.OpenDialogOptions, 'defaultUri' | 'canSelectFiles' | 'canSelectFolders' | 'canSelectMany' | 'openLabel'> {
  return {
    defaultUri: container.locations.workspaceFolder()?.uri,
    canSelectFiles: true,
    canSelectFolders: false,
    canSelectMany: true,
    openLabel: 'Analyze',
  };
}

/** The workspace's current result, or undefined after telling the user there is none yet. */
export function currentReport(container: Container): AnalysisReport | undefined {
  const report = container.store.report;
  if (!report) void vscode.window.showInformationMessage('Limbo: no result yet. Run "Limbo: Analyze Trace…" first.');
  return report;
}
