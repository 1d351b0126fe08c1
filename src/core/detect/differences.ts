// What is different about the stuck requests: for every attribute key=value (and the flow), how often
// it occurs among incomplete vs healthy requests, ranked by a one-sided Fisher exact test with a
// smoothed lift. Ids and timestamps are kept out by their cardinality, not by a list of names.
// URL values are compared as templates (ids replaced, query parameters sorted), so a stuck route shows
// once rather than once per id, and folds into its flow when both select the same requests.
import type { AttrValue, Attributes, Difference, RequestRecord } from '../model';
import { logFisherGreater } from './fisher';
import { normalizePath } from './normalize';

export interface DifferenceOptions {
  /** How many differences to return. */
  limit: number;
  /** Keys never compared: symptoms of the hang itself (status, its text, duration, a HAR entry's timings) and per-record noise. */
  excludeKeys: RegExp;
  /** A key whose distinct values exceed this share of the requests carrying it is an id, not a trait. */
  maxDistinctShare: number;
  /** Keys with at most this many distinct values keep even values seen once. */
  lowCardinality: number;
  /** Values longer than this are payloads, not traits. */
  maxValueLength: number;
  /** Largest p-value reported. */
  maxPValue: number;
  /** Keys anywhere in whose name the hang itself shows (gave_up, aborted, timeout, no_response): symptoms, not causes. */
  symptomKeys: RegExp;
}

export const defaultDifferenceOptions: DifferenceOptions = {
  limit: 20,
  excludeKeys:
    /(^|[._-])(time|timestamp|ts|@timestamp|date|duration|elapsed|latency|responseTime|response_time|took|pid|hostname|host\.name|msg|message|trace_?id|span_?id|parent_?id|trace_flags|v|level|severity|status|status_?code|statusCode|responseStatus|net\.peer\.port|net\.host\.port|client\.port|remotePort|server\.port|content[-_]length|bytes|size|status_?text)$|(^|\.)timings?\./i,
  maxDistinctShare: 0.5,
  lowCardinality: 20,
  maxValueLength: 200,
  maxPValue: 0.05,
  symptomKeys: /gave_?up|abort|timed_?out|timeout|no_?response/i,
};

interface ValueStats {
  total: number;
  incomplete: number;
  /** Order-independent fingerprint of the set of requests carrying the value (to fold exact duplicates). */
  fingerprint: number;
}

interface KeyStats {
  values: Map<string, ValueStats> | undefined;
  requests: number;
}

function leafString(v: AttrValue): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v) && v.length > 0 && v.length <= 5 && v.every((x) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean')) return v.join(',');
  return undefined;
}

/** Calls `emit(key, value)` for every primitive leaf, nested objects flattened as "a.b.c". */
function forEachFeature(attrs: Attributes, prefix: string, depth: number, emit: (key: string, value: string) => void): void {
  for (const key in attrs) {
    const v = attrs[key]!;
    const path = prefix ? `${prefix}.${key}` : key;
    const leaf = leafString(v);
    if (leaf !== undefined) emit(path, leaf);
    else if (v && typeof v === 'object' && !Array.isArray(v) && depth < 4) forEachFeature(v, path, depth + 1, emit);
  }
}

