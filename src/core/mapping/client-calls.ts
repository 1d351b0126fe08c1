// Client spans → the calls that issue them: outgoing HTTP by method + URL (template), database calls
// by statement text with literals erased.
import type { ClientCallSite } from '../model/code';
import type { Span } from '../model/telemetry';
import { attrString } from './attributes';
import type { MappedLocation, MappingContext } from './context';
import { TemplateIndex, type TemplateMatch } from './template';

/** Statements compared without literals, parameters, case or spacing: `SELECT * FROM t WHERE id = $1` ≡ `select * from t where id = 42`. */
export function normalizeStatement(sql: string): string {
  return sql
    .slice(0, 4000)
    .replace(/'(?:[^']|'')*'/g, '?')
    .replace(/\$\{[^}]*\}|\{\}/g, '?')
    .replace(/\$\d+|:\w+|@\w+|\b\d+(?:\.\d+)?\b/g, '?')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

interface ClientIndexes {
  http: Map<string, TemplateIndex<ClientCallSite>>;
  /**
   * Calls on an instance with a literal base URL, by the path they add to it: a span whose host
   * differs from the code's base (another environment's, a service alias) still finds them.
   */
  httpByPath: Map<string, TemplateIndex<ClientCallSite>>;
  db: Map<string, ClientCallSite[]>;
  dbTemplates: TemplateIndex<ClientCallSite>;
}

const indexes = new WeakMap<MappingContext, ClientIndexes>();

function splitTarget(target: string): { method: string; url: string } {
  const match = /^([A-Za-z]+)\s+(\S.*)$/.exec(target.trim());
  return match ? { method: match[1].toUpperCase(), url: match[2] } : { method: '*', url: target.trim() };
}

function build(ctx: MappingContext): ClientIndexes {
  const byMethod = new Map<string, ClientCallSite[]>();
  const withBase = new Map<string, ClientCallSite[]>();
  const db = new Map<string, ClientCallSite[]>();
  const dbSites: ClientCallSite[] = [];
  for (const site of ctx.scan.clientCalls) {
    if (site.kind === 'db') {
      const key = normalizeStatement(site.target);
      db.set(key, [...(db.get(key) ?? []), site]);
      dbSites.push(site);
    } else {
      const { method } = splitTarget(site.target);
      byMethod.set(method, [...(byMethod.get(method) ?? []), site]);
      if (site.baseUrl) withBase.set(method, [...(withBase.get(method) ?? []), site]);
    }
  }
  const http = new Map<string, TemplateIndex<ClientCallSite>>();
  for (const [method, sites] of byMethod) http.set(method, new TemplateIndex(sites, (s) => urlTemplate(splitTarget(s.target).url)));
  const httpByPath = new Map<string, TemplateIndex<ClientCallSite>>();
  for (const [method, sites] of withBase) httpByPath.set(method, new TemplateIndex(sites, pathAfterBase));
  return { http, httpByPath, db, dbTemplates: new TemplateIndex(dbSites, (s) => normalizeStatement(s.target).replace(/\?/g, '{}')) };
}

/** The path a call adds to its instance's base URL, as a URL path ('/v1/holds/{}'); undefined when the target is not base + path. */
function pathAfterBase(site: ClientCallSite): string | undefined {
  const url = splitTarget(site.target).url;
  const base = site.baseUrl?.replace(/\/+$/, '');
  if (!base || !url.startsWith(`${base}/`)) return undefined;
  const basePath = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(.*)$/i.exec(base)?.[1] ?? base;
  return `/${`${basePath}/${url.slice(base.length + 1)}`.replace(/^\/+/, '')}`;
}

/** A URL template from code: a leading interpolation (the base URL) stands for scheme + host. */
function urlTemplate(url: string): string {
  return url.replace(/^(?:\$\{[^}]*\}|\{\})/, '{}');
}

