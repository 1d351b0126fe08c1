// Limbo: Fetch from Tempo, Jaeger or Loki… — asks which backend, where, what and how far back, runs
// `limbo fetch` in a child process under a cancellable progress notification, then analyzes the file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { forkCli, lastMessage } from '../live/cliProcess';
import { plainText } from '../model/text';
import type { LimboCommand } from './command';

type Backend = 'tempo' | 'jaeger' | 'loki';

const BACKENDS: Array<vscode.QuickPickItem & { backend: Backend; defaultUrl: string; ask: string; placeholder: string; required: boolean; extension: string }> = [
  { label: 'Tempo', description: 'traces, TraceQL search', backend: 'tempo', defaultUrl: 'http://localhost:3200', ask: 'TraceQL filter (empty: every trace in the window)', placeholder: '{resource.service.name="shop"}', required: false, extension: 'otlp.jsonl' },
  { label: 'Jaeger', description: 'traces of one service', backend: 'jaeger', defaultUrl: 'http://localhost:16686', ask: 'Service name', placeholder: 'shop', required: true, extension: 'jaeger.json' },
  { label: 'Loki', description: 'log lines, LogQL', backend: 'loki', defaultUrl: 'http://localhost:3100', ask: 'LogQL log query', placeholder: '{app="shop"}', required: true, extension: 'jsonl' },
];
const LAST_CHOICES = 'limbo.fetch.last';
const SINCE = /^\d+(\.\d+)?(s|m|h|d)$/;

export const fetchFromBackend: LimboCommand = {
  id: Commands.fetchFromBackend,
  async run(container) {
    const state = container.context.workspaceState;
    const last = state.get<Record<string, { url: string; query: string; since: string }>>(LAST_CHOICES, {});
    const picked = await vscode.window.showQuickPick(BACKENDS, { title: 'Limbo: fetch an incident window from…' });
    if (!picked) return;
    const previous = last[picked.backend];
    const url = await vscode.window.showInputBox({
      title: `Limbo: ${picked.label} URL`,
      value: previous?.url ?? picked.defaultUrl,
      validateInput: (v) => (/^https?:\/\/\S+$/.test(v.trim()) ? undefined : 'an http(s) URL, e.g. ' + picked.defaultUrl),
    });
    if (url === undefined) return;
    const query = await vscode.window.showInputBox({
      title: `Limbo: ${picked.ask}`,
      value: previous?.query ?? '',
      placeHolder: picked.placeholder,
      validateInput: (v) => (picked.required && !v.trim() ? `${picked.label} needs this` : undefined),
    });
    if (query === undefined) return;
    const since = await vscode.window.showInputBox({
      title: 'Limbo: how far back? (30m, 2h, 1d)',
      value: previous?.since ?? '1h',
      validateInput: (v) => (SINCE.test(v.trim()) ? undefined : 'a duration such as 30m, 2h or 1d'),
    });
    if (since === undefined) return;
    await state.update(LAST_CHOICES, { ...last, [picked.backend]: { url: url.trim(), query, since: since.trim() } });

    const folder = container.locations.workspaceFolder();
    const dir = folder ? path.join(folder.uri.fsPath, '.limbo') : container.context.globalStorageUri.fsPath;
    fs.mkdirSync(dir, { recursive: true });
    const out = path.join(dir, `fetched.${picked.extension}`);
    const args = ['fetch', picked.backend, url.trim(), '--since', since.trim(), '--out', out, ...headerArgs(container.config.fetchHeaders())];
    if (query.trim()) args.push(picked.backend === 'jaeger' ? '--service' : '--query', query.trim());

    const code = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Limbo: fetching the last ${since.trim()} from ${picked.label}`, cancellable: true },
      async (_progress, token) => {
        const child = forkCli(container.context, args);
        const cancel = token.onCancellationRequested(() => child.process.kill());
        try {
          return await child.exited.then((exit) => ({ exit, stderr: child.stderr(), cancelled: token.isCancellationRequested }));
        } finally {
          cancel.dispose();
        }
      },
    );
    if (code.cancelled) return void vscode.window.showInformationMessage('Limbo: fetch cancelled.');
    if (code.exit !== 0) return void vscode.window.showErrorMessage(`Limbo could not fetch from ${picked.label}: ${plainText(lastMessage(code.stderr), 400)}`);
    // A capped fetch may have left the stuck requests out: say so before the result is read as complete.
    const capped = /the limit \(\d+\) was reached[^\n]*/.exec(code.stderr);
    if (capped) void vscode.window.showWarningMessage(`Limbo: ${plainText(capped[0], 300)}`);
    const fetched = /limbo fetch: (\d+ (?:trace|log line)\(s\))/.exec(code.stderr)?.[1] ?? 'the data';
    await container.analysis.analyze([vscode.Uri.file(out)], `analyzing ${fetched} from ${picked.label}`);
  },
};

function headerArgs(headers: Record<string, string>): string[] {
  return Object.entries(headers).flatMap(([name, value]) => ['--header', `${name}: ${value}`]);
}
