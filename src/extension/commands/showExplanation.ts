// Shows why a suspect loop is suspected (from its code lens or the tree), beside the code.
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { ExplanationProvider } from '../explain/explanationProvider';
import type { NodeLocation } from '../model/incidentTree';
import type { LimboCommand } from './command';

export const showExplanation: LimboCommand = {
  id: Commands.showExplanation,
  async run(container, rank?: number, location?: NodeLocation) {
    const report = container.store.report;
    const suspect = report?.suspects.find((s) => s.rank === rank) ?? report?.suspects[0];
    if (!suspect) {
      void vscode.window.showInformationMessage('Limbo: no suspect loop in the current result.');
      return;
    }
    if (location) await container.locations.open(location);
    const document = await vscode.workspace.openTextDocument(ExplanationProvider.uriFor(suspect.rank));
    await vscode.languages.setTextDocumentLanguage(document, 'markdown');
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: false });
  },
};
