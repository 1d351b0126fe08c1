// Limbo: Clear Results — forget this workspace's result (lenses, problems, decorations and tree go away).
import * as vscode from 'vscode';
import { Commands, ContextKeys } from '../constants';
import type { LimboCommand } from './command';

export const clearResults: LimboCommand = {
  id: Commands.clearResults,
  async run(container) {
    await container.store.clear();
    // The worker's copy of the last analysis (kept for re-checks) goes too.
    if (!container.analysis.isRunning) container.analysis.dispose();
    await vscode.commands.executeCommand('setContext', ContextKeys.hasResults, false);
  },
};
