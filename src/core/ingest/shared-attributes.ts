// Spans of one operation often carry exactly the same attributes (a query's system, statement and
// peer): a span whose attribute list equals a recent one of a span of the same name gets that
// span's object instead of an equal copy. A million spans then hold thousands of attribute objects,
// not a million. Like a resource's attributes, they are read-only once ingested.
import type { AttrValue, Attributes } from '../model/telemetry';
import type { StringInterner } from './intern';

/** Recent distinct attribute objects kept per span name. */
const PER_NAME = 4;
/** Span names remembered; past this, spans of new names get their own objects. */
const MAX_NAMES = 10_000;
/** Lists of a name compared before judging whether sharing pays for that name. */
const TRIAL = 64;
/** Below this share of lists found equal, a name's spans are no longer compared (URLs with ids, unique values). */
const MIN_HIT_SHARE = 1 / 8;

interface NameEntry {
  recent: Attributes[];
  /** Where the next new object goes in `recent` (oldest first out). */
  next: number;
  takes: number;
  hits: number;
}

export class SharedAttributes {
  private readonly byName = new Map<string, NameEntry>();
  private readonly keys: string[] = [];
  private readonly values: AttrValue[] = [];
  private length = 0;
  private current: NameEntry | undefined;

  /**
   * Starts the attribute list of a span of this name. False when its spans are not worth comparing
   * (then the caller builds the object itself and calls neither add nor take).
   */
  begin(name: string): boolean {
    let entry = this.byName.get(name);
    if (!entry) {
      if (this.byName.size >= MAX_NAMES) return false;
      this.byName.set(name, (entry = { recent: [], next: 0, takes: 0, hits: 0 }));
    } else if (entry.takes >= TRIAL && entry.hits < entry.takes * MIN_HIT_SHARE) return false;
    this.current = entry;
    this.length = 0;
    return true;
  }

  /** String values as read: they are interned only when they go into a new object (an equal list found costs no lookups). */
  add(key: string, value: AttrValue): void {
    this.keys[this.length] = key;
    this.values[this.length] = value;
    this.length++;
  }

  /** The attributes added since begin(), as a recent equal object of the same span name or a new one. */
  take(strings: StringInterner): Attributes {
    const entry = this.current!;
    entry.takes++;
    for (const attributes of entry.recent) {
      if (this.equals(attributes)) {
        entry.hits++;
        return attributes;
      }
    }
    const attributes: Attributes = {};
    for (let i = 0; i < this.length; i++) {
      const value = this.values[i]!;
      attributes[this.keys[i]!] = typeof value === 'string' ? strings.internParsed(value) : value;
    }
    entry.recent[entry.next] = attributes;
    entry.next = (entry.next + 1) % PER_NAME;
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
