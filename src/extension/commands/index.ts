// Every command Limbo registers, one file each.
import { analyzeLogs } from './analyzeLogs';
import { analyzeTrace } from './analyzeTrace';
import { analyzeWithLimbo } from './analyzeWithLimbo';
import { analyzeWorkspaceCode } from './analyzeWorkspaceCode';
import { clearResults } from './clearResults';
import type { LimboCommand } from './command';
import { copyIncidentSummary } from './copyIncidentSummary';
import { fetchFromBackend } from './fetchFromBackend';
import { openLocation } from './openLocation';
import { analyzeReceived, receiveLive, stopReceiving } from './receiveLive';
import { showExplanation } from './showExplanation';
import { showIncidentReport } from './showIncidentReport';

export const allCommands: LimboCommand[] = [
  analyzeTrace,
  analyzeLogs,
  analyzeWorkspaceCode,
  analyzeWithLimbo,
  fetchFromBackend,
  receiveLive,
  analyzeReceived,
  stopReceiving,
  showIncidentReport,
  copyIncidentSummary,
  clearResults,
  showExplanation,
  openLocation,
];
