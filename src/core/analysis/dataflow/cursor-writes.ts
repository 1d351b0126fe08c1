// What one write does to a cursor: a variable (`pos`) or a field of an object that holds it
// (`position.position`, the WHATWG parsers' position variable). Only writes that move it one way are
// understood: `++`, `+= 2`, `+= x.length`, `= bound` (to the end), and `= i` where `i` is an
// `indexOf` from the cursor found not -1; a call handed the holder object asks the helper's summary.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import type { ParsedFile } from '../project/types';
import { childrenOf, isFunctionNode, isLoopNode, memberPath, unwrap, walk, type Node } from './ast';
import { referencesOf } from './references';
import { boundsOf } from './bounds';
import type { CursorEffect } from './cursor-paths';
import { isThisOf, thisCallEffect, type MethodEffect } from './this-cursor';
import { floorAbove, sameTurnNoWriteBetween } from './return-floors';
import { holdsWhenEmpty } from './empty-test';

export interface CursorTarget {
  /** The cursor variable (`pos`), or the variable holding the object whose field is the cursor (`position`); none for `this`. */
  variable?: Variable;
  /** For a cursor on `this` (`this.pos`): the function whose `this` holds it. */
  thisScope?: Node;
  /** '' for a variable; the field path for a member cursor (`position` in `position.position`). */
  field: string;
  /** +1: moves up (towards a `<` bound); -1: down. */
  direction: 1 | -1;
}

export interface WriteContext {
  file: ParsedFile;
  /** Whether a node is the bound the cursor runs to (`input.length`): assigning it ends the walk. */
  isBound?: (node: Node) => boolean;
  /** Whether a value is a constant already past a constant bound (`i = -2` under `--i >= 0`): assigning it ends the loop. */
  isPastBound?: (node: Node) => boolean;
  /**
   * A call handed a holder object as argument `index`: what the callee does to its field; `toBound`:
   * whether setting the field to the caller's bound counts (it ends the caller's loop), else it is bad.
   */
  helperEffect?: (call: TSESTree.CallExpression | TSESTree.NewExpression, index: number, field: string, toBound: boolean) => CursorEffect;
  /** A method called on `this` (for a cursor on `this`): what it does to `this.<field>`. */
  methodEffect?: MethodEffect;
  /** Fields of `this` taken as numbers when handed to a call (the cursor's). */
  thisNumbers?: readonly string[];
  /** What a call returns (or one property of it) above its argument `index`, from the helper's summary. */
  returnFloor?: (call: TSESTree.CallExpression | TSESTree.NewExpression, index: number, property?: string) => number | undefined;
}

/** Whether a node is the holder's root: its variable, or the `this` of the holding function. */
function isRoot(node: Node, target: CursorTarget, file: ParsedFile): boolean {
  const n = unwrap(node);
  if (target.thisScope) return isThisOf(n, target.thisScope);
  return n.type === 'Identifier' && !!target.variable && referencesOf(file).variableOf(n) === target.variable;
}

/** Whether an expression reads the cursor itself. */
export function isCursor(node: Node, target: CursorTarget, file: ParsedFile): boolean {
  const n = unwrap(node);
  const refs = referencesOf(file);
  if (target.field === '') return n.type === 'Identifier' && refs.variableOf(n) === target.variable;
  const mp = n.type === 'MemberExpression' ? memberPath(n) : undefined;
  if (!mp || !isRoot(mp.root, target, file)) return false;
  return mp.path === `${mp.root.type === 'Identifier' ? mp.root.name : 'this'}.${target.field}`;
}

/** The holder's variable when a node is the holder object itself (`position`). */
function isHolder(node: Node, target: CursorTarget, file: ParsedFile): boolean {
  return target.field !== '' && isRoot(node, target, file);
}

