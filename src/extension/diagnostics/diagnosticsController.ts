// One diagnostic per suspect loop in the Problems panel (source "Limbo"), with related
// information walking the data path from the request input to the loop's exit condition; and one
// on each source file the analyzer skipped, so its loops are known to be unchecked.
import * as vscode from 'vscode';
import type { CodeLocation } from '../../core/model';
import { DiagnosticSource } from '../constants';
import type { Locations } from '../locations';
import { diagnosticMessage, skippedFileMessage } from '../model/suspectText';
import { plainText } from '../model/text';
import type { ResultStore } from '../results/resultStore';

const SEVERITY: Record<string, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  note: vscode.DiagnosticSeverity.Information,
};

export function toRange(loc: Pick<CodeLocation, 'startLine' | 'endLine'> & Partial<CodeLocation>): vscode.Range {
  const startLine = Math.max(0, loc.startLine - 1);
  const endLine = Math.max(startLine, (loc.endLine ?? loc.startLine) - 1);
  const startColumn = Math.max(0, (loc.startColumn ?? 1) - 1);
  const endColumn = loc.endColumn !== undefined ? Math.max(0, loc.endColumn - 1) : Number.MAX_SAFE_INTEGER;
  return new vscode.Range(startLine, startColumn, endLine, endColumn);
}

export class DiagnosticsController implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('limbo');
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly store: ResultStore,
    private readonly locations: Locations,
  ) {
    this.subscription = store.onDidChange(() => this.refresh());
    this.refresh();
  }

  refresh(): void {
    this.collection.clear();
    const report = this.store.report;
    if (!report) return;
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const suspect of report.suspects) {
      const uri = this.locations.sourceUri(suspect.location.file);
      if (!uri) continue;
      // The condition is where the loop fails to exit; fall back to the loop's first line.
      const condition = suspect.finding?.condition;
      const range = condition && condition.file === suspect.location.file ? toRange(condition) : toRange({ ...suspect.location, endLine: suspect.location.startLine });
      const diagnostic = new vscode.Diagnostic(range, diagnosticMessage(suspect), SEVERITY[suspect.finding?.severity ?? 'warning'] ?? vscode.DiagnosticSeverity.Warning);
      diagnostic.source = DiagnosticSource;
      diagnostic.code = suspect.rule;
      diagnostic.relatedInformation = (suspect.finding?.dataPath ?? []).flatMap((step) => {
        const stepUri = this.locations.sourceUri(step.location.file);
        return stepUri ? [new vscode.DiagnosticRelatedInformation(new vscode.Location(stepUri, toRange(step.location)), plainText(step.message, 300))] : [];
      });
      const key = uri.toString();
      byFile.set(key, [...(byFile.get(key) ?? []), diagnostic]);
    }
    for (const skipped of report.scan?.diagnostics ?? []) {
      const uri = this.locations.sourceUri(skipped.file);
      if (!uri) continue;
      const line = Math.max(0, skipped.line - 1);
      const column = Math.max(0, (skipped.column ?? 1) - 1);
      const diagnostic = new vscode.Diagnostic(new vscode.Range(line, column, line, column + 1), skippedFileMessage(skipped), vscode.DiagnosticSeverity.Warning);
      diagnostic.source = DiagnosticSource;
      diagnostic.code = 'not-analyzed';
      const key = uri.toString();
      byFile.set(key, [...(byFile.get(key) ?? []), diagnostic]);
    }
    for (const [key, diagnostics] of byFile) this.collection.set(vscode.Uri.parse(key), diagnostics);
  }

  dispose(): void {
    this.subscription.dispose();
    this.collection.dispose();
  }
}
