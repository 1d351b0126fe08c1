// Limbo: Analyze Logs… — pick JSON-lines (pino, bunyan, winston, ECS) or logfmt logs, or access logs, and analyze them with the workspace code.
import * as vscode from 'vscode';
import { Commands, LogExtensions } from '../constants';
import { fileDialogDefaults, type LimboCommand } from './command';

export const analyzeLogs: LimboCommand = {
  id: Commands.analyzeLogs,
  async run(container) {
    const uris = await vscode.window.showOpenDialog({
      ...fileDialogDefaults(container),
      title: 'Limbo: logs to analyze (JSON lines, logfmt, access logs)',
      filters: { 'Logs': LogExtensions, 'All files': ['*'] },
    });
    if (uris?.length) await container.analysis.analyze(uris, 'analyzing logs');
  },
};
