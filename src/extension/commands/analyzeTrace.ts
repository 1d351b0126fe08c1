// Limbo: Analyze Trace… — pick one or more trace files (any supported format, logs too) and analyze them with the workspace code.
import * as vscode from 'vscode';
import { Commands, LogExtensions, TraceExtensions } from '../constants';
import { fileDialogDefaults, type LimboCommand } from './command';

export const analyzeTrace: LimboCommand = {
  id: Commands.analyzeTrace,
  async run(container) {
    const uris = await vscode.window.showOpenDialog({
      ...fileDialogDefaults(container),
      title: 'Limbo: traces to analyze (OTLP JSON, Jaeger, Zipkin, HAR; logs too)',
      filters: { 'Traces': TraceExtensions, 'Traces and logs': [...new Set([...TraceExtensions, ...LogExtensions])], 'All files': ['*'] },
    });
    if (uris?.length) await container.analysis.analyze(uris, 'analyzing traces');
  },
};
