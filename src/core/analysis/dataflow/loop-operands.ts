// What a loop's exit conditions read, and whether each of those things can change while the loop
// runs: a variable written inside the loop (or by a function the loop calls), a member path assigned
// or handed to a call that may mutate it, a call whose result can differ between iterations.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import type { ParsedFile } from '../project/types';
import type { LoopInfo } from '../cfg/loop-exits';
import { insideLoopIteration } from '../cfg/loop-exits';
import { calleeName, contains, isFunctionNode, memberPath, unwrap, walk, type Node } from './ast';
import { referencesOf } from './references';
import { aliasesOf } from './aliases';

export interface Operand {
  kind: 'variable' | 'member' | 'call';
  node: Node;
  /** Dotted path for members (`job.status.done`), the name for variables, the callee for calls. */
  path: string;
  variable?: Variable;
}

/** Methods that read but never change their receiver or arguments, and always return the same for the same inputs. */
export const PURE_METHODS = new Set([
  'get', 'has', 'includes', 'indexOf', 'lastIndexOf', 'slice', 'join', 'toString', 'at', 'startsWith', 'endsWith', 'trim',
  'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase', 'charAt', 'charCodeAt', 'codePointAt', 'substring', 'substr', 'split',
  'test', 'match', 'search', 'isArray', 'isInteger', 'isFinite', 'isNaN', 'keys', 'values', 'entries', 'valueOf', 'padStart',
  'padEnd', 'repeat', 'concat', 'localeCompare', 'hasOwnProperty', 'min', 'max', 'abs', 'floor', 'ceil', 'round', 'String',
  'Number', 'Boolean', 'parseInt', 'parseFloat', 'isSafeInteger', 'trunc', 'sign',
  // A Date's readers.
  'getTime', 'getDate', 'getDay', 'getFullYear', 'getMonth', 'getHours', 'getMinutes', 'getSeconds', 'getMilliseconds',
  'getUTCDate', 'getUTCDay', 'getUTCFullYear', 'getUTCMonth', 'getUTCHours', 'getUTCMinutes', 'getUTCSeconds', 'getTimezoneOffset',
  'toISOString', 'toJSON', 'toDateString', 'toTimeString', 'toUTCString', 'toLocaleDateString', 'toLocaleTimeString',
]);

/** Methods that never change their receiver though their result may vary (a callback, a fresh copy): no in-place mutation. */
const DATE_SETTER = /^set(UTC)?(Date|FullYear|Month|Hours|Minutes|Seconds|Milliseconds|Time|Year)$/;
const COPYING_METHODS = new Set(['replace', 'replaceAll', 'normalize', 'matchAll', 'toFixed', 'toPrecision', 'toSorted', 'toReversed', 'toSpliced', 'with', 'flat']);

/** Operands of a condition. An assignment inside it (`(m = re.exec(s))`) reads its right side. */
export function operandsOf(expr: Node, file: ParsedFile): Operand[] {
  const refs = referencesOf(file);
  const out: Operand[] = [];
  const visit = (node: Node): void => {
    const n = unwrap(node);
    switch (n.type) {
      case 'Identifier': {
        const variable = refs.variableOf(n);
        if (n.name === 'undefined' || n.name === 'NaN' || n.name === 'Infinity') return;
        out.push({ kind: 'variable', node: n, path: n.name, variable });
        return;
      }
      case 'MemberExpression': {
        const mp = memberPath(n);
        if (mp) {
          const variable = mp.root.type === 'Identifier' ? refs.variableOf(mp.root) : undefined;
          out.push({ kind: 'member', node: n, path: mp.path, variable });
          // Computed keys are read too: items[i].done.
          let m: Node = n;
          while (m.type === 'MemberExpression') {
            if (m.computed && m.property.type !== 'Literal') visit(m.property);
            m = unwrap(m.object);
          }
          return;
        }
        visit(n.object);
        if (n.computed) visit(n.property);
        return;
      }
      case 'CallExpression':
      case 'NewExpression': {
        const name = calleeName(n) ?? '';
        out.push({ kind: 'call', node: n, path: name });
        const callee = unwrap(n.callee);
        if (callee.type === 'MemberExpression') visit(callee.object);
        for (const a of n.arguments) visit(a);
        return;
      }
      case 'AssignmentExpression':
        visit(n.right);
        return;
      case 'Literal':
      case 'ThisExpression':
      case 'TemplateElement':
        return;
      default:
        if (isFunctionNode(n)) return;
        for (const key of Object.keys(n)) {
          if (key === 'parent' || key === 'loc' || key === 'range' || key === 'typeAnnotation') continue;
          const v = (n as unknown as Record<string, unknown>)[key];
          if (Array.isArray(v)) for (const c of v) c && typeof (c as Node).type === 'string' && visit(c as Node);
          else if (v && typeof (v as Node).type === 'string') visit(v as Node);
        }
    }
  };
  visit(expr);
  return out;
}

