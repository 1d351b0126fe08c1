// The report host's pure parts: the page's HTML and its policy, the message guard, the path check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentSecurityPolicy, createNonce, renderReportHtml } from '../../../src/extension/report/html';
import { resolveSourcePath } from '../../../src/extension/report/sourcePath';
import { isUiState, parsePageMessage } from '../../../webview/protocol';

const csp = 'https://x.vscode-cdn.net';

test('the CSP allows only nonce scripts and the extension origin', () => {
  assert.equal(
    contentSecurityPolicy(csp, 'abc'),
    "default-src 'none'; script-src 'nonce-abc'; style-src https://x.vscode-cdn.net; img-src https://x.vscode-cdn.net data:; font-src https://x.vscode-cdn.net",
  );
});

test('the page has one external nonce script, no inline script or style, and the policy in a meta tag', () => {
  const nonce = createNonce();
  const html = renderReportHtml({ cspSource: csp, nonce, scriptUri: `${csp}/dist/webview.js`, styleUri: `${csp}/dist/webview.css` });
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  assert.equal(scripts.length, 1);
  assert.match(scripts[0][1], new RegExp(`nonce="${nonce.replace(/[+/]/g, (c) => `\\${c}`)}"`));
  assert.match(scripts[0][1], /src="https:\/\/x\.vscode-cdn\.net\/dist\/webview\.js"/);
  assert.equal(scripts[0][2].trim(), '');
  assert.doesNotMatch(html, /<style|\sstyle=|\son[a-z]+=/i);
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; script-src &#39;nonce-/);
});

test('nonces are fresh and long', () => {
  const a = createNonce();
  const b = createNonce();
  assert.notEqual(a, b);
  assert.ok(Buffer.from(a, 'base64').length >= 16);
  assert.throws(() => renderReportHtml({ cspSource: csp, nonce: 'short', scriptUri: 'a', styleUri: 'b' }));
});

test('URIs are escaped in attributes', () => {
  const html = renderReportHtml({ cspSource: csp, nonce: createNonce(), scriptUri: 'x"><script>alert(1)</script>', styleUri: 'y' });
  assert.equal((html.match(/<script/g) ?? []).length, 1);
});

for (const [message, expected] of [
  [{ type: 'ready' }, { type: 'ready' }],
  [{ type: 'openLocation', location: { file: 'src/a.ts', line: 4, column: 2 } }, { type: 'openLocation', location: { file: 'src/a.ts', line: 4, column: 2 } }],
  [{ type: 'openLocation', location: { file: 'src/a.ts', line: 4, column: -1 } }, { type: 'openLocation', location: { file: 'src/a.ts', line: 4, column: undefined } }],
  [{ type: 'openLocation', location: { file: 'src/a.ts', line: 0 } }, undefined],
  [{ type: 'openLocation', location: { file: 5, line: 3 } }, undefined],
  [{ type: 'openLocation' }, undefined],
  [{ type: 'selectRequest', requestId: 'r1' }, { type: 'selectRequest', requestId: 'r1' }],
  [{ type: 'selectRequest', requestId: 1 }, undefined],
  [{ type: 'uiState', state: { tab: 'flows', window: [1, 2], selectedRequestId: null } }, { type: 'uiState', state: { tab: 'flows', window: [1, 2], selectedRequestId: null } }],
  [{ type: 'uiState', state: { tab: 'other', window: null, selectedRequestId: null } }, undefined],
  [{ type: 'runCommand', command: 'rm -rf' }, undefined],
  [null, undefined],
  ['ready', undefined],
] as Array<[unknown, unknown]>) {
  test(`parsePageMessage(${JSON.stringify(message)})`, () => assert.deepEqual(parsePageMessage(message), expected));
}

test('isUiState rejects non-finite windows', () => {
  assert.equal(isUiState({ tab: 'suspects', window: [0, Infinity], selectedRequestId: null }), false);
  assert.equal(isUiState({ tab: 'suspects', window: null, selectedRequestId: 'x' }), true);
});

test('openLocation paths: inside the source root or a workspace folder only, symlinks followed', () => {
  const base = mkdtempSync(join(tmpdir(), 'limbo-src-'));
  const ws = join(base, 'ws');
  const src = join(ws, 'service');
  mkdirSync(join(src, 'lib'), { recursive: true });
  mkdirSync(join(base, 'secret'));
  writeFileSync(join(src, 'lib', 'loop.ts'), 'while (true) {}\n');
  writeFileSync(join(ws, 'other.ts'), '\n');
  writeFileSync(join(base, 'secret', 'key.txt'), 'x\n');
  symlinkSync(join(base, 'secret'), join(src, 'escape'));
  const roots = { sourceRoot: 'service', workspaceFolders: [ws] };
  const cases: Array<[string, string | false]> = [
    ['lib/loop.ts', join(src, 'lib', 'loop.ts')],
    [join(ws, 'other.ts'), join(ws, 'other.ts')],
    ['../other.ts', join(ws, 'other.ts')],
    ['../../secret/key.txt', false],
    [join(base, 'secret', 'key.txt'), false],
    ['escape/key.txt', false],
    ['lib/missing.ts', false],
    ['', false],
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['lib/\0loop.ts', false],
  ];
  for (const [file, expected] of cases) {
    const r = resolveSourcePath(file, roots);
    assert.deepEqual(r.ok ? r.path : false, expected, file);
  }
  assert.equal(resolveSourcePath('a.ts', { workspaceFolders: [] }).ok, false);
});
