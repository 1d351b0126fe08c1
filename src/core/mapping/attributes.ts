// Reads an attribute by key whether the source flattened it ("err.stack") or nested it ({err:{stack}}).
import type { AttrValue, Attributes } from '../model/telemetry';

/** (head, rest) pairs of a dotted key, shortest head first: "err.stack" → [["err","stack"]]. Cached: keys are few, records many. */
const splitsByKey = new Map<string, Array<[string, string]>>();
function splitsOf(key: string): Array<[string, string]> {
  let splits = splitsByKey.get(key);
  if (!splits) {
    splits = [];
    for (let at = key.indexOf('.'); at > 0; at = key.indexOf('.', at + 1)) splits.push([key.slice(0, at), key.slice(at + 1)]);
    if (splitsByKey.size < 10_000) splitsByKey.set(key, splits);
  }
  return splits;
}

export function attr(attributes: Attributes, key: string): AttrValue | undefined {
  const direct = attributes[key];
  if (direct !== undefined) return direct;
  for (const [head, rest] of splitsOf(key)) {
    const value = attributes[head];
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const found = attr(value, rest);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

export function attrString(attributes: Attributes, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = attr(attributes, key);
    if (typeof value === 'string' && value) return value;
  }
  return undefined;
}

export function attrNumber(attributes: Attributes, ...keys: string[]): number | undefined {
  for (const key of keys) {
    const value = attr(attributes, key);
    const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
    if (Number.isInteger(n) && n > 0) return n;
  }
  return undefined;
}
