// Node's own stream and event-emitter methods, which the call graph cannot resolve (they live in Node,
// not in the project): in a class that extends Readable, Writable, Duplex, Transform, PassThrough
// (from 'stream' / 'node:stream') or EventEmitter (from 'events' / 'node:events'), by `require` or
// `import`, named or as `stream.Transform`, `this.push(chunk)` changes only the stream's internal state
// (`_readableState`, `_events`), never the subclass's own fields.
// Only methods that run none of the subclass's code synchronously are listed (Node 20's sources):
// push / unshift (buffer, or emit 'data' / 'readable' at once; a bad chunk destroys), pause (emits
// 'pause'), resume (schedules the flow on the next tick), setEncoding, isPaused, cork, and the
// emitter's listener queries. Not listed: write / end / uncork (run `_write` / `_transform`), read (runs
// `_read`), destroy (runs `_destroy`), emit, on / once (run listeners, which the subclass may own).
// The base method must be Node's: the class neither defines it nor assigns its own function to it, nor
// a method Node's calls back (emit, read, destroy, _destroy); and for the methods that emit, the class
// registers no listener on itself (`this.on`, `this.pipe`): its own listener would run its own code.
// Assumed, as for any call the analyzer cannot read: the listeners a push runs, and a replacement the
// constructor's caller hands in (`this.push = options.push`), are the consumer's code, which does not
// write the producer's fields; a subclass in another class (or file) overriding emit is not looked for.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ParsedFile } from '../project/types';
import { isFunctionNode, memberPath, unwrap, walk, type Node } from './ast';
import { referencesOf } from './references';

const EMITTER_QUERIES = ['listenerCount', 'listeners', 'rawListeners', 'eventNames', 'getMaxListeners', 'setMaxListeners'];
const READABLE = [...EMITTER_QUERIES, 'push', 'unshift', 'pause', 'resume', 'setEncoding', 'isPaused'];
const WRITABLE = [...EMITTER_QUERIES, 'cork'];
const STREAM_CLASSES: Record<string, readonly string[]> = {
  Readable: READABLE,
  Writable: WRITABLE,
  Duplex: [...READABLE, 'cork'],
  Transform: [...READABLE, 'cork'],
  PassThrough: [...READABLE, 'cork'],
};
const STREAM_MODULES = new Set(['stream', 'node:stream']);
const EVENT_MODULES = new Set(['events', 'node:events']);
/** Methods of the base that emit synchronously, so run listeners. */
const EMITTING = new Set(['push', 'unshift', 'pause']);
/** What Node's methods above may call back on `this`: the subclass must leave them to Node. */
const CALLED_BACK = ['emit', 'read', 'destroy', '_destroy'];
/** Calls on `this` that register a listener of its own (`pipe` listens to 'data'). */
const LISTENS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener', 'pipe']);

/** Every method name listed above: a cheap first test before the class is looked at. */
export const NODE_BASE_METHODS: ReadonlySet<string> = new Set([...READABLE, 'cork']);