/** Whether a write target overlaps the cursor without being it (`position = …`, `position.position.x = …`). */
function overlaps(node: Node, target: CursorTarget, file: ParsedFile): boolean {
  if (target.field === '') return false;
  const mp = memberPath(unwrap(node));
  if (!mp || !isRoot(mp.root, target, file)) return false;
  const rest = mp.path.slice((mp.root.type === 'Identifier' ? mp.root.name : 'this').length + 1);
  return rest === '' || target.field.startsWith(rest + '.') || rest.startsWith(target.field + '.');
}

const positiveLiteral = (n: Node) => n.type === 'Literal' && typeof n.value === 'number' && n.value > 0;
const isLength = (n: Node) => n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier' && n.property.name === 'length';

/**
 * A step added to the cursor: a positive constant, or a value known to be at least 1 (or above 0 and an
 * integer), moves it for sure; a length or a value known not to be negative never moves it back.
 */
function stepEffect(step: Node, file: ParsedFile): CursorEffect {
  const s = unwrap(step);
  if (positiveLiteral(s)) return 'strict';
  // `c += needle.length`: past the match when the needle is not empty.
  if (isLength(s)) return nonEmptyText((s as TSESTree.MemberExpression).object, file) || boundsOf(file, s).lo >= 1 ? 'strict' : 'weak';
  if (s.type === 'Literal') return 'bad';
  const b = boundsOf(file, s);
  if (b.lo >= 1 || (b.lo > 0 && b.int)) return 'strict';
  return b.lo >= 0 ? 'weak' : 'bad';
}

/** What this assignment, update or call does to the cursor; undefined when it does not touch it. */
export function writeEffect(node: Node, target: CursorTarget, ctx: WriteContext): CursorEffect | undefined {
  const { file } = ctx;
  const up = target.direction === 1;
  if (node.type === 'UpdateExpression') {
    if (isCursor(node.argument, target, ctx.file)) return (node.operator === '++') === up ? 'strict' : 'bad';
    return overlaps(node.argument, target, file) || isHolder(node.argument, target, file) ? 'bad' : undefined;
  }
  if (node.type === 'AssignmentExpression') {
    if (!isCursor(node.left, target, file)) return overlaps(node.left, target, file) || isHolder(node.left, target, file) ? 'bad' : undefined;
    if (node.operator === '+=' || node.operator === '-=') return (node.operator === '+=') === up ? stepEffect(node.right, file) : 'bad';
    if (node.operator !== '=') return 'bad';
    const right = unwrap(node.right);
    // `c = c + 2`, `c = c - 1`.
    if (right.type === 'BinaryExpression' && (right.operator === '+' || right.operator === '-') && isCursor(right.left as Node, target, file)) {
      return (right.operator === '+') === up ? stepEffect(right.right, file) : 'bad';
    }
    if (up && ctx.isBound?.(right)) return 'end';
    if (ctx.isPastBound?.(right)) return 'end';
    if (up && foundIndexFromCursor(right, node, target, file)) return 'weak';
    if (up && searchFromCursorInTest(right, node, target, file)) return 'weak';
    if (up && pastMatchFoundByTest(right, node, target, file)) return 'strict';
    if (up && forwardCopy(right, node, target, ctx)) return 'weak';
    // `c = skipClass(s, c)`, `c = q.present ? q.next : c + 1`: a helper's result known to be at or past what it was given.
    if (up && ctx.returnFloor) {
      const floor = floorAbove(right, {
        file,
        isBase: (n) => isCursor(n, target, file),
        stable: target.field === '' ? sameTurnNoWriteBetween((n) => cursorWrite(n, target, file)) : () => false,
        callFloor: ctx.returnFloor,
      });
      if (floor !== undefined) return floor >= 1 ? 'strict' : 'weak';
    }
    return 'bad';
  }
  if (node.type === 'CallExpression' || node.type === 'NewExpression') {
    if (target.field === '') return undefined; // a call cannot write a local variable it is not a closure of (checked apart)
    if (target.thisScope) return thisCallEffect(node, target.thisScope, target.field, ctx.methodEffect, ctx.thisNumbers ?? []);
    const callee = unwrap(node.callee);
    // A method of the holder (`position.reset()`) may do anything to it.
    if (callee.type === 'MemberExpression' && (isHolder(callee.object, target, file) || overlaps(callee.object, target, file) || isCursor(callee.object, target, file))) return 'bad';
    let effect: CursorEffect | undefined;
    for (let i = 0; i < node.arguments.length; i++) {
      const arg = node.arguments[i];
      if (arg.type === 'SpreadElement') {
        if (mentionsHolder(arg, target, file)) return 'bad';
        continue;
      }
      if (!isHolder(arg, target, file)) {
        if (overlaps(arg, target, file) && !isCursor(arg, target, file)) return 'bad';
        continue;
      }
      if (effect !== undefined || !ctx.helperEffect) return 'bad'; // handed on twice, or no helper to ask
      effect = ctx.helperEffect(node, i, target.field, !!ctx.isBound);
    }
    return effect;
  }
  return undefined;
}

