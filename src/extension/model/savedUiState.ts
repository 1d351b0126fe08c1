// Reading the report page's saved navigation state back (pure, no vscode): only a well-formed state
// saved for the same report counts, so a stale window or request id never lands on another report.
import type { AnalysisReport } from '../../core/model/report';
import { isUiState, type UiState } from '../../../webview/protocol';

/** The saved state if it was saved for this report (same generation time); anything else is ignored. */
export function savedUiStateForReport(text: string, report: Pick<AnalysisReport, 'generatedAt'>): UiState | null {
  try {
    const saved = JSON.parse(text) as { generatedAt?: unknown; state?: unknown } | null;
    return saved && saved.generatedAt === report.generatedAt && isUiState(saved.state) ? saved.state : null;
  } catch {
    return null;
  }
}
