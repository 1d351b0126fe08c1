// Message and name templates found in code ("order {} redeemed", "try %d of %s", `GET ${base}/x`)
// compiled once to anchored regular expressions, so runtime text can be matched to the call site
// that produced it. Bounded: long texts are cut and templates with many holes are not used, so a
// hostile message cannot make matching slow.
export const MAX_MATCHED_TEXT = 2000;
const MAX_PLACEHOLDERS = 8;
/** A template needs this many literal characters to say anything (a bare "{}" matches every text). */
const MIN_LITERAL_CHARS = 3;

/** `{}` from the analyzer, `${…}` from template literals, printf-style `%s %d %i %f %j %o %O %c`, and `:name` / `{name}` route parameters. */
const PLACEHOLDER = /\$\{[^}]*\}|\{[A-Za-z0-9_.]*\}|%[sdifjoOc]|(?<=\/):[A-Za-z_][A-Za-z0-9_]*/g;

export interface CompiledTemplate {
  template: string;
  regex: RegExp;
  literalChars: number;
  placeholders: number;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function compileTemplate(template: string): CompiledTemplate | undefined {
  const literals = template.split(PLACEHOLDER);
  const placeholders = literals.length - 1;
  const literalChars = literals.reduce((n, part) => n + part.replace(/%%/g, '%').trim().length, 0);
  if (placeholders > MAX_PLACEHOLDERS || literalChars < MIN_LITERAL_CHARS) return undefined;
  const body = literals.map((part) => escape(part.replace(/%%/g, '%'))).join('[\\s\\S]*?');
  return { template, regex: new RegExp(`^${body}$`), literalChars, placeholders };
}

export interface TemplateMatch<T> {
  item: T;
  /** 0..1: how much of the text the template's literal part explains, ties sharing it. */
  confidence: number;
  exact: boolean;
}

export class TemplateIndex<T> {
  private readonly exact = new Map<string, T[]>();
  private readonly compiled: Array<{ template: CompiledTemplate; item: T }> = [];

  constructor(items: T[], templateOf: (item: T) => string | undefined) {
    for (const item of items) {
      const text = templateOf(item);
      if (!text) continue;
      const list = this.exact.get(text);
      if (list) list.push(item);
      else this.exact.set(text, [item]);
      const template = compileTemplate(text);
      if (template && template.placeholders > 0) this.compiled.push({ template, item });
    }
    // Most specific first, so the first hits are the best.
    this.compiled.sort((a, b) => b.template.literalChars - a.template.literalChars);
  }

  /** The best matching items: exact text first, then the templates with the most literal text. */
  match(rawText: string): Array<TemplateMatch<T>> {
    const text = rawText.length > MAX_MATCHED_TEXT ? rawText.slice(0, MAX_MATCHED_TEXT) : rawText;
    const exact = this.exact.get(text);
    if (exact && compileOrLiteral(text)) return exact.map((item) => ({ item, confidence: 0.9 / exact.length, exact: true }));
    let best = -1;
    const hits: T[] = [];
    for (const { template, item } of this.compiled) {
      if (template.literalChars < best) break;
      if (!template.regex.test(text)) continue;
      best = template.literalChars;
      hits.push(item);
    }
    if (!hits.length) return [];
    const explained = Math.min(1, best / Math.max(1, text.trim().length));
    const confidence = (0.35 + 0.5 * explained) / hits.length;
    return hits.map((item) => ({ item, confidence, exact: false }));
  }
}

/** A literal text counts as an exact key only when it says enough (not "", not "ok"). */
function compileOrLiteral(text: string): boolean {
  return text.trim().length >= MIN_LITERAL_CHARS;
}
