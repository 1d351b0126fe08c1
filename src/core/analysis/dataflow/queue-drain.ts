// A loop that drains a queue: every turn that goes on removes an element (`shift()`, `pop()`,
// `splice(0, k)`) from an array its test reads so that the test is false once the array is empty
// (`q.length`, `q[0]`, `(x = q.shift())`), or whose every turn starts by reading a property of its
// first element (which throws once it is empty), and nothing adds to that array meanwhile. It then
// ends (normally or by throwing) after at most as many turns as the array had elements, whatever the
// elements hold.
//
// What counts as adding: in the loop (functions written in it included) push/unshift, a splice that
// inserts, an index or length write, rebinding the name, a method not known to keep or shrink the
// array, handing the array to a call that adds to it (or that cannot be resolved); the same in every
// function the call graph resolves the loop's calls to, transitively (past a budget, the loop counts
// as adding). A statement on a path that surely leaves the loop (`q[0] = rest; break`, or a branch
// that makes the test false: branch-leaves-by-subtraction.ts) is not looked at: it cannot bring
// another turn; nor need such a branch remove an element. In callees the queue is matched by name (its variable, the field it was read from, the
// parameters it is passed to, local copies of those), which over-approximates.
//
// Assumption for calls the call graph cannot resolve (a stored callback, dynamic dispatch): they
// change only what they are handed — the queue as an argument, or the object holding it as the
// receiver — as LoopEffects assumes for member paths. A queue refilled only by such a call (a
// callback that captured it) is not seen. A loop that awaits or yields lets any code run between
// turns, so there only a plain local queue no other function mentions is taken for a drain. Such a
// queue, made fresh (`items.slice()`, `[…]`) and never copied or handed on, changes only where the loop
// touches it, so its callees are not followed (their own queues of the same name are not it).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import type { LoopInfo } from '../cfg/loop-exits';
import { everyTurnPasses } from '../cfg/every-turn';
import type { ParsedFile } from '../project/types';
import type { CodeIndex } from './code-index';
import { contains, isFunctionNode, memberPath, memberUseOf, unwrap, walk, type Node } from './ast';
import { PURE_METHODS } from './loop-operands';
import { referencesOf } from './references';
import { everyTurnReadsFirstElement } from './first-element-read';
import { leavesLoopAfter, type BranchLeaves } from './leaves-loop';
import { branchesLeavingBySubtraction } from './branch-leaves-by-subtraction';

/** Methods that leave an array no longer than it was (or only read it). */
const KEEPS_OR_SHRINKS = new Set([
  'shift', 'pop', 'slice', 'indexOf', 'lastIndexOf', 'includes', 'at', 'join', 'concat', 'keys', 'values', 'entries', 'forEach', 'map',
  'filter', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex', 'reduce', 'reduceRight', 'flat', 'flatMap', 'sort', 'reverse',
  'fill', 'copyWithin', 'toString', 'hasOwnProperty',
]);
/** Callees followed from one loop, all levels together; more and the loop counts as adding. */
const MAX_FUNCTIONS = 60;
const MAX_DEPTH = 6;

/** The array a call removes one element from (`q.shift()`, `q.pop()`, `q.splice(0, 1)`), as its receiver. */
function removedFrom(n: Node): Node | undefined {
  if (n.type !== 'CallExpression' || n.optional) return undefined;
  const callee = unwrap(n.callee);
  if (callee.type !== 'MemberExpression' || callee.computed || callee.optional || callee.property.type !== 'Identifier') return undefined;
  const name = callee.property.name;
  if ((name === 'shift' || name === 'pop') && n.arguments.length === 0) return callee.object;
  if (name === 'splice' && n.arguments.length === 2) {
    const [start, count] = n.arguments.map((a) => unwrap(a));
    if (start.type === 'Literal' && start.value === 0 && count.type === 'Literal' && typeof count.value === 'number' && count.value >= 1) return callee.object;
  }
  return undefined;
}

interface Queue {
  path: string;
  /** The root variable of the path, for telling apart two variables of one name. */
  root: unknown;
}