/** Facts about what happens inside one loop's iterations, computed once per loop. */
export class LoopEffects {
  /** Member paths assigned, updated or deleted in the loop. */
  readonly writtenPaths: string[] = [];
  /** Receivers of method calls (`queue.shift()` → 'queue'), except pure ones. */
  readonly mutatedReceivers: string[] = [];
  /** The receivers of those that may change their receiver in place (not `s.replace(…)`, which copies). */
  private readonly inPlaceReceivers: string[] = [];
  /** Receivers of a Date's setters (`d.setDate(…)`), which change the value the object compares by. */
  private readonly setReceivers: string[] = [];
  /** Paths passed as arguments to calls (the callee may change their members). */
  readonly passedPaths: string[] = [];
  readonly calls: Array<TSESTree.CallExpression | TSESTree.NewExpression> = [];
  readonly awaits: TSESTree.AwaitExpression[] = [];
  readonly yields: TSESTree.YieldExpression[] = [];
  /** Assigned variables (by the scope manager's write references located in the loop). */
  private readonly refs;

  constructor(
    readonly loop: LoopInfo,
    readonly file: ParsedFile,
  ) {
    this.refs = referencesOf(file);
    const parts: Node[] = [loop.node.body];
    const l = loop.node;
    if (l.type === 'WhileStatement' || l.type === 'DoWhileStatement') parts.push(l.test);
    if (l.type === 'ForStatement') {
      if (l.test) parts.push(l.test);
      if (l.update) parts.push(l.update);
    }
    for (const part of parts)
      walk(part, (n) => {
        switch (n.type) {
          case 'AssignmentExpression': {
            const mp = n.left.type === 'MemberExpression' ? memberPath(n.left) : undefined;
            if (mp) this.writtenPaths.push(mp.path);
            break;
          }
          case 'UpdateExpression':
          case 'UnaryExpression': {
            if (n.type === 'UnaryExpression' && n.operator !== 'delete') break;
            const mp = unwrap(n.argument).type === 'MemberExpression' ? memberPath(n.argument) : undefined;
            if (mp) this.writtenPaths.push(mp.path);
            break;
          }
          case 'CallExpression':
          case 'NewExpression': {
            this.calls.push(n);
            const callee = unwrap(n.callee);
            const name = calleeName(n);
            if (callee.type === 'MemberExpression' && !(name && PURE_METHODS.has(name))) {
              const mp = memberPath(callee.object);
              if (mp) this.mutatedReceivers.push(mp.path);
              if (mp && !COPYING_METHODS.has(name ?? '')) this.inPlaceReceivers.push(mp.path);
              if (mp && name && DATE_SETTER.test(name)) this.setReceivers.push(mp.path);
            }
            if (!(name && PURE_METHODS.has(name))) {
              for (const a of n.arguments) {
                const arg = unwrap(a.type === 'SpreadElement' ? a.argument : a);
                const mp = memberPath(arg);
                if (mp) this.passedPaths.push(mp.path);
                else if (arg.type === 'ObjectExpression' || arg.type === 'ArrayExpression') {
                  walk(arg, (inner) => {
                    if (inner.type === 'Identifier' || inner.type === 'MemberExpression') {
                      const p = memberPath(inner);
                      if (p) this.passedPaths.push(p.path);
                      return false;
                    }
                  });
                }
              }
            }
            break;
          }
          case 'AwaitExpression':
            this.awaits.push(n);
            break;
          case 'YieldExpression':
            this.yields.push(n);
            break;
          case 'ForOfStatement':
          case 'ForInStatement':
            if (n.type === 'ForOfStatement' && n.await) this.awaits.push(n as unknown as TSESTree.AwaitExpression);
            break;
        }
      }, false);
  }

  /**
   * The loop calls a Date setter on the variable's object (`d.setDate(…)`): a comparison of its value
   * (`d <= end`, by valueOf) changes though the variable is not written.
   */
  mutatedInPlace(name: string): boolean {
    return this.setReceivers.includes(name);
  }