export function mapClientSpan(ctx: MappingContext, span: Span): MappedLocation[] {
  const a = span.attributes;
  const statement = attrString(a, 'db.query.text', 'db.statement');
  if (statement) return cached(ctx, `db\0${statement.slice(0, 2000)}`, () => mapStatement(ctx, statement));
  if (span.kind !== 'client') return [];
  const method = (attrString(a, 'http.request.method', 'http.method') ?? '').toUpperCase();
  const template = attrString(a, 'url.template');
  const url = template ?? attrString(a, 'url.full', 'http.url');
  if (!method || !url) return [];
  // Concrete URLs differ by ids; their id segments become placeholders so one answer serves them all.
  const key = template ?? idFreeUrl(url);
  return cached(ctx, `http\0${method}\0${key}`, () => mapHttpCall(ctx, method, key));
}

/** Query dropped; path segments that carry digits or look like ids → "{}" (which templates match like any text). */
export function idFreeUrl(url: string): string {
  const cut = url.slice(0, 2000).split(/[?#]/)[0];
  const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(cut)?.[0] ?? '';
  return origin + cut.slice(origin.length).replace(/\/([^/]*\d[^/]*|[0-9a-f]{16,})(?=\/|$)/gi, (segment, value: string) => (/^v\d+$/i.test(value) ? segment : '/{}'));
}

function cached(ctx: MappingContext, key: string, compute: () => MappedLocation[]): MappedLocation[] {
  const memo = ctx.memo.get(key);
  if (memo) return memo;
  const out = compute();
  ctx.memo.set(key, out);
  return out;
}

function mapStatement(ctx: MappingContext, statement: string): MappedLocation[] {
  let index = indexes.get(ctx);
  if (!index) indexes.set(ctx, (index = build(ctx)));
  const key = normalizeStatement(statement);
  const exact = index.db.get(key);
  const hits = exact
    ? exact.map((item) => ({ item, confidence: 0.85 / exact.length }))
    : index.dbTemplates.match(key).map((h) => ({ item: h.item, confidence: h.confidence * 0.9 }));
  const shown = statement.length > 80 ? `${statement.slice(0, 80)}…` : statement;
  return hits.map(({ item, confidence }) => ({
    location: item.location,
    via: 'client-call',
    confidence,
    detail: `db statement "${shown}" issued at ${item.location.file}:${item.location.startLine}${item.functionName ? ` in ${item.functionName}` : ''}`,
  }));
}

function mapHttpCall(ctx: MappingContext, method: string, url: string): MappedLocation[] {
  let index = indexes.get(ctx);
  if (!index) indexes.set(ctx, (index = build(ctx)));
  const candidates = [url];
  try {
    const parsed = new URL(url);
    // node:http sites are written as host + path, without a scheme.
    candidates.push(parsed.origin + parsed.pathname, parsed.host + parsed.pathname, parsed.hostname + parsed.pathname, parsed.pathname);
  } catch {
    /* a template or a bare path: matched as it is */
  }
  for (const which of [method, '*']) {
    const sites = index.http.get(which);
    if (!sites) continue;
    for (const text of candidates) {
      const hits = sites.match(text);
      if (hits.length) return located(method, url, hits, which === '*' ? 0.7 : 1);
    }
  }
  // Last: calls on an instance with a base URL, by path alone (the span's host is not the code's).
  const path = candidates[candidates.length - 1];
  const hits = path.startsWith('/') ? (index.httpByPath.get(method)?.match(path) ?? []) : [];
  return located(method, url, hits, 0.6);
}

/** Each hit's confidence is scaled by how sure the match is (`scale`) and how sure the site is a client call at all. */
function located(method: string, url: string, hits: Array<TemplateMatch<ClientCallSite>>, scale: number): MappedLocation[] {
  return hits.map(({ item, confidence }) => ({
    location: item.location,
    via: 'client-call',
    confidence: confidence * scale * (item.confidence ?? 1),
    detail: `${method} ${url.length > 120 ? `${url.slice(0, 120)}…` : url} issued by "${item.target}" at ${item.location.file}:${item.location.startLine}${item.confidence !== undefined && item.confidence < 1 ? ' (probably a client: known by its declared type, or not every caller is known to pass one)' : ''}`,
  }));
}
