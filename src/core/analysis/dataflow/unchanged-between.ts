// Whether a side-effect-free value (variables, literals, member paths with fixed keys, arithmetic)
// may read differently after a run of statements than before it, in one activation of a function.
// As LoopEffects assumes, objects are told apart by spelling, and a call changes only what it is
// handed. A variable changes when the run writes it, or when it is written in another function and
// the run calls anything; a const never does. A member path changes on an assignment, update or
// delete of a property of an object on it (`buf[i] = x` may change `buf.length`) or of any property
// of the same name, on a call (not of a pure method) whose receiver or argument is an object on it,
// when its root variable changes, when its root is `this` or captured by a nested function and the
// run calls anything, and through a copy of the root (aliases.ts) or the path the root was read
// from (`const buf = q[0]`: `q[0].pop()`). await/yield lets any code run: everything may change.
// Functions written in the run count as run (they may be called there).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import type { ParsedFile } from '../project/types';
import { enclosingFunction, isFunctionNode, memberPath, unwrap, walk, type Node } from './ast';
import { referencesOf, type FileReferences } from './references';
import { aliasesOf } from './aliases';
import { PURE_METHODS } from './loop-operands';
import { writtenAsPattern } from './cursor-helpers';

const GLOBAL_PURE = new Set(['String', 'Number', 'Boolean', 'parseInt', 'parseFloat', 'isNaN', 'isFinite']);

/** `fn`: the function the statements run in (undefined at module level). */
export function valueMayChange(value: Node, region: Node[], file: ParsedFile, fn: Node | undefined): boolean {
  if (region.length === 0) return false;
  const refs = referencesOf(file);
  const effects = effectsOf(region, refs);
  if (effects.suspends) return true;
  const run: Run = { region, effects, file, refs, fn };
  let changes = false;
  walk(value, (n) => {
    if (changes) return false;
    if (n.type === 'Identifier') {
      const v = refs.variableOf(n);
      if (!v || variableMayChange(v, run)) changes = true;
    } else if (n.type === 'MemberExpression') {
      const mp = memberPath(n);
      if (!mp || pathMayChange(mp.path.split('.'), mp.root, run)) changes = true;
      return false; // the root identifier is part of the path
    }
  });
  return changes;
}

/** Some write of the variable lies in the statements. */
export function writtenIn(v: Variable, region: Node[]): boolean {
  return v.references.some((r) => r.isWrite() && region.some((s) => inside(s, r.identifier as Node)));
}

/** The function a node is in (undefined at module level). */

/** Declared in `fn` and written only there, not in a nested function: no call can change it. */
export function ownedBy(v: Variable, fn: Node | undefined): boolean {
  return v.defs.length > 0 && v.defs.every((d) => enclosingFunction(d.name as Node) === fn) && v.references.every((r) => !r.isWrite() || enclosingFunction(r.identifier as Node) === fn);
}

interface Run {
  region: Node[];
  effects: Effects;
  file: ParsedFile;
  refs: FileReferences;
  fn: Node | undefined;
}

function variableMayChange(v: Variable, run: Run): boolean {
  if (isConst(v)) return false;
  if (writtenIn(v, run.region)) return true;
  return run.effects.calls && !ownedBy(v, run.fn);
}

function pathMayChange(path: string[], root: TSESTree.Identifier | TSESTree.ThisExpression, run: Run): boolean {
  const { effects } = run;
  const last = path[path.length - 1];
  if (effects.targets.some((t) => t[t.length - 1] === last)) return true;
  if (root.type === 'ThisExpression') return effects.calls || reachedBy(effects, path, 1);
  const v = run.refs.variableOf(root);
  if (!v || variableMayChange(v, run) || reachedBy(effects, path, 1)) return true;
  if (effects.calls && capturedOutside(v, run.fn)) return true;
  // The same object under another name: a copy of the variable, or the path it was read from.
  const rest = path.slice(1);
  if (aliasesOf(v, run.file).some((alias) => reachedBy(effects, [alias.name, ...rest], 1))) return true;
  const source = sourcePathOf(v);
  return !!source && reachedBy(effects, [...source, ...rest], source.length);
}

