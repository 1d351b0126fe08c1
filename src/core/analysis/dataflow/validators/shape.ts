// What a validator's schema guarantees about the value it lets through: bounds of a number (or of a
// string's or array's length), and for an object the same for each of its fields.
import { unwrap, type Node } from '../ast';
import { meet, UNBOUNDED, type Bounds } from '../bounds';
import { keyName } from './resolve';

export type ShapeKind = 'number' | 'string' | 'array' | 'object' | 'other';

export interface Shape {
  kind: ShapeKind;
  bounds: Bounds;
  /** An object's fields (only those the schema describes). */
  props?: Map<string, Shape>;
}

export const shapeOf = (kind: ShapeKind, props?: Map<string, Shape>): Shape => (props ? { kind, bounds: UNBOUNDED, props } : { kind, bounds: UNBOUNDED });

/** The value may be either (routes registered twice, two validators on two paths): what holds for both. */
export function meetShapes(a: Shape, b: Shape): Shape {
  const out: Shape = { kind: a.kind === b.kind ? a.kind : 'other', bounds: meet(a.bounds, b.bounds) };
  if (a.props && b.props) {
    out.props = new Map();
    for (const [key, s] of a.props) {
      const other = b.props.get(key);
      if (other) out.props.set(key, meetShapes(s, other));
    }
  }
  return out;
}

/**
 * What holds for the request in every registration of a handler: each registration's shape met with
 * the others; undefined when there are none, or when one registration says nothing (an unchecked way in).
 */
export function shapeOfEveryRegistration<T>(registrations: T[] | undefined, shapeOfOne: (registration: T) => Shape | undefined): Shape | undefined {
  let shape: Shape | undefined;
  for (const r of registrations ?? []) {
    const s = shapeOfOne(r);
    if (!s) return undefined;
    shape = shape ? meetShapes(shape, s) : s;
  }
  return shape;
}

/** The shape of a field path inside a shape (`['query', 'limit']`). */
export function fieldShape(shape: Shape | undefined, fields: string[]): Shape | undefined {
  let s = shape;
  for (const f of fields) s = s?.props?.get(f);
  return s;
}

/** What a bound on a number says (`.max(100)`), set on a number, or on a string's or array's length. */
export function limited(shape: Shape, change: Partial<Pick<Bounds, 'lo' | 'hi' | 'int'>> & { len?: number }): Shape {
  const b = shape.bounds;
  if (change.len !== undefined) return { ...shape, bounds: { ...b, lenHi: Math.min(b.lenHi, change.len) } };
  return {
    ...shape,
    bounds: {
      ...b,
      lo: change.lo !== undefined ? Math.max(b.lo, change.lo) : b.lo,
      hi: change.hi !== undefined ? Math.min(b.hi, change.hi) : b.hi,
      int: b.int || !!change.int,
    },
  };
}

/**
 * A value that may be left out: undefined ends a `<` test at once and makes a step NaN, but never
 * equals a counter, so it is no integer (an `i !== n` exit needs one).
 */
export function maybeMissing(s: Shape): Shape {
  return s.bounds.int ? { ...s, bounds: { ...s.bounds, int: false } } : s;
}

/** Just above c (`gt(0)`: any positive number). */
export function above(c: number): number {
  return c + Math.max(Number.MIN_VALUE, Math.abs(c) * Number.EPSILON);
}

/** The bound checks zod and joi share, named once: each library maps its method names onto these. */
export type BoundCheck = 'max' | 'below' | 'length' | 'min' | 'above' | 'positive' | 'nonnegative' | 'nonpositive' | 'integer';

/**
 * A bound check on a shape, `c` its constant argument: the narrowed shape, or undefined when the check
 * does not apply to that kind or its argument is not a constant (then nothing is assumed).
 */
export function checkedBy(s: Shape, check: BoundCheck, c: number | undefined): Shape | undefined {
  const isNumber = s.kind === 'number';
  const sized = s.kind === 'string' || s.kind === 'array';
  switch (check) {
    case 'max':
      return c === undefined ? undefined : isNumber ? limited(s, { hi: c }) : sized ? limited(s, { len: c }) : undefined;
    case 'below':
      return c === undefined || !isNumber ? undefined : limited(s, { hi: c });
    case 'length':
      return c === undefined || !sized ? undefined : limited(s, { len: c });
    case 'min':
      return c === undefined ? undefined : isNumber ? limited(s, { lo: c }) : s;
    case 'above':
      return c === undefined || !isNumber ? undefined : limited(s, { lo: above(c) });
    case 'positive':
      return isNumber ? limited(s, { lo: above(0) }) : undefined;
    case 'nonnegative':
      return isNumber ? limited(s, { lo: 0 }) : undefined;
    case 'nonpositive':
      return isNumber ? limited(s, { hi: 0 }) : undefined;
    case 'integer':
      return isNumber ? limited(s, { int: true }) : undefined;
  }
}

/** `.default(c)` and the like: the value when the field is missing (or invalid), which the schema's bounds no longer cover. */
export function withFallback(s: Shape, c: number | undefined): Shape {
  return s.kind === 'number' && c !== undefined ? { ...s, bounds: meet(s.bounds, { lo: c, hi: c, int: Number.isInteger(c), lenHi: Infinity }) } : { ...s, bounds: UNBOUNDED };
}

/**
 * The fields of an object literal of schemas (`{ limit: <schema> }`), each value read by `field`;
 * computed keys and values it cannot read are left out (nothing is assumed of them).
 */
export function objectFields(arg: Node | undefined, field: (value: Node) => Shape | undefined, into = new Map<string, Shape>()): Map<string, Shape> {
  const obj = arg && unwrap(arg);
  if (obj?.type !== 'ObjectExpression') return into;
  for (const p of obj.properties) {
    if (p.type !== 'Property') continue;
    const key = keyName(p);
    const s = key !== undefined ? field(p.value as Node) : undefined;
    if (key !== undefined && s) into.set(key, s);
  }
  return into;
}
