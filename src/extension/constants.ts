// Every id the manifest (package.json `contributes`) and the code share, in one typed place.
// A unit test checks that these match package.json, so a rename cannot silently break a menu.

export const Commands = {
  analyzeTrace: 'limbo.analyzeTrace',
  analyzeLogs: 'limbo.analyzeLogs',
  analyzeWorkspaceCode: 'limbo.analyzeWorkspaceCode',
  analyzeWithLimbo: 'limbo.analyzeWithLimbo',
  showIncidentReport: 'limbo.showIncidentReport',
  clearResults: 'limbo.clearResults',
  copyIncidentSummary: 'limbo.copyIncidentSummary',
  showExplanation: 'limbo.showExplanation',
  openLocation: 'limbo.openLocation',
  receiveLive: 'limbo.receiveLive',
  stopReceiving: 'limbo.stopReceiving',
  analyzeReceived: 'limbo.analyzeReceived',
  fetchFromBackend: 'limbo.fetchFromBackend',
} as const;
export type CommandId = (typeof Commands)[keyof typeof Commands];

export const Views = {
  container: 'limbo',
  incident: 'limbo.incident',
} as const;

export const ContextKeys = {
  hasResults: 'limbo.hasResults',
  busy: 'limbo.busy',
  receiving: 'limbo.receiving',
} as const;

export const Settings = {
  section: 'limbo',
  sourceRoot: 'sourceRoot',
  pathMappings: 'pathMappings',
  requestIdFields: 'requestIdFields',
  timeoutThresholdMs: 'timeoutThresholdMs',
  rules: 'rules',
  codeLensEnabled: 'codeLens.enabled',
  decorationsEnabled: 'decorations.enabled',
  resultsLocation: 'results.location',
  recheckOnSave: 'recheckOnSave',
  receiverPort: 'receiver.port',
  receiverGrpcPort: 'receiver.grpcPort',
  fetchHeaders: 'fetch.headers',
} as const;
export type SettingKey = Exclude<(typeof Settings)[keyof typeof Settings], 'limbo'>;

export const Colors = {
  stuckPathBackground: 'limbo.stuckPathBackground',
  suspectLoopBackground: 'limbo.suspectLoopBackground',
  stuckPathGutter: 'limbo.stuckPathRulerColor',
} as const;

/** Where a workspace's last result is saved; the manifest's `workspaceContains` activation event names it too. */
export const WorkspaceResultPath = '.limbo/report.json';

export const DiagnosticSource = 'Limbo';
export const ExplanationScheme = 'limbo-explanation';

/** File name extensions offered by the pickers and the Explorer menu. */
export const TraceExtensions = ['json', 'jsonl', 'ndjson', 'gz', 'har'];
export const LogExtensions = ['log', 'jsonl', 'ndjson', 'json', 'txt', 'gz'];