interface Effects {
  /** Member paths assigned, updated or deleted. */
  targets: string[][];
  /** Objects that may be mutated: those whose properties are written, receivers of calls (not pure ones), what calls are handed. */
  mutated: string[][];
  /** Some call (not of a pure method) or `new`: code the region does not show runs. */
  calls: boolean;
  /** await or yield: any code may run. */
  suspends: boolean;
}

/** What a region may write, functions written in it included (they may be called there). */
function effectsOf(region: Node[], refs: FileReferences): Effects {
  const out: Effects = { targets: [], mutated: [], calls: false, suspends: false };
  const pathOf = (n: Node) => memberPath(n)?.path.split('.');
  const handed = (arg: Node) =>
    walk(arg, (m) => {
      if (isFunctionNode(m)) return false;
      if (m.type === 'Identifier' || m.type === 'MemberExpression' || m.type === 'ThisExpression') {
        const p = pathOf(m);
        if (p) out.mutated.push(p);
        return false;
      }
    });
  for (const s of region)
    walk(s, (n) => {
      switch (n.type) {
        case 'MemberExpression': {
          const target = (n.parent?.type === 'AssignmentExpression' && n.parent.left === n) || (n.parent?.type === 'UpdateExpression' && n.parent.argument === n) || writtenAsPattern(n);
          const p = target ? pathOf(n) : undefined;
          if (p) out.targets.push(p), out.mutated.push(p.slice(0, -1));
          else if (target) out.calls = true; // a write into an object the walk cannot name
          break;
        }
        case 'CallExpression':
        case 'NewExpression': {
          const callee = unwrap(n.callee);
          // A pure method by name, or a pure global function (`String(x)`), not a local one of the same name.
          const method = callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' ? callee.property.name : undefined;
          if ((method && PURE_METHODS.has(method)) || (callee.type === 'Identifier' && GLOBAL_PURE.has(callee.name) && !refs.variableOf(callee))) break;
          out.calls = true;
          if (callee.type === 'MemberExpression') {
            const p = pathOf(callee.object);
            if (p) out.mutated.push(p);
          }
          for (const a of n.arguments) handed(a);
          break;
        }
        case 'TaggedTemplateExpression':
          out.calls = true;
          break;
        case 'AwaitExpression':
        case 'YieldExpression':
          out.suspends = true;
          break;
      }
    });
  return out;
}

/** Some mutated object lies on the path, at `from` keys or more (an object the path reads a property of). */
function reachedBy(effects: Effects, path: string[], from: number): boolean {
  return effects.mutated.some((c) => c.length >= from && c.length < path.length && c.every((key, i) => key === path[i] || key === '[]' || path[i] === '[]'));
}

/** Read or written in a function nested in `fn`: a call may reach the object it holds. */
function capturedOutside(v: Variable, fn: Node | undefined): boolean {
  return v.references.some((r) => enclosingFunction(r.identifier as Node) !== fn);
}

function isConst(v: Variable): boolean {
  return v.defs.length === 1 && v.defs[0].type === 'Variable' && (v.defs[0].parent as TSESTree.VariableDeclaration | null)?.kind === 'const';
}

/** `const buf = q[0]`: the path the variable's object was read from, as keys. */
function sourcePathOf(v: Variable): string[] | undefined {
  if (!isConst(v)) return undefined;
  const init = (v.defs[0].node as TSESTree.VariableDeclarator).init;
  return init && unwrap(init).type === 'MemberExpression' ? memberPath(init)?.path.split('.') : undefined;
}

function inside(outer: Node, inner: Node): boolean {
  return inner.range[0] >= outer.range[0] && inner.range[1] <= outer.range[1];
}
