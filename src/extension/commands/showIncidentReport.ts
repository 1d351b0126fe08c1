// Limbo: Show Incident Report — the d3 report panel (src/extension/report/) over the current result.
import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { LimboCommand } from './command';

export const showIncidentReport: LimboCommand = {
  id: Commands.showIncidentReport,
  async run(container) {
    const report = container.store.report;
    if (!report) {
      void vscode.window.showInformationMessage('Limbo: no result yet. Run "Limbo: Analyze Trace…" first.');
      return;
    }
    await container.showReport(report);
  },
};
