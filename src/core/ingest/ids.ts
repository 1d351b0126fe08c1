// Trace and span ids arrive as hex in any case, base64 (OTLP/JSON from protobuf tools), or
// hex without leading zeros (Jaeger). Everything downstream compares lower-case hex.

const HEX = /^[0-9a-fA-F]+$/;

/** Lower-case hex of 16 or 32 digits: what almost every id already is. A loop, not a regex: this runs twice per span. */
function isCanonicalId(raw: string): boolean {
  if (raw.length !== 16 && raw.length !== 32) return false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    // 0-9 or a-f
    if (c > 0x66 || (c < 0x61 && (c < 0x30 || c > 0x39))) return false;
  }
  return true;
}

/** Returns lower-case hex, or undefined for an empty/absent id, or null when it is not an id at all. */
export function normalizeId(raw: unknown, padTo?: 16 | 32): string | undefined | null {
  if (raw === undefined || raw === null || raw === '') return undefined;
  // Fast path: already lower-case hex of a standard length (almost every id).
  if (typeof raw === 'string' && isCanonicalId(raw)) return raw;
  if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0) raw = raw.toString(16);
  if (typeof raw !== 'string') return null;
  if (HEX.test(raw)) {
    if (raw.length === 16 || raw.length === 32) return raw.toLowerCase();
    if (raw.length < 16) return raw.toLowerCase().padStart(padTo ?? 16, '0');
    if (raw.length < 32) return raw.toLowerCase().padStart(32, '0');
    return raw.length <= 64 ? raw.toLowerCase() : null;
  }
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(raw) && raw.length <= 44) {
    const bytes = Buffer.from(raw, 'base64');
    if (bytes.length === 8 || bytes.length === 16) return bytes.toString('hex');
  }
  return null;
}

/** True for ids made only of zeros (OTLP's "no parent" in some exporters). */
export function isZeroId(id: string): boolean {
  if (id.length === 0) return false;
  for (let i = 0; i < id.length; i++) if (id.charCodeAt(i) !== 0x30) return false;
  return true;
}

/** Nanoseconds since the epoch (string or number) to fractional milliseconds; undefined when absent or 0. */
export function nanosToMs(raw: unknown): number | undefined {
  if (typeof raw === 'number') return raw > 0 && Number.isFinite(raw) ? raw / 1e6 : undefined;
  if (typeof raw !== 'string' || raw === '' || raw.length > 24) return undefined;
  // Whole milliseconds and the nanosecond rest are summed separately, so the milliseconds stay
  // exact (epoch nanoseconds do not fit a double); digit by digit, because this runs per span.
  const split = raw.length - 6;
  let ms = 0;
  let rest = 0;
  for (let i = 0; i < raw.length; i++) {
    const d = raw.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    if (i < split) ms = ms * 10 + d;
    else rest = rest * 10 + d;
  }
  const value = ms + rest / 1e6;
  return value > 0 ? value : undefined;
}

/** Microseconds since the epoch (Jaeger, Zipkin) to milliseconds. */
export function microsToMs(raw: unknown): number | undefined {
  const n = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n / 1000 : undefined;
}
