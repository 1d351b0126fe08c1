// The shape of one command file: its id and what it does, given the container's services.
import type * as vscode from 'vscode';
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
