// Turns report locations into VS Code places. Source locations are relative to the source root
// and resolved only inside it; input locations name the trace or log file the engine read.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LimboConfig } from './config';
import type { NodeLocation } from './model/incidentTree';
import { resolveInsideRoot, sourceRootFor } from './model/paths';

export class Locations {
  constructor(private readonly config: LimboConfig) {}

  workspaceFolder(): vscode.WorkspaceFolder | undefined {
    return vscode.workspace.workspaceFolders?.[0];
  }

  sourceRoot(): string | undefined {
    const folder = this.workspaceFolder();
    return folder ? sourceRootFor(folder.uri.fsPath, this.config.sourceRootSetting()) : undefined;
  }

  sourceUri(relativeFile: string): vscode.Uri | undefined {
    const root = this.sourceRoot();
    const absolute = root ? resolveInsideRoot(root, relativeFile) : undefined;
    return absolute ? vscode.Uri.file(absolute) : undefined;
  }

  /** The report-relative path of a document, when it lies inside the source root. */
  relativePath(uri: vscode.Uri): string | undefined {
    const root = this.sourceRoot();
    if (!root || uri.scheme !== 'file') return undefined;
    const relative = path.relative(root, uri.fsPath);
    if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
    return relative.split(path.sep).join('/');
  }

  uriOf(location: NodeLocation): vscode.Uri | undefined {
    if (location.kind === 'source') return this.sourceUri(location.file);
    // Input files are the ones the user picked (absolute), or relative to the workspace when a CLI report names them so.
    if (path.isAbsolute(location.file)) return vscode.Uri.file(location.file);
    const folder = this.workspaceFolder();
    const absolute = folder ? resolveInsideRoot(folder.uri.fsPath, location.file) : undefined;
    return absolute ? vscode.Uri.file(absolute) : undefined;
  }

  async open(location: NodeLocation): Promise<void> {
    const uri = this.uriOf(location);
    if (!uri) {
      void vscode.window.showWarningMessage(`Limbo: ${location.file} is not inside the workspace's source root, so it is not opened.`);
      return;
    }
    const line = Math.max(0, location.line - 1);
    const column = Math.max(0, (location.column ?? 1) - 1);
    const position = new vscode.Position(line, column);
    await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position), preview: true });
  }
}
