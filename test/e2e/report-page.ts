// Loads the built report page (dist/webview.js + .css) in Debian's Chromium exactly as the panel
// serves it — the same HTML and Content-Security-Policy from renderReportHtml — with a fake
// `acquireVsCodeApi` whose host side runs here in node (buildViewModel, request details, a log of
// every message the page posts). Used by the browser tests and bench/webview.mjs.
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { AnalysisReport } from '../../src/core/model/report';
import { createNonce, renderReportHtml } from '../../src/extension/report/html';
import { buildViewModel } from '../../webview/model/viewModel';
import { detailFromReport } from '../../webview/model/detail';
import { parsePageMessage, type HostToPage, type PageToHost, type RequestDetail, type UiState } from '../../webview/protocol';
import { repoRoot } from '../helpers/paths';

export const chromiumPath = process.env.LIMBO_CHROMIUM ?? '/usr/bin/chromium';
export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];
export const resultsDir = join(repoRoot, 'test-results');
const dist = join(repoRoot, 'dist');

export interface ReportPage {
  page: Page;
  /** Every message the page posted, parsed with the host's own guard (unparseable ones are kept raw). */
  posted: Array<PageToHost | { invalid: unknown }>;
  /** Console errors and CSP violations the page reported. */
  errors: string[];
  dialogs: string[];
  /** Sends the init snapshot (the page must have posted `ready`). */
  init(report: AnalysisReport, uiState?: UiState | null): Promise<void>;
  /** The first message of `type` posted after the first `after` messages. */
  waitForMessage(type: PageToHost['type'], timeoutMs?: number, after?: number): Promise<PageToHost>;
  screenshot(name: string): Promise<string>;
  /** Reloads the page, keeping the state the page saved with setState (as VS Code does when hidden). */
  reload(): Promise<void>;
  close(): Promise<void>;
}

export interface ReportPageOptions {
  width?: number;
  height?: number;
  /** Request details by id; falls back to the report's own requestDetails. */
  details?: (id: string) => RequestDetail | undefined;
}

export function missingBrowserPrerequisite(): string | undefined {
  if (!existsSync(chromiumPath)) return `Chromium is not installed at ${chromiumPath} (run: bash scripts/setup.sh)`;
  if (!existsSync(join(dist, 'webview.js'))) return 'dist/webview.js is missing (run: node scripts/build.mjs --only=webview)';
  return undefined;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      resolve(typeof a === 'object' && a ? a.port : 0);
    });
  });
}

export async function openReportPage(report: AnalysisReport, options: ReportPageOptions = {}): Promise<ReportPage> {
  const missing = missingBrowserPrerequisite();
  if (missing) throw new Error(missing);
  let origin = '';
  const server = createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0];
    const files: Record<string, [string, string]> = {
      '/dist/webview.js': ['webview.js', 'text/javascript'],
      '/dist/webview.css': ['webview.css', 'text/css'],
    };
    if (url === '/' || url === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(renderReportHtml({ cspSource: origin, nonce: createNonce(), scriptUri: `${origin}/dist/webview.js`, styleUri: `${origin}/dist/webview.css` }));
    } else if (files[url]) {
      res.writeHead(200, { 'content-type': files[url][1] });
      res.end(readFileSync(join(dist, files[url][0])));
    } else if (url === '/favicon.ico') {
      res.writeHead(204);
      res.end();
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  const port = await listen(server);
  origin = `http://127.0.0.1:${port}`;
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, timeout: 60_000 });
    const context = await browser.newContext({ viewport: { width: options.width ?? 1400, height: options.height ?? 1000 } });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const posted: ReportPage['posted'] = [];
    const errors: string[] = [];
    const dialogs: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    let currentReport = report;
    // Sent as one JSON string and posted inside the page: playwright's own argument encoding is
    // slow for an 8 MB model, and VS Code also hands the page a structured clone.
    const send = (message: HostToPage) => page.evaluate((json) => window.postMessage(JSON.parse(json), '*'), JSON.stringify(message));
    await page.exposeFunction('__limboHost', async (raw: unknown) => {
      const message = parsePageMessage(raw);
      posted.push(message ?? { invalid: raw });
      if (message?.type === 'selectRequest') {
        const detail = options.details?.(message.requestId) ?? detailFromReport(currentReport, message.requestId) ?? null;
        await send({ type: 'requestDetail', requestId: message.requestId, detail });
      }
    });
    // Stands in for VS Code's webview API; added before any page script runs (not subject to the
    // page's CSP). A string, not a function: tsx's name helpers do not exist inside the page.
    await page.addInitScript(`(() => {
      const key = '__limboSavedState';
      window.acquireVsCodeApi = () => ({
        postMessage: (m) => window.__limboHost(m),
        getState: () => { const s = sessionStorage.getItem(key); return s ? JSON.parse(s) : undefined; },
        setState: (s) => sessionStorage.setItem(key, JSON.stringify(s)),
      });
    })();`);
    const waitForMessage = async (type: PageToHost['type'], timeoutMs = 20_000, after = 0): Promise<PageToHost> => {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const found = posted.slice(after).find((m) => 'type' in m && m.type === type);
        if (found) return found as PageToHost;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`the page did not post "${type}" within ${timeoutMs} ms`);
    };
    await page.goto(`${origin}/`);
    await waitForMessage('ready');
    mkdirSync(resultsDir, { recursive: true });
    const b = browser;
    return {
      page,
      posted,
      errors,
      dialogs,
      async init(next, uiState = null) {
        currentReport = next;
        await send({ type: 'init', model: buildViewModel(next), uiState });
      },
      waitForMessage,
      async screenshot(name) {
        const file = join(resultsDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
        await page.screenshot({ path: file, fullPage: true });
        return file;
      },
      async reload() {
        const before = posted.length;
        await page.reload();
        await waitForMessage('ready', 20_000, before);
      },
      async close() {
        await b.close().catch(() => undefined);
        await new Promise<void>((r) => server.close(() => r()));
      },
    };
  } catch (error) {
    await browser?.close().catch(() => undefined);
    server.close();
    throw error;
  }
}
