// Runs Limbo in a real VS Code: builds and packages the extension, installs the .vsix into a fresh
// code-server (user data and extensions in a temp dir), serves a workspace on 127.0.0.1 and drives
// it with Debian's Chromium through playwright-core. Every wait is bounded; close() always stops both.
// See ../shared/notes/real-vscode-tests.md for why code-server (no VS Code download needed).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoRoot } from '../helpers/paths';

export const CODE_SERVER_VERSION = '4.99.4';
export const codeServerEntry = join(repoRoot, '.tools', `code-server-${CODE_SERVER_VERSION}`, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const chromiumPath = process.env.LIMBO_CHROMIUM ?? '/usr/bin/chromium';
export const resultsDir = join(repoRoot, 'test-results');

export interface VsCodeSession {
  page: Page;
  /** The workspace folder code-server opened (a temp copy when `copyWorkspace` was set). */
  workspace: string;
  /** Lines the page logged (VS Code forwards the extension host's console here). */
  consoleLines: string[];
  screenshot(name: string): Promise<string>;
  /** Runs a command from the palette (F1) by its title, e.g. "Limbo: Analyze Trace…". */
  runCommand(title: string): Promise<void>;
  /** Opens a workspace file through Quick Open (Ctrl+P) and waits for its tab. */
  openFile(relativePath: string): Promise<void>;
  /** Answers VS Code's file dialog (code-server's simple dialog, a quick input) with an absolute path. */
  pickFile(absolutePath: string, dialogTitle: string | RegExp): Promise<void>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  workspace: string;
  /** Copy the workspace to a temp dir first, so the test never writes into the repository. */
  copyWorkspace?: boolean;
  /** Files written into the workspace (after copying), path → content. */
  files?: Record<string, string>;
  /** Extra user settings. */
  settings?: Record<string, unknown>;
  timeoutMs?: number;
}

/** Why the e2e tests cannot run here, or undefined when they can. */
export function missingPrerequisite(): string | undefined {
  if (!existsSync(codeServerEntry)) return `code-server ${CODE_SERVER_VERSION} is not installed in .tools/ (run: bash scripts/setup.sh)`;
  if (!existsSync(chromiumPath)) return `Chromium is not installed at ${chromiumPath} (run: bash scripts/setup.sh)`;
  return undefined;
}

let packaged: string | undefined;

/** Builds the bundles and packages them into a .vsix, once per test process. */
export function buildVsix(): string {
  if (packaged) return packaged;
  const run = (args: string[]): void => {
    const r = spawnSync(process.execPath, args, { cwd: repoRoot, encoding: 'utf8', timeout: 300_000 });
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  };
  if (process.env.LIMBO_E2E_SKIP_BUILD !== '1') run(['scripts/build.mjs']);
  const out = join(mkdtempSync(join(tmpdir(), 'limbo-vsix-')), 'limbo.vsix');
  run(['scripts/package-vsix.mjs', '--out', out]);
  packaged = out;
  return out;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

async function waitForHttp(url: string, timeoutMs: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with code ${child.exitCode}:\n${log()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer at ${url} within ${timeoutMs} ms:\n${log()}`);
}

function installExtension(vsix: string, userDataDir: string, extensionsDir: string): void {
  const r = spawnSync(
    process.execPath,
    [codeServerEntry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix],
    { encoding: 'utf8', timeout: 120_000 },
  );
  if (r.status !== 0 || !/successfully installed/i.test(r.stdout + r.stderr)) {
    throw new Error(`installing ${vsix} into code-server failed:\n${r.stdout}\n${r.stderr}`);
  }
}

/** Starts code-server with Limbo installed and a browser on the workspace. */
export async function launchVsCode(options: LaunchOptions): Promise<VsCodeSession> {
  const missing = missingPrerequisite();
  if (missing) throw new Error(missing);
  const timeoutMs = options.timeoutMs ?? 90_000;
  const vsix = buildVsix();
  const temp = mkdtempSync(join(tmpdir(), 'limbo-e2e-'));
  const userDataDir = join(temp, 'user-data');
  const extensionsDir = join(temp, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({
      'security.workspace.trust.enabled': false,
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'workbench.enableExperiments': false,
      'telemetry.telemetryLevel': 'off',
      'extensions.autoUpdate': false,
      'extensions.ignoreRecommendations': true,
      'files.simpleDialog.enable': true,
      'window.dialogStyle': 'custom',
      'update.mode': 'none',
      ...options.settings,
    }),
  );
  installExtension(vsix, userDataDir, extensionsDir);

  let workspace = resolve(options.workspace);
  if (options.copyWorkspace) {
    const copy = join(temp, 'workspace');
    // Without dependencies, and without a result saved by an earlier run (`npm run demo` leaves one).
    cpSync(workspace, copy, { recursive: true, filter: (src) => !/[\\/](node_modules|\.limbo)([\\/]|$)/.test(src) });
    workspace = copy;
  }
  for (const [file, content] of Object.entries(options.files ?? {})) {
    const target = join(workspace, file);
    mkdirSync(resolve(target, '..'), { recursive: true });
    writeFileSync(target, content);
  }

  const port = await freePort();
  let serverLog = '';
  const server = spawn(
    process.execPath,
    [
      codeServerEntry,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      workspace,
    ],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const collect = (chunk: Buffer): void => {
    serverLog = (serverLog + chunk.toString()).slice(-20_000);
  };
  server.stdout?.on('data', collect);
  server.stderr?.on('data', collect);

  let browser: Browser | undefined;
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await browser?.close().catch(() => undefined);
    if (server.exitCode === null && server.pid) {
      const exited = new Promise<void>((r) => server.once('exit', () => r()));
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-server.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(temp, { recursive: true, force: true, maxRetries: 3 });
  };

  try {
    const url = `http://127.0.0.1:${port}/`;
    await waitForHttp(`${url}healthz`, timeoutMs, server, () => serverLog);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
      timeout: timeoutMs,
    });
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const consoleLines: string[] = [];
    page.on('console', (message) => consoleLines.push(message.text()));
    await page.goto(`${url}?folder=${encodeURIComponent(workspace)}`, { timeout: timeoutMs });
    await page.locator('.monaco-workbench').waitFor({ timeout: timeoutMs });
    // The workbench is usable once the status bar and the activity bar have rendered.
    await page.locator('.statusbar').waitFor({ timeout: timeoutMs });
    await page.waitForTimeout(1500);

    mkdirSync(resultsDir, { recursive: true });
    const session: VsCodeSession = {
      page,
      workspace,
      consoleLines,
      async screenshot(name) {
        const file = join(resultsDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
        await page.screenshot({ path: file, timeout: 20_000 }).catch(() => undefined);
        return file;
      },
      async runCommand(title) {
        const input = page.locator('.quick-input-widget input.input');
        const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
        // Right after start-up the palette may not list extension commands yet: retry a few times.
        for (let attempt = 1; ; attempt++) {
          await page.keyboard.press('Escape');
          await page.keyboard.press('F1');
          await input.waitFor({ state: 'visible', timeout: 10_000 });
          await input.fill(`>${title}`);
          try {
            await row.waitFor({ state: 'visible', timeout: 10_000 });
            break;
          } catch (error) {
            if (attempt < 3) continue;
            const shown = await page.locator('.quick-input-list .monaco-list-row').allInnerTexts().catch(() => []);
            await session.screenshot(`palette-missing-${title}`);
            throw new Error(`"${title}" is not in the command palette; it shows: ${shown.join(' | ') || 'nothing'}`, { cause: error });
          }
        }
        await row.click();
      },
      async openFile(relativePath) {
        const input = page.locator('.quick-input-widget input.input');
        const name = relativePath.split('/').pop()!;
        const row = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
        const tab = page.locator(`.editor-group-container.active .tab.active[aria-label^="${name}"]`).first();
        const tabInAnyGroup = page.locator(`.editor-group-container .tab[aria-label^="${name}"]`).first();
        // Quick Open finds files through a ripgrep search, which is slow while the machine is busy, and
        // right after a window reload an Enter can land before the list is ready: retry the whole open.
        for (let attempt = 1; ; attempt++) {
          await page.keyboard.press('Escape');
          await page.keyboard.press('Control+P');
          await input.waitFor({ state: 'visible', timeout: 10_000 });
          await input.fill(relativePath);
          try {
            await row.waitFor({ timeout: 20_000 });
            await page.keyboard.press('Enter');
            try {
              await tab.waitFor({ timeout: 15_000 });
            } catch {
              // After a window reload the active group can be an empty one restored beside the group
              // that holds the file (a fresh-clone run saw it there): its tab makes that group active.
              await page.keyboard.press('Escape');
              await tabInAnyGroup.click({ timeout: 5_000 });
              await tab.waitFor({ timeout: 5_000 });
            }
            return;
          } catch (error) {
            if (attempt >= 3) {
              await session.screenshot(`quick-open-missing-${name}`);
              throw new Error(`Quick Open did not open ${relativePath}`, { cause: error });
            }
          }
        }
      },
      async pickFile(absolutePath, dialogTitle) {
        // The dialog opens once the command's extension has activated, which can take a while the first time.
        const title = page.locator('.quick-input-widget .quick-input-title', { hasText: dialogTitle });
        await title.waitFor({ state: 'visible', timeout: 60_000 });
        const input = page.locator('.quick-input-widget input.input');
        await input.fill(absolutePath);
        // The simple dialog lists the folder and completes the name as you type; accept once it shows the file.
        const name = absolutePath.split('/').pop()!;
        await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 10_000 }).catch(() => undefined);
        for (let attempt = 1; ; attempt++) {
          if ((await input.inputValue()) !== absolutePath) await input.fill(absolutePath);
          await input.press('Enter');
          try {
            await title.waitFor({ state: 'hidden', timeout: 5_000 });
            return;
          } catch (error) {
            if (attempt >= 4) {
              await session.screenshot('file-dialog-stuck');
              throw new Error(`the file dialog did not accept ${absolutePath}`, { cause: error });
            }
          }
        }
      },
      close,
    };
    return session;
  } catch (error) {
    await close();
    throw error;
  }
}
