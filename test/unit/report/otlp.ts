// Writes model spans back as one OTLP/JSON ExportTraceServiceRequest line (what the Collector's file exporter writes).
import type { AttrValue, Span } from '../../../src/core/model';

const KIND = { unspecified: 0, internal: 1, server: 2, client: 3, producer: 4, consumer: 5 } as const;
const STATUS = { unset: 0, ok: 1, error: 2 } as const;

function anyValue(v: AttrValue): Record<string, unknown> {
  if (typeof v === 'string') return { stringValue: v };
  if (typeof v === 'boolean') return { boolValue: v };
  if (typeof v === 'number') return Number.isInteger(v) ? { intValue: String(v) } : { doubleValue: v };
  if (Array.isArray(v)) return { arrayValue: { values: v.map(anyValue) } };
  if (v === null) return {};
  return { kvlistValue: { values: Object.entries(v).map(([key, value]) => ({ key, value: anyValue(value) })) } };
}

const nanos = (ms: number): string => (BigInt(Math.round(ms * 1000)) * 1000n).toString();
const pad = (id: string, width: number): string => id.padStart(width, '0').slice(-width);

export function toOtlpLine(spans: Span[], service = 'shop'): string {
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
        scopeSpans: [
          {
            scope: { name: 'test' },
            spans: spans.map((s) => ({
              traceId: pad(s.traceId, 32),
              spanId: pad(s.spanId, 16),
              ...(s.parentSpanId ? { parentSpanId: pad(s.parentSpanId, 16) } : {}),
              name: s.name,
              kind: KIND[s.kind],
              startTimeUnixNano: nanos(s.startMs),
              endTimeUnixNano: nanos(s.endMs ?? s.startMs),
              attributes: Object.entries(s.attributes).map(([key, value]) => ({ key, value: anyValue(value) })),
              status: { code: STATUS[s.status] },
            })),
          },
        ],
      },
    ],
  });
}
