// A branch of an `if` in a loop body that surely makes the loop test false, so the turns taking it
// do not go round: the branch is taken when `a < b` (`if (a < b)`, the else of `if (a >= b)`) or
// `a <= b`; then `a -= b` (or `a = a - b`, the same `b`) runs before anything writes `a` or may
// change `b`, and nothing writes `a` from there to the loop test, which is false once `a` is
// negative: `a > c` or `a >= c` with c a literal ≥ 0 (either way round, or one conjunct of `&&`).
// After `a <= b` only `a ≤ 0` follows, so the test must then be `a > c` (c ≥ 0) or `a >= c` (c > 0).
//
// Why `a - b < 0`: for finite numbers a < b, a - b is negative (IEEE subtraction gives 0 only for
// equal operands, subnormals included, and rounding keeps the sign); with an infinity it is
// -Infinity. The else of `a >= b` is also taken when a or b is NaN (or not a number: undefined,
// "abc"), and then a - b is NaN, which fails every comparison. BigInts subtract exactly; a BigInt
// with a number throws at the subtraction (which leaves too). Two strings compare as text
// ("10" < "9") while `-` compares numbers, so one side of the relation must surely be a number or
// BigInt: a numeric literal, arithmetic (`-`, `*`, `/`, `%`, `**`, bit operators, unary `-`/`+`/`~`),
// or a `.length` (assumed a number, as on arrays, strings, typed arrays and Buffers). valueOf hooks
// and getters are assumed plain, as TurnState assumes.
//
// Writes: `a` must be a variable of the loop's own function, written only there (not in a nested
// function), so no call can change it and only a write on the path counts. `b` is built from
// variables, literals, arithmetic and member paths (`buf.length`), and must not change between the
// branch and the subtraction (unchanged-between.ts says what may change it). A `continue` of this
// loop before the subtraction goes round unproven; only the statements that follow the branch
// through blocks and `if` branches up to the loop body are followed (past a switch, try or label
// the branch is not taken as leaving).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import type { LoopInfo } from '../cfg/loop-exits';
import type { ParsedFile } from '../project/types';
import { childrenOf, enclosingFunction, isFunctionNode, isLoopNode, memberPath, unwrap, conjunctsOf, type Node } from './ast';
import { referencesOf, type FileReferences } from './references';
import { ownedBy, valueMayChange, writtenIn } from './unchanged-between';
import type { BranchLeaves } from './leaves-loop';

/** What the test needs of `a` to be false: below 0, or not above 0. */
type Needs = 'negative' | 'non-positive';
/** `a < b` (or NaN), `a <= b` (or NaN). */
type Relation = 'lt' | 'le';

const ARITHMETIC = new Set(['-', '*', '/', '%', '**', '|', '&', '^', '<<', '>>', '>>>']);
const never: BranchLeaves = () => false;

export function branchesLeavingBySubtraction(loop: LoopInfo, file: ParsedFile): BranchLeaves {
  const l = loop.node;
  if ((l.type !== 'WhileStatement' && l.type !== 'DoWhileStatement' && l.type !== 'ForStatement') || !l.test) return never;
  const refs = referencesOf(file);
  const fn = enclosingFunction(l);
  const needs = new Map<Variable, Needs>();
  for (const c of conjunctsOf(l.test)) {
    const found = falseWhenNegative(c, refs);
    if (found && needs.get(found.variable) !== 'non-positive') needs.set(found.variable, found.needs);
  }
  for (const v of needs.keys()) if (!ownedBy(v, fn)) needs.delete(v);
  if (needs.size === 0) return never;
  const memo = new Map<TSESTree.IfStatement, Array<boolean | undefined>>();
  const check = new BranchCheck(loop, l, l.test, file, refs, fn, needs);
  return (statement, truth) => {
    let known = memo.get(statement);
    if (!known) memo.set(statement, (known = []));
    const i = truth ? 1 : 0;
    return (known[i] ??= check.leaves(statement, truth));
  };
}

class BranchCheck {
  constructor(
    private readonly loop: LoopInfo,
    private readonly node: TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement,
    private readonly test: Node,
    private readonly file: ParsedFile,
    private readonly refs: FileReferences,
    private readonly fn: Node | undefined,
    private readonly needs: Map<Variable, Needs>,
  ) {}

