// express-validator chains in an Express route (`app.get('/x', query('limit').isInt({ min: 1, max:
// 100 }).toInt(), handler)`) bound what the handler reads of the request, but only where a failed
// validation cannot reach the read: express-validator records errors, it does not reject the request.
// Counted as checked:
// - in the handler, a read reached only where `validationResult(req).isEmpty()` holds (`if
//   (!errors.isEmpty()) return res.status(400)…`), or after `validationResult(req).throw()`;
// - a middleware after the chains in the same registration whose every plain `next()` is reached only
//   where `validationResult(req).isEmpty()` holds (or follows `validationResult(req).throw()`), written
//   inline or as a function of this file or of another module, also returned by a wrapper handed the
//   chains (`validate([query('limit')…])`, the pattern of the express-validator docs, whose middleware
//   must `.run(req)` them);
// - `matchedData(req)`, which holds only fields that passed (a field that failed is missing).
// Understood: `query`/`body`/`param`/`cookie`/`header` with a literal field path, `isInt`/`isFloat`
// (`min`, `max`, `gt`, `lt`) with `toInt`/`toFloat` (a number; without them the value stays a string
// and only its length counts), `isLength` and `isArray` (`max`), `optional` (the field may be missing),
// and validators that only reject. Any other method (`not`, `if`, `default`, `customSanitizer`,
// `escape`) leaves the field unknown. Assumed: other middlewares do not rewrite the validated fields,
// and sanitizers write back (Express 4; in Express 5 `req.query` is a getter and a sanitized query
// value stays the validated string, which compares the same but adds as text).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import type { ParsedFile } from '../../project/types';
import { isFunctionNode, unwrap, walk, type Node } from '../ast';
import { constantNumber } from '../bounds';
import { referencesOf } from '../references';
import { reachedOnlyWhen, type FlagTest } from './guarded';
import { foreignReadCount, methodCall, packageOfName, propertyNamed, singleDeclarator, valueOfName, type Located } from './resolve';
import { above, limited, maybeMissing, meetShapes, shapeOf, type Shape } from './shape';
import { flattenMiddlewares, routeMiddlewareLists } from './route-middlewares';

const PACKAGE = 'express-validator';
/** Chain starters and the request member each one validates. */
const LOCATIONS: Record<string, string> = { query: 'query', body: 'body', param: 'params', cookie: 'cookies', header: 'headers' };
/** Validators that only reject values, and sanitizers that only shorten strings. */
const KEEP = new Set([
  'exists', 'notEmpty', 'isNumeric', 'isString', 'isBoolean', 'isEmail', 'isURL', 'isUUID', 'isMongoId', 'isAlpha', 'isAlphanumeric', 'isIn',
  'isDate', 'isISO8601', 'isJSON', 'isObject', 'matches', 'equals', 'contains', 'custom', 'withMessage', 'bail', 'trim', 'ltrim', 'rtrim',
]);

interface FieldRule {
  location: string;
  path: string[];
  shape: Shape;
}

interface Registration {
  rules: FieldRule[];
  /** A middleware after the rules lets the handler run only when they all passed. */
  guarded: boolean;
}

const memo = new WeakMap<Node, Registration[] | null>();

/** What the chains of the handler's routes say about its request (its first parameter), where read at `at`. */
export function expressValidatorShape(variable: Variable, file: ParsedFile, at: Node): Shape | undefined {
  const def = variable.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== 'Parameter' || !isFunctionNode(def.node as Node)) return undefined;
  const fn = def.node as Node;
  if (!isFunctionNode(fn) || fn.params[0] !== def.name) return undefined;
  const registrations = registrationsOf(fn, file);
  if (!registrations?.length || registrations.every((r) => !r.rules.length)) return undefined;
  const checkedHere = validationCheckedAt(at, variable, file);
  let shape: Shape | undefined;
  for (const r of registrations) {
    if (!r.guarded && !checkedHere) return undefined;
    const s = requestShape(r.rules);
    shape = shape ? meetShapes(shape, s) : s;
  }
  return shape;
}

/** `matchedData(req)`: the fields that passed validation, flat (a field that failed is left out). */
export function matchedDataShape(call: Node, file: ParsedFile): Shape | undefined {
  const n = unwrap(call);
  if (n.type !== 'CallExpression' || n.callee.type !== 'Identifier' || n.callee.name !== 'matchedData' || packageOfName(n.callee, file) !== PACKAGE) return undefined;
  const arg = n.arguments[0] && unwrap(n.arguments[0] as Node);
  if (arg?.type !== 'Identifier' || n.arguments.length > 1) return undefined;
  const variable = referencesOf(file).variableOf(arg);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== 'Parameter' || !isFunctionNode(def.node as Node) || (def.node as TSESTree.FunctionLike).params[0] !== def.name) return undefined;
  const registrations = registrationsOf(def.node as Node, file);
  if (!registrations?.length) return undefined;
  let shape: Shape | undefined;
  for (const r of registrations) {
    const props = new Map<string, Shape>();
    for (const rule of r.rules) if (rule.path.length === 1) props.set(rule.path[0], maybeMissing(rule.shape));
    const s = shapeOf('object', props);
    shape = shape ? meetShapes(shape, s) : s;
  }
  return shape;
}

