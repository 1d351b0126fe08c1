// Limbo: Show Incident Report — the d3 report panel (src/extension/report/) over the current result.
import { Commands } from '../constants';
import { currentReport, type LimboCommand } from './command';

export const showIncidentReport: LimboCommand = {
  id: Commands.showIncidentReport,
  async run(container) {
    const report = currentReport(container);
    if (!report) return;
    await container.showReport(report);
  },
};
