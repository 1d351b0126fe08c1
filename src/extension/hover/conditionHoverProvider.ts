// A hover on a suspect loop's exit condition with the evidence. The markdown is untrusted
// (isTrusted false, no HTML) and every trace-derived word in it is escaped.
import * as vscode from 'vscode';
import type { Locations } from '../locations';
import { hoverMarkdown } from '../model/suspectText';
import type { ResultStore } from '../results/resultStore';
import { toRange } from '../diagnostics/diagnosticsController';

export class ConditionHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly store: ResultStore,
    private readonly locations: Locations,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const report = this.store.report;
    const file = this.locations.relativePath(document.uri);
    if (!report || !file) return undefined;
    for (const suspect of report.suspects) {
      if (suspect.location.file !== file) continue;
      const condition = suspect.finding?.condition;
      const range = condition && condition.file === file ? toRange(condition) : document.lineAt(Math.min(document.lineCount, suspect.location.startLine) - 1).range;
      if (!range.contains(position)) continue;
      const markdown = new vscode.MarkdownString(hoverMarkdown(report, suspect));
      markdown.isTrusted = false;
      markdown.supportHtml = false;
      return new vscode.Hover(markdown, range);
    }
    return undefined;
  }
}
