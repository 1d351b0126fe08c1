#!/usr/bin/env bash
# Installs code-server (a real VS Code served to a browser) into .tools/code-server-<version>/
# for the end-to-end tests and `npm run demo`. Works offline from GitHub: skips code-server's
# postinstall (which downloads ripgrep) and uses Debian's ripgrep instead.
# Idempotent: does nothing when the version is already installed.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION="${CODE_SERVER_VERSION:-4.99.4}"
TOOL_DIR="$PWD/.tools/code-server-$VERSION"
ENTRY="$TOOL_DIR/node_modules/code-server/out/node/entry.js"
DONE_MARKER="$TOOL_DIR/.installed"

if [ -f "$DONE_MARKER" ] && [ -f "$ENTRY" ]; then
  echo "setup-code-server: code-server $VERSION already installed in $TOOL_DIR"
  exit 0
fi

command -v rg >/dev/null 2>&1 || { echo "setup-code-server: ripgrep (rg) is missing; run scripts/setup.sh or apt-get install ripgrep" >&2; exit 1; }

echo "setup-code-server: installing code-server $VERSION into $TOOL_DIR (takes a few minutes)"
mkdir -p "$TOOL_DIR"
cd "$TOOL_DIR"
[ -f package.json ] || echo '{ "name": "limbo-code-server-tool", "private": true }' > package.json
npm install --no-audit --no-fund --ignore-scripts "code-server@$VERSION"

cd node_modules/code-server/lib/vscode
npm install --no-audit --no-fund --omit=dev --ignore-scripts
# The ripgrep package's postinstall skips its GitHub download when bin/ already exists.
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
# node-pty's build script calls `npx node-gyp`, which must not prompt.
npm_config_yes=true npm rebuild
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
(cd extensions && npm install --no-audit --no-fund --omit=dev)

cd "$TOOL_DIR"
npm rebuild argon2

node "$ENTRY" --version
touch "$DONE_MARKER"
echo "setup-code-server: done"
