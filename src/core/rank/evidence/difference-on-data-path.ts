// An attribute that separates stuck from healthy requests and names data the loop's exit depends on:
// difference key `http.request.body.kind` ~ data path source `req.body.kind`. Keys and sources are
// compared by their specific words (container words like req/body/http dropped), last word first.
import type { LoopFinding } from '../../model/code';
import type { Difference } from '../../model/request';
import { MAX_DIFFERENCE_P } from '../weights';
import { round, type EvidenceScore } from './types';

const CONTAINER_WORDS = new Set([
  'req', 'request', 'res', 'ctx', 'context', 'http', 'https', 'body', 'query', 'params', 'param', 'headers', 'header',
  'cookies', 'cookie', 'attributes', 'attr', 'attrs', 'url', 'this', 'data', 'input', 'args', 'payload', 'event', 'fields',
  'value', 'values', 'string', 'get', 'the', 'of', 'and', 'to', 'from', 'into', 'flows', 'passed', 'read', 'by', 'loop', 'condition',
  'search', 'searchparams', 'json', 'raw', 'app', 'labels', 'label', 'tags', 'tag', 'resource', 'span', 'log', 'msg',
]);

/** "req.body.voucherKind" → ["voucher", "kind"]; "http.request.header.x-client-id" → ["x", "client", "id"]. */
const wordsOf = new Map<string, string[]>();

export function specificWords(text: string): string[] {
  let words = wordsOf.get(text);
  if (!words) {
    words = splitWords(text);
    if (wordsOf.size < 50_000) wordsOf.set(text, words);
  }
  return words;
}

function splitWords(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w && !CONTAINER_WORDS.has(w) && !/^\d+$/.test(w));
}

/** Words too common at the end of a name to tie two names together on their own ("supplierId" vs "brandId"). */
const GENERIC_LAST_WORDS = new Set(['id', 'ids', 'name', 'type', 'key', 'count', 'status', 'state', 'index', 'size']);

/** 1: same last specific word and more in common; 0.8: same last word; 0.5: another word in common; 0: unrelated. */
export function keyMatchesSource(key: string, source: string): number {
  const k = specificWords(key);
  const s = specificWords(source);
  if (!k.length || !s.length) return 0;
  const kLast = k[k.length - 1];
  const sLast = s[s.length - 1];
  const shared = k.filter((w) => s.includes(w)).length;
  if (kLast === sLast) {
    if (shared > 1 || (k.length === 1 && s.length === 1)) return 1;
    return GENERIC_LAST_WORDS.has(kLast) ? 0 : 0.8;
  }
  // A key naming the whole object ("voucher") while the source reads a field of it ("req.body.voucher.code").
  if (s.includes(kLast) || k.includes(sLast)) return 0.5;
  return 0;
}

/** A step's prose mentions many words: every specific word of the key (at least two) must appear in it. */
export function keyWordsInText(key: string, text: string): number {
  const k = specificWords(key);
  const words = new Set(specificWords(text));
  return k.length >= 2 && k.every((w) => words.has(w)) ? 1 : 0;
}

export function differenceEvidence(finding: LoopFinding, differences: Difference[]): EvidenceScore {
  const sources = finding.sources.length ? finding.sources : [];
  const pathTexts = finding.dataPath.map((s) => s.message);
  let strength = 0;
  const items: EvidenceScore['items'] = [];
  let phrase = '';
  const seen = new Set<string>();
  for (const d of differences) {
    if (d.key === 'flow' || !(d.lift > 1) || !(d.pValue <= MAX_DIFFERENCE_P) || d.incompleteWith === 0) continue;
    const id = `${d.key}\0${d.value}`;
    if (seen.has(id)) continue;
    seen.add(id);
    let match = 0;
    let on = '';
    for (const source of sources) {
      const m = keyMatchesSource(d.key, source);
      if (m > match) [match, on] = [m, source];
    }
    // Words of the data path's steps count less than a named source.
    if (match === 0) {
      for (const text of pathTexts) {
        const m = 0.5 * keyWordsInText(d.key, text);
        if (m > match) [match, on] = [m, text];
      }
    }
    if (match === 0) continue;
    const coverage = d.incompleteTotal > 0 ? d.incompleteWith / d.incompleteTotal : 0;
    const significance = 1 - d.pValue / MAX_DIFFERENCE_P / 2;
    const s = match * (0.4 + 0.6 * coverage) * significance;
    const value = d.value.length > 60 ? `${d.value.slice(0, 60)}…` : d.value;
    const detail = `${d.key}=${value} in ${d.incompleteWith} of ${d.incompleteTotal} stuck vs ${d.healthyWith} of ${d.healthyTotal} healthy requests (lift ${round(d.lift)}, p=${d.pValue.toPrecision(2)}); the loop's exit depends on ${on}`;
    items.push({ kind: 'difference-on-data-path', detail, strength: s });
    if (s > strength) {
      strength = s;
      phrase = `${d.key}=${value} separates stuck from healthy requests (${d.incompleteWith}/${d.incompleteTotal} vs ${d.healthyWith}/${d.healthyTotal}) and the exit depends on ${on}`;
    }
  }
  items.sort((a, b) => b.strength - a.strength);
  return { strength: round(strength, 4), items: items.slice(0, 5), phrase };
}