function cursorWrite(n: Node, target: CursorTarget, file: ParsedFile): boolean {
  return (n.type === 'UpdateExpression' && isCursor(n.argument, target, file)) || (n.type === 'AssignmentExpression' && isCursor(n.left, target, file));
}

function mentionsHolder(node: Node, target: CursorTarget, file: ParsedFile): boolean {
  const refs = referencesOf(file);
  let found = false;
  walk(node, (n) => {
    if (found) return false;
    if (n.type === 'Identifier' && refs.variableOf(n) === target.variable) found = true;
  });
  return found;
}

/**
 * `c = i + k` (k ≥ 1) in `while ((i = s.indexOf(x, c)) !== -1)`: the test found the match at or after
 * the cursor, and the loop moves the cursor nowhere else, so this puts it past the match.
 */
function pastMatchFoundByTest(right: Node, assignment: Node, target: CursorTarget, file: ParsedFile): boolean {
  if (right.type !== 'BinaryExpression' || right.operator !== '+') return false;
  const found = unwrap(right.left as Node);
  const step = unwrap(right.right);
  if (found.type !== 'Identifier' || step.type !== 'Literal' || typeof step.value !== 'number' || !(step.value >= 1)) return false;
  // The loop the assignment runs in on every turn of (no loop or function between them).
  let loop: Node | undefined;
  for (let n = assignment.parent; n; n = n.parent) {
    if (isFunctionNode(n)) return false;
    if (n.type === 'WhileStatement' || n.type === 'DoWhileStatement' || n.type === 'ForStatement' || n.type === 'ForInStatement' || n.type === 'ForOfStatement') {
      loop = n;
      break;
    }
  }
  if (loop?.type !== 'WhileStatement') return false;
  const search = searchTest(loop.test);
  const refs = referencesOf(file);
  const variable = refs.variableOf(found);
  if (!search || !search.assigned || refs.variableOf(search.assigned) !== variable || !variable || !isCursor(search.from, target, file)) return false;
  // The test's assignment is the variable's only write, and the loop writes the cursor only like this.
  if (variable.references.some((r) => r.isWrite() && r.writeExpr && (r.identifier as Node) !== search.assigned)) return false;
  let otherMoves = false;
  // Forward steps after it (`c++` past more of the same character) only add to the move.
  const after = (n: Node) => n.range[0] >= assignment.range[1];
  walk(loop.body, (n) => {
    if (otherMoves) return false;
    if (n.type === 'UpdateExpression' && isCursor(n.argument, target, file) && !(n.operator === '++' && after(n))) otherMoves = true;
    if (n.type === 'AssignmentExpression' && n.operator === '+=' && isCursor(n.left, target, file) && after(n) && unwrap(n.right).type === 'Literal' && ((unwrap(n.right) as TSESTree.Literal).value as number) > 0) return;
    if (n.type === 'AssignmentExpression' && isCursor(n.left, target, file)) {
      const r = unwrap(n.right);
      const same = n.operator === '=' && r.type === 'BinaryExpression' && r.operator === '+' && unwrap(r.left as Node).type === 'Identifier' && refs.variableOf(unwrap(r.left as Node) as TSESTree.Identifier) === variable;
      if (!same) otherMoves = true;
    }
  });
  return !otherMoves;
}

