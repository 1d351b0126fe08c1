// Whether a count-down stepped only in a loop's test (`while (k--)`, `while (--k)`) reaches 0: only
// when k, the first time the test steps it, is an integer at or above 0 (`--k`: 1) with a largest
// value. From -1 (`list.length - 1` of an empty list), or 0 with `--k`, it steps away from 0 for
// about 2^53 turns. What holds then:
// - the code before the loop on every path (bounds.ts `boundsOnEntry`: checks that return, `?:`);
// - the branch of the test the step sits in: in `fromRight ? k-- : ++k < n` with
//   `k = fromRight ? n : -1`, and `fromRight` never written, only the start n is counted down;
// - the `&&` / `?:` parts of the test evaluated before the step (`k > 0 && k--`): they stop the loop first;
// - the flow's facts (a caller's check) say only whether it has a largest value, and only where they
//   describe every start: each write of k outside the test is a plain assignment (`k -= 1`, `k--` are
//   not followed by the flow), and no loop or function between the loop and k's declaration can come
//   back with the value the count left.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import { contains, isFunctionNode, isLoopNode, unwrap, type Node } from '../dataflow/ast';
import { referencesOf } from '../dataflow/references';
import { boundsOnEntry, boundsWhen, finiteOrSized, join, type Assumption, type Bounds } from '../dataflow/bounds';
import type { LoopInfo } from '../cfg/loop-exits';
import type { ParsedFile } from '../project/types';
import type { ResolvedSource } from '../dataflow/interprocedural';
import { checkedFor } from './checked-before-loop';

export function countDownStartsInRange(update: TSESTree.UpdateExpression, test: Node, loop: LoopInfo, file: ParsedFile, flowData: (node: Node) => ResolvedSource[]): boolean {
  const counter = unwrap(update.argument);
  const variable = counter.type === 'Identifier' ? referencesOf(file).variableOf(counter) : undefined;
  if (counter.type !== 'Identifier' || !variable) return false;
  const least = update.prefix ? 1 : 0;
  const conditions = conditionsBefore(update, test);
  const assuming = conditions.map((c) => constantAssumption(c.node, c.truth, file)).find((a) => a !== undefined);
  let facts = boundsOnEntry(file, loop.node, counter, assuming);
  for (const c of conditions) facts = join(facts, boundsWhen(file, counter, c.node, c.truth));
  const sources = flowData(update.argument);
  const flowDescribesStart = flowCoversEveryStart(variable, loop, test);
  // Data no flow brings (`let k = 20`, a local list's size): the code before the loop alone says where it starts.
  if (sources.length === 0) return facts.int && facts.lo >= least && finiteOrSized(facts);
  return sources.every((s) => {
    // Only whether the flow's value has a largest one: taint.ts keeps an operand's facts for `x - 1`
    // (joined with the result's), so its lowest value and integer fact are not the start's.
    const flowHi = flowDescribesStart && s.bounds ? s.bounds : undefined;
    const b: Bounds = flowHi ? { ...facts, hi: Math.min(facts.hi, flowHi.hi), ...(facts.sized || flowHi.sized ? { sized: true as const } : {}) } : facts;
    return checkedFor({ ...s, bounds: b }, 'integer-range') && b.lo >= least;
  });
}

interface Condition {
  node: Node;
  truth: boolean;
}

/** The tests the loop's test evaluates before reaching the step, with the outcome that leads to it. */
function conditionsBefore(update: Node, test: Node): Condition[] {
  const out: Condition[] = [];
  for (let child = update, p = update.parent; p && child !== test; child = p, p = p.parent) {
    if (p.type === 'LogicalExpression' && p.right === child && p.operator !== '??') out.push({ node: p.left, truth: p.operator === '&&' });
    if (p.type === 'ConditionalExpression' && p.test !== child) out.push({ node: p.test, truth: p.consequent === child });
  }
  return out;
}

/** `flag` / `!flag` of a variable nothing writes after its declaration: it has the same value before the loop and in its test. */
function constantAssumption(test: Node, truth: boolean, file: ParsedFile): Assumption | undefined {
  let t = unwrap(test);
  while (t.type === 'UnaryExpression' && t.operator === '!') {
    t = unwrap(t.argument);
    truth = !truth;
  }
  if (t.type !== 'Identifier') return undefined;
  const variable = referencesOf(file).variableOf(t);
  if (!variable || variable.defs.length !== 1) return undefined;
  const writes = variable.references.filter((r) => r.isWrite());
  const def = variable.defs[0];
  const unwritten = def.type === 'Parameter' ? writes.length === 0 : def.type === 'Variable' && writes.length === 1 && writes[0].init === true && (def.parent as TSESTree.VariableDeclaration | null)?.kind === 'const';
  return unwritten ? { variable, truth } : undefined;
}

/** Whether the flow's facts about the counter hold for every value it can have when the loop starts. */
function flowCoversEveryStart(variable: Variable, loop: LoopInfo, test: Node): boolean {
  const plain = (id: Node) => {
    const p = id.parent;
    return (p?.type === 'VariableDeclarator' && p.id === id && !!p.init) || (p?.type === 'AssignmentExpression' && p.operator === '=' && p.left === id);
  };
  if (!variable.references.every((r) => !r.isWrite() || contains(test, r.identifier as Node) || plain(r.identifier as Node))) return false;
  const scope = variable.scope.block as Node;
  for (let p: Node | undefined = loop.node.parent; p && p !== scope; p = p.parent) if (isLoopNode(p) || isFunctionNode(p)) return false;
  return true;
}

