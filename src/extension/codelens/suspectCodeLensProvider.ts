// Presents one code lens above each suspect loop; clicking it opens the explanation.
import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { Locations } from '../locations';
import { loopLensTitle, suspectsByLine } from '../model/suspectText';
import type { ResultStore } from '../results/resultStore';

export class SuspectCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly store: ResultStore,
    private readonly locations: Locations,
  ) {
    this.subscription = store.onDidChange(() => this.changed.fire());
  }

  provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): vscode.CodeLens[] {
    const report = this.store.report;
    const file = this.locations.relativePath(document.uri);
    if (!report || !file || token.isCancellationRequested) return [];
    const lenses: vscode.CodeLens[] = [];
    for (const [line, onLine] of suspectsByLine(report.suspects, file)) {
      if (line > document.lineCount) continue;
      lenses.push(
        new vscode.CodeLens(document.lineAt(line - 1).range, {
          title: loopLensTitle(onLine),
          tooltip: 'Show why Limbo suspects this loop',
          command: Commands.showExplanation,
          arguments: [onLine[0]!.rank],
        }),
      );
    }
    return lenses;
  }

  refresh(): void {
    this.changed.fire();
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
