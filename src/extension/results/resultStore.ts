// The current analysis result of this workspace: held in memory, saved so it survives a reload
// (in .limbo/report.json, the file the CLI can write too, or in VS Code's private storage), and
// announced through onDidChange so code lenses, diagnostics, decorations and the tree refresh.
import * as vscode from 'vscode';
import type { AnalysisReport } from '../../core/model';
import { WorkspaceResultPath } from '../constants';
import type { LimboConfig } from '../config';
import { parseSavedReport } from '../model/savedReport';

export class ResultStore implements vscode.Disposable {
  private current: AnalysisReport | undefined;
  private readonly changed = new vscode.EventEmitter<AnalysisReport | undefined>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly config: LimboConfig,
  ) {}

  get report(): AnalysisReport | undefined {
    return this.current;
  }

  async set(report: AnalysisReport): Promise<void> {
    this.current = report;
    this.changed.fire(report);
    await this.save(report);
  }

  async clear(): Promise<void> {
    this.current = undefined;
    this.changed.fire(undefined);
    for (const uri of this.candidateUris()) {
      try {
        await vscode.workspace.fs.delete(uri);
      } catch {
        // nothing saved there
      }
    }
  }

  /** Loads the saved result, if any; a damaged file is reported and ignored. */
  async restore(): Promise<AnalysisReport | undefined> {
    for (const uri of this.candidateUris()) {
      let bytes: Uint8Array;
      try {
        bytes = await vscode.workspace.fs.readFile(uri);
      } catch {
        continue;
      }
      const parsed = parseSavedReport(new TextDecoder().decode(bytes));
      if (!parsed.ok) {
        void vscode.window.showWarningMessage(`Limbo: ignoring the saved result ${uri.fsPath}: ${parsed.error}`);
        continue;
      }
      this.current = parsed.report;
      this.changed.fire(parsed.report);
      return parsed.report;
    }
    return undefined;
  }

  private candidateUris(): vscode.Uri[] {
    const uris: vscode.Uri[] = [];
    const folder = vscode.workspace.workspaceFolders?.[0];
    const preferWorkspace = this.config.resultsLocation() === 'workspace';
    const workspaceUri = folder ? vscode.Uri.joinPath(folder.uri, ...WorkspaceResultPath.split('/')) : undefined;
    const storageUri = this.context.storageUri ? vscode.Uri.joinPath(this.context.storageUri, 'report.json') : undefined;
    for (const uri of preferWorkspace ? [workspaceUri, storageUri] : [storageUri, workspaceUri]) if (uri) uris.push(uri);
    return uris;
  }

  private async save(report: AnalysisReport): Promise<void> {
    const bytes = new TextEncoder().encode(JSON.stringify(report));
    for (const uri of this.candidateUris()) {
      try {
        await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
        await vscode.workspace.fs.writeFile(uri, bytes);
        return;
      } catch {
        // read-only folder: fall through to the next place
      }
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}
