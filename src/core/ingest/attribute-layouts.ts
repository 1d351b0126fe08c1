// Spans of one name mostly carry the same attribute keys in the same order, with other values (a
// server span's URL and client address). Built key by key, each such object goes through V8's shape
// transitions and regrows its property store several times; a copy of the previous object of that
// name has the final shape in one allocation, and only its values are replaced.
import type { Attributes } from '../model/telemetry';

/** Span names remembered; past this, spans of new names build their objects key by key. */
const MAX_NAMES = 10_000;

export interface AttributeLayout {
  /** An object of this name's last layout (copied, never changed). */
  readonly object: Attributes;
  /** Its keys, in order (Object.keys: own, unique, integer-like keys first). */
  readonly keys: readonly string[];
}

export class AttributeLayouts {
  private readonly byName = new Map<string, AttributeLayout>();

  get(name: string): AttributeLayout | undefined {
    return this.byName.get(name);
  }

  /** Remembers an object built key by key as its name's layout. */
  remember(name: string, object: Attributes): void {
    if (this.byName.size >= MAX_NAMES && !this.byName.has(name)) return;
    this.byName.set(name, { object, keys: Object.keys(object) });
  }
}