/** The request as the rules describe it: `{ query: { limit: … } }`. */
function requestShape(rules: FieldRule[]): Shape {
  const root = shapeOf('object', new Map());
  for (const rule of rules) {
    let node = root.props!.get(rule.location);
    if (!node) root.props!.set(rule.location, (node = shapeOf('object', new Map())));
    for (const [i, key] of rule.path.entries()) {
      if (i === rule.path.length - 1) {
        // Two chains on one field: both must pass.
        const before = node.props!.get(key);
        node.props!.set(key, before ? narrowBoth(before, rule.shape) : rule.shape);
      } else {
        let next = node.props!.get(key);
        if (!next?.props) node.props!.set(key, (next = shapeOf('object', new Map())));
        node = next;
      }
    }
  }
  return root;
}

function narrowBoth(a: Shape, b: Shape): Shape {
  if (a.kind !== b.kind) return a;
  return { ...a, bounds: { lo: Math.max(a.bounds.lo, b.bounds.lo), hi: Math.min(a.bounds.hi, b.bounds.hi), int: a.bounds.int || b.bounds.int, lenHi: Math.min(a.bounds.lenHi, b.bounds.lenHi) } };
}

/** Each registration of the handler (written in the call, or a function of this file only ever registered); undefined when a use is not one. */
function registrationsOf(fn: Node, file: ParsedFile): Registration[] | undefined {
  const cached = memo.get(fn);
  if (cached !== undefined) return cached ?? undefined;
  const reads = foreignReadCount();
  const out = routeMiddlewareLists(fn, file)?.map(registrationOf);
  // Middlewares read from another module can change without this file changing.
  if (foreignReadCount() === reads) memo.set(fn, out ?? null);
  return out;
}

/** The rules of the chains before the handler in one registration, and whether a check after them guards it. */
function registrationOf(middlewares: Located[]): Registration {
  const rules: FieldRule[] = [];
  let guarded = false;
  for (const arg of middlewares) {
    const rule = chainRule(arg.node, arg.file);
    if (rule !== undefined) {
      if (rule) rules.push(rule);
      continue;
    }
    const wrapped = wrapperGuard(arg.node, arg.file);
    if (wrapped) {
      rules.push(...wrapped);
      guarded = true;
      continue;
    }
    // A check after the rules covers them; a rule after the check is not covered by it.
    const fn = functionOf(arg.node, arg.file);
    if (fn && guardsNext(fn.node, fn.file)) guarded = rules.length > 0;
  }
  return { rules, guarded };
}

/**
 * A validation chain (`query('limit').isInt({ max: 100 }).toInt()`): its rule, null when it is a chain
 * whose effect is not understood (nothing is assumed of its field), undefined when it is no chain.
 */
function chainRule(node: Node, file: ParsedFile): FieldRule | null | undefined {
  const methods: Array<{ method: string; args: Node[] }> = [];
  let n = unwrap(node);
  for (let call = methodCall(n); call; call = methodCall(n)) {
    methods.unshift({ method: call.method, args: call.args });
    n = call.receiver;
  }
  if (n.type !== 'CallExpression' || n.callee.type !== 'Identifier' || !(n.callee.name in LOCATIONS) || packageOfName(n.callee, file) !== PACKAGE) return undefined;
  const field = n.arguments[0] && unwrap(n.arguments[0] as Node);
  if (n.arguments.length !== 1 || field?.type !== 'Literal' || typeof field.value !== 'string' || /[*[\]]/.test(field.value) || !field.value) return null;
  let numeric: Shape = shapeOf('number');
  let sized: Shape = shapeOf('other');
  let checkedNumber = false;
  let checkedSize = false;
  let converted = false;
  let optional = false;
  const option = (args: Node[], key: string) => {
    const v = propertyNamed(args[0] && unwrap(args[0]), key);
    return v ? constantNumber(v, file) : undefined;
  };
  for (const { method, args } of methods) {
    if (KEEP.has(method)) continue;
    switch (method) {
      case 'optional':
        optional = true;
        break;
      case 'isInt':
      case 'isFloat': {
        const [min, max, gt, lt] = ['min', 'max', 'gt', 'lt'].map((k) => option(args, k));
        numeric = limited(numeric, { lo: min, hi: max, int: method === 'isInt' });
        if (gt !== undefined) numeric = limited(numeric, { lo: above(gt) });
        if (lt !== undefined) numeric = limited(numeric, { hi: lt });
        checkedNumber = true;
        break;
      }
      case 'toInt':
      case 'toFloat':
        converted = true;
        break;
      case 'isLength':
      case 'isArray': {
        const max = option(args, 'max');
        if (max !== undefined) (sized = limited({ ...sized, kind: method === 'isArray' ? 'array' : 'string' }, { len: max })), (checkedSize = true);
        break;
      }
      default:
        return null;
    }
  }
  const shape = converted && checkedNumber ? numeric : !converted && checkedSize ? sized : undefined;
  if (!shape) return null;
  return { location: LOCATIONS[n.callee.name], path: field.value.split('.'), shape: optional ? maybeMissing(shape) : shape };
}

