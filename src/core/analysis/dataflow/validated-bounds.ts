// Request data a validator let through is bounded by its schema, like a value checked before the
// loop: a zod `.parse` result, a `.safeParse` result's `.data` where `.success` was checked, a joi
// `validate` result's `value` where `error` was checked (or `Joi.attempt`, `validateAsync`), in a
// Fastify handler the request parts its route schema describes, a NestJS `@Body()`/`@Query()`
// DTO's class-validator decorators, and in an Express handler the express-validator chains of its
// route where their result was checked (validators/*). Only the validator's result is bounded: the raw
// input it was given stays what it was. A schema may be inline, in a const, or imported from another
// module of the project (validators/resolve.ts follows the import and records that module as a
// dependency); a validation done in a called function other than a helper of this file that returns
// the validator's result is not followed.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import type { ParsedFile } from '../project/types';
import { isFunctionNode, memberPath, unwrap, walk, type Node } from './ast';
import { constantNumber, informative, meet, type Bounds } from './bounds';
import { referencesOf } from './references';
import { pathUse } from './stable-paths';
import { nestDtoShape } from './validators/class-validator';
import { fastifyRequestShape } from './validators/fastify-route';
import { expressValidatorShape, matchedDataShape } from './validators/express-validator';
import { celebrateShape } from './validators/celebrate';
import { comparedWithLiteral, reachedOnlyWhen } from './validators/guarded';
import { joiAttempted, joiValidated } from './validators/joi';
import { keyName, singleDeclarator, valueOfName, type Located } from './validators/resolve';
import { fieldShape, meetShapes, type Shape } from './validators/shape';
import { zodParsed, zodSafeParsed } from './validators/zod';

const MAX_DEPTH = 8;

/** What the schemas say about a member read (`query.limit`, `parsed.data.items`), when a validator's result is read. */
export function validatedMemberBounds(read: TSESTree.MemberExpression, file: ParsedFile): Bounds | undefined {
  // The read is `object.f1.f2…`: find the nearest object along the chain that is a validated value.
  const fields: string[] = [];
  for (let n: Node = read; n.type === 'MemberExpression'; n = unwrap(n.object)) {
    if (n.computed || n.property.type !== 'Identifier') return undefined;
    fields.unshift(n.property.name);
    const shape = fieldShape(objectShape(n.object, file, 0), fields);
    if (shape) return readBounds(shape, read, file);
  }
  return undefined;
}

/** `const { limit } = Schema.parse(req.query)`: what the schema says about the field a pattern writes. */
export function validatedDeclaredBounds(d: TSESTree.VariableDeclarator, writes: (id: Node) => boolean, file: ParsedFile): Bounds | undefined {
  if (d.id.type !== 'ObjectPattern' || !d.init) return undefined;
  for (const p of d.id.properties) {
    if (p.type !== 'Property') continue;
    const target = p.value.type === 'AssignmentPattern' ? p.value.left : p.value;
    if (target.type !== 'Identifier' || !writes(target)) continue;
    const shape = destructuredShape(d, p, file, 0);
    if (!shape) return undefined;
    const key = keyName(p);
    let b = key === undefined ? undefined : readBounds(shape, d.init, file, key);
    // `{ limit = 10 }`: the default stands in when the field is missing.
    if (b && p.value.type === 'AssignmentPattern') {
      const c = constantNumber(p.value.right, file);
      b = c === undefined ? undefined : meet(b, { lo: c, hi: c, int: Number.isInteger(c), lenHi: Infinity });
    }
    return b && informative(b) ? b : undefined;
  }
  return undefined;
}

