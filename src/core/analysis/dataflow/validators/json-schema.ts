// JSON Schema (as Fastify's route `schema` takes it, an object literal or TypeBox's `Type.*` calls)
// read as shapes. A bound counts only with its type (`maximum` alone lets the string "1e9" through);
// a field not in `required` may be missing, one with a `default` is filled in (Fastify's Ajv runs
// with useDefaults and coerceTypes). `anyOf`/`oneOf`/`$ref` leave a schema unknown.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ParsedFile } from '../../project/types';
import { unwrap, type Node } from '../ast';
import { constantNumber, meet } from '../bounds';
import { keyName, methodCall, objectLiteral, packageOfName, propertyNamed, valueOfName } from './resolve';
import { above, limited, maybeMissing, shapeOf, type Shape, type ShapeKind } from './shape';

const MAX_DEPTH = 10;
const TYPEBOX_PACKAGES = new Set(['@sinclair/typebox', 'typebox']);
const TYPEBOX_KINDS: Record<string, string> = { Integer: 'integer', Number: 'number', String: 'string', Array: 'array', Object: 'object' };

export function jsonSchemaShape(node: Node | undefined, file: ParsedFile, depth = 0): Shape | undefined {
  if (!node || depth > MAX_DEPTH) return undefined;
  const n = unwrap(node);
  const value = valueOfName(n, file);
  if (value) return jsonSchemaShape(value.node, value.file, depth + 1);
  if (n.type === 'ObjectExpression') return literalShape(n, file, depth);
  return typeboxShape(n, file, depth);
}

function typeOf(schema: TSESTree.ObjectExpression): string[] | undefined {
  const t = propertyNamed(schema, 'type');
  if (t?.type === 'Literal' && typeof t.value === 'string') return [t.value];
  if (t?.type === 'ArrayExpression' && t.elements.every((e) => e?.type === 'Literal' && typeof e.value === 'string')) return t.elements.map((e) => (e as TSESTree.Literal).value as string);
  return t ? undefined : [];
}

/** `type` given: a TypeBox kind, whose options object carries the other keywords. */
function literalShape(schema: TSESTree.ObjectExpression, file: ParsedFile, depth: number, type?: string): Shape | undefined {
  if (['anyOf', 'oneOf', '$ref', 'not', 'if'].some((k) => propertyNamed(schema, k))) return shapeOf('other');
  const types = type ? [type] : typeOf(schema);
  if (!types) return shapeOf('other');
  const nullable = types.includes('null') || propertyNamed(schema, 'nullable')?.type === 'Literal' && (propertyNamed(schema, 'nullable') as TSESTree.Literal).value === true;
  const main = types.filter((t) => t !== 'null');
  const num = (key: string) => {
    const v = propertyNamed(schema, key);
    return v ? constantNumber(v, file) : undefined;
  };
  let kind: ShapeKind = 'other';
  if (main.length === 1) kind = main[0] === 'integer' || main[0] === 'number' ? 'number' : main[0] === 'string' || main[0] === 'array' || main[0] === 'object' ? main[0] : 'other';
  else if (main.length === 0 && propertyNamed(schema, 'properties')) kind = 'object';
  let s = shapeOf(kind);
  if (kind === 'number') {
    if (main[0] === 'integer') s = limited(s, { int: true });
    const max = num('maximum');
    const xmax = num('exclusiveMaximum');
    const min = num('minimum');
    const xmin = num('exclusiveMinimum');
    if (max !== undefined) s = limited(s, { hi: max });
    if (xmax !== undefined) s = limited(s, { hi: xmax });
    if (min !== undefined) s = limited(s, { lo: min });
    if (xmin !== undefined) s = limited(s, { lo: above(xmin) });
    // draft-04: `exclusiveMinimum: true` makes `minimum` strict.
    if (min !== undefined && propertyNamed(schema, 'exclusiveMinimum')?.type === 'Literal' && (propertyNamed(schema, 'exclusiveMinimum') as TSESTree.Literal).value === true) s = limited(s, { lo: above(min) });
    if (nullable) s = { ...s, bounds: meet(s.bounds, { lo: 0, hi: 0, int: true, lenHi: Infinity }) };
  } else if (kind === 'string' || kind === 'array') {
    const len = num(kind === 'string' ? 'maxLength' : 'maxItems');
    if (len !== undefined) s = limited(s, { len });
  } else if (kind === 'object') {
    s = shapeOf('object', objectProps(schema, file, depth));
  }
  return s;
}

function objectProps(schema: TSESTree.ObjectExpression, file: ParsedFile, depth: number): Map<string, Shape> {
  const out = new Map<string, Shape>();
  const props = objectLiteral(propertyNamed(schema, 'properties'), file);
  const requiredNode = propertyNamed(schema, 'required');
  const required = new Set(requiredNode?.type === 'ArrayExpression' ? requiredNode.elements.flatMap((e) => (e?.type === 'Literal' && typeof e.value === 'string' ? [e.value] : [])) : []);
  for (const p of props?.node.properties ?? []) {
    if (p.type !== 'Property') continue;
    const key = keyName(p);
    const s = key !== undefined ? jsonSchemaShape(p.value as Node, props!.file, depth + 1) : undefined;
    if (key === undefined || !s) continue;
    const fieldSchema = objectLiteral(p.value as Node, props!.file);
    const dflt = fieldSchema && propertyNamed(fieldSchema.node, 'default');
    if (dflt) {
      const c = constantNumber(dflt, fieldSchema.file);
      out.set(key, s.kind === 'number' && c !== undefined ? { ...s, bounds: meet(s.bounds, { lo: c, hi: c, int: Number.isInteger(c), lenHi: Infinity }) } : shapeOf(s.kind));
    } else out.set(key, required.has(key) ? s : maybeMissing(s));
  }
  return out;
}

/** TypeBox: `Type.Integer({ minimum: 1, maximum: 100 })`, `Type.Object({ … })`, `Type.Optional(x)`. */
function typeboxShape(n: Node, file: ParsedFile, depth: number): Shape | undefined {
  const call = methodCall(n);
  const recv = call && unwrap(call.receiver);
  if (!call || recv?.type !== 'Identifier' || !TYPEBOX_PACKAGES.has(packageOfName(recv, file) ?? '')) return undefined;
  if (call.method === 'Optional') {
    const inner = jsonSchemaShape(call.args[0], file, depth + 1);
    return inner && maybeMissing(inner);
  }
  const type = TYPEBOX_KINDS[call.method];
  if (!type) return shapeOf('other');
  if (type === 'object') {
    const props = objectLiteral(call.args[0], file);
    const out = new Map<string, Shape>();
    for (const p of props?.node.properties ?? []) {
      if (p.type !== 'Property') continue;
      const key = keyName(p);
      const s = key !== undefined ? jsonSchemaShape(p.value as Node, props!.file, depth + 1) : undefined;
      if (key !== undefined && s) out.set(key, s);
    }
    return shapeOf('object', out);
  }
  // The options object is the first argument (the second for Array, after the item schema).
  const options = objectLiteral(call.args[type === 'array' ? 1 : 0], file);
  return options ? literalShape(options.node, options.file, depth, type) : shapeOf(type === 'integer' ? 'number' : (type as ShapeKind));
}
