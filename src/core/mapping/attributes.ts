// Reads an attribute by key whether the source flattened it ("err.stack") or nested it ({err:{stack}}).
import type { AttrValue, Attributes } from '../model/telemetry';

export function attr(attributes: Attributes, key: string): AttrValue | undefined {
  if (key in attributes) return attributes[key];
  const parts = key.split('.');
  for (let split = 1; split < parts.length; split++) {
    const head = parts.slice(0, split).join('.');
    const value = attributes[head];
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const found = attr(value, parts.slice(split).join('.'));
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