  leaves(statement: TSESTree.IfStatement, truth: boolean): boolean {
    const rel = this.relationOf(statement.test, truth);
    if (!rel) return false;
    const all = this.statementsAfter(statement, truth);
    if (!all) return false;
    // A jump ends the path: what follows it in the flattened list does not run on it.
    const jump = all.findIndex((s) => s.type === 'ContinueStatement' || s.type === 'BreakStatement' || s.type === 'ReturnStatement' || s.type === 'ThrowStatement');
    const after = jump < 0 ? all : all.slice(0, jump + 1);
    const at = after.findIndex((s) => this.subtracts(s, rel.a, rel.b));
    if (at < 0) return false;
    const between = after.slice(0, at);
    if (between.some((s) => this.continuesLoop(s)) || writtenIn(rel.a, between) || valueMayChange(rel.b, between, this.file, this.fn)) return false;
    const rest: Node[] = after.slice(at + 1);
    if (this.node.type === 'ForStatement' && this.node.update) rest.push(this.node.update);
    rest.push(this.test);
    return !writtenIn(rel.a, rest);
  }

  /** `a` (a variable the test needs low) and `b` such that taking the branch means `a < b` (or `a <= b` where that is enough). */
  private relationOf(test: Node, truth: boolean): { a: Variable; b: Node } | undefined {
    let n = unwrap(test);
    while (n.type === 'UnaryExpression' && n.operator === '!') (n = unwrap(n.argument)), (truth = !truth);
    if (n.type !== 'BinaryExpression' || n.left.type === 'PrivateIdentifier') return undefined;
    const sides: Array<[Node, Node, string]> = [
      [unwrap(n.left), unwrap(n.right), n.operator],
      [unwrap(n.right), unwrap(n.left), ({ '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as Record<string, string>)[n.operator] ?? ''],
    ];
    for (const [left, right, op] of sides) {
      if (left.type !== 'Identifier') continue;
      const a = this.refs.variableOf(left);
      const needs = a && this.needs.get(a);
      if (!needs) continue;
      const rel: Relation | undefined = truth ? (op === '<' ? 'lt' : op === '<=' ? 'le' : undefined) : op === '>=' ? 'lt' : op === '>' ? 'le' : undefined;
      if (!rel || (rel === 'le' && needs === 'negative')) continue;
      if (!this.isValue(right) || !surelyNumeric(right)) continue;
      return { a: a!, b: right };
    }
    return undefined;
  }

  /** The statements run after the branch is taken, up to the end of the loop body; undefined past a switch, try or label. */
  private statementsAfter(statement: TSESTree.IfStatement, truth: boolean): Node[] | undefined {
    const out: Node[] = [];
    const branch = truth ? statement.consequent : statement.alternate;
    if (branch) out.push(...(branch.type === 'BlockStatement' ? branch.body : [branch]));
    const body = this.node.body as Node;
    for (let n: Node = statement; n !== body; ) {
      const parent: Node | undefined = n.parent;
      if (!parent) return undefined;
      if (parent.type === 'BlockStatement') out.push(...parent.body.slice(parent.body.indexOf(n as TSESTree.Statement) + 1));
      else if (parent.type !== 'IfStatement' || (parent.test as Node) === n) return undefined;
      n = parent;
    }
    return out;
  }

  /** `a -= b` or `a = a - b` as a statement, with the same `b`. */
  private subtracts(s: Node, a: Variable, b: Node): boolean {
    if (s.type !== 'ExpressionStatement') return false;
    const e = unwrap(s.expression);
    if (e.type !== 'AssignmentExpression' || e.left.type !== 'Identifier' || this.refs.variableOf(e.left) !== a) return false;
    if (e.operator === '-=') return this.same(unwrap(e.right), b);
    const r = unwrap(e.right);
    return e.operator === '=' && r.type === 'BinaryExpression' && r.operator === '-' && r.left.type === 'Identifier' && this.refs.variableOf(r.left) === a && this.same(unwrap(r.right), b);
  }

  /** A value read without side effects: variables, literals, member paths with fixed keys, arithmetic. */
  private isValue(n: Node): boolean {
    switch (n.type) {
      case 'Literal':
        return !('regex' in n && n.regex);
      case 'Identifier':
        return !!this.refs.variableOf(n);
      case 'MemberExpression': {
        const mp = !n.optional ? memberPath(n) : undefined;
        return !!mp && !mp.path.split('.').includes('[]') && (mp.root.type === 'ThisExpression' || !!this.refs.variableOf(mp.root));
      }
      case 'UnaryExpression':
        return (n.operator === '-' || n.operator === '+' || n.operator === '~') && this.isValue(unwrap(n.argument));
      case 'BinaryExpression':
        return (ARITHMETIC.has(n.operator) || n.operator === '+') && n.left.type !== 'PrivateIdentifier' && this.isValue(unwrap(n.left)) && this.isValue(unwrap(n.right));
      default:
        return false;
    }
  }

  private same(x: Node, y: Node): boolean {
    if (x.type !== y.type) return false;
    switch (x.type) {
      case 'Literal':
        return x.raw === (y as TSESTree.Literal).raw;
      case 'Identifier':
        return !!this.refs.variableOf(x) && this.refs.variableOf(x) === this.refs.variableOf(y as TSESTree.Identifier);
      case 'ThisExpression':
        return true;
      case 'MemberExpression': {
        const m = y as TSESTree.MemberExpression;
        if (x.computed !== m.computed || x.optional || m.optional) return false;
        const keys = x.computed ? this.same(unwrap(x.property), unwrap(m.property)) : x.property.type === m.property.type && (x.property as TSESTree.Identifier).name === (m.property as TSESTree.Identifier).name;
        return keys && this.same(unwrap(x.object), unwrap(m.object));
      }
      case 'UnaryExpression':
        return x.operator === (y as TSESTree.UnaryExpression).operator && this.same(unwrap(x.argument), unwrap((y as TSESTree.UnaryExpression).argument));
      case 'BinaryExpression': {
        const z = y as TSESTree.BinaryExpression;
        return x.operator === z.operator && this.same(unwrap(x.left as Node), unwrap(z.left as Node)) && this.same(unwrap(x.right), unwrap(z.right));
      }
      default:
        return false;
    }
  }

  /** A `continue` that starts this loop's next turn. */
  private continuesLoop(s: Node): boolean {
    const visit = (n: Node, inLoop: boolean): boolean => {
      if (isFunctionNode(n)) return false;
      if (n.type === 'ContinueStatement') return n.label ? this.loop.labels.includes(n.label.name) : !inLoop;
      return childrenOf(n).some((c) => visit(c, inLoop || isLoopNode(n)));
    };
    return visit(s, false);
  }

}

/** `a > c` / `a >= c` (c a literal ≥ 0, either way round): the variable and what makes the test false. */
function falseWhenNegative(test: Node, refs: FileReferences): { variable: Variable; needs: Needs } | undefined {
  const n = unwrap(test);
  if (n.type !== 'BinaryExpression' || n.left.type === 'PrivateIdentifier') return undefined;
  const [left, right] = [unwrap(n.left), unwrap(n.right)];
  const flipped: Record<string, string> = { '<': '>', '<=': '>=' };
  const [id, c, op] = left.type === 'Identifier' ? [left, right, n.operator] : [right, left, flipped[n.operator]];
  if (id.type !== 'Identifier' || c.type !== 'Literal' || (typeof c.value !== 'number' && typeof c.value !== 'bigint') || !(c.value >= 0)) return undefined;
  const variable = refs.variableOf(id);
  if (!variable) return undefined;
  // a - b < 0 makes both false; a - b <= 0 only `a > c` (c >= 0) and `a >= c` (c > 0).
  if (op === '>') return { variable, needs: 'non-positive' };
  if (op === '>=') return { variable, needs: c.value > 0 ? 'non-positive' : 'negative' };
  return undefined;
}


/** A number or BigInt whatever its operands hold: a numeric literal, arithmetic, or a `.length`. */
function surelyNumeric(node: Node): boolean {
  const n = unwrap(node);
  if (n.type === 'Literal') return typeof n.value === 'number' || typeof n.value === 'bigint';
  if (n.type === 'UnaryExpression') return n.operator === '-' || n.operator === '+' || n.operator === '~';
  if (n.type === 'BinaryExpression') return ARITHMETIC.has(n.operator);
  return n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier' && n.property.name === 'length';
}
