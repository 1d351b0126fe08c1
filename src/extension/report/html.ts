// The report page's HTML: a strict Content-Security-Policy, one nonce'd external script, no inline
// script or style. Pure (no vscode import) so the policy is unit-tested and reused by browser tests.
import { randomBytes } from 'node:crypto';

export interface ReportHtmlOptions {
  /** `webview.cspSource`: the origin the webview serves extension files from. */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  title?: string;
}

/** 128 random bits: a fresh nonce per page load, so no injected script can guess it. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

export function renderReportHtml(options: ReportHtmlOptions): string {
  if (!/^[A-Za-z0-9+/=]{16,}$/.test(options.nonce)) throw new Error('renderReportHtml: the nonce must be base64 of at least 12 random bytes');
  const csp = contentSecurityPolicy(options.cspSource, options.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(options.styleUri)}">
<title>${escapeHtml(options.title ?? 'Limbo: Incident Report')}</title>
</head>
<body>
<main id="app" aria-label="Limbo incident report"></main>
<script nonce="${escapeHtml(options.nonce)}" src="${escapeHtml(options.scriptUri)}"></script>
</body>
</html>
`;
}