export function drainsQueue(loop: LoopInfo, file: ParsedFile, code: CodeIndex): boolean {
  if (!loop.test) return false;
  const refs = referencesOf(file);
  const queueOf = (receiver: Node): Queue | undefined => {
    const mp = memberPath(receiver);
    if (!mp) return undefined;
    return { path: mp.path, root: mp.root.type === 'Identifier' ? refs.variableOf(mp.root) : 'this' };
  };
  const same = (a: Queue | undefined, b: Queue) => !!a && a.path === b.path && a.root === b.root;
  const queues: Queue[] = [];
  let suspends = false;
  walk(
    loop.node,
    (n) => {
      if (n.type === 'AwaitExpression' || n.type === 'YieldExpression' || (n.type === 'ForOfStatement' && n.await)) suspends = true;
      const receiver = removedFrom(n);
      const q = receiver && queueOf(receiver);
      if (q && !queues.some((other) => same(other, q))) queues.push(q);
    },
    false,
  );
  let leaves: BranchLeaves | undefined;
  for (const q of queues) {
    // While the loop waits, other code may run: only a queue no other function can reach stays the loop's own.
    if (suspends && !ownedByLoopFunction(q, loop)) continue;
    const denotesQueue = (n: Node) => same(queueOf(n), q);
    if (!emptyEnds(loop.test, denotesQueue) && !everyTurnReadsFirstElement(loop, file, denotesQueue)) continue;
    leaves ??= branchesLeavingBySubtraction(loop, file);
    if (!everyTurnPasses(loop, (n) => !!removedFrom(n) && denotesQueue(removedFrom(n)!), leaves)) continue;
    // A plain local queue no other function mentions changes only where the loop touches it; else the
    // calls the loop makes are followed for what they may add.
    const mayAdd = ownedByLoopFunction(q, loop) && madeFresh(q.root as Variable) ? ownQueueMayGrow(q.root as Variable, loop) : new AddFinder(code, namesOf(q), containersOf(q), leaves).loopMayAdd(loop, file);
    if (mayAdd) continue;
    return true;
  }
  return false;
}

/**
 * The queue is a plain local variable (`const queue = …`, the whole variable, not a member of it) of the
 * function the loop is in, and no other function (a closure, a callback) mentions it: code that runs
 * while the loop awaits or yields cannot reach it. Handing it to a call is the AddFinder's business.
 */
function ownedByLoopFunction(q: Queue, loop: LoopInfo): boolean {
  const variable = q.root as Variable | undefined;
  if (!variable || typeof variable !== 'object' || q.path !== variable.name || variable.defs.length !== 1 || variable.defs[0].type !== 'Variable') return false;
  const home = enclosingFunction(loop.node);
  return variable.references.every((r) => enclosingFunction(r.identifier as Node) === home);
}

/** Methods that return a new array whatever they are called on. */
const MAKES_NEW_ARRAY = new Set(['slice', 'map', 'filter', 'concat', 'flat', 'flatMap', 'toSorted', 'toReversed', 'toSpliced', 'split']);

/** Declared with a new array (`[…]`, `items.slice()`, `Object.keys(o)`, `Array.from(x)`): nothing else holds it. */
function madeFresh(variable: Variable): boolean {
  const d = variable.defs[0]?.node as Node | undefined;
  if (d?.type !== 'VariableDeclarator' || d.id.type !== 'Identifier' || !d.init) return false;
  const init = unwrap(d.init);
  if (init.type === 'ArrayExpression') return true;
  if (init.type !== 'CallExpression' && init.type !== 'NewExpression') return false;
  const callee = unwrap(init.callee);
  if (init.type === 'NewExpression') return callee.type === 'Identifier' && callee.name === 'Array';
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return false;
  const object = unwrap(callee.object);
  if (object.type === 'Identifier' && (object.name === 'Array' || object.name === 'Object')) return ['from', 'of', 'keys', 'values', 'entries'].includes(callee.property.name);
  return MAKES_NEW_ARRAY.has(callee.property.name);
}

/**
 * Whether the loop may grow a queue that only its own function mentions: every use of it in the loop
 * must be a read (`q.length`, `q[i]`) or a method that keeps or shrinks it (`q.pop()`, `q.every(…)`);
 * anything else (a write, `push`, handing it to a call) may. Outside the loop, the queue must not be
 * copied or handed anywhere (`const state = { queue }`): a call the loop makes could reach it there.
 */
function ownQueueMayGrow(variable: Variable, loop: LoopInfo): boolean {
  return variable.references.some((r) => {
    const id = r.identifier as Node;
    if (!contains(loop.node, id)) return !r.isWrite() && memberUseOf(id).kind === 'none';
    if (r.isWrite()) return true;
    const use = memberUseOf(id);
    if (use.kind === 'read') return false;
    if (use.kind !== 'call' || !use.method) return true;
    return !(KEEPS_OR_SHRINKS.has(use.method) || PURE_METHODS.has(use.method) || (use.method === 'splice' && use.call.arguments.length <= 2));
  });
}