/** Key names whose values are URLs or paths even when a value does not start with "/" or a scheme. */
const URL_KEY = /(^|[._-])(url|uri|href|target|path|pathname|originalUrl)([._-](full|path|original))?$/i;
/** Key names whose values are bare query strings ("page=3&sort=asc"); not a plain "query", which is often SQL. */
const QUERY_KEY = /(^|[._-])((url|http|req|request)[._-]query|query_?string)$/i;
const SCHEME_AUTHORITY = /^([a-z][a-z0-9+.-]{0,31}:\/\/)(?:[^/?#@]*@)?([^/?#]*)/i;
/** Enough for any real query; the rest of a longer one is dropped from the template. */
const MAX_QUERY_PARAMS = 20;
/** Bound on the per-call memo of normalized values (raw URLs with ids are mostly distinct). */
const MAX_MEMO = 50000;

type ValueKind = 'url' | 'query' | undefined;

function looksLikeUrl(value: string): boolean {
  // "://" first: a plain substring search settles most values (words, agents, statements) without the regex.
  return value.charCodeAt(0) === 47 /* "/" */ || (value.includes('://') && SCHEME_AUTHORITY.test(value));
}

/** "page=3&all=true&page=4" → "all=true&page=:num": names and values as path segments, sorted, repeats once. */
function normalizeQuery(query: string): string {
  const params = new Set<string>();
  for (const param of query.split('&', MAX_QUERY_PARAMS)) {
    if (param === '') continue;
    const eq = param.indexOf('=');
    // normalizePath on a value without "/" normalizes it as one segment (decoded; ids, numbers → placeholders).
    params.add(eq < 0 ? normalizePath(param) : `${normalizePath(param.slice(0, eq))}=${param.length > eq + 1 ? normalizePath(param.slice(eq + 1)) : ''}`);
  }
  return [...params].sort().join('&');
}

/** "https://user@api:8443/orders/o-5028?page=3#x" → "https://api:8443/orders/:id?page=:num" (credentials and fragment dropped). */
function normalizeUrl(url: string): string {
  const authority = SCHEME_AUTHORITY.exec(url);
  const origin = authority ? `${authority[1]!}${authority[2]!}`.toLowerCase() : '';
  let rest = authority ? url.slice(authority[0].length) : url;
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  const q = rest.indexOf('?');
  const query = q >= 0 ? normalizeQuery(rest.slice(q + 1)) : '';
  const path = q >= 0 ? rest.slice(0, q) : rest;
  return origin + (path === '' && origin ? '/' : normalizePath(path)) + (query ? `?${query}` : '');
}

/** Deterministic per-request random 32-bit numbers, so fingerprints of equal sets are equal. */
function requestToken(i: number): number {
  let x = (i + 1) * 0x9e3779b1;
  x ^= x >>> 15;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  return x >>> 0;
}

/** A key's value as compared (URLs as templates); the same function for every feature, so no closure per feature. */
export type ComparedValue = (key: string, raw: string) => string;

/** Walks one request's compared features; `compared(key, raw)` gives a value as compared. */
export type FeatureWalker = (request: RequestRecord, visit: (key: string, raw: string, compared: ComparedValue) => void) => void;

/** What the walker knows about one key name, decided once per name: one map lookup per feature instead of several. */
interface KeyInfo {
  excluded: boolean;
  kind: ValueKind;
  /** The last request (walk number) that visited this key: per request a key once. */
  lastRequest: number;
}

/**
 * The features of requests exactly as `rankDifferences` counts them: "flow" first, then every attribute
 * leaf (nested objects as "a.b"); per request a key once, with its first usable value; URL and query
 * values normalized to templates (memoized). Shared by anything that must match the reported
 * differences back to requests (the report's timeline), so the two never disagree.
 */
export function createFeatureWalker(partial?: Partial<DifferenceOptions>, skipKeys: ReadonlySet<string> = new Set()): FeatureWalker {
  const options = { ...defaultDifferenceOptions, ...(partial ?? {}) };
  const keyInfos = new Map<string, KeyInfo>();
  const infoOf = (key: string): KeyInfo => {
    let info = keyInfos.get(key);
    if (info === undefined) {
      const excluded = skipKeys.has(key) || (key !== 'flow' && (options.excludeKeys.test(key) || options.symptomKeys.test(key)));
      const kind: ValueKind = key === 'flow' ? undefined : URL_KEY.test(key) ? 'url' : QUERY_KEY.test(key) ? 'query' : undefined;
      keyInfos.set(key, (info = { excluded, kind, lastRequest: 0 }));
    }
    return info;
  };
  const urlMemo = new Map<string, string>();
  const queryMemo = new Map<string, string>();
  const memoized = (memo: Map<string, string>, raw: string, normalize: (raw: string) => string): string => {
    let value = memo.get(raw);
    if (value === undefined) {
      value = normalize(raw);
      if (memo.size >= MAX_MEMO) memo.clear();
      memo.set(raw, value);
    }
    return value;
  };
  const comparedValue: ComparedValue = (key, raw) => {
    const kind = infoOf(key).kind;
    if (kind === 'query') return memoized(queryMemo, raw, normalizeQuery);
    // A URL-named key's value without "/" or "?" ("production") is a plain word, kept as it is.
    if ((kind === 'url' && (raw.includes('/') || raw.includes('?'))) || (key !== 'flow' && looksLikeUrl(raw))) {
      // A bare path is the common case: normalizePath memoizes it itself, so it needs no second memo.
      if (raw.charCodeAt(0) === 47 /* "/" */ && !raw.includes('?') && !raw.includes('#')) return normalizePath(raw);
      return memoized(urlMemo, raw, normalizeUrl);
    }
    return raw;
  };
  let request = 0;
  let visitor: (key: string, raw: string, compared: ComparedValue) => void = () => undefined;
  // One function for every request (the request and its visitor are the variables above).
  const feature = (key: string, raw: string): void => {
    if (raw.length > options.maxValueLength || raw === '') return;
    const info = infoOf(key);
    if (info.excluded || info.lastRequest === request) return;
    info.lastRequest = request;
    visitor(key, raw, comparedValue);
  };
  return (r, visit) => {
    request++;
    visitor = visit;
    feature('flow', r.flow);
    forEachFeature(r.attributes, '', 0, feature);
  };
}

export function rankDifferences(requests: RequestRecord[], partial?: Partial<DifferenceOptions>, skipKeys: ReadonlySet<string> = new Set()): Difference[] {
  const options = { ...defaultDifferenceOptions, ...(partial ?? {}) };
  let incompleteTotal = 0;
  for (const r of requests) if (r.state === 'incomplete') incompleteTotal++;
  const healthyTotal = requests.length - incompleteTotal;
  if (incompleteTotal === 0 || healthyTotal === 0) return [];
  const distinctCap = Math.max(options.lowCardinality, Math.ceil(options.maxDistinctShare * requests.length));

  const keys = new Map<string, KeyStats>();
  const walk = createFeatureWalker(options, skipKeys);
  let stuck = 0;
  let token = 0;
  // One visitor for every request (stuck and token are the current request's).
  const count = (key: string, raw: string, compared: ComparedValue): void => {
    let k = keys.get(key);
    if (!k) keys.set(key, (k = { values: new Map(), requests: 0 }));
    k.requests++;
    if (!k.values) return;
    const value = compared(key, raw);
    let v = k.values.get(value);
    if (!v) {
      if (k.values.size >= distinctCap) {
        k.values = undefined; // an id-like key: stop tracking it
        return;
      }
      k.values.set(value, (v = { total: 0, incomplete: 0, fingerprint: 0 }));
    }
    v.total++;
    v.incomplete += stuck;
    v.fingerprint = (v.fingerprint + token) >>> 0;
  };
  requests.forEach((r, i) => {
    stuck = r.state === 'incomplete' ? 1 : 0;
    token = requestToken(i);
    walk(r, count);
  });

  const candidates: Array<Difference & { fingerprint: number }> = [];
  for (const [key, k] of keys) {
    if (!k.values) continue;
    const distinct = k.values.size;
    if (distinct > options.lowCardinality && distinct > options.maxDistinctShare * k.requests) continue;
    for (const [value, v] of k.values) {
      if (v.incomplete === 0) continue;
      // A value seen once says little, and nothing when the key's values are mostly distinct (an id).
      if (v.total < 2 && (distinct > options.lowCardinality || distinct > options.maxDistinctShare * k.requests)) continue;
      const healthyWith = v.total - v.incomplete;
      const lift = ((v.incomplete + 0.5) / (incompleteTotal + 1)) / ((healthyWith + 0.5) / (healthyTotal + 1));
      if (lift <= 1) continue;
      const logP = logFisherGreater(v.incomplete, v.total, incompleteTotal, requests.length);
      const pValue = Math.exp(logP);
      if (pValue > options.maxPValue) continue;
      // -log10(p), computed from ln(p) so it keeps ordering where p itself underflows to 0.
      const score = Math.round((-logP / Math.LN10) * 1000) / 1000;
      candidates.push({ key, value, incompleteWith: v.incomplete, incompleteTotal, healthyWith, healthyTotal, lift: Math.round(lift * 1000) / 1000, pValue, score, fingerprint: v.fingerprint });
    }
  }
  candidates.sort((a, b) => b.score - a.score || Number(b.key === 'flow') - Number(a.key === 'flow') || b.lift - a.lift || b.incompleteWith - a.incompleteWith || a.key.localeCompare(b.key) || a.value.localeCompare(b.value));

  // Values carried by exactly the same requests say one thing: keep the first, list the others on it.
  const folded: FoldedDifference[] = [];
  const byFingerprint = new Map<string, FoldedDifference>();
  for (const { fingerprint, ...d } of candidates) {
    const id = `${fingerprint}:${d.incompleteWith}:${d.healthyWith}`;
    const kept = byFingerprint.get(id);
    if (kept) {
      (kept.alsoSeenAs ??= []).length < 10 && kept.alsoSeenAs.push(`${d.key}=${d.value}`);
      continue;
    }
    byFingerprint.set(id, d);
    folded.push(d);
  }
  return demoteExplained(folded.slice(0, EXPLAIN_WINDOW), requests, walk, incompleteTotal)
    .concat(folded.slice(EXPLAIN_WINDOW))
    .slice(0, options.limit);
}

type FoldedDifference = Difference & { alsoSeenAs?: string[] };

/** How many of the top differences are checked against each other for being explained. */
const EXPLAIN_WINDOW = 200;

/**
 * A value whose stuck requests all carry a higher-ranked value that only stuck requests carry (a flow
 * that always hangs) adds nothing: within that value every request hung anyway. Such values (the
 * flow's HTTP method, a per-request id seen once) keep their numbers, say what explains them, and move
 * after the values that are not explained, so the top of the list is what actually tells stuck apart.
 */
function demoteExplained(differences: FoldedDifference[], requests: RequestRecord[], walk: FeatureWalker, incompleteTotal: number): FoldedDifference[] {
  if (!differences.some((d) => d.healthyWith === 0)) return differences;
  const index = new Map<string, Map<string, number>>();
  differences.forEach((d, i) => {
    let values = index.get(d.key);
    if (!values) index.set(d.key, (values = new Map()));
    values.set(d.value, i);
  });
  // Which stuck requests carry each difference, as bit sets over the stuck requests.
  const words = Math.ceil(incompleteTotal / 32);
  const stuckSets = differences.map(() => new Uint32Array(words));
  let ordinal = 0;
  let word = 0;
  let bit = 0;
  const mark = (key: string, raw: string, compared: ComparedValue): void => {
    const values = index.get(key);
    const i = values && values.get(compared(key, raw));
    if (i !== undefined) stuckSets[i]![word]! |= bit;
  };
  for (const r of requests) {
    if (r.state !== 'incomplete') continue;
    word = ordinal >>> 5;
    bit = 1 << (ordinal & 31);
    walk(r, mark);
    ordinal++;
  }
  const within = (inner: Uint32Array, outer: Uint32Array): boolean => inner.every((w, k) => (w & ~outer[k]!) === 0);
  const explained: FoldedDifference[] = [];
  const kept: number[] = [];
  differences.forEach((d, i) => {
    const by = kept.find((e) => differences[e]!.healthyWith === 0 && within(stuckSets[i]!, stuckSets[e]!));
    if (by === undefined) kept.push(i);
    else explained.push({ ...d, explainedBy: `${differences[by]!.key}=${differences[by]!.value}` });
  });
  return kept.map((i) => differences[i]!).concat(explained);
}