/**
 * `(c = s.indexOf(x, c)) !== -1` as the test of the `while` the assignment is: a turn goes on only
 * when the search found a match, at or after where it started.
 */
function searchFromCursorInTest(right: Node, assignment: Node, target: CursorTarget, file: ParsedFile): boolean {
  if (target.field !== '' || right.type !== 'CallExpression') return false;
  const test = assignment.parent?.type === 'BinaryExpression' && assignment.parent.left === assignment ? assignment.parent : undefined;
  if (!test || test.parent?.type !== 'WhileStatement' || test.parent.test !== test) return false;
  const search = searchTest(test);
  return !!search?.assigned && isCursor(search.assigned, target, file) && isCursor(search.from, target, file);
}

/**
 * A string that is not empty: a non-empty literal, a `const` initialized with one, or a `const` string
 * (`String(x)`, a template, a string method's result) that an earlier `if (!s) return` (or
 * `s.length === 0`, `s === ''`, with `throw` too) on the way to `node` left only when empty.
 */
export function nonEmptyText(node: Node, file: ParsedFile): boolean {
  const n = unwrap(node);
  if (n.type === 'Literal') return typeof n.value === 'string' && n.value.length > 0;
  if (n.type === 'TemplateLiteral') return n.quasis.some((q) => (q.value.cooked ?? '').length > 0);
  if (n.type !== 'Identifier') return false;
  const variable = referencesOf(file).variableOf(n);
  const def = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || def?.type !== 'Variable' || (def.parent as TSESTree.VariableDeclaration).kind !== 'const') return false;
  const init = (def.node as TSESTree.VariableDeclarator).init;
  if (!init) return false;
  if (init.type !== 'Identifier' && nonEmptyText(init, file)) return true;
  return buildsString(init) && leftWhenEmptyBefore(n, variable);
}

/** String methods a client's parsed data lacks: the call gives a string or throws. */
const STRING_RESULTS = new Set(['trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase', 'replace', 'replaceAll', 'padStart', 'padEnd', 'normalize', 'substring', 'toString']);

function buildsString(init: Node): boolean {
  const v = unwrap(init);
  if (v.type === 'TemplateLiteral') return true;
  if (v.type !== 'CallExpression' || v.optional) return false;
  const callee = unwrap(v.callee);
  if (callee.type === 'Identifier') return callee.name === 'String';
  return callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && STRING_RESULTS.has(callee.property.name);
}

/** An `if` before `at` in its function (in a block on the way up) that returns or throws when the variable is empty. */
function leftWhenEmptyBefore(at: Node, variable: Variable): boolean {
  for (let child: Node = at, p = at.parent; p && !isFunctionNode(child); child = p, p = p.parent) {
    const list = p.type === 'BlockStatement' || p.type === 'Program' ? (p.body as Node[]) : p.type === 'SwitchCase' ? (p.consequent as Node[]) : undefined;
    if (!list) continue;
    for (let i = list.indexOf(child) - 1; i >= 0; i--) if (leavesWhenEmpty(list[i], variable)) return true;
  }
  return false;
}

function leavesWhenEmpty(statement: Node, variable: Variable): boolean {
  if (statement.type !== 'IfStatement' || statement.alternate) return false;
  const exit = statement.consequent.type === 'BlockStatement' ? statement.consequent.body[statement.consequent.body.length - 1] : statement.consequent;
  if (exit?.type !== 'ReturnStatement' && exit?.type !== 'ThrowStatement') return false;
  const isVariable = (x: Node) => unwrap(x).type === 'Identifier' && variable.references.some((r) => r.identifier === unwrap(x));
  return holdsWhenEmpty(statement.test, isVariable);
}

