// A stand-in for the `vscode` module, enough to load dist/extension.js and call activate() outside
// VS Code: it records registrations and hands out disposables. Used by the activation benchmark
// (bench/activation.mjs) and the activation unit test.
'use strict';
const Module = require('node:module');

function createFakeVscode() {
  const calls = [];
  const disposed = [];
  let nextId = 0;
  const disposable = (what) => {
    const id = ++nextId;
    return { id, what, dispose: () => disposed.push(what) };
  };
  const record = (name) => (...args) => {
    calls.push({ name, args });
    return disposable(`${name}:${typeof args[0] === 'string' ? args[0] : nextId + 1}`);
  };
  class EventEmitter {
    constructor() {
      this.listeners = [];
      this.event = (listener) => {
        this.listeners.push(listener);
        return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
      };
    }
    fire(value) {
      for (const l of this.listeners) l(value);
    }
    dispose() {
      this.listeners = [];
    }
  }
  class Simple {
    constructor(...args) {
      this.args = args;
    }
  }
  const config = { get: (_key, fallback) => fallback };
  const Uri = {
    file: (fsPath) => ({ scheme: 'file', fsPath, path: fsPath, toString: () => `file://${fsPath}` }),
    joinPath: (base, ...parts) => ({ scheme: base.scheme, fsPath: [base.fsPath, ...parts].join('/'), path: [base.path, ...parts].join('/') }),
    parse: (value) => ({ scheme: value.split(':')[0], fsPath: value, path: value, toString: () => value }),
    from: (parts) => parts,
  };
  const vscode = {
    EventEmitter,
    Disposable: Simple,
    Range: Simple,
    Position: Simple,
    Location: Simple,
    Diagnostic: Simple,
    DiagnosticRelatedInformation: Simple,
    CodeLens: Simple,
    Hover: Simple,
    MarkdownString: Simple,
    ThemeColor: Simple,
    ThemeIcon: Simple,
    TreeItem: Simple,
    Uri,
    DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
    OverviewRulerLane: { Left: 1, Center: 2, Right: 4, Full: 7 },
    TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    ViewColumn: { Active: -1, Beside: -2, One: 1 },
    commands: { registerCommand: record('registerCommand'), executeCommand: async (...args) => (calls.push({ name: 'executeCommand', args }), undefined) },
    languages: {
      registerCodeLensProvider: record('registerCodeLensProvider'),
      registerHoverProvider: record('registerHoverProvider'),
      createDiagnosticCollection: (name) => ({ name, clear() {}, set() {}, dispose: () => disposed.push(`diagnostics:${name}`) }),
    },
    window: {
      createTreeView: record('createTreeView'),
      registerWebviewPanelSerializer: record('registerWebviewPanelSerializer'),
      createTextEditorDecorationType: record('createTextEditorDecorationType'),
      onDidChangeVisibleTextEditors: record('onDidChangeVisibleTextEditors'),
      visibleTextEditors: [],
      showWarningMessage: async () => undefined,
      showInformationMessage: async (...args) => (calls.push({ name: 'showInformationMessage', args }), undefined),
      showErrorMessage: async () => undefined,
    },
    env: { clipboard: { writeText: async (text) => (calls.push({ name: 'clipboard.writeText', args: [text] }), undefined) } },
    workspace: {
      workspaceFolders: undefined,
      getConfiguration: () => config,
      onDidChangeConfiguration: record('onDidChangeConfiguration'),
      onDidSaveTextDocument: record('onDidSaveTextDocument'),
      registerTextDocumentContentProvider: record('registerTextDocumentContentProvider'),
      fs: { readFile: async () => { throw new Error('no file'); }, writeFile: async () => {}, createDirectory: async () => {}, delete: async () => {} },
    },
  };
  return { vscode, calls, disposed };
}

/** Makes `require('vscode')` return `fake` until the returned function is called. */
function installFakeVscode(fake) {
  const original = Module._load;
  Module._load = function load(request, ...rest) {
    if (request === 'vscode') return fake;
    return original.call(this, request, ...rest);
  };
  return () => {
    Module._load = original;
  };
}

function fakeContext(extensionPath) {
  return {
    subscriptions: [],
    extensionPath,
    extensionUri: { scheme: 'file', fsPath: extensionPath, path: extensionPath },
    storageUri: undefined,
    globalStorageUri: { scheme: 'file', fsPath: '/tmp', path: '/tmp' },
    workspaceState: { get: () => undefined, update: async () => {} },
    globalState: { get: () => undefined, update: async () => {} },
  };
}

module.exports = { createFakeVscode, installFakeVscode, fakeContext };
