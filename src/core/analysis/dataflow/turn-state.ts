// What one loop turn reads and writes of the state that lives across turns: variables declared
// outside the body, and the heap as member paths under a root. Variables declared inside the body
// are recomputed every turn, so a read of one is a read of what it was computed from and a write of
// one is no progress. Getters, Proxies, valueOf/toString and similar hooks are assumed plain.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import type { ParsedFile } from '../project/types';
import { isFunctionNode, unwrap, walk, type Node } from './ast';
import { referencesOf } from './references';

/** A variable (or an undeclared global, by name), or `this`. */
export type Root = Variable | string;

export type Loc =
  | { kind: 'var'; root: Root }
  /** `root` null: an object the walk cannot name; `path`: member names after the root, `[]` for a computed one. */
  | { kind: 'heap'; root: Root | null; path: string[] }
  /** Anything (the result of a call of unknown effect). */
  | { kind: 'any' };

export interface Effect {
  writes: Loc[];
  /** Runs something that may change anything: an unknown call, `new`, `await`, `yield`, `delete`, a destructuring assignment. */
  opaque: boolean;
}

const GLOBAL_PURE = new Set(['parseInt', 'parseFloat', 'isNaN', 'isFinite', 'String', 'Number', 'Boolean']);
const STATIC_PURE: Record<string, Set<string>> = {
  Number: new Set(['isNaN', 'isFinite', 'parseInt', 'parseFloat', 'isInteger', 'isSafeInteger']),
  String: new Set(['fromCharCode', 'fromCodePoint']),
  Array: new Set(['isArray']),
};
/** String and array methods that only read (RegExp test/exec are not here: they move lastIndex). */
const READ_METHODS = new Set([
  'charCodeAt', 'charAt', 'codePointAt', 'indexOf', 'lastIndexOf', 'includes', 'startsWith', 'endsWith', 'slice',
  'substring', 'substr', 'at', 'trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase',
]);
const MUTATING_METHODS = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'set', 'add', 'delete', 'clear', 'sort', 'reverse', 'fill', 'copyWithin']);

export class TurnState {
  private readonly refs;
  private readonly localMemo = new Map<Variable, boolean>();
  private readonly readsMemo = new Map<Node, Loc[]>();

  constructor(private readonly body: Node, private readonly file: ParsedFile) {
    this.refs = referencesOf(file);
  }

  /** Declared inside the body, fresh every turn (a `var` only when declared first thing and read after). */
  isLocal(v: Variable): boolean {
    let local = this.localMemo.get(v);
    if (local === undefined) this.localMemo.set(v, (local = this.declaredPerTurn(v)));
    return local;
  }

  private declaredPerTurn(v: Variable): boolean {
    if (v.defs.length === 0) return false;
    return v.defs.every((d) => {
      const at = d.name as Node;
      if (!inside(this.body, at)) return false;
      if (d.type !== 'Variable' || (d.parent as TSESTree.VariableDeclaration).kind !== 'var') return true;
      // `var c = s[pos]` as a statement of the body: every read in the loop comes after it in the same turn.
      const decl = d.parent as TSESTree.VariableDeclaration;
      return (
        !!(d.node as TSESTree.VariableDeclarator).init &&
        this.body.type === 'BlockStatement' &&
        this.body.body.includes(decl) &&
        v.references.every((r) => !inside(this.body, r.identifier as Node) || r.identifier.range[0] >= decl.range[0])
      );
    });
  }

  rootOf(id: TSESTree.Identifier): Variable | string {
    const ref = this.refs.referenceOf(id);
    return ref?.resolved ?? this.refs.variableOf(id) ?? `global:${id.name}`;
  }

  /** The state an expression reads; body-local variables stand for what they were computed from. */
  readsOf(expr: Node): Loc[] {
    let reads = this.readsMemo.get(expr);
    if (!reads) this.readsMemo.set(expr, (reads = this.readsWithin(expr, new Set())));
    return reads;
  }

