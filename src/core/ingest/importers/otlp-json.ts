// One OTLP/JSON ExportTraceServiceRequest or ExportLogsServiceRequest document, possibly
// pretty-printed and large: streamed down to single spans / log records, so each record gets
// the line it starts on and the document is never one string.
import type { ImportContext } from '../context';
import type { JsonPath } from '../json-splitter';
import { addLogRecord, addSpan, internedScopeName, resourceInfo, type ResourceInfo } from '../otlp-convert';
import { documentImporter, parsePart } from '../readers';
import type { Importer } from '../types';

const RESOURCE_LISTS = new Set(['resourceSpans', 'batches', 'resourceLogs', 'resourceMetrics']);
const SCOPE_LISTS = new Set(['scopeSpans', 'instrumentationLibrarySpans', 'scopeLogs', 'instrumentationLibraryLogs']);
const RECORD_LISTS = new Set(['spans', 'logRecords']);

interface PendingRecord {
  kind: 'span' | 'log';
  raw: unknown;
  line: number;
  scopeIndex: number;
}

export function otlpJsonImporter(ctx: ImportContext): Importer {
  // Records wait until their ResourceSpans closes: `resource` and `scope` may come after them.
  let pending: PendingRecord[] = [];
  let resourceRaw: unknown;
  const scopes = new Map<number, string | undefined>();
  let metrics = 0;

  const isShape = (path: JsonPath): boolean => {
    const [list, , scopeList, , records] = path;
    if (!RESOURCE_LISTS.has(String(list))) return false;
    if (path.length <= 2) return true;
    if (!SCOPE_LISTS.has(String(scopeList))) return false;
    if (path.length <= 4) return true;
    return path.length === 5 && RECORD_LISTS.has(String(records));
  };

  return documentImporter(ctx, {
    rootKinds: '{',
    descend: (path) => path[0] !== 'resourceMetrics' && isShape(path),
    onValue: (path, text, line) => {
      if (path[0] === 'resourceMetrics') {
        metrics++;
        return;
      }
      if (path.length === 3 && path[2] === 'resource') resourceRaw = parsePart(ctx, text, line, 'resource');
      else if (path.length === 5 && (path[4] === 'scope' || path[4] === 'instrumentationLibrary')) scopes.set(path[3] as number, internedScopeName(ctx, parsePart(ctx, text, line, 'scope')));
      else if (path.length === 6 && RECORD_LISTS.has(String(path[4]))) {
        const raw = parsePart(ctx, text, line, path[4] === 'spans' ? 'span' : 'log record');
        if (raw !== undefined) pending.push({ kind: path[4] === 'spans' ? 'span' : 'log', raw, line, scopeIndex: path[3] as number });
      }
    },
    onClose: (path) => {
      if (path.length === 2 && RESOURCE_LISTS.has(String(path[0]))) flush();
    },
    onEnd: () => {
      // A truncated document: keep the records read before the cut.
      flush();
      ctx.ignoredRecords += metrics;
    },
  });

  function flush(): void {
      const resource: ResourceInfo = resourceInfo(ctx, resourceRaw);
      for (const r of pending) {
        const origin = { file: ctx.file, line: r.line };
        if (r.kind === 'span') addSpan(ctx, r.raw, resource, scopes.get(r.scopeIndex), origin);
        else addLogRecord(ctx, r.raw, resource, scopes.get(r.scopeIndex), origin);
      }
      pending = [];
      resourceRaw = undefined;
      scopes.clear();
  }
}
