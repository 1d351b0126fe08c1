// Limbo: Copy Incident Summary (Markdown) — the current result as Markdown on the clipboard, for the
// incident channel, the ticket or the postmortem (the same text as `limbo analyze --format markdown`).
import * as vscode from 'vscode';
import { renderMarkdown } from '../../core/report/markdown';
import { Commands } from '../constants';
import { currentReport, type LimboCommand } from './command';

export const copyIncidentSummary: LimboCommand = {
  id: Commands.copyIncidentSummary,
  async run(container) {
    const report = currentReport(container);
    if (!report) return;
    await vscode.env.clipboard.writeText(renderMarkdown(report));
    void vscode.window.showInformationMessage(`Limbo: incident summary copied as Markdown (${report.summary.incompleteRequests} stuck of ${report.summary.requests} requests).`);
  },
};
