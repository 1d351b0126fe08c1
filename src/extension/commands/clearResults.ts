// Limbo: Clear Results — forget this workspace's result (lenses, problems, decorations and tree go away).
import * as vscode from 'vscode';
import { Commands, ContextKeys } from '../constants';
import type { LimboCommand } from './command';

export const clearResults: LimboCommand = {
  id: Commands.clearResults,
  async run(container) {
    await container.store.clear();
    await vscode.commands.executeCommand('setContext', ContextKeys.hasResults, false);
  },
};
