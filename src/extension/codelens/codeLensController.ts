// Registers the code lens provider while `limbo.codeLens.enabled` is on, and removes it when off.
import * as vscode from 'vscode';
import { Settings } from '../constants';
import type { LimboConfig } from '../config';
import type { Locations } from '../locations';
import type { ResultStore } from '../results/resultStore';
import { SuspectCodeLensProvider } from './suspectCodeLensProvider';

const SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file', language: 'typescript' },
  { scheme: 'file', language: 'javascript' },
  { scheme: 'file', language: 'typescriptreact' },
  { scheme: 'file', language: 'javascriptreact' },
];

export class CodeLensController implements vscode.Disposable {
  private provider: SuspectCodeLensProvider | undefined;
  private registration: vscode.Disposable | undefined;
  private readonly configListener: vscode.Disposable;

  constructor(
    private readonly config: LimboConfig,
    private readonly store: ResultStore,
    private readonly locations: Locations,
  ) {
    this.configListener = vscode.workspace.onDidChangeConfiguration((e) => {
      if (config.changed(e, Settings.codeLensEnabled)) this.apply();
      else if (config.changed(e, Settings.sourceRoot)) this.provider?.refresh();
    });
    this.apply();
  }

  private apply(): void {
    const enabled = this.config.codeLensEnabled();
    if (enabled && !this.provider) {
      this.provider = new SuspectCodeLensProvider(this.store, this.locations);
      this.registration = vscode.languages.registerCodeLensProvider(SELECTOR, this.provider);
    } else if (!enabled && this.provider) {
      this.registration?.dispose();
      this.provider.dispose();
      this.registration = this.provider = undefined;
    }
  }

  dispose(): void {
    this.configListener.dispose();
    this.registration?.dispose();
    this.provider?.dispose();
  }
}
