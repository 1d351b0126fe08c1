// The Limbo view's tree (built as plain data by model/incidentTree.ts); nodes with a location open it.
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { buildIncidentTree, type IncidentNode } from '../model/incidentTree';
import type { ResultStore } from '../results/resultStore';

export class IncidentTreeProvider implements vscode.TreeDataProvider<IncidentNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<IncidentNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: IncidentNode[] = [];
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: ResultStore) {
    this.subscription = store.onDidChange(() => this.rebuild());
    this.rebuild();
  }

  private rebuild(): void {
    this.roots = this.store.report ? buildIncidentTree(this.store.report) : [];
    this.changed.fire(undefined);
  }

  getChildren(node?: IncidentNode): IncidentNode[] {
    return node ? node.children ?? [] : this.roots;
  }

  getTreeItem(node: IncidentNode): vscode.TreeItem {
    const state = !node.children?.length
      ? vscode.TreeItemCollapsibleState.None
      : node.expanded
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(node.label, state);
    item.id = node.id;
    item.description = node.description;
    item.tooltip = node.tooltip;
    if (node.icon) item.iconPath = new vscode.ThemeIcon(node.icon);
    if (node.suspectRank !== undefined) {
      item.command = { command: Commands.showExplanation, title: 'Show explanation', arguments: [node.suspectRank, node.location] };
    } else if (node.location) {
      item.command = { command: Commands.openLocation, title: 'Open', arguments: [node.location] };
    }
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