/** Whether a write is a declaration from a validated value (bounds.ts asks, to know facts are possible). */
export function isValidatedWrite(id: Node, file: ParsedFile): boolean {
  const p = id.parent;
  const prop = p?.type === 'AssignmentPattern' && p.left === id ? p.parent : p;
  const d = prop?.type === 'Property' && prop.parent?.type === 'ObjectPattern' ? prop.parent.parent : p?.type === 'VariableDeclarator' && p.id === id ? p : undefined;
  if (d?.type !== 'VariableDeclarator' || !d.init) return false;
  if (d.id.type === 'ObjectPattern') return !!validatedDeclaredBounds(d, (n) => n === id, file);
  const init = unwrap(d.init);
  return init.type === 'MemberExpression' && !!validatedMemberBounds(init, file);
}

/**
 * A field's bounds read at `at` (for a destructured field: the object destructured, and the field's
 * key): none if the path can change after validation, no length bound if it is handed on.
 */
function readBounds(shape: Shape, at: Node, file: ParsedFile, key?: string): Bounds | undefined {
  let b = shape.bounds;
  const mp = memberPath(at);
  if (mp && mp.root.type === 'Identifier') {
    const variable = referencesOf(file).variableOf(mp.root);
    if (!variable) return undefined;
    // The destructuring itself reads the field, it does not hand it on.
    const use = key === undefined ? pathUse(variable, mp.path) : pathUse(variable, `${mp.path}.${key}`, at);
    if (!use.stable) return undefined;
    if (use.handedOn && b.lenHi < Infinity) b = { ...b, lenHi: Infinity };
  }
  return informative(b) ? b : undefined;
}

/** The shape of the field a destructuring property takes (the `value` of a joi `validate` only where its `error` was checked). */
function destructuredShape(d: TSESTree.VariableDeclarator, p: TSESTree.Property, file: ParsedFile, depth: number): Shape | undefined {
  const key = keyName(p);
  if (key === undefined || !d.init) return undefined;
  for (const r of CHECKED_RESULTS) {
    const shape = key === r.value ? r.shape(d.init, file) : undefined;
    if (shape) return d.id.type === 'ObjectPattern' && flagChecked(d.id, d, r, file) ? shape : undefined;
  }
  return fieldShape(objectShape(d.init, file, depth + 1), [key]);
}

/** Results that carry their value beside a flag saying whether validation passed. */
const CHECKED_RESULTS: Array<{ value: string; flag: FlagKind; wanted: boolean; shape: (n: Node, file: ParsedFile) => Shape | undefined }> = [
  { value: 'value', flag: 'error', wanted: false, shape: joiValidated },
  { value: 'data', flag: 'success', wanted: true, shape: zodSafeParsed },
];

/** The shape of the value an expression denotes, when it is (part of) a validator's result. */
function objectShape(node: Node, file: ParsedFile, depth: number): Shape | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const n = unwrap(node);
  const direct = zodParsed(n, file) ?? joiAttempted(n, file);
  if (direct) return direct;
  switch (n.type) {
    case 'AwaitExpression': {
      // `await parseQuery(q)` of an async helper: what its returns resolve to.
      const arg = unwrap(n.argument);
      return arg.type === 'CallExpression' ? helperResultShape(arg, file, depth, true) : objectShape(arg, file, depth + 1);
    }
    case 'Identifier':
      return nameShape(n, file, depth);
    case 'MemberExpression': {
      if (n.computed || n.property.type !== 'Identifier') return undefined;
      const field = n.property.name;
      const object = unwrap(n.object);
      // `parsed.data` of a safeParse / `result.value` of a joi validate: only where the check passed.
      const d = object.type === 'Identifier' ? singleDeclarator(referencesOf(file).variableOf(object)) : undefined;
      if (d?.id.type === 'Identifier' && d.init) {
        const safe = field === 'data' ? zodSafeParsed(d.init, file) : undefined;
        if (safe) return reachedOnlyWhen(n, memberFlag(d.id, 'success', file, 'success'), true) ? safe : undefined;
        const joi = field === 'value' ? joiValidated(d.init, file) : undefined;
        if (joi) return reachedOnlyWhen(n, memberFlag(d.id, 'error', file, 'error'), false) ? joi : undefined;
      }
      return fieldShape(objectShape(object, file, depth + 1), [field]);
    }
    case 'CallExpression':
      return matchedDataShape(n, file) ?? helperResultShape(n, file, depth, false);
    default:
      return undefined;
  }
}

