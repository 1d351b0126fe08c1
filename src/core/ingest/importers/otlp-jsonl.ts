// OpenTelemetry Collector file exporter: one ExportTrace/Logs/MetricsServiceRequest per line.
// Metrics lines are skipped on purpose; a bad line is reported and the rest still read.
import type { ImportContext } from '../context';
import { importOtlpRequest } from '../otlp-convert';
import { lineImporter } from '../readers';
import type { Importer } from '../types';

export function otlpJsonLinesImporter(ctx: ImportContext): Importer {
  return lineImporter(
    ctx,
    (text, line) => {
      if (text.trim() === '') return;
      let request: unknown;
      try {
        request = JSON.parse(text);
      } catch (err) {
        ctx.skippedLines++;
        ctx.warn(`not a JSON line (${err instanceof Error ? err.message : String(err)})`, line);
        return;
      }
      if (typeof request !== 'object' || request === null || Array.isArray(request)) {
        ctx.skippedLines++;
        ctx.warn('line is JSON but not an OTLP request object', line);
        return;
      }
      const r = request as Record<string, unknown>;
      if (!('resourceSpans' in r || 'resourceLogs' in r || 'batches' in r)) {
        if ('resourceMetrics' in r) ctx.ignoredRecords++;
        else {
          ctx.skippedLines++;
          ctx.warn('line has no resourceSpans/resourceLogs; skipped', line);
        }
        return;
      }
      importOtlpRequest(ctx, r, line);
    },
  );
}