  /** A write of this variable inside the loop, or in a function that may run during the loop. */
  variableChanges(variable: Variable | undefined, name: string): boolean {
    if (!variable) return this.calls.length > 0 || this.awaits.length > 0 || this.writtenPaths.includes(name); // a global: anything the loop calls may change it
    const def = variable.defs[0];
    const isConst = def?.type === 'Variable' && (def.parent as TSESTree.VariableDeclaration | undefined)?.kind === 'const';
    for (const ref of variable.references) {
      if (!ref.isWrite()) continue;
      const id = ref.identifier as Node;
      if (this.inLoop(id)) return true;
      // A write in another function (a closure): it runs during the loop if the loop calls or awaits anything.
      if (!isConst && !this.sameFunction(id) && (this.calls.length > 0 || this.awaits.length > 0 || this.yields.length > 0)) return true;
    }
    return false;
  }

  private inLoop(node: Node): boolean {
    return insideLoopIteration(this.loop.node, node);
  }

  private sameFunction(node: Node): boolean {
    let a: Node | undefined = node.parent;
    while (a && !isFunctionNode(a)) a = a.parent;
    let b: Node | undefined = this.loop.node.parent;
    while (b && !isFunctionNode(b)) b = b.parent;
    return a === b;
  }

  /** Whether a member path can change in the loop: assigned (or a prefix/extension of it), mutated through a method, handed to a call. */
  memberChanges(path: string, variable: Variable | undefined): boolean {
    const root = path.split('.')[0];
    if (root !== 'this' && this.variableChanges(variable, root)) return true;
    if (this.pathChanges(path, root)) return true;
    // The same object reached through a copy (`const s = job; s.done = true`).
    const rest = path.slice(root.length);
    return !!variable && root !== 'this' && aliasesOf(variable, this.file).some((alias) => this.pathChanges(alias.name + rest, alias.name));
  }

  /** Whether the loop assigns, mutates or hands on this member path (or a related one), by its spelling. */
  private pathChanges(path: string, root: string, receivers = this.mutatedReceivers, handedOn = true): boolean {
    const related = (p: string) => p === path || path.startsWith(p + '.') || p.startsWith(path + '.');
    const last = path.slice(path.lastIndexOf('.') + 1);
    if (this.writtenPaths.some((p) => related(p) || p.endsWith('.' + last))) return true;
    if (receivers.some((p) => p === path || path.startsWith(p + '.') || (p === 'this' && root === 'this'))) return true;
    if (handedOn && this.passedPaths.some((p) => p === path || path.startsWith(p + '.'))) return true;
    // `this.x` can be changed by any method of the instance the loop calls (this.step(), or a helper given `this`).
    if (root === 'this' && this.calls.some((c) => unwrap(c.callee).type === 'MemberExpression' && memberPath(unwrap(c.callee))?.root.type === 'ThisExpression')) return true;
    return false;
  }

  /** Whether a call in a condition can return something else next time round. */
  callChanges(call: TSESTree.CallExpression | TSESTree.NewExpression, operandsChange: boolean): boolean {
    const name = calleeName(call);
    if (name && PURE_METHODS.has(name)) return operandsChange || this.inputsMutated(call);
    return true;
  }

  /**
   * A read-only method's receiver or argument that the loop mutates in place (`array.indexOf(x)` with
   * `array.splice(i, 1)` in the body): the same variable, but a changed value, so the result can differ.
   * Only a method called on it or a member written counts: one merely handed to a call (`log(text)`)
   * is mostly a string or a read, and a search on it stays the same search.
   */
  private inputsMutated(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
    const callee = unwrap(call.callee);
    const inputs = callee.type === 'MemberExpression' ? [callee.object, ...call.arguments] : call.arguments;
    return inputs.some((input) => {
      const mp = input.type === 'SpreadElement' ? undefined : memberPath(unwrap(input));
      if (!mp) return false;
      const root = mp.root.type === 'Identifier' ? mp.root.name : 'this';
      if (this.pathChanges(mp.path, root, this.inPlaceReceivers, false)) return true;
      // Mutated through a copy (`const list = array; list.splice(i, 1)`).
      const variable = mp.root.type === 'Identifier' ? this.refs.variableOf(mp.root) : undefined;
      const rest = mp.path.slice(root.length);
      return !!variable && aliasesOf(variable, this.file).some((alias) => this.pathChanges(alias.name + rest, alias.name, this.inPlaceReceivers, false));
    });
  }

  contains(node: Node): boolean {
    return contains(this.loop.node, node);
  }
}
