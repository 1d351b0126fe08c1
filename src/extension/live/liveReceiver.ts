// Limbo: Receive Live Telemetry (OTLP) — `limbo receive` in a child process writing to
// .limbo/live.otlp.jsonl, a status bar item while it listens, and on stop the analysis of what came.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands, ContextKeys } from '../constants';
import type { LimboConfig } from '../config';
import type { AnalysisService } from '../engine/analysisService';
import type { Locations } from '../locations';
import { plainText } from '../model/text';
import { forkCli, lastMessage, stopCli, type CliChild } from './cliProcess';

const LISTENING = /listening on (http:\/\/[^\s]+)/;
const LISTENING_GRPC = /listening on (http:\/\/[^\s]+) \(OTLP\/gRPC\)/;
const TOTALS = /(\d+) export request\(s\), (\d+) span\(s\), (\d+) log record\(s\)/;

export class LiveReceiver implements vscode.Disposable {
  private child: CliChild | undefined;
  private file: string | undefined;
  /** Created on first start, not at activation. */
  private status: vscode.StatusBarItem | undefined;
  private ticker: NodeJS.Timeout | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly config: LimboConfig,
    private readonly locations: Locations,
    private readonly analysis: AnalysisService,
  ) {}

  private statusItem(): vscode.StatusBarItem {
    if (!this.status) {
      this.status = vscode.window.createStatusBarItem('limbo.receiver', vscode.StatusBarAlignment.Left, 90);
      this.status.name = 'Limbo receiver';
      this.status.command = Commands.stopReceiving;
    }
    return this.status;
  }

  get receiving(): boolean {
    return this.child !== undefined;
  }

  async start(): Promise<void> {
    if (this.child) {
      void vscode.window.showInformationMessage('Limbo is already receiving telemetry; use "Limbo: Stop Receiving and Analyze".');
      return;
    }
    const dir = this.locations.workspaceFolder() ? path.join(this.locations.workspaceFolder()!.uri.fsPath, '.limbo') : this.context.globalStorageUri.fsPath;
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'live.otlp.jsonl');
    const child = forkCli(this.context, ['receive', '--port', String(this.config.receiverPort()), '--grpc-port', String(this.config.receiverGrpcPort()), '--out', file]);
    const url = await this.listeningUrl(child);
    if (!url) {
      await stopCli(child, 2000);
      void vscode.window.showErrorMessage(`Limbo could not start the OTLP receiver: ${plainText(lastMessage(child.stderr()) || 'no answer in 15 s', 300)}`);
      return;
    }
    this.child = child;
    this.file = file;
    void vscode.commands.executeCommand('setContext', ContextKeys.receiving, true);
    const status = this.statusItem();
    status.text = `$(radio-tower) Limbo: receiving on ${url}`;
    const grpc = LISTENING_GRPC.exec(child.stderr())?.[1];
    status.tooltip = `OTLP/HTTP (traces and logs, protobuf or JSON) on ${url}${grpc ? `, OTLP/gRPC on ${grpc}` : ''} → ${file}\nSet OTEL_EXPORTER_OTLP_ENDPOINT=${url} in the service's environment.\nClick to stop and analyze.`;
    status.show();
    // The file's size says that data is arriving without asking the child.
    this.ticker = setInterval(() => this.showSize(url), 2000);
    // If the child dies on its own (a disk error), say so rather than pretend to listen.
    void child.exited.then((code) => {
      if (this.child === child) void this.finish(false, `the receiver stopped (exit ${code}): ${plainText(lastMessage(child.stderr()), 300)}`);
    });
    const copy = 'Copy Endpoint Variable';
    void vscode.window.showInformationMessage(`Limbo is receiving OTLP on ${url}. Point the service at it, reproduce the hang, then stop to analyze.`, copy).then((choice) => {
      if (choice === copy) void vscode.env.clipboard.writeText(`OTEL_EXPORTER_OTLP_ENDPOINT=${url}`);
    });
  }

  /** Analyzes what was received so far and keeps receiving: a hang shows while it is still going on. */
  async analyzeSoFar(): Promise<void> {
    if (!this.child || !this.file) {
      void vscode.window.showInformationMessage('Limbo is not receiving telemetry.');
      return;
    }
    if (!(fs.statSync(this.file, { throwIfNoEntry: false })?.size ?? 0)) {
      void vscode.window.showInformationMessage('Limbo has received nothing yet.');
      return;
    }
    // The receiver writes whole lines, so the file read now ends at the last export request taken.
    await this.analysis.analyze([vscode.Uri.file(this.file)], 'analyzing what was received so far');
  }

  /** Stops the receiver and analyzes what it wrote (with the workspace code). */
  async stop(): Promise<void> {
    if (!this.child) {
      void vscode.window.showInformationMessage('Limbo is not receiving telemetry.');
      return;
    }
    await this.finish(true);
  }

  private async finish(analyze: boolean, failure?: string): Promise<void> {
    const child = this.child!;
    const file = this.file!;
    this.child = undefined;
    this.file = undefined;
    clearInterval(this.ticker);
    this.status?.hide();
    void vscode.commands.executeCommand('setContext', ContextKeys.receiving, false);
    await stopCli(child);
    if (failure) {
      void vscode.window.showErrorMessage(`Limbo: ${failure}`);
      return;
    }
    const totals = TOTALS.exec(child.stderr());
    if (!totals || totals[1] === '0') {
      void vscode.window.showWarningMessage('Limbo received no traces or logs: nothing to analyze. Is the service\'s OTEL_EXPORTER_OTLP_ENDPOINT set to the receiver?');
      return;
    }
    if (analyze) await this.analysis.analyze([vscode.Uri.file(file)], `analyzing ${totals[2]} spans and ${totals[3]} log records received`);
  }

  private listeningUrl(child: CliChild): Promise<string | undefined> {
    return new Promise((resolve) => {
      const check = (): void => {
        const m = LISTENING.exec(child.stderr());
        if (m) done(m[1]);
      };
      const done = (url: string | undefined): void => {
        clearTimeout(timer);
        child.process.stderr?.off('data', check);
        resolve(url);
      };
      const timer = setTimeout(() => done(undefined), 15_000);
      child.process.stderr?.on('data', check);
      void child.exited.then(() => done(undefined));
      check();
    });
  }

  private showSize(url: string): void {
    if (!this.file) return;
    fs.stat(this.file, (error, stat) => {
      if (!error && this.child && this.status) this.status.text = `$(radio-tower) Limbo: receiving on ${url} · ${formatBytes(stat.size)}`;
    });
  }

  dispose(): void {
    clearInterval(this.ticker);
    if (this.child) this.child.process.kill();
    this.status?.dispose();
  }
}

function formatBytes(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
