// `npm run demo`: builds Limbo, packages the .vsix, installs it into a local code-server (a real
// VS Code, see scripts/setup-code-server.sh), analyzes the demo incident with the CLI (the result
// lands in the workspace's .limbo/report.json, which the extension loads when it activates), prints
// the CLI's answer and the URL, and serves VS Code on 127.0.0.1 until Ctrl-C.
//   node scripts/demo.mjs [--port N] [--check]   (--check: start, wait until it answers, stop)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const version = '4.99.4';
const entry = join(root, '.tools', `code-server-${version}`, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const workspace = join(root, 'examples', 'shop-express');
const inputs = ['recorded/traces.otlp.jsonl.gz', 'recorded/app.log.jsonl'];
const demoDir = join(root, '.tools', 'demo');
const check = process.argv.includes('--check');
const portArg = process.argv.indexOf('--port');
const wantedPort = Number(portArg > 0 ? process.argv[portArg + 1] : process.env.PORT ?? 8080);

function step(title, command, args, options = {}) {
  process.stderr.write(`demo: ${title}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], ...options });
  if (result.status !== 0) {
    process.stderr.write(`demo: "${title}" failed (exit ${result.status ?? result.signal})\n`);
    process.exit(1);
  }
  return result;
}

function portIsFree(port) {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.once('error', () => resolvePort(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolvePort(true)));
  });
}

async function choosePort() {
  for (let port = wantedPort; port < wantedPort + 50; port++) if (await portIsFree(port)) return port;
  throw new Error(`no free port from ${wantedPort} to ${wantedPort + 49}`);
}

step('building the extension, its worker, the webview and the CLI', process.execPath, ['scripts/build.mjs']);
mkdirSync(demoDir, { recursive: true });
const vsix = join(demoDir, 'limbo.vsix');
step('packaging the .vsix', process.execPath, ['scripts/package-vsix.mjs', '--out', vsix]);
if (!existsSync(entry)) step(`installing code-server ${version} (first run only)`, 'bash', ['scripts/setup-code-server.sh']);

// A fresh profile every run, so the demo always shows this build of Limbo.
const userData = join(demoDir, 'user-data');
const extensions = join(demoDir, 'extensions');
rmSync(userData, { recursive: true, force: true });
rmSync(extensions, { recursive: true, force: true });
mkdirSync(join(userData, 'User'), { recursive: true });
writeFileSync(
  join(userData, 'User', 'settings.json'),
  JSON.stringify({ 'security.workspace.trust.enabled': false, 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'extensions.autoUpdate': false }, null, 2),
);
step('installing Limbo into code-server', process.execPath, [entry, '--user-data-dir', userData, '--extensions-dir', extensions, '--install-extension', vsix], { stdio: ['ignore', 'ignore', 'inherit'] });

// The same analysis the extension would run, through the CLI: the JSON is the result the extension
// restores on activation (workspaceContains:.limbo/report.json); the text is printed below.
mkdirSync(join(workspace, '.limbo'), { recursive: true });
step('analyzing the demo incident', process.execPath, [join(root, 'dist', 'cli.js'), 'analyze', ...inputs, '--src', '.', '--format', 'json', '--out', '.limbo/report.json'], { cwd: workspace, stdio: ['ignore', 'ignore', 'inherit'] });
process.stdout.write(`\n$ cd examples/shop-express && limbo analyze ${inputs.join(' ')} --src .\n\n`);
spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'analyze', ...inputs, '--src', '.'], { cwd: workspace, stdio: ['ignore', 'inherit', 'inherit'] });

const port = await choosePort();
const server = spawn(
  process.execPath,
  [entry, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--user-data-dir', userData, '--extensions-dir', extensions, workspace],
  { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
);
let log = '';
server.stdout.on('data', (d) => (log = (log + d).slice(-10_000)));
server.stderr.on('data', (d) => (log = (log + d).slice(-10_000)));
const stop = () => {
  if (server.exitCode === null) server.kill('SIGTERM');
};
process.on('SIGINT', () => {
  stop();
  process.exit(0);
});
process.on('SIGTERM', () => {
  stop();
  process.exit(0);
});
server.on('exit', (code) => {
  if (!check) {
    process.stderr.write(`demo: code-server stopped (exit ${code})\n${log}`);
    process.exit(code ?? 1);
  }
});

const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`;
const deadline = Date.now() + 60_000;
for (;;) {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) });
    if (response.ok) break;
  } catch {
    // not listening yet
  }
  if (Date.now() > deadline || server.exitCode !== null) {
    process.stderr.write(`demo: code-server did not start:\n${log}\n`);
    stop();
    process.exit(1);
  }
  await new Promise((r) => setTimeout(r, 300));
}

process.stdout.write(`\nLimbo is running in VS Code (code-server ${version}) with the demo incident loaded:\n\n  ${url}\n\n`);
process.stdout.write('Open src/services/gift-card-service.ts for the code lens, the Limbo view in the activity bar for the tree,\n');
process.stdout.write('and "Limbo: Show Incident Report" from the command palette (F1). Press Ctrl-C to stop.\n');
if (check) {
  stop();
  process.exit(0);
}
