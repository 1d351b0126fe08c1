// Typed access to the `limbo.*` settings.
import * as vscode from 'vscode';
import { Settings } from './constants';
import type { EngineSettings } from './worker/protocol';

export class LimboConfig {
  private get section(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration(Settings.section);
  }

  codeLensEnabled(): boolean {
    return this.section.get<boolean>(Settings.codeLensEnabled, true);
  }

  decorationsEnabled(): boolean {
    return this.section.get<boolean>(Settings.decorationsEnabled, true);
  }

  recheckOnSave(): boolean {
    return this.section.get<boolean>(Settings.recheckOnSave, true);
  }

  /** The OTLP/HTTP receiver's port (0: any free port). */
  receiverPort(): number {
    return port(this.section.get<number>(Settings.receiverPort, 4318), 4318);
  }

  /** The OTLP/gRPC receiver's port (0: any free port). */
  receiverGrpcPort(): number {
    return port(this.section.get<number>(Settings.receiverGrpcPort, 4317), 4317);
  }

  /** Extra headers for `limbo fetch` (an Authorization, a tenant id), string values only. */
  fetchHeaders(): Record<string, string> {
    const headers = this.section.get<Record<string, unknown>>(Settings.fetchHeaders, {}) ?? {};
    return Object.fromEntries(Object.entries(headers).filter((e): e is [string, string] => typeof e[1] === 'string' && !/[\r\n]/.test(e[0] + e[1])));
  }

  sourceRootSetting(): string {
    return this.section.get<string>(Settings.sourceRoot, '');
  }

  resultsLocation(): 'workspace' | 'storage' {
    return this.section.get<string>(Settings.resultsLocation, 'workspace') === 'storage' ? 'storage' : 'workspace';
  }

  engineSettings(): EngineSettings {
    const s = this.section;
    const mappings = s.get<Record<string, unknown>>(Settings.pathMappings, {}) ?? {};
    const rules = s.get<Record<string, unknown>>(Settings.rules, {}) ?? {};
    return {
      pathMappings: Object.fromEntries(Object.entries(mappings).filter((e): e is [string, string] => typeof e[1] === 'string')),
      requestIdFields: (s.get<unknown[]>(Settings.requestIdFields, []) ?? []).filter((f): f is string => typeof f === 'string'),
      timeoutThresholdMs: Math.max(0, Number(s.get<number>(Settings.timeoutThresholdMs, 0)) || 0),
      rules: Object.fromEntries(Object.entries(rules).filter((e): e is [string, boolean] => typeof e[1] === 'boolean')),
    };
  }

  /** True when the change touches `limbo.<key>`. */
  changed(event: vscode.ConfigurationChangeEvent, key: string): boolean {
    return event.affectsConfiguration(`${Settings.section}.${key}`);
  }
}

function port(value: unknown, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 && n <= 65535 ? n : fallback;
}