/** Whether `this.<m>(…)`, called in a method of a class, is a method of Node's base class that leaves the subclass's fields alone. */
export function nodeBaseMethodKeepsFields(file: ParsedFile, call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const callee = unwrap(call.callee);
  if (call.type !== 'CallExpression' || callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return false;
  if (unwrap(callee.object).type !== 'ThisExpression') return false;
  const name = callee.property.name;
  const cls = classOfMethod(unwrap(callee.object));
  if (!cls?.superClass) return false;
  const base = nodeBaseOf(cls.superClass, file);
  if (!base || !methodsOfBase(base).includes(name)) return false;
  const own = ownNamesOf(cls, file);
  if (own.defined.has(name) || CALLED_BACK.some((m) => own.defined.has(m))) return false;
  return !EMITTING.has(name) || !own.listens;
}

function methodsOfBase(base: string): readonly string[] {
  return base === 'EventEmitter' ? EMITTER_QUERIES : STREAM_CLASSES[base] ?? [];
}

/** The class whose instance method (not static, not an arrow) a `this` is in. */
function classOfMethod(self: Node): TSESTree.ClassDeclaration | TSESTree.ClassExpression | undefined {
  let fn: Node | undefined = self.parent;
  while (fn && !(isFunctionNode(fn) && fn.type !== 'ArrowFunctionExpression')) fn = fn.parent;
  const method = fn?.parent;
  if (method?.type !== 'MethodDefinition' || method.static) return undefined;
  const cls = method.parent?.parent;
  return cls?.type === 'ClassDeclaration' || cls?.type === 'ClassExpression' ? cls : undefined;
}

/** A module's export: the module object itself (`require('events')`, `import * as s`) has no name. */
interface ModuleValue {
  source: string;
  name?: string;
}

/** The Node class a `extends` clause names, or undefined when it is anything else. */
function nodeBaseOf(superClass: Node, file: ParsedFile): string | undefined {
  const v = valueOf(superClass, file, 0);
  if (!v) return undefined;
  if (EVENT_MODULES.has(v.source)) return v.name === undefined || v.name === 'EventEmitter' ? 'EventEmitter' : undefined;
  return STREAM_MODULES.has(v.source) && v.name && v.name in STREAM_CLASSES ? v.name : undefined;
}

function valueOf(node: Node, file: ParsedFile, depth: number): ModuleValue | undefined {
  if (depth > 4) return undefined;
  const n = unwrap(node);
  const required = requiredModule(n, file);
  if (required) return { source: required };
  if (n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier') {
    const object = valueOf(n.object, file, depth + 1);
    return object && object.name === undefined ? { source: object.source, name: n.property.name } : undefined;
  }
  if (n.type !== 'Identifier') return undefined;
  const variable = referencesOf(file).variableOf(n);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  // Bound once: an import, or a declaration never assigned again.
  if (!variable || !def || variable.references.some((r) => r.isWrite() && !r.init)) return undefined;
  if (def.type === 'ImportBinding') {
    const declaration = def.parent as TSESTree.ImportDeclaration;
    const source = String(declaration.source.value);
    const spec = def.node;
    if (spec.type === 'ImportSpecifier') return { source, name: spec.imported.type === 'Identifier' ? spec.imported.name : String(spec.imported.value) };
    // A built-in's default export and its namespace are the module object.
    return { source };
  }
  if (def.type !== 'Variable' || !def.node.init) return undefined;
  const declarator = def.node;
  if (declarator.id === def.name) return valueOf(declarator.init!, file, depth + 1);
  // `const { Transform } = require('stream')`.
  if (declarator.id.type !== 'ObjectPattern') return undefined;
  const property = declarator.id.properties.find((p) => p.type === 'Property' && unwrap(p.value as Node) === def.name) as TSESTree.Property | undefined;
  if (!property || property.computed || property.key.type !== 'Identifier') return undefined;
  const object = valueOf(declarator.init!, file, depth + 1);
  return object && object.name === undefined ? { source: object.source, name: property.key.name } : undefined;
}

/** `require('<literal>')` with the global require. */
function requiredModule(n: Node, file: ParsedFile): string | undefined {
  if (n.type !== 'CallExpression' || n.arguments.length !== 1) return undefined;
  const callee = unwrap(n.callee);
  const arg = n.arguments[0];
  if (callee.type !== 'Identifier' || callee.name !== 'require' || referencesOf(file).variableOf(callee)?.defs.length) return undefined;
  return arg.type === 'Literal' && typeof arg.value === 'string' ? arg.value : undefined;
}

interface OwnNames {
  /** Members the class defines, assigns on `this` (but from a constructor parameter), or on its prototype. */
  defined: Set<string>;
  /** Whether it registers listeners on itself. */
  listens: boolean;
}

const ownNamesByClass = new WeakMap<Node, OwnNames>();

function ownNamesOf(cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression, file: ParsedFile): OwnNames {
  let own = ownNamesByClass.get(cls);
  if (own) return own;
  own = { defined: new Set(), listens: false };
  const result = own;
  for (const member of cls.body.body) {
    if ((member.type === 'MethodDefinition' || member.type === 'PropertyDefinition' || member.type === 'TSAbstractMethodDefinition') && !member.computed) {
      const key = member.key;
      if (key.type === 'Identifier') result.defined.add(key.name);
      else if (key.type === 'Literal') result.defined.add(String(key.value));
    }
  }
  walk(cls.body, (n) => {
    if (n.type === 'AssignmentExpression' && n.left.type === 'MemberExpression') {
      const mp = memberPath(n.left);
      if (mp?.root.type === 'ThisExpression' && /^this\.[^.]+$/.test(mp.path) && !fromConstructorParameter(n.right, file)) result.defined.add(mp.path.slice('this.'.length));
    }
    if (n.type === 'CallExpression') {
      const callee = unwrap(n.callee);
      const object = callee.type === 'MemberExpression' ? unwrap(callee.object) : undefined;
      if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && LISTENS.has(callee.property.name) && (object?.type === 'ThisExpression' || object?.type === 'Super')) result.listens = true;
    }
  });
  // `T.prototype.push = …` anywhere in the file.
  const className = cls.id?.name;
  if (className) {
    walk(file.ast, (n) => {
      if (n.type !== 'AssignmentExpression' || n.left.type !== 'MemberExpression') return;
      const mp = memberPath(n.left);
      const prefix = `${className}.prototype.`;
      if (mp?.path.startsWith(prefix) && !mp.path.slice(prefix.length).includes('.')) result.defined.add(mp.path.slice(prefix.length));
    });
  }
  ownNamesByClass.set(cls, result);
  return result;
}

/** `options.push` or `push` read from a parameter of the constructor it is assigned in: the caller's function. */
function fromConstructorParameter(value: Node, file: ParsedFile): boolean {
  const v = unwrap(value);
  const root = v.type === 'MemberExpression' ? memberPath(v)?.root : v.type === 'Identifier' ? v : undefined;
  if (root?.type !== 'Identifier') return false;
  const def = referencesOf(file).variableOf(root)?.defs[0];
  if (def?.type !== 'Parameter') return false;
  const fn = def.node as Node;
  return fn.parent?.type === 'MethodDefinition' && fn.parent.kind === 'constructor';
}
