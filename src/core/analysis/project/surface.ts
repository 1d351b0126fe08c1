// A file's export surface: everything another file's link can read of it, rendered as a string
// without AST node identity. The linker reads a file's facts only through its exports (and
// `export *`, the CommonJS flag), then through the values those lead to: object literal properties,
// class methods, fields (declared types too) and superclass, array elements and spreads (route tables), literal values and
// constant strings (route paths), a
// function's returned expressions, a factory call's first argument. Equal surfaces before and after
// an edit mean every link result computed by another file from this one is unchanged (./project.ts
// then skips relinking the importers).
// A file whose functions register routes from a table parameter has no rendered surface (every edit
// relinks its importers, which instantiate those registrations).
// Function ids and router keys are kept as they are: link results hold them. Neither depends on
// position (both count within the enclosing function), so lines inserted in a body leave the surface
// as it was unless they change what is exported.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { FileFacts } from './collect';
import type { ValueRef } from './values';
import { pushesOnto } from '../entrypoints/table-entries';
import { paramTableRegistrations } from '../entrypoints/tables';

/** Past this many nested values the surface is not rendered (undefined: compare as changed). */
const MAX_DEPTH = 200;
/** Nor past this many values in all (a pathological file costs its importers a relink, not a long walk). */
const MAX_STEPS = 200_000;

/** Calls that build a route table from another (../entrypoints/table-entries.ts). */
const MAPPING_METHODS = new Set(['map', 'flatMap']);

const surfaces = new WeakMap<FileFacts, string | null>();

/** The file's export surface, or undefined when it is too deep to render (then treat it as changed). */
export function exportSurface(facts: FileFacts): string | undefined {
  const cached = surfaces.get(facts);
  if (cached !== undefined) return cached ?? undefined;
  let rendered: string | null;
  try {
    rendered = new SurfaceRenderer(facts).render();
  } catch (error) {
    if (!(error instanceof TooDeep)) throw error;
    rendered = null;
  }
  surfaces.set(facts, rendered);
  return rendered ?? undefined;
}

class TooDeep extends Error {}

class SurfaceRenderer {
  /** Nodes, refs and function ids already rendered, by the order first seen (shared values stay shared). */
  private readonly seen = new Map<unknown, number>();
  private steps = 0;
  /** Inside a function's returned expressions (see value()). */
  private inReturns = 0;
  private readonly functionsById: Map<string, FileFacts['functions'][number]>;

  constructor(private readonly facts: FileFacts) {
    this.functionsById = new Map(facts.functions.map((fn) => [fn.id, fn]));
  }

  render(): string {
    // Route registrations over a table parameter are instantiated by each caller's file with the
    // registering code of this one (entrypoints/index.ts): not rendered, so every edit relinks the importers.
    if (paramTableRegistrations(this.facts).size) throw new TooDeep();
    const parts = [`cjs:${this.facts.commonJs}`, `star:${JSON.stringify(this.facts.starExports)}`];
    for (const name of [...this.facts.exports.keys()].sort()) parts.push(`${JSON.stringify(name)}=${this.value(this.facts.exports.get(name), 0)}`);
    return parts.join('\n');
  }

  /** `#n` the first time something is met, `@n` after: the sharing of values is part of the surface. */
  private once(key: unknown, render: () => string): string {
    const known = this.seen.get(key);
    if (known !== undefined) return `@${known}`;
    const n = this.seen.size;
    this.seen.set(key, n);
    return `#${n}${render()}`;
  }

  private node(node: TSESTree.Node | null | undefined, depth: number): string {
    if (!node) return '_';
    // Literal values are read by route tables (paths, methods): they are part of the surface.
    if (node.type === 'Literal') return `lit(${JSON.stringify(String(node.value))})`;
    if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return `lit(${JSON.stringify(node.quasis[0].value.cooked ?? '')})`;
    return this.value(this.facts.evaluate(node), depth + 1);
  }

  private value(ref: ValueRef | undefined, depth: number): string {
    if (!ref) return '_';
    if (depth > MAX_DEPTH || ++this.steps > MAX_STEPS) throw new TooDeep();
    // An exported table made by `.map(cb)` / `.flatMap(cb)` is read by importers' route loops in this
    // file (callback body, bound names): not rendered, so every edit relinks them. Checked before
    // `once`, so a table met first in a function's returns is still caught where it is exported.
    if (this.inReturns === 0 && ref.k === 'call' && ref.callee.k === 'member' && MAPPING_METHODS.has(ref.callee.name)) throw new TooDeep();
    if (ref.k === 'fn') return this.fn(ref.id, depth + 1);
    // Classes and objects by node (two refs to one node are one value); the rest by ref (evaluate memoizes per node).
    return this.once(ref.k === 'class' || ref.k === 'object' || ref.k === 'array' ? ref.node : ref, () => this.composite(ref, depth + 1));
  }

