// Explorer context menu: "Analyze with Limbo" on the selected trace and log files.
import type * as vscode from 'vscode';
import { Commands } from '../constants';
import type { LimboCommand } from './command';

export const analyzeWithLimbo: LimboCommand = {
  id: Commands.analyzeWithLimbo,
  async run(container, clicked?: vscode.Uri, selected?: vscode.Uri[]) {
    const uris = selected?.length ? selected : clicked ? [clicked] : [];
    if (uris.length) await container.analysis.analyze(uris, 'analyzing the selected files');
  },
};