/**
 * `parseQuery(req.query)` where `parseQuery` is a function whose every return is a validator's result
 * (`return ListQuery.parse(q)`): what it returns does not depend on the argument. The function may be
 * of this file or exported by another module of the project (`import { parseQuery } from
 * './validation'`); its returns are then read with that module's file.
 */
function helperResultShape(call: TSESTree.CallExpression, file: ParsedFile, depth: number, awaited: boolean): Shape | undefined {
  const helper = helperFunction(call, file);
  if (!helper) return undefined;
  const { node: fn, file: fnFile } = helper;
  // An async helper's call is a promise until awaited; a generator's is an iterator.
  if (!isFunctionNode(fn) || fn.generator || (fn.async && !awaited)) return undefined;
  const returned: Array<Node | null> = [];
  if (fn.body.type !== 'BlockStatement') returned.push(fn.body);
  else walk(fn.body, (n) => void (n.type === 'ReturnStatement' && returned.push(n.argument)), false);
  let shape: Shape | undefined;
  for (const r of returned) {
    // An async helper may return the validator's promise (`return S.parseAsync(q)`): awaiting the call awaits it.
    const s = r ? (objectShape(r, fnFile, depth + 1) ?? (fn.async ? zodParsed(r, fnFile, true) ?? joiAttempted(r, fnFile, true) : undefined)) : undefined;
    if (!s) return undefined;
    shape = shape ? meetShapes(shape, s) : s;
  }
  return shape;
}

/**
 * The function a call names: declared once in this file and never reassigned, or imported from a
 * project module. Another module is read only for a call handed a request part (`req.query`, `body`
 * destructured from the request): reading it makes every edit of that module re-check this
 * computation, and most calls whose result is read are not validation helpers.
 */
function helperFunction(call: TSESTree.CallExpression, file: ParsedFile): Located | undefined {
  const callee = unwrap(call.callee);
  const variable = callee.type === 'Identifier' ? referencesOf(file).variableOf(callee) : undefined;
  if (variable && variable.defs.length === 1 && !variable.references.some((r) => r.isWrite() && !r.init)) {
    const def = variable.defs[0];
    if (def.type === 'FunctionName') return { node: def.node as Node, file };
    const init = singleDeclarator(variable)?.init;
    if (init && isFunctionNode(unwrap(init))) return { node: unwrap(init), file };
  }
  // `import { parseQuery } from './validation'`, `validation.parseQuery(…)`, `const { parseQuery } = require('./validation')`.
  if (!call.arguments.some((a) => isRequestPart(a as Node, file))) return undefined;
  const imported = callee.type === 'Identifier' || callee.type === 'MemberExpression' ? valueOfName(callee, file) : undefined;
  return imported && isFunctionNode(unwrap(imported.node)) ? { node: unwrap(imported.node), file: imported.file } : undefined;
}

/** Parts of a request a validator is handed. */
const REQUEST_PARTS = new Set(['query', 'body', 'params', 'headers', 'cookies', 'querystring']);

/** `req.query`, `ctx.request.body`, or a name destructured or copied from one (`const { body } = req`). */
function isRequestPart(arg: Node, file: ParsedFile): boolean {
  const n = unwrap(arg);
  if (n.type === 'MemberExpression') return !n.computed && n.property.type === 'Identifier' && REQUEST_PARTS.has(n.property.name);
  if (n.type !== 'Identifier') return false;
  const variable = referencesOf(file).variableOf(n);
  const d = singleDeclarator(variable);
  if (!d?.init) return false;
  if (d.id.type === 'Identifier') return unwrap(d.init).type === 'MemberExpression' && isRequestPart(d.init, file);
  if (d.id.type !== 'ObjectPattern') return false;
  const prop = d.id.properties.find((p) => p.type === 'Property' && p.value.type === 'Identifier' && referencesOf(file).variableOf(p.value) === variable) as TSESTree.Property | undefined;
  const key = prop && keyName(prop);
  return key !== undefined && REQUEST_PARTS.has(key);
}

