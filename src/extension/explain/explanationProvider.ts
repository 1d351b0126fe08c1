// Serves the explanation of a suspect as a read-only markdown document (limbo-explanation:/suspect-N.md).
// The text is built from escaped trace data, so its markdown preview shows it literally too.
import * as vscode from 'vscode';
import { ExplanationScheme } from '../constants';
import { explanationMarkdown } from '../model/suspectText';
import type { ResultStore } from '../results/resultStore';

export class ExplanationProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private readonly open = new Set<string>();

  constructor(private readonly store: ResultStore) {
    this.subscription = store.onDidChange(() => {
      for (const uri of this.open) this.changed.fire(vscode.Uri.parse(uri));
    });
  }

  static uriFor(rank: number): vscode.Uri {
    return vscode.Uri.from({ scheme: ExplanationScheme, path: `/Limbo suspect ${rank}.md` });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    this.open.add(uri.toString());
    const rank = Number(/suspect (\d+)\.md$/.exec(uri.path)?.[1]);
    const report = this.store.report;
    const suspect = report?.suspects.find((s) => s.rank === rank);
    if (!report || !suspect) return '# Limbo\n\nThis result is no longer available. Run **Limbo: Analyze Trace…** again.\n';
    return explanationMarkdown(report, suspect);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