  private readsWithin(expr: Node, seen: Set<Variable>): Loc[] {
    const out: Loc[] = [];
    walk(
      expr,
      (n) => {
        if (isFunctionNode(n) || n.type === 'ClassExpression') return false;
        if (n.type === 'CallExpression' && callKind(n, this) === 'unknown') out.push({ kind: 'any' });
        if (n.type === 'NewExpression' || n.type === 'AwaitExpression' || n.type === 'YieldExpression' || n.type === 'TaggedTemplateExpression') out.push({ kind: 'any' });
        if (n.type === 'MemberExpression') {
          const m = membersOf(n);
          if (m?.root.type === 'ThisExpression') out.push({ kind: 'heap', root: 'this', path: m.path });
          else if (m) out.push(...this.heapUnder(m.root as TSESTree.Identifier, m.path, seen));
        }
        if (n.type === 'Identifier' && this.refs.referenceOf(n)) {
          const root = this.rootOf(n);
          if (typeof root !== 'string' && this.isLocal(root)) out.push(...this.sourcesOf(root, seen));
          else out.push({ kind: 'var', root });
        }
      },
      false,
    );
    return out;
  }

  /** A member path under an identifier: under a body-local one, under whatever it was computed from. */
  private heapUnder(id: TSESTree.Identifier, path: string[], seen: Set<Variable>): Loc[] {
    const root = this.rootOf(id);
    if (typeof root === 'string' || !this.isLocal(root)) return [{ kind: 'heap', root, path }];
    return this.sourcesOf(root, seen).map((l): Loc => (l.kind === 'var' ? { kind: 'heap', root: l.root, path: [] } : l));
  }

  /** What a body-local variable was computed from: every value written to it in the body. */
  private sourcesOf(v: Variable, seen: Set<Variable>): Loc[] {
    // Not memoized: a result cut short by a cycle would miss reads when asked again from elsewhere.
    if (seen.has(v)) return [];
    seen.add(v);
    const out: Loc[] = [];
    for (const r of v.references) {
      if (!r.isWrite() || !inside(this.body, r.identifier as Node)) continue;
      const value = r.writeExpr as Node | null | undefined;
      // A write with no value the walk can see (a for-of element, a catch parameter): anything.
      if (!value) out.push({ kind: 'any' });
      else out.push(...this.readsWithin(value, seen)); // a literal reads nothing
    }
    for (const d of v.defs) if (d.type !== 'Variable' && d.type !== 'FunctionName' && d.type !== 'ClassName') out.push({ kind: 'any' });
    return out;
  }

  /** The writes and opacity of evaluating a node (all of it: branches inside an expression count as taken). */
  effectOf(node: Node): Effect {
    const writes: Loc[] = [];
    let opaque = false;
    const write = (target: Node, whole: boolean): void => {
      const t = unwrap(target);
      if (t.type === 'Identifier') {
        const root = this.rootOf(t);
        if (typeof root === 'string' || !this.isLocal(root)) writes.push(whole ? { kind: 'var', root } : { kind: 'heap', root, path: [] });
        else if (!whole) writes.push(...this.heapUnder(t, [], new Set()));
        return;
      }
      const m = t.type === 'MemberExpression' ? membersOf(t) : undefined;
      if (!m) return void writes.push({ kind: 'heap', root: null, path: [] });
      if (m.root.type === 'ThisExpression') writes.push({ kind: 'heap', root: 'this', path: m.path });
      else writes.push(...this.heapUnder(m.root as TSESTree.Identifier, m.path, new Set()));
    };
    walk(
      node,
      (n) => {
        if (opaque || isFunctionNode(n)) return false;
        switch (n.type) {
          case 'AssignmentExpression':
            if (n.left.type === 'ObjectPattern' || n.left.type === 'ArrayPattern') opaque = true;
            else write(n.left, true);
            break;
          case 'UpdateExpression':
            write(n.argument, true);
            break;
          case 'VariableDeclarator':
            for (const id of identifiersIn(n.id)) write(id, true);
            break;
          case 'ForInStatement':
            if (n.left.type !== 'VariableDeclaration') write(n.left, true);
            break;
          case 'CallExpression': {
            const kind = callKind(n, this);
            if (kind === 'unknown') opaque = true;
            else if (kind === 'mutates') write((unwrap(n.callee) as TSESTree.MemberExpression).object, false);
            break;
          }
          case 'UnaryExpression':
            if (n.operator === 'delete') opaque = true;
            break;
          case 'NewExpression':
          case 'AwaitExpression':
          case 'YieldExpression':
          case 'TaggedTemplateExpression':
          case 'ImportExpression':
          case 'ClassExpression':
          case 'ClassDeclaration':
          case 'ForOfStatement': // runs an iterator
          case 'WithStatement':
            opaque = true;
            break;
        }
      },
      false,
    );
    return { writes, opaque };
  }

