// Extension entry point: kept tiny so activation stays fast; services are created in container.ts.
import type * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {
  // populated by the extension issue
}

export function deactivate(): void {}
