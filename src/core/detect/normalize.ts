// Turns concrete values into templates so requests and operations that differ only by ids group together.

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const EMAIL = /[^\s/@:;,'"]+@[^\s/@:;,'"]+\.[a-z]{2,}/gi;
const LONG_HEX = /\b(?=[0-9a-f]*\d)[0-9a-f]{12,}\b/gi;
const NUMBER = /(?<![A-Za-z_])-?\d+(?:\.\d+)?(?![A-Za-z_])/g;

/** One URL path segment → a placeholder when it is an id, else unchanged. */
const MAX_SEGMENT = 128;
const MAX_PATH = 2048;

function normalizeSegment(segment: string): string {
  if (segment === '') return segment;
  // Very long segments are tokens or payloads; also keeps the patterns below from seeing hostile input.
  if (segment.length > MAX_SEGMENT) return ':long';
  if (segment.length === 36 && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(segment)) return ':uuid';
  // Every pattern below but the email's needs a digit, so plain words ("orders", "gift-card") stop here.
  if (!/\d/.test(segment) && !segment.includes('@')) return segment;
  if (/^-?\d+$/.test(segment)) return ':num';
  if (/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(segment)) return ':email';
  if (/^(?=.*\d)[0-9a-f]{12,}$/i.test(segment)) return ':hash';
  // Mixed letters and digits in a long token (ObjectIds, base64 ids, slugs with ids).
  if (segment.length >= 16 && /\d/.test(segment) && /^[A-Za-z0-9_-]+={0,2}$/.test(segment)) return ':id';
  // Prefixed numeric ids: "o-5028", "p_1005", "INV2024001".
  if (/^[A-Za-z]{1,4}[-_]?\d{3,}$/.test(segment)) return ':id';
  // Shorter product/order codes: letters and at least two digits ("1YMWWN1N4O", "ord_8f3k29").
  if (segment.length >= 8 && /^[A-Za-z0-9_-]+$/.test(segment) && /[A-Za-z]/.test(segment) && (segment.match(/\d/g)?.length ?? 0) >= 2) return ':id';
  return segment;
}

const pathCache = new Map<string, string>();

/** "/users/42/orders/9f1c…?x=1" → "/users/:num/orders/:uuid" (query and fragment dropped). */
export function normalizePath(urlOrPath: string): string {
  let cached = pathCache.get(urlOrPath);
  if (cached === undefined) {
    cached = normalizePathUncached(urlOrPath);
    // Bounded: URLs with ids are mostly distinct, and the cache must not grow with the input.
    if (pathCache.size >= 20000) pathCache.clear();
    pathCache.set(urlOrPath, cached);
  }
  return cached;
}

function normalizePathUncached(urlOrPath: string): string {
  let path = urlOrPath.length > MAX_PATH ? urlOrPath.slice(0, MAX_PATH) : urlOrPath;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(path);
  if (scheme) path = path.slice(scheme[0].length) || '/';
  const cut = path.search(/[?#]/);
  if (cut >= 0) path = path.slice(0, cut);
  if (path === '') path = '/';
  let decoded = path;
  // Only percent-encoded paths need decoding (most do not; this runs once per distinct URL).
  if (path.includes('%')) {
    try {
      decoded = decodeURIComponent(path);
    } catch {
      // Keep the raw path when it is not valid percent-encoding.
    }
  }
  return decoded.split('/').map(normalizeSegment).join('/');
}

const MAX_TEXT = 1000;

/** A log message or span name → a template: ids, numbers, emails replaced by placeholders (long text is cut first). */
export function normalizeText(input: string): string {
  const text = input.length > MAX_TEXT ? input.slice(0, MAX_TEXT) : input;
  return text.replace(UUID, '<uuid>').replace(EMAIL, '<email>').replace(LONG_HEX, '<hex>').replace(NUMBER, '<n>');
}

/** A value in an attribute → short display string (the caller decides whether to use it at all). */
export function attrToString(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}
