// Renderings of the AnalysisReport.
export { renderText, type TextOptions } from './text';
export { renderJson } from './json';
export { renderMarkdown, markdownCode, markdownText, type MarkdownOptions } from './markdown';
export { renderSarif, buildSarif, createRun, addRule, addResult, inputLocation, sourceLocation, HUNG_FLOW_RULE, SOURCE_ROOT_ID, SARIF_SCHEMA } from './sarif';
export { escapeTerminal, clip } from './escape';