function enclosingFunction(n: Node): Node | undefined {
  let p = n.parent;
  while (p && !isFunctionNode(p) && p.type !== 'Program') p = p.parent;
  return p;
}

/** The test is false when the queue is empty: its length, an element or a removed element decides it. */
function emptyEnds(test: Node, isQueue: (n: Node) => boolean): boolean {
  const n = unwrap(test);
  if (n.type === 'LogicalExpression') return n.operator === '&&' ? emptyEnds(n.left, isQueue) || emptyEnds(n.right, isQueue) : n.operator === '||' && emptyEnds(n.left, isQueue) && emptyEnds(n.right, isQueue);
  if (n.type === 'AssignmentExpression' && n.operator === '=') return emptyEnds(n.right, isQueue);
  if (isLength(n, isQueue)) return true;
  // An element of an empty array is undefined; so is what shift() or pop() return from one.
  if (n.type === 'MemberExpression' && n.computed && isQueue(n.object)) return true;
  if (n.type === 'CallExpression' && removedFrom(n) && isQueue(removedFrom(n)!) && n.arguments.length === 0) return true;
  if (n.type === 'BinaryExpression' && n.left.type !== 'PrivateIdentifier') {
    const [left, right] = [unwrap(n.left), unwrap(n.right)];
    const num = (x: Node) => (x.type === 'Literal' && typeof x.value === 'number' ? x.value : undefined);
    // Normalized to `length OP c`.
    const flipped: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
    const [op, c] = isLength(left, isQueue) ? [n.operator, num(right)] : isLength(right, isQueue) ? [flipped[n.operator] ?? n.operator, num(left)] : [undefined, undefined];
    if (op === undefined || c === undefined) return false;
    return (op === '>' && c >= 0) || (op === '>=' && c >= 1) || ((op === '!==' || op === '!=') && c === 0);
  }
  return false;
}

function isLength(n: Node, isQueue: (n: Node) => boolean): boolean {
  return n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier' && n.property.name === 'length' && isQueue(n.object);
}

const lastSegment = (path: string) => path.slice(path.lastIndexOf('.') + 1);

/** The queue variable's declaration, when it was read from an object (`const q = this.queue`, `const { actions } = this`). */
function readFrom(q: Queue): { object: string; field: string } | undefined {
  if (q.path.includes('.')) return undefined;
  const def = (q.root as { defs?: Array<{ node: Node; name: Node }> } | undefined)?.defs?.[0];
  const declarator = def?.node;
  if (declarator?.type !== 'VariableDeclarator' || !declarator.init) return undefined;
  const init = memberPath(declarator.init);
  if (!init) return undefined;
  if (declarator.id === def!.name) return init.path.includes('.') ? { object: init.path.slice(0, init.path.lastIndexOf('.')), field: lastSegment(init.path) } : undefined;
  if (declarator.id.type !== 'ObjectPattern') return undefined;
  for (const p of declarator.id.properties) {
    if (p.type === 'Property' && !p.computed && p.key.type === 'Identifier' && (p.value === def!.name || (p.value.type === 'AssignmentPattern' && p.value.left === def!.name))) return { object: init.path, field: p.key.name };
  }
  return undefined;
}

/** The names the queue may go by elsewhere: its last path segment, and the field its variable was read from. */
function namesOf(q: Queue): Set<string> {
  const names = new Set([lastSegment(q.path)]);
  const from = readFrom(q);
  if (from) names.add(from.field);
  return names;
}

/** The objects holding the queue (`this` for `this.queue` or `const { actions } = this`): a call handed one may reach it. */
function containersOf(q: Queue): Set<string> {
  const out = new Set<string>();
  const parts = q.path.split('.');
  for (let i = 1; i < parts.length; i++) out.add(parts.slice(0, i).join('.'));
  const from = readFrom(q);
  if (from) for (let i = 1, parts2 = from.object.split('.'); i <= parts2.length; i++) out.add(parts2.slice(0, i).join('.'));
  return out;
}

/** Looks for what may add to the queue: in the loop, then in the functions its calls resolve to. */
class AddFinder {
  private followed = 0;
  private readonly seen = new Set<string>();
  private loopNode: Node | undefined;

  constructor(
    private readonly code: CodeIndex,
    private readonly names: Set<string>,
    private readonly containers: Set<string>,
    private readonly leaves: BranchLeaves,
  ) {}

  loopMayAdd(loop: LoopInfo, file: ParsedFile): boolean {
    this.loopNode = loop.node;
    return this.mayAdd(loop.node, file, new Set(this.names), 0, true);
  }

