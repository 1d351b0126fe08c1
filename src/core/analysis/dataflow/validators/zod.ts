// zod schemas (`z.object({ limit: z.coerce.number().int().min(1).max(100) })`) read as shapes. Only
// the methods listed here are understood; any other method in a chain (`.transform`, `.pipe`, `.or`)
// leaves the schema unknown, so nothing is assumed of what it lets through.
import type { ParsedFile } from '../../project/types';
import { unwrap, type Node } from '../ast';
import { constantNumber, meet } from '../bounds';
import { foreignReadCount, methodCall, packageOfName, valueOfName } from './resolve';
import { checkedBy, limited, maybeMissing, objectFields, shapeOf, withFallback, type BoundCheck, type Shape, type ShapeKind } from './shape';

const ZOD_PACKAGES = new Set(['zod', 'zod/v4', 'zod/v3', 'zod/mini']);
const BASES: Record<string, ShapeKind> = { number: 'number', int: 'number', string: 'string', array: 'array', object: 'object', strictObject: 'object', looseObject: 'object' };
/** Methods that only reject values. */
const KEEP = new Set(['describe', 'refine', 'superRefine', 'brand', 'readonly', 'strict', 'passthrough', 'strip', 'required', 'nonempty', 'finite', 'safe', 'multipleOf', 'step', 'email', 'url', 'uuid', 'cuid', 'cuid2', 'regex', 'startsWith', 'endsWith', 'includes', 'datetime', 'trim', 'toLowerCase', 'toUpperCase', 'meta']);
const MAX_DEPTH = 12;
const memo = new WeakMap<Node, Shape | null>();

/** Whether a name is zod's namespace (`z`) or `z.coerce`. */
function isZodRoot(node: Node, file: ParsedFile): boolean {
  const n = unwrap(node);
  if (n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier' && n.property.name === 'coerce') return isZodRoot(n.object, file);
  return n.type === 'Identifier' && ZOD_PACKAGES.has(packageOfName(n, file) ?? '');
}

/** The shape a zod schema expression describes, or undefined when it is not one this file spells out. */
export function zodShape(node: Node, file: ParsedFile, depth = 0): Shape | undefined {
  const n = unwrap(node);
  const cached = memo.get(n);
  if (cached !== undefined) return cached ?? undefined;
  if (depth > MAX_DEPTH) return undefined;
  const reads = foreignReadCount();
  const s = computeShape(n, file, depth);
  // A schema read from another module can change without this file changing.
  if (foreignReadCount() === reads) memo.set(n, s ?? null);
  return s;
}

function computeShape(n: Node, file: ParsedFile, depth: number): Shape | undefined {
  const value = valueOfName(n, file);
  if (value) return zodShape(value.node, value.file, depth + 1);
  const call = methodCall(n);
  if (!call) return undefined;
  const { method, receiver, args } = call;
  if (isZodRoot(receiver, file)) return baseShape(method, args, file, depth);
  const inner = zodShape(receiver, file, depth + 1);
  return inner && refined(inner, method, args, file, depth);
}

function baseShape(method: string, args: Node[], file: ParsedFile, depth: number): Shape | undefined {
  if (method === 'literal') {
    const c = args[0] && constantNumber(args[0], file);
    return c === undefined ? shapeOf('other') : { kind: 'number', bounds: { lo: c, hi: c, int: Number.isInteger(c), lenHi: Infinity } };
  }
  const kind = BASES[method];
  if (!kind) return shapeOf('other');
  if (kind === 'object') return shapeOf('object', objectProps(args[0], file, depth));
  const s = shapeOf(kind);
  return method === 'int' ? limited(s, { int: true }) : s;
}

/** The fields of `z.object({ … })` / `.extend({ … })` that are schemas this file spells out. */
function objectProps(arg: Node | undefined, file: ParsedFile, depth: number, into?: Map<string, Shape>): Map<string, Shape> {
  return objectFields(arg, (value) => zodShape(value, file, depth + 1), into);
}

/** zod's names for the shared bound checks. */
const CHECKS: Record<string, BoundCheck> = { max: 'max', lte: 'max', lt: 'below', length: 'length', min: 'min', gte: 'min', gt: 'above', positive: 'positive', nonnegative: 'nonnegative', negative: 'nonpositive', nonpositive: 'nonpositive', int: 'integer' };

function refined(s: Shape, method: string, args: Node[], file: ParsedFile, depth: number): Shape | undefined {
  const c = args[0] ? constantNumber(args[0], file) : undefined;
  const isNumber = s.kind === 'number';
  const check = Object.hasOwn(CHECKS, method) ? CHECKS[method] : undefined;
  if (check) return checkedBy(s, check, c);
  switch (method) {
    case 'array':
      return shapeOf('array');
    case 'extend':
      return s.kind === 'object' ? shapeOf('object', objectProps(args[0], file, depth, new Map(s.props))) : undefined;
    case 'default':
    case 'catch':
      return withFallback(s, c);
    case 'optional':
      return maybeMissing(s);
    case 'partial':
      return s.kind === 'object' ? shapeOf('object', new Map([...(s.props ?? [])].map(([k, v]) => [k, maybeMissing(v)]))) : undefined;
    case 'nullish':
      return isNumber ? maybeMissing({ ...s, bounds: meet(s.bounds, { lo: 0, hi: 0, int: true, lenHi: Infinity }) }) : s;
    case 'nullable':
      // null counts as 0 in a comparison or a sum.
      return isNumber ? { ...s, bounds: meet(s.bounds, { lo: 0, hi: 0, int: true, lenHi: Infinity }) } : s;
    default:
      return KEEP.has(method) ? s : undefined;
  }
}


/**
 * `S.parse(x)` / `await S.parseAsync(x)`: the shape of what it returns (it throws on anything else).
 * `promised`: the node's value is awaited elsewhere (an async helper returns it to an awaited call).
 */
export function zodParsed(node: Node, file: ParsedFile, promised = false): Shape | undefined {
  let n = unwrap(node);
  const awaited = promised || n.type === 'AwaitExpression';
  if (n.type === 'AwaitExpression') n = unwrap(n.argument);
  const call = methodCall(n);
  if (!call || call.args.length < 1 || !(call.method === 'parse' || (awaited && call.method === 'parseAsync'))) return undefined;
  return zodShape(call.receiver, file);
}

/** `S.safeParse(x)` / `await S.safeParseAsync(x)`: the shape of its `.data` where `.success` holds. */
export function zodSafeParsed(node: Node, file: ParsedFile): Shape | undefined {
  let n = unwrap(node);
  const awaited = n.type === 'AwaitExpression';
  if (n.type === 'AwaitExpression') n = unwrap(n.argument);
  const call = methodCall(n);
  if (!call || call.args.length < 1 || !(call.method === 'safeParse' || (awaited && call.method === 'safeParseAsync'))) return undefined;
  return zodShape(call.receiver, file);
}
