// Extension entry point: kept tiny so activation stays fast; services are created in container.ts.
// Activation time is measured here and logged to the extension host console, which VS Code
// forwards to the browser console where the e2e run reads it: the README's figure comes from a real VS Code.
import type * as vscode from 'vscode';
import { Container } from './container';

let container: Container | undefined;
export let activationTimeMs = 0;

export function activate(context: vscode.ExtensionContext): { activationTimeMs: number } {
  const started = performance.now();
  container = new Container(context);
  context.subscriptions.push(container);
  activationTimeMs = performance.now() - started;
  console.log(`[limbo] activated in ${activationTimeMs.toFixed(2)} ms`);
  void container.restore();
  return { activationTimeMs };
}

export function deactivate(): void {
  container = undefined;
}
