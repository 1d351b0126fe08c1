// A counter chasing `X.length` never catches up when every turn that goes on adds at least a
// step's worth of elements to X (`while (i < items.length) { items.push(items[i]); i += 1 }`):
// such a loop is not a counter loop, and not an attempt cap either. Only a sure growth counts: a
// push on some paths (a worklist queueing unseen nodes), a push with a spread, anything that may
// shrink X (pop, shift, splice, a length write, X reassigned or handed to a call) keeps the loop
// counted, since it may end.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ParsedFile } from '../project/types';
import type { LoopInfo } from '../cfg/loop-exits';
import { everyTurnPasses } from '../cfg/every-turn';
import { memberPath, unwrap, walk, type Node } from '../dataflow/ast';
import { referencesOf } from '../dataflow/references';

const GROWS = new Set(['push', 'unshift']);
type Relation = 'list' | 'holder' | undefined;
/** Reads that leave X as it is; any other use of X in the loop may shrink it. */
const READS = new Set(['length', 'indexOf', 'includes', 'lastIndexOf', 'slice', 'at', 'join', 'concat']);

/** `bound` is `X.length`, the counter moves up by `step` per turn, and every turn that goes on grows X by at least `step`. */
export function boundOutgrowsCounter(loop: LoopInfo, file: ParsedFile, bound: Node, step: number): boolean {
  const b = unwrap(bound);
  if (b.type !== 'MemberExpression' || b.computed || b.property.type !== 'Identifier' || b.property.name !== 'length') return false;
  const list = memberPath(b.object);
  if (!list || list.path.includes('[]')) return false;
  const refs = referencesOf(file);
  const rootVariable = list.root.type === 'Identifier' ? refs.variableOf(list.root) : undefined;
  if (list.root.type === 'Identifier' && !rootVariable) return false;
  // 'holder': an object the list hangs from (`this` of `this.items`), which a call can empty it through.
  const relationOf = (n: Node): Relation => {
    const p = memberPath(n);
    if (!p || !(p.path === list.path || list.path.startsWith(p.path + '.'))) return undefined;
    const sameRoot = p.root.type === 'ThisExpression' ? list.root.type === 'ThisExpression' : list.root.type === 'Identifier' && refs.variableOf(p.root) === rootVariable;
    return sameRoot ? (p.path === list.path ? 'list' : 'holder') : undefined;
  };
  const isList = (n: Node) => relationOf(n) === 'list';
  const growsByStep = (n: Node): boolean => {
    if (n.type !== 'CallExpression' || n.optional) return false;
    const callee = unwrap(n.callee);
    if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier' || !GROWS.has(callee.property.name)) return false;
    return isList(callee.object) && n.arguments.length >= step && n.arguments.every((a) => a.type !== 'SpreadElement');
  };
  if (mayShrink(loop.node, relationOf)) return false;
  return everyTurnPasses(loop, growsByStep);
}

/** Some use of the list in the loop (closures included: a callback may run) is neither a read nor a push/unshift onto it. */
function mayShrink(loopNode: Node, relationOf: (n: Node) => Relation): boolean {
  let shrinks = false;
  walk(
    loopNode,
    (n) => {
      if (shrinks) return false;
      if (n.type !== 'Identifier' && n.type !== 'MemberExpression' && n.type !== 'ThisExpression') return;
      const relation = relationOf(n);
      if (!relation) return;
      const parent = n.parent as Node | undefined;
      if (relation === 'holder') {
        // Another member of the holder read is harmless; a method called on it, a member written, the holder handed on may empty the list.
        const member = parent?.type === 'MemberExpression' && parent.object === n ? parent : undefined;
        if (!member || isWritten(member) || (member.parent?.type === 'CallExpression' && member.parent.callee === member)) shrinks = true;
        return false;
      }
      // X[i] read, or X.method / X.length: judged by the member name and what is done with it.
      if (parent?.type === 'MemberExpression' && parent.object === n) {
        // An element read or written leaves the length at least where it was.
        if (parent.computed) return false;
        const name = parent.property.type === 'Identifier' ? parent.property.name : '';
        if (GROWS.has(name) && parent.parent?.type === 'CallExpression' && parent.parent.callee === parent) return false;
        if (READS.has(name) && !isWritten(parent)) return false;
        shrinks = true;
        return false;
      }
      shrinks = true; // assigned, handed to a call, aliased: it may be emptied
      return false;
    },
  );
  return shrinks;
}

function isWritten(member: TSESTree.MemberExpression): boolean {
  const p = member.parent as Node | undefined;
  return (p?.type === 'AssignmentExpression' && p.left === member) || p?.type === 'UpdateExpression';
}

/** The loop test is a counter moving up by a constant (`i < X.length` with `i++`, `i += 2`, `++i < X.length`) towards a length every turn outgrows. */
export function chasesGrowingBound(loop: LoopInfo, file: ParsedFile): boolean {
  const test = loop.test && unwrap(loop.test);
  if (!test || test.type !== 'BinaryExpression') return false;
  const up = test.operator === '<' || test.operator === '<=';
  if (!up && test.operator !== '>' && test.operator !== '>=') return false;
  const [counter, bound] = up ? [unwrap(test.left), test.right] : [unwrap(test.right), test.left];
  const step = upwardStepOf(counter, loop, file);
  return step !== undefined && boundOutgrowsCounter(loop, file, bound, step);
}

/** How far the counter moves up per turn, when it is written once in the loop by a positive constant. */
function upwardStepOf(counter: Node, loop: LoopInfo, file: ParsedFile): number | undefined {
  if (counter.type === 'UpdateExpression') return counter.operator === '++' && unwrap(counter.argument).type === 'Identifier' && writesInLoop(unwrap(counter.argument) as TSESTree.Identifier, loop, file)?.length === 1 ? 1 : undefined;
  if (counter.type !== 'Identifier') return undefined;
  const writes = writesInLoop(counter, loop, file);
  if (writes?.length !== 1) return undefined;
  const parent = writes[0].parent as Node | undefined;
  if (parent?.type === 'UpdateExpression') return parent.operator === '++' ? 1 : undefined;
  if (parent?.type !== 'AssignmentExpression' || parent.operator !== '+=') return undefined;
  const right = unwrap(parent.right);
  return right.type === 'Literal' && typeof right.value === 'number' && right.value > 0 ? right.value : undefined;
}

/** The counter's writes inside the loop, a `for` loop's init excepted. */
function writesInLoop(id: TSESTree.Identifier, loop: LoopInfo, file: ParsedFile): Node[] | undefined {
  const variable = referencesOf(file).variableOf(id);
  if (!variable) return undefined;
  const l = loop.node;
  const init = l.type === 'ForStatement' ? l.init : null;
  const inside = (n: Node) => l.range[0] <= n.range[0] && n.range[1] <= l.range[1] && !(init && init.range[0] <= n.range[0] && n.range[1] <= init.range[1]);
  return variable.references.filter((r) => r.isWrite() && inside(r.identifier as Node)).map((r) => r.identifier as Node);
}
