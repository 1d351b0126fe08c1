// Repeated strings (span names, services, attribute values) are kept once: a million spans from
// a handful of routes should not hold a million copies of "GET /orders/:id".

const MAX_INTERNED_LENGTH = 128;
const MAX_ENTRIES = 2_000_000;
/** JSON.parse (V8) already returns string values up to this long as the one internalized copy of each. */
const PARSER_INTERNALIZED_LENGTH = 10;

export class StringInterner {
  private readonly table = new Map<string, string>();
  /** Trace ids apart: one new entry per trace, they would fill the shared table and slow every lookup in it. */
  private readonly traceIds = new Map<string, string>();

  intern(value: string): string {
    if (value.length > MAX_INTERNED_LENGTH) return value;
    const known = this.table.get(value);
    if (known !== undefined) return known;
    if (this.table.size < MAX_ENTRIES) this.table.set(value, value);
    return value;
  }

  /** A trace id's one copy (spans of a trace need not arrive together). */
  internTraceId(value: string): string {
    const known = this.traceIds.get(value);
    if (known !== undefined) return known;
    if (this.traceIds.size < MAX_ENTRIES) this.traceIds.set(value, value);
    return value;
  }

  /** For strings straight from JSON.parse: the short ones are already shared, and looking them up again only costs (millions of calls). */
  internParsed(value: string): string {
    return value.length <= PARSER_INTERNALIZED_LENGTH ? value : this.intern(value);
  }
}
