// Highlights the lines the stuck requests passed through, in every visible editor. Colors are
// contributed in package.json (`contributes.colors`) so themes can change them.
import * as vscode from 'vscode';
import { Colors, Settings } from '../constants';
import type { LimboConfig } from '../config';
import type { Locations } from '../locations';
import { stuckPathLines, type LineRange } from '../model/stuckPath';
import type { ResultStore } from '../results/resultStore';

export class StuckPathDecorations implements vscode.Disposable {
  private readonly pathType = vscode.window.createTextEditorDecorationType({
    backgroundColor: new vscode.ThemeColor(Colors.stuckPathBackground),
    overviewRulerColor: new vscode.ThemeColor(Colors.stuckPathGutter),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
    isWholeLine: true,
  });
  private readonly loopType = vscode.window.createTextEditorDecorationType({
    backgroundColor: new vscode.ThemeColor(Colors.suspectLoopBackground),
    overviewRulerColor: new vscode.ThemeColor(Colors.stuckPathGutter),
    overviewRulerLane: vscode.OverviewRulerLane.Full,
    isWholeLine: true,
  });
  private lines = new Map<string, LineRange[]>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly store: ResultStore,
    private readonly locations: Locations,
    private readonly config: LimboConfig,
  ) {
    this.subscriptions = [
      store.onDidChange(() => this.recompute()),
      vscode.window.onDidChangeVisibleTextEditors(() => this.apply()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (config.changed(e, Settings.decorationsEnabled) || config.changed(e, Settings.sourceRoot)) this.apply();
      }),
    ];
    this.recompute();
  }

  private recompute(): void {
    this.lines = this.store.report ? stuckPathLines(this.store.report) : new Map();
    this.apply();
  }

  private apply(): void {
    const enabled = this.config.decorationsEnabled();
    const report = this.store.report;
    for (const editor of vscode.window.visibleTextEditors) {
      const file = enabled && report ? this.locations.relativePath(editor.document.uri) : undefined;
      const ranges = (file && this.lines.get(file)) || [];
      const last = editor.document.lineCount - 1;
      const toRange = (r: LineRange) => new vscode.Range(Math.min(last, r.startLine - 1), 0, Math.min(last, r.endLine - 1), 0);
      editor.setDecorations(this.pathType, ranges.filter((r) => r.startLine - 1 <= last).map(toRange));
      const loops = file && report ? report.suspects.filter((s) => s.location.file === file && s.location.startLine - 1 <= last) : [];
      editor.setDecorations(this.loopType, loops.map((s) => toRange({ startLine: s.location.startLine, endLine: s.location.startLine })));
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.pathType.dispose();
    this.loopType.dispose();
  }
}