/**
 * A search test: `(i = s.indexOf(x, c)) !== -1` (or `!= -1`, `>= 0`, `> -1`, or the call itself
 * compared): the searched object, the searched value, the start, and the variable assigned.
 */
export function searchTest(test: Node | null | undefined): { object: Node; value: Node; from: Node; assigned?: TSESTree.Identifier } | undefined {
  if (!test) return undefined;
  const t = unwrap(test);
  if (t.type !== 'BinaryExpression') return undefined;
  const right = unwrap(t.right);
  const minusOne = (right.type === 'UnaryExpression' && right.operator === '-' && unwrap(right.argument).type === 'Literal' && (unwrap(right.argument) as TSESTree.Literal).value === 1) || (right.type === 'Literal' && right.value === -1);
  const zero = right.type === 'Literal' && right.value === 0;
  if (!(((t.operator === '!==' || t.operator === '!=' || t.operator === '>') && minusOne) || (t.operator === '>=' && zero))) return undefined;
  let left = unwrap(t.left as Node);
  let assigned: TSESTree.Identifier | undefined;
  if (left.type === 'AssignmentExpression' && left.operator === '=') {
    const l = unwrap(left.left);
    if (l.type !== 'Identifier') return undefined;
    assigned = l;
    left = unwrap(left.right);
  }
  if (left.type !== 'CallExpression' || left.arguments.length !== 2) return undefined;
  const callee = unwrap(left.callee);
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier' || callee.property.name !== 'indexOf') return undefined;
  if (left.arguments.some((a) => a.type === 'SpreadElement')) return undefined;
  return { object: unwrap(callee.object), value: unwrap(left.arguments[0] as Node), from: unwrap(left.arguments[1] as Node), assigned };
}

/**
 * `c = i` where `const i = s.indexOf(x, c)` and an earlier statement of the same block leaves when
 * `i === -1`: a match found from the cursor is at or after it.
 */
function foundIndexFromCursor(right: Node, assignment: Node, target: CursorTarget, file: ParsedFile): boolean {
  if (right.type !== 'Identifier') return false;
  const variable = referencesOf(file).variableOf(right);
  const def = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || def?.type !== 'Variable' || (def.parent as TSESTree.VariableDeclaration).kind !== 'const') return false;
  const init = def.node.init && unwrap(def.node.init);
  if (init?.type !== 'CallExpression' || init.arguments.length !== 2) return false;
  const callee = unwrap(init.callee);
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier' || callee.property.name !== 'indexOf') return false;
  if (!isCursor(init.arguments[1] as Node, target, file)) return false;
  // The statement holding the assignment, and the block it is in.
  let statement: Node = assignment;
  while (statement.parent && statement.parent.type !== 'BlockStatement' && !isFunctionNode(statement.parent)) statement = statement.parent;
  const block = statement.parent;
  if (block?.type !== 'BlockStatement') return false;
  const before = block.body.slice(0, block.body.indexOf(statement as TSESTree.Statement));
  const declared = before.indexOf(def.parent as TSESTree.Statement);
  // Declared in this block, checked after, and the cursor not moved in between (the match would then be behind it).
  const between = before.slice(declared + 1);
  return declared >= 0 && between.some((s) => leavesWhenNotFound(s, variable, file)) && !between.some((s) => !leavesWhenNotFound(s, variable, file) && movesCursor(s, target, file));
}

function movesCursor(statement: Node, target: CursorTarget, file: ParsedFile): boolean {
  let moves = false;
  walk(statement, (n) => {
    if (moves) return false;
    if ((n.type === 'AssignmentExpression' || n.type === 'UpdateExpression' || n.type === 'CallExpression' || n.type === 'NewExpression') && writeEffect(n, target, { file }) !== undefined) moves = true;
  });
  return moves;
}