/** The function a middleware argument is: inline, or a name of this file or another module. */
function functionOf(node: Node, file: ParsedFile): Located | undefined {
  const n = unwrap(node);
  if (isFunctionNode(n)) return { node: n, file };
  if (n.type !== 'Identifier' && n.type !== 'MemberExpression') return undefined;
  const v = valueOfName(n, file);
  return v && isFunctionNode(unwrap(v.node)) ? { node: unwrap(v.node), file: v.file } : undefined;
}

/**
 * `validate([query('limit')…])` where `validate` returns a middleware that runs what it was handed
 * (`.run(req)`) and checks them: the rules of the chains handed to it.
 */
function wrapperGuard(node: Node, file: ParsedFile): FieldRule[] | undefined {
  const n = unwrap(node);
  if (n.type !== 'CallExpression' || n.arguments.length !== 1) return undefined;
  const wrapper = functionOf(n.callee as Node, file);
  if (!wrapper || !isFunctionNode(wrapper.node)) return undefined;
  const body = wrapper.node.body;
  const returned = body.type !== 'BlockStatement' ? body : (body.body.find((s) => s.type === 'ReturnStatement') as TSESTree.ReturnStatement | undefined)?.argument;
  const middleware = returned && unwrap(returned as Node);
  if (!middleware || !isFunctionNode(middleware) || !runsChains(middleware) || !guardsNext(middleware, wrapper.file)) return undefined;
  const rules: FieldRule[] = [];
  for (const arg of flattenMiddlewares(n.arguments as Node[], file)) {
    const rule = chainRule(arg.node, arg.file);
    if (rule === undefined) return undefined;
    if (rule) rules.push(rule);
  }
  return rules;
}

function runsChains(fn: Node): boolean {
  let runs = false;
  walk(fn, (n) => {
    if (runs) return false;
    if (methodCall(n)?.method === 'run') runs = true;
  });
  return runs;
}

/** `(req, res, next) => …` whose every plain `next()` runs only once `validationResult(req)` is empty. */
function guardsNext(fn: Node, file: ParsedFile): boolean {
  if (!isFunctionNode(fn) || fn.params.length < 3 || fn.params[0].type !== 'Identifier' || fn.params[2].type !== 'Identifier') return false;
  const refs = referencesOf(file);
  const req = refs.variableOf(fn.params[0]);
  const next = refs.variableOf(fn.params[2]);
  if (!req || !next) return false;
  const calls = next.references.filter((r) => r.identifier.parent?.type === 'CallExpression' && (r.identifier.parent as TSESTree.CallExpression).callee === r.identifier);
  // `next` handed on (`setImmediate(next)`) may run unchecked.
  if (!calls.length || calls.length !== next.references.length) return false;
  return calls.every((r) => {
    const call = r.identifier.parent as TSESTree.CallExpression;
    return call.arguments.length > 0 || validationCheckedAt(call, req, file);
  });
}

/** `at` runs only where the request's validation passed: an `isEmpty()` check, or after `validationResult(req).throw()`. */
function validationCheckedAt(at: Node, req: Variable, file: ParsedFile): boolean {
  const refs = referencesOf(file);
  const isResultOfReq = (n: Node): boolean => {
    const e = unwrap(n);
    if (e.type === 'CallExpression' && e.callee.type === 'Identifier' && e.callee.name === 'validationResult' && packageOfName(e.callee, file) === PACKAGE) {
      const a = e.arguments[0] && unwrap(e.arguments[0] as Node);
      return a?.type === 'Identifier' && refs.variableOf(a) === req;
    }
    if (e.type !== 'Identifier') return false;
    const d = singleDeclarator(refs.variableOf(e));
    return !!d && d.id.type === 'Identifier' && isResultOfReq(d.init!);
  };
  const isEmptyCheck: FlagTest = (atom, truth) => {
    const call = methodCall(atom);
    return call?.method === 'isEmpty' && call.args.length === 0 && isResultOfReq(call.receiver) ? truth : undefined;
  };
  if (reachedOnlyWhen(at, isEmptyCheck, true)) return true;
  // `validationResult(req).throw()` as a statement of a block `at` is in, before it.
  for (let child: Node = at, p = at.parent; p && !isFunctionNode(child); child = p, p = p.parent) {
    if (p.type !== 'BlockStatement') continue;
    for (const s of p.body as Node[]) {
      if (s === child) break;
      const call = s.type === 'ExpressionStatement' ? methodCall(s.expression) : undefined;
      if (call?.method === 'throw' && call.args.length === 0 && isResultOfReq(call.receiver)) return true;
    }
  }
  return false;
}
