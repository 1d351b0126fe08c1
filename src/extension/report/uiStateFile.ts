// The report page's navigation state (tab, time window, selected request), also kept in a small file
// in the extension's workspace storage. VS Code persists a webview's own state only when the window
// saves its state, which in a browser (code-server, vscode.dev) can miss the last changes before a
// reload; the extension host's file write has already happened by then.
import * as vscode from 'vscode';
import type { AnalysisReport } from '../../core/model/report';
import type { UiState } from '../../../webview/protocol';
import { savedUiStateForReport } from '../model/savedUiState';

const FILE_NAME = 'report-ui-state.json';
const WRITE_DELAY_MS = 150;

export class UiStateFile {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly folder: vscode.Uri | undefined) {}

  private get uri(): vscode.Uri | undefined {
    return this.folder ? vscode.Uri.joinPath(this.folder, FILE_NAME) : undefined;
  }

  async read(report: AnalysisReport): Promise<UiState | null> {
    const uri = this.uri;
    if (!uri) return null;
    try {
      return savedUiStateForReport(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), report);
    } catch {
      return null;
    }
  }

  /** Saves shortly after the last change (a brush sends many), never throwing. */
  save(report: AnalysisReport, state: UiState): void {
    const uri = this.uri;
    if (!uri || !this.folder) return;
    const folder = this.folder;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const bytes = new TextEncoder().encode(JSON.stringify({ generatedAt: report.generatedAt, state }));
      void Promise.resolve(vscode.workspace.fs.createDirectory(folder))
        .then(() => vscode.workspace.fs.writeFile(uri, bytes))
        .then(undefined, () => undefined);
    }, WRITE_DELAY_MS);
  }
}
