// Builds the waterfall's data for one request from its spans and log records (host side, pure).
import type { CodeMapping, AnalysisReport } from '../../src/core/model/report';
import type { LoopSignature, RequestRecord } from '../../src/core/model/request';
import type { Attributes, LogRecord, Span } from '../../src/core/model/telemetry';
import type { DetailLog, DetailSpan, RequestDetail, SourceLink } from '../protocol';

/** OpenTelemetry code attributes, current and older semantic-convention names. */
export function codeLocationOf(attributes: Attributes | undefined): SourceLink | undefined {
  if (!attributes) return undefined;
  const file = attributes['code.file.path'] ?? attributes['code.filepath'];
  const line = attributes['code.line.number'] ?? attributes['code.lineno'];
  const column = attributes['code.column.number'] ?? attributes['code.column'];
  const lineNumber = typeof line === 'string' ? Number(line) : line;
  if (typeof file !== 'string' || file === '' || typeof lineNumber !== 'number' || !Number.isInteger(lineNumber) || lineNumber < 1) return undefined;
  const columnNumber = typeof column === 'string' ? Number(column) : column;
  return { file, line: lineNumber, column: typeof columnNumber === 'number' && Number.isInteger(columnNumber) && columnNumber >= 1 ? columnNumber : undefined };
}

function mappingIndex(mappings: readonly CodeMapping[]): { byOrigin: Map<string, SourceLink>; bySpanName: Map<string, SourceLink>; byTemplate: Map<string, SourceLink> } {
  const byOrigin = new Map<string, SourceLink>();
  const bySpanName = new Map<string, SourceLink>();
  const byTemplate = new Map<string, SourceLink>();
  // Mappings come best-first from the engine; keep the first (most confident) per key.
  const sorted = [...mappings].sort((a, b) => b.confidence - a.confidence);
  for (const m of sorted) {
    const link: SourceLink = { file: m.location.file, line: m.location.startLine, column: m.location.startColumn };
    if (m.at) {
      const k = `${m.at.file}:${m.at.line}`;
      if (!byOrigin.has(k)) byOrigin.set(k, link);
    }
    if (m.via === 'span-name' && !bySpanName.has(m.detail)) bySpanName.set(m.detail, link);
    if (m.via === 'log-template' && !byTemplate.has(normalizeOperation(m.detail))) byTemplate.set(normalizeOperation(m.detail), link);
  }
  return { byOrigin, bySpanName, byTemplate };
}

/** Numbers and hex ids vary between repetitions of one operation; the rest of the text does not. */
export function normalizeOperation(text: string): string {
  return text.replace(/\b[0-9a-f]{8,}\b/gi, '#').replace(/\d+(\.\d+)?/g, '#').trim();
}

export function buildRequestDetail(
  request: Pick<RequestRecord, 'id' | 'flow' | 'state' | 'startMs' | 'lastSeenMs'> & { loops?: LoopSignature[] },
  spans: readonly Span[],
  logs: readonly LogRecord[],
  mappings: readonly CodeMapping[] = [],
): RequestDetail {
  const index = mappingIndex(mappings);
  const locate = (attributes: Attributes, origin: { file: string; line: number } | undefined, name: string, byName: Map<string, SourceLink>) =>
    codeLocationOf(attributes) ?? (origin ? index.byOrigin.get(`${origin.file}:${origin.line}`) : undefined) ?? byName.get(name);
  const detailSpans: DetailSpan[] = spans.map((s) => ({
    spanId: s.spanId,
    parentSpanId: s.parentSpanId || undefined,
    name: s.name,
    service: s.service,
    startMs: s.startMs,
    endMs: s.endMs,
    untimed: s.startEstimated ? true : undefined,
    status: s.status,
    location: locate(s.attributes, s.origin, s.name, index.bySpanName),
  }));
  const detailLogs: DetailLog[] = logs
    .filter((l) => typeof l.timeMs === 'number')
    .map((l) => ({
      timeMs: l.timeMs as number,
      level: l.level,
      message: l.message,
      spanId: l.spanId,
      location: locate(l.attributes, l.origin, normalizeOperation(l.message), index.byTemplate),
    }));
  return {
    requestId: request.id,
    flow: request.flow,
    state: request.state,
    startMs: request.startMs,
    lastSeenMs: request.lastSeenMs,
    spans: detailSpans,
    logs: detailLogs,
    loops: (request.loops ?? []).map((l) => ({ operation: l.operation, source: l.source, count: l.count, periodMs: l.periodMs })),
  };
}

/** The detail for a request from the spans and logs the report itself carries (`requestDetails`), if any. */
export function detailFromReport(report: AnalysisReport, requestId: string): RequestDetail | undefined {
  const raw = report.requestDetails?.[requestId];
  if (!raw) return undefined;
  const request =
    report.requests?.find((r) => r.id === requestId) ??
    report.incomplete.find((r) => r.id === requestId) ??
    ({ id: requestId, flow: '', state: 'incomplete' } as const);
  return buildRequestDetail(request, raw.spans, raw.logs, report.mappings);
}