/** `if (i === -1) { …; return/throw }` (or `i < 0`), with no other way out of the branch. */
function leavesWhenNotFound(statement: Node, variable: Variable, file: ParsedFile): boolean {
  if (statement.type !== 'IfStatement' || statement.alternate) return false;
  const t = unwrap(statement.test);
  if (t.type !== 'BinaryExpression') return false;
  const left = unwrap(t.left as Node);
  const right = unwrap(t.right);
  const isVar = left.type === 'Identifier' && referencesOf(file).variableOf(left) === variable;
  const minusOne = (right.type === 'UnaryExpression' && right.operator === '-' && unwrap(right.argument).type === 'Literal' && (unwrap(right.argument) as TSESTree.Literal).value === 1) || (right.type === 'Literal' && right.value === -1);
  const zero = right.type === 'Literal' && right.value === 0;
  if (!isVar || !(((t.operator === '===' || t.operator === '==') && minusOne) || (t.operator === '<' && zero))) return false;
  const body = statement.consequent;
  const last = body.type === 'BlockStatement' ? body.body[body.body.length - 1] : body;
  if (!last || (last.type !== 'ReturnStatement' && last.type !== 'ThrowStatement')) return false;
  let otherExit = false;
  walk(
    body,
    (n) => {
      if (otherExit) return false;
      if (n.type === 'BreakStatement' || n.type === 'ContinueStatement') otherExit = true;
    },
    false,
  );
  return !otherExit;
}

/**
 * `c = start` / `c = at.position` where the copy was taken from the cursor (`let start = c`,
 * `const at = { position: c + 2 }`), has only moved forward since, and nothing moved the cursor
 * between the copy and this assignment: the cursor moves to where the copy got to.
 */
function forwardCopy(right: Node, assignment: Node, target: CursorTarget, ctx: WriteContext): boolean {
  const { file } = ctx;
  const refs = referencesOf(file);
  let source: CursorTarget | undefined;
  let declarator: TSESTree.VariableDeclarator | undefined;
  let initial: Node | undefined;
  const root = right.type === 'Identifier' ? right : right.type === 'MemberExpression' && !right.computed && right.property.type === 'Identifier' ? unwrap(right.object) : undefined;
  if (root?.type !== 'Identifier') return false;
  const variable = refs.variableOf(root);
  const def = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || def?.type !== 'Variable' || !def.node.init) return false;
  declarator = def.node;
  if (right.type === 'Identifier') {
    source = { variable, field: '', direction: 1 };
    initial = declarator.init!;
  } else {
    const field = ((right as TSESTree.MemberExpression).property as TSESTree.Identifier).name;
    const init = unwrap(declarator.init!);
    if (init.type !== 'ObjectExpression' || init.properties.some((p) => p.type !== 'Property' || p.computed)) return false;
    const prop = init.properties.find((p) => p.type === 'Property' && p.key.type === 'Identifier' && p.key.name === field) as TSESTree.Property | undefined;
    if (!prop) return false;
    source = { variable, field, direction: 1 };
    initial = prop.value as Node;
  }
  // Taken at or after the cursor.
  const init = unwrap(initial);
  const fromCursor = isCursor(init, target, file) || (init.type === 'BinaryExpression' && init.operator === '+' && isCursor(init.left as Node, target, file) && unwrap(init.right).type === 'Literal' && Number((unwrap(init.right) as TSESTree.Literal).value) >= 0);
  if (!fromCursor) return false;
  // Only moved forward, here or by helpers; never written by a closure or copied.
  const scope = enclosingFunction(assignment) ?? file.ast;
  for (const ref of variable.references) {
    if (ref.isWrite() && !ref.init) {
      if (source.field !== '' || insideFunctionWithin(ref.identifier as Node, scope)) return false;
      const write = (ref.identifier as Node).parent!;
      const e = writeEffect(write, source, { file });
      if (e !== 'strict' && e !== 'weak') return false;
    }
  }
  if (source.field !== '') {
    let forward = true;
    const visit = (n: Node): void => {
      if (!forward) return;
      if (n.type === 'AssignmentExpression' || n.type === 'UpdateExpression' || n.type === 'CallExpression' || n.type === 'NewExpression') {
        const e = writeEffect(n, source!, { file, helperEffect: ctx.helperEffect && ((call, index, field) => ctx.helperEffect!(call, index, field, false)) });
        if (e !== undefined && e !== 'strict' && e !== 'weak') forward = false;
      }
      forEachChild(n, visit);
    };
    visit(scope);
    if (!forward || !onlyFieldsOrArguments(variable, scope)) return false;
  }
  return untouchedBetween(declarator, assignment, target, file);
}

