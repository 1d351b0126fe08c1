// joi schemas (`Joi.object({ limit: Joi.number().integer().min(1).max(100).required() })`) read as
// shapes. joi fields are optional unless `.required()`; only the methods listed here are understood,
// any other (`.custom`, `.alternatives`, `.when`) leaves the schema unknown.
import type { ParsedFile } from '../../project/types';
import { unwrap, type Node } from '../ast';
import { constantNumber, meet, UNBOUNDED } from '../bounds';
import { foreignReadCount, methodCall, packageOfName, valueOfName } from './resolve';
import { checkedBy, limited, maybeMissing, objectFields, shapeOf, withFallback, type BoundCheck, type Shape, type ShapeKind } from './shape';

const JOI_PACKAGES = new Set(['joi', '@hapi/joi']);
const BASES: Record<string, ShapeKind> = { number: 'number', string: 'string', array: 'array', object: 'object' };
/** Methods that only reject values (or convert within the schema's rules). */
const KEEP = new Set(['description', 'label', 'messages', 'message', 'error', 'prefs', 'preferences', 'options', 'strict', 'items', 'unknown', 'min', 'email', 'uri', 'guid', 'uuid', 'alphanum', 'token', 'pattern', 'regex', 'hex', 'base64', 'isoDate', 'hostname', 'ip', 'trim', 'lowercase', 'uppercase', 'truncate', 'unique', 'sparse', 'multiple', 'precision', 'sign', 'unsafe', 'empty', 'presence', 'meta', 'note', 'tag', 'example']);
const MAX_DEPTH = 12;
const memo = new WeakMap<Node, Shape | null>();

function isJoiRoot(node: Node, file: ParsedFile): boolean {
  const n = unwrap(node);
  if (n.type !== 'Identifier') return false;
  const pkg = packageOfName(n, file) ?? '';
  // celebrate re-exports joi as `Joi`.
  return JOI_PACKAGES.has(pkg) || (pkg === 'celebrate' && n.name === 'Joi');
}

/**
 * The shape a joi schema describes, with `required` saying whether `.required()` was called
 * (an optional field may be undefined).
 */
function joiShapeOf(node: Node, file: ParsedFile, depth: number): Shape | undefined {
  const n = unwrap(node);
  const cached = memo.get(n);
  if (cached !== undefined) return cached ?? undefined;
  if (depth > MAX_DEPTH) return undefined;
  let s: Shape | undefined;
  const reads = foreignReadCount();
  const value = valueOfName(n, file);
  if (value) s = joiShapeOf(value.node, value.file, depth + 1);
  else {
    const call = methodCall(n);
    if (call && isJoiRoot(call.receiver, file)) s = baseShape(call.method, call.args, file, depth);
    else if (call) {
      const inner = joiShapeOf(call.receiver, file, depth + 1);
      s = inner && refined(inner, call.method, call.args, file, depth);
    }
  }
  // A schema read from another module can change without this file changing.
  if (foreignReadCount() === reads) memo.set(n, s ?? null);
  return s;
}

/** What a schema lets through as a whole value: a top-level schema validates the value given, present or not. */
export function joiShape(node: Node, file: ParsedFile): Shape | undefined {
  return joiShapeOf(node, file, 0);
}

function baseShape(method: string, args: Node[], file: ParsedFile, depth: number): Shape | undefined {
  const kind = BASES[method];
  if (!kind) return method === 'boolean' || method === 'date' || method === 'any' ? shapeOf('other') : undefined;
  return kind === 'object' ? shapeOf('object', objectProps(args[0], file, depth)) : shapeOf(kind);
}

/** The fields of `Joi.object({ … })` / `.keys({ … })`; a field not `.required()` may be missing. */
function objectProps(arg: Node | undefined, file: ParsedFile, depth: number, into?: Map<string, Shape>): Map<string, Shape> {
  return objectFields(arg, (value) => {
    const s = joiShapeOf(value, file, depth + 1);
    return s && (isRequired(value) ? s : maybeMissing(s));
  }, into);
}

/** Whether a field's schema chain calls `.required()` (else joi lets the field be left out). */
function isRequired(node: Node): boolean {
  for (let call = methodCall(node); call; call = methodCall(call.receiver)) {
    if (call.method === 'required' || call.method === 'exist') return true;
    if (call.method === 'optional') return false;
  }
  return false;
}

/** joi's names for the shared bound checks. */
const CHECKS: Record<string, BoundCheck> = { max: 'max', less: 'below', length: 'length', min: 'min', greater: 'above', positive: 'positive', negative: 'nonpositive', integer: 'integer' };

function refined(s: Shape, method: string, args: Node[], file: ParsedFile, depth: number): Shape | undefined {
  const c = args[0] ? constantNumber(args[0], file) : undefined;
  const isNumber = s.kind === 'number';
  const check = Object.hasOwn(CHECKS, method) ? CHECKS[method] : undefined;
  if (check) return checkedBy(s, check, c);
  switch (method) {
    case 'port':
      return isNumber ? limited(s, { lo: 0, hi: 65535, int: true }) : undefined;
    case 'keys':
    case 'append':
      return s.kind === 'object' ? shapeOf('object', objectProps(args[0], file, depth, new Map(s.props))) : undefined;
    case 'required':
    case 'exist':
    case 'optional':
      return s;
    case 'default':
    case 'failover':
      return withFallback(s, c);
    case 'allow':
      return allowed(s, args, file);
    default:
      return KEEP.has(method) ? s : undefined;
  }
}

/** `.allow(null, '', 0)`: values let through whatever the rules say; null and '' count as 0. */
function allowed(s: Shape, args: Node[], file: ParsedFile): Shape {
  let bounds = s.bounds;
  for (const a of args) {
    const n = unwrap(a);
    const c = n.type === 'Literal' && (n.value === null || n.value === '') ? 0 : constantNumber(n, file);
    if (c === undefined) return { ...s, bounds: UNBOUNDED };
    if (s.kind === 'number') bounds = meet(bounds, { lo: c, hi: c, int: Number.isInteger(c), lenHi: Infinity });
  }
  return { ...s, bounds };
}

/**
 * `await S.validateAsync(x)` / `Joi.attempt(x, S)`: the value returned (they throw on anything else).
 * `promised`: the node's value is awaited elsewhere (an async helper returns it to an awaited call).
 */
export function joiAttempted(node: Node, file: ParsedFile, promised = false): Shape | undefined {
  let n = unwrap(node);
  const awaited = promised || n.type === 'AwaitExpression';
  if (n.type === 'AwaitExpression') n = unwrap(n.argument);
  const call = methodCall(n);
  if (!call) return undefined;
  if (awaited && call.method === 'validateAsync' && call.args.length >= 1) return joiShape(call.receiver, file);
  if (call.method === 'attempt' && call.args.length >= 2 && isJoiRoot(call.receiver, file)) return joiShape(call.args[1], file);
  return undefined;
}

/** `S.validate(x)`: the shape of its `.value` where its `.error` is unset. */
export function joiValidated(node: Node, file: ParsedFile): Shape | undefined {
  const call = methodCall(node);
  return call && call.method === 'validate' && call.args.length >= 1 ? joiShape(call.receiver, file) : undefined;
}