function nameShape(id: TSESTree.Identifier, file: ParsedFile, depth: number): Shape | undefined {
  const variable = referencesOf(file).variableOf(id);
  if (!variable) return undefined;
  if (variable.defs[0]?.type === 'Parameter') return fastifyRequestShape(variable, file) ?? nestDtoShape(variable, file) ?? expressValidatorShape(variable, file, id) ?? celebrateShape(variable, file);
  const d = singleDeclarator(variable);
  if (!d?.init) return undefined;
  if (d.id.type === 'Identifier') return objectShape(d.init, file, depth + 1);
  if (d.id.type !== 'ObjectPattern') return undefined;
  const prop = d.id.properties.find((p) => p.type === 'Property' && p.value.type === 'Identifier' && referencesOf(file).variableOf(p.value) === variable) as TSESTree.Property | undefined;
  return prop ? destructuredShape(d, prop, file, depth) : undefined;
}

/**
 * `const { value, error } = schema.validate(x)` / `const { data, success } = S.safeParse(x)`: whether
 * the value is read only where the flag says validation passed.
 */
function flagChecked(pattern: TSESTree.ObjectPattern, d: TSESTree.VariableDeclarator, r: (typeof CHECKED_RESULTS)[number], file: ParsedFile): boolean {
  const variableOfKey = (key: string) => {
    const prop = pattern.properties.find((p) => p.type === 'Property' && keyName(p) === key && p.value.type === 'Identifier') as TSESTree.Property | undefined;
    return prop && referencesOf(file).variableOf(prop.value as TSESTree.Identifier);
  };
  const flagVar = variableOfKey(r.flag);
  const valueVar = variableOfKey(r.value);
  if (!flagVar || !valueVar || !singleDeclarator(flagVar) || singleDeclarator(valueVar) !== d) return false;
  // Every read of the value must be guarded (the bounds are asked per read, but the pattern's shape is shared).
  return valueVar.references.filter((ref) => !ref.init).every((ref) => reachedOnlyWhen(ref.identifier as Node, variableFlag(flagVar, r.flag, file), r.wanted));
}

type FlagKind = 'success' | 'error';

/**
 * A test of a flag: zod's `success` is true or false; joi's `error` is undefined or an object (so
 * `error != null` and `error !== undefined` say it is set).
 */
function flagOf(kind: FlagKind, isFlag: (n: Node) => boolean) {
  return (atom: Node, truth: boolean): boolean | undefined => {
    if (isFlag(atom)) return truth;
    const c = comparedWithLiteral(atom);
    if (!c || !isFlag(c.other)) return undefined;
    const equal = c.equal === truth;
    if (kind === 'success' && typeof c.literal === 'boolean') return equal ? c.literal : !c.literal;
    if (kind === 'error' && (c.literal === undefined || (c.loose && c.literal === null))) return !equal;
    return undefined;
  };
}

function memberFlag(object: TSESTree.Identifier, field: string, file: ParsedFile, kind: FlagKind) {
  const variable = referencesOf(file).variableOf(object);
  return flagOf(kind, (n) => n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier' && n.property.name === field && unwrap(n.object).type === 'Identifier' && referencesOf(file).variableOf(unwrap(n.object) as TSESTree.Identifier) === variable);
}

function variableFlag(variable: Variable, kind: FlagKind, file: ParsedFile) {
  return flagOf(kind, (n) => n.type === 'Identifier' && referencesOf(file).variableOf(n) === variable);
}