/** The holder is only used for its fields or handed to calls (which the summaries follow). */
function onlyFieldsOrArguments(variable: Variable, scope: Node): boolean {
  return variable.references.every((ref) => {
    if (ref.init) return true;
    const id = ref.identifier as Node;
    const p = id.parent;
    if (insideFunctionWithin(id, scope)) return p?.type === 'MemberExpression' && p.object === id && !(p.parent?.type === 'AssignmentExpression' && p.parent.left === p) && p.parent?.type !== 'UpdateExpression';
    return (p?.type === 'MemberExpression' && p.object === id && !(p.parent?.type === 'CallExpression' && p.parent.callee === p)) || ((p?.type === 'CallExpression' || p?.type === 'NewExpression') && p.callee !== id);
  });
}

/**
 * Nothing moves the cursor from the declaration to the assignment: the statements before it in each
 * enclosing block up to the declaration's, the tests of the `if`s on the way, and the rest of its own
 * statement; no loop, switch or try on the way (a later turn could come back with the cursor moved).
 */
function untouchedBetween(declarator: Node, assignment: Node, target: CursorTarget, file: ParsedFile): boolean {
  const declaration = declarator.parent;
  if (declaration?.type !== 'VariableDeclaration') return false;
  let statement: Node = assignment;
  while (statement.parent && statement.parent.type !== 'BlockStatement' && !(statement.parent.type === 'IfStatement' && statement.parent.test !== statement)) {
    if (isFunctionNode(statement.parent) || isLoopNode(statement.parent)) return false;
    statement = statement.parent;
  }
  // The assignment's own statement writes the cursor only there.
  let others = 0;
  const count = (n: Node): void => {
    if (n !== assignment && (n.type === 'AssignmentExpression' || n.type === 'UpdateExpression' || n.type === 'CallExpression' || n.type === 'NewExpression') && writeEffect(n, target, { file }) !== undefined) others++;
    forEachChild(n, count);
  };
  count(statement);
  if (others > 0) return false;
  let n: Node = statement;
  for (;;) {
    const parent = n.parent;
    if (!parent) return false;
    if (parent.type === 'BlockStatement') {
      const body = parent.body as Node[];
      const at = body.indexOf(n);
      const from = body.indexOf(declaration);
      if (from >= 0) return from < at && !body.slice(from + 1, at).some((s) => movesCursor(s, target, file));
      if (body.slice(0, at).some((s) => movesCursor(s, target, file))) return false;
    } else if (parent.type === 'IfStatement') {
      if (parent.test === n || movesCursor(parent.test, target, file)) return false;
    } else return false;
    n = parent;
  }
}

function enclosingFunction(node: Node): Node | undefined {
  for (let n = node.parent; n; n = n.parent) if (isFunctionNode(n)) return n;
  return undefined;
}

function insideFunctionWithin(node: Node, scope: Node): boolean {
  for (let n = node.parent; n && n !== scope; n = n.parent) if (isFunctionNode(n)) return true;
  return false;
}

function forEachChild(n: Node, fn: (child: Node) => void): void {
  for (const child of childrenOf(n)) fn(child);
}