  /** `const X = <literal>` and nothing else: a condition on it alone always comes out the same. */
  isConstant(v: Root): boolean {
    if (typeof v === 'string' || v.defs.length !== 1) return false;
    const d = v.defs[0];
    const init = d.type === 'Variable' ? (d.node as TSESTree.VariableDeclarator).init : null;
    return (d.parent as TSESTree.VariableDeclaration | null)?.kind === 'const' && !!init && unwrap(init).type === 'Literal';
  }

  /** A fresh object only this variable holds (`const out = []`, used only as `out.x` or returned): nothing else can alias it. */
  isFresh(root: Root): boolean {
    if (typeof root === 'string' || root.defs.length !== 1) return false;
    const d = root.defs[0];
    const init = d.type === 'Variable' ? (d.node as TSESTree.VariableDeclarator).init : null;
    if (!init || !isFreshValue(init)) return false;
    return root.references.every((r) => {
      if (r.init) return true;
      const parent = (r.identifier as Node).parent;
      return (parent?.type === 'MemberExpression' && parent.object === r.identifier) || parent?.type === 'ReturnStatement';
    });
  }
}

/** Whether a write may change something read: same variable, a rebinding of a read root, or overlapping member paths. */
export function overlaps(w: Loc, r: Loc, state: TurnState): boolean {
  if (w.kind === 'any' || r.kind === 'any') return true;
  if (w.kind === 'var') return r.root === w.root;
  if (r.kind === 'var') return false;
  if (w.root === null || r.root === null) return true;
  if (w.root !== r.root) return !state.isFresh(w.root) && !state.isFresh(r.root); // two names may hold one object
  for (let i = 0; i < Math.min(w.path.length, r.path.length); i++) {
    if (w.path[i] !== r.path[i] && w.path[i] !== '[]' && r.path[i] !== '[]') return false;
  }
  return true;
}

function callKind(call: TSESTree.CallExpression, state: TurnState): 'pure' | 'mutates' | 'unknown' {
  const callee = unwrap(call.callee);
  const global = (id: Node) => id.type === 'Identifier' && state.rootOf(id) === `global:${id.name}`;
  if (callee.type === 'Identifier') return GLOBAL_PURE.has(callee.name) && global(callee) ? 'pure' : 'unknown';
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return 'unknown';
  const name = callee.property.name;
  const object = unwrap(callee.object);
  if (object.type === 'Identifier' && global(object)) {
    if (object.name === 'Math') return name === 'random' ? 'unknown' : 'pure';
    if (STATIC_PURE[object.name]) return STATIC_PURE[object.name].has(name) ? 'pure' : 'unknown';
  }
  if (READ_METHODS.has(name)) return 'pure';
  if (MUTATING_METHODS.has(name)) return 'mutates';
  return 'unknown';
}

function membersOf(node: TSESTree.MemberExpression): { root: TSESTree.Identifier | TSESTree.ThisExpression; path: string[] } | undefined {
  const path: string[] = [];
  let n: Node = node;
  while (n.type === 'MemberExpression') {
    if (!n.computed && n.property.type === 'Identifier') path.unshift(n.property.name);
    else if (!n.computed && n.property.type === 'PrivateIdentifier') path.unshift('#' + n.property.name);
    else if (n.computed && n.property.type === 'Literal') path.unshift(String(n.property.value));
    else path.unshift('[]');
    n = unwrap(n.object);
  }
  return n.type === 'Identifier' || n.type === 'ThisExpression' ? { root: n, path } : undefined;
}

function isFreshValue(value: Node): boolean {
  const v = unwrap(value);
  return v.type === 'ArrayExpression' || v.type === 'ObjectExpression' || v.type === 'Literal' || (v.type === 'TemplateLiteral' && v.expressions.length === 0);
}

function identifiersIn(pattern: Node): TSESTree.Identifier[] {
  const out: TSESTree.Identifier[] = [];
  walk(pattern, (n) => {
    if (n.type === 'Identifier') out.push(n);
    if (n.type === 'MemberExpression' || n.type === 'AssignmentPattern') {
      if (n.type === 'AssignmentPattern') walk(n.left, (m) => void (m.type === 'Identifier' && out.push(m)));
      return false;
    }
  }, false);
  return out;
}

function inside(outer: Node, inner: Node): boolean {
  return inner.range[0] >= outer.range[0] && inner.range[1] <= outer.range[1];
}
