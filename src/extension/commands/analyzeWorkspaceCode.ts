// Limbo: Analyze Workspace Code — the static analysis alone: loops whose exit depends on a flow's data.
import { Commands } from '../constants';
import type { LimboCommand } from './command';

export const analyzeWorkspaceCode: LimboCommand = {
  id: Commands.analyzeWorkspaceCode,
  async run(container) {
    await container.analysis.analyze([], 'analyzing the workspace code');
  },
};
