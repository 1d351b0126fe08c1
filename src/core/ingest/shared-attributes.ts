// Spans of one operation often carry exactly the same attributes (a query's system, statement and
// peer): a span whose attribute list equals a recent one of a span of the same name gets that
// span's object instead of an equal copy. A million spans then hold thousands of attribute objects,
// not a million. Like a resource's attributes, they are read-only once ingested.
import type { AttrValue, Attributes } from '../model/telemetry';

/** Recent distinct attribute objects kept per span name. */
const PER_NAME = 4;
/** Span names remembered; past this, spans of new names get their own objects. */
const MAX_NAMES = 10_000;

export class SharedAttributes {
  private readonly byName = new Map<string, Attributes[]>();
  private readonly keys: string[] = [];
  private readonly values: AttrValue[] = [];
  private length = 0;

  /** Starts the next attribute list. */
  reset(): void {
    this.length = 0;
  }

  add(key: string, value: AttrValue): void {
    this.keys[this.length] = key;
    this.values[this.length] = value;
    this.length++;
  }

  /** The attributes added since reset(), as a recent equal object of the same span name or a new one. */
  take(name: string): Attributes {
    let recent = this.byName.get(name);
    if (recent) for (const attributes of recent) if (this.equals(attributes)) return attributes;
    const attributes: Attributes = {};
    for (let i = 0; i < this.length; i++) attributes[this.keys[i]!] = this.values[i]!;
    if (!recent) {
      if (this.byName.size >= MAX_NAMES) return attributes;
      this.byName.set(name, (recent = []));
    }
    if (recent.length >= PER_NAME) recent.pop();
    recent.unshift(attributes);
    return attributes;
  }

  /** Same keys in the same order with the same values (objects and arrays only when they are the same one, so in practice never). */
  private equals(attributes: Attributes): boolean {
    let i = 0;
    for (const key in attributes) {
      if (i >= this.length || key !== this.keys[i] || !Object.is(attributes[key], this.values[i])) return false;
      i++;
    }
    return i === this.length;
  }
}