  private composite(ref: Exclude<ValueRef, { k: 'fn' }>, d: number): string {
    switch (ref.k) {
      case 'class': {
        const cls = this.facts.classByNode.get(ref.node);
        if (!cls) return 'class?';
        const methods = [...cls.methods].map(([name, id]) => `${JSON.stringify(name)}:${this.fn(id, d)}`);
        const fields = [...cls.fields].map(([name, node]) => `${JSON.stringify(name)}:${this.node(node, d)}`);
        const fieldTypes = [...cls.fieldTypes].map(([name, node]) => `${JSON.stringify(name)}:${this.node(node, d)}`);
        return `class(${JSON.stringify(cls.name)};m[${methods}];f[${fields}];t[${fieldTypes}];s:${this.node(cls.node.superClass, d)})`;
      }
      case 'object': {
        // As the linker's memberOf reads them (plain properties in order, the first of a name wins), and
        // as route tables do: computed keys by their value, spreads by the table they spread.
        const props = ref.node.properties.map((p) =>
          p.type === 'SpreadElement' ? `...${this.node(p.argument, d)}` : p.type === 'Property' ? `${p.computed ? `[${this.node(p.key, d)}]` : keyOf(p.key)}:${this.node(p.value, d)}` : '?',
        );
        // Members assigned later (`obj.app = express()`), which memberOf reads after the literal's own.
        const assigned = [...(this.facts.objectMembers.get(ref.node) ?? [])].map(([name, value]) => `${JSON.stringify(name)}=${this.node(value, d)}`);
        return `obj{${props}}${assigned.length ? `+{${assigned}}` : ''}`;
      }
      case 'array':
        // Pushes onto it are code any statement of the file may feed (`for (const n of NAMES) routes.push(...)`):
        // not rendered, so the surface compares as changed and every edit relinks the importers.
        if (pushesOnto(this.facts, ref.node).length) throw new TooDeep();
        // Spread elements too: a route table spread from other tables reads their entries.
        return `arr[${ref.node.elements.map((e) => (!e ? '_' : e.type === 'SpreadElement' ? `...${this.node(e.argument, d)}` : this.node(e, d)))}]`;
      case 'instance':
        return `inst(${this.value(ref.of, d)})`;
      case 'typeof':
        return `typeof(${this.value(ref.of, d)})`;
      case 'declared':
        return `declared(${this.value(ref.type, d)})`;
      case 'import':
        return `import(${JSON.stringify(ref.specifier)},${JSON.stringify(ref.name)})`;
      case 'module':
        return `module(${JSON.stringify(ref.specifier)})`;
      case 'member':
        return `(${this.value(ref.of, d)}).${JSON.stringify(ref.name)}`;
      case 'param':
        return `param(${ref.fnId},${ref.index},${this.value(ref.type, d)})`;
      case 'router':
        return `router(${ref.key},${ref.framework},${JSON.stringify(ref.prefix)})`;
      case 'package':
        return `pkg(${JSON.stringify(ref.name)},${JSON.stringify(ref.path)})`;
      case 'call':
        return `call(${this.value(ref.callee, d)},${ref.key},${JSON.stringify(ref.prefix)},${this.node(ref.firstArgument, d)})`;
      case 'new':
        return `new(${this.value(ref.of, d)},${ref.key},${JSON.stringify(ref.prefix)},${this.value(ref.prefixValue, d)},${this.node(ref.firstArgument, d)})`;
      case 'global':
        return `global(${JSON.stringify(ref.name)})`;
      case 'chain':
        return `chain(${this.value(ref.of, d)},${JSON.stringify(ref.method)})`;
      case 'derived':
        return `derived(${this.value(ref.of, d)},${JSON.stringify(ref.prefix)},${ref.key},${this.value(ref.prefixValue, d)})`;
      case 'string':
        return `str(${JSON.stringify(ref.value)})`;
      case 'concat':
        return `cat(${ref.parts.map((p) => this.value(p, d))})`;
      case 'either':
        return `either(${ref.of.map((p) => this.value(p, d))})`;
    }
  }

  /** A function as link results see it: its id, its name (route handler names) and what it returns (factories). */
  private fn(id: string, depth: number): string {
    if (depth > MAX_DEPTH) throw new TooDeep();
    return this.once(`fn:${id}`, () => {
      const info = this.functionsById.get(id);
      if (!info) return `fn(${id})`;
      // A factory's returned value is read by the linker, never as a route table.
      this.inReturns++;
      let returns: string[];
      try {
        returns = (this.facts.returns.get(id) ?? []).map((node) => this.node(node, depth));
      } finally {
        this.inReturns--;
      }
      return `fn(${id},${JSON.stringify(info.name)},r[${returns}])`;
    });
  }
}

function keyOf(key: TSESTree.Node): string {
  if (key.type === 'Identifier') return JSON.stringify(key.name);
  if (key.type === 'Literal') return JSON.stringify(String(key.value));
  return '?';
}