  /** `intoFunctions`: functions written in the region run in it (the loop's callbacks); a callee's nested functions do not. */
  private mayAdd(region: Node, file: ParsedFile, local: Set<string>, depth: number, intoFunctions: boolean): boolean {
    addLocalCopies(region, local);
    const denotes = (n: Node) => {
      const mp = memberPath(n);
      return !!mp && local.has(lastSegment(mp.path));
    };
    let adds = false;
    walk(
      region,
      (n) => {
        if (adds) return false;
        if (n !== region && isFunctionNode(n) && !intoFunctions) return false;
        if (depth === 0 && this.loopNode && leavesLoopAfter(n, this.loopNode, this.leaves)) return false;
        switch (n.type) {
          case 'CallExpression':
          case 'NewExpression':
            if (this.callMayAdd(n, file, local, denotes, depth)) adds = true;
            break;
          case 'AssignmentExpression': {
            const left = n.left;
            if (left.type === 'Identifier' && local.has(left.name)) adds = true;
            if (left.type === 'MemberExpression' && (denotes(left.object) || (!left.computed && left.property.type === 'Identifier' && local.has(left.property.name)))) adds = true;
            break;
          }
          case 'UpdateExpression': {
            const arg = unwrap(n.argument);
            if (arg.type === 'MemberExpression' && denotes(arg.object)) adds = true;
            break;
          }
        }
      },
      intoFunctions,
    );
    return adds;
  }

  private callMayAdd(call: TSESTree.CallExpression | TSESTree.NewExpression, file: ParsedFile, local: Set<string>, denotes: (n: Node) => boolean, depth: number): boolean {
    const callee = unwrap(call.callee);
    if (call.type === 'CallExpression' && callee.type === 'MemberExpression' && denotes(callee.object)) {
      const method = !callee.computed && callee.property.type === 'Identifier' ? callee.property.name : undefined;
      if (!method) return true;
      if (method === 'splice') return call.arguments.length > 2 || call.arguments.some((a) => a.type === 'SpreadElement');
      if (!KEEPS_OR_SHRINKS.has(method)) return true;
    }
    const handed = call.arguments.map((a) => denotes(unwrap(a.type === 'SpreadElement' ? a.argument : a)));
    const targets = this.code.calleesOf(file, call);
    if (targets.length === 0) {
      // Unresolved: it may change what it is handed, nothing else (see the file comment). In the loop
      // itself the object holding the queue counts as handed too (its receiver or an argument).
      const name = callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' ? callee.property.name : callee.type === 'Identifier' ? callee.name : undefined;
      if (name && PURE_METHODS.has(name)) return false;
      const holds = (n: Node) => depth === 0 && this.containers.has(memberPath(n)?.path ?? '');
      const receiver = callee.type === 'MemberExpression' ? callee.object : undefined;
      return handed.some(Boolean) || (!!receiver && holds(receiver)) || call.arguments.some((a) => holds(unwrap(a.type === 'SpreadElement' ? a.argument : a)));
    }
    for (const { info, file: target } of targets) {
      const params = new Set(local);
      info.node.params.forEach((p, i) => {
        const id = p.type === 'AssignmentPattern' ? p.left : p;
        if (handed[i] && id.type === 'Identifier') params.add(id.name);
      });
      for (const name of this.names) params.add(name);
      const key = `${info.id}|${[...params].sort().join(',')}`;
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      if (++this.followed > MAX_FUNCTIONS || depth >= MAX_DEPTH) return true;
      const body = info.node.body;
      if (body && this.mayAdd(body, target, params, depth + 1, false)) return true;
    }
    return false;
  }
}

/** Names declared in the region as copies of the queue (`const list = scheduler.actions`, `const { actions } = s`). */
function addLocalCopies(region: Node, local: Set<string>): void {
  walk(
    region,
    (n) => {
      if (n.type !== 'VariableDeclarator' || !n.init) return;
      if (n.id.type === 'Identifier') {
        const mp = memberPath(n.init);
        if (mp && local.has(mp.path.slice(mp.path.lastIndexOf('.') + 1))) local.add(n.id.name);
      } else if (n.id.type === 'ObjectPattern') {
        for (const p of n.id.properties) {
          if (p.type !== 'Property' || p.computed || p.key.type !== 'Identifier' || !local.has(p.key.name)) continue;
          const value = p.value.type === 'AssignmentPattern' ? p.value.left : p.value;
          if (value.type === 'Identifier') local.add(value.name);
        }
      }
    },
    false,
  );
}
