// A string grown towards a length by concatenation, `while (s.length < n) s = pad + s`, grows by
// nothing when the piece is empty: a client's (or a library caller's) `pad` of '' keeps the loop
// going for good, however well `n` was checked. Progress, not size, is what the data decides here.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { unwrap, type Node } from '../dataflow/ast';
import { referencesOf } from '../dataflow/references';
import { nonEmptyText } from '../dataflow/cursor-writes';
import type { ResolvedSource } from '../dataflow/interprocedural';
import type { LoopContext } from './types';

/** The loop test and the flow data of a piece the tested string may grow by nothing with; undefined when there is none. */
export function emptyConcatStep(context: LoopContext): { condition: Node; sources: ResolvedSource[] } | undefined {
  const { loop, file } = context;
  const test = loop.test && unwrap(loop.test);
  if (!test || test.type !== 'BinaryExpression' || !['<', '<=', '>', '>='].includes(test.operator)) return undefined;
  // `s.length < n` or `n > s.length`: the string must grow for the loop to end.
  const lengthSide = (test.operator === '<' || test.operator === '<=' ? test.left : test.right) as Node;
  const length = unwrap(lengthSide);
  if (length.type !== 'MemberExpression' || length.computed || length.property.type !== 'Identifier' || length.property.name !== 'length') return undefined;
  const object = unwrap(length.object);
  const variable = object.type === 'Identifier' ? referencesOf(file).variableOf(object) : undefined;
  if (!variable) return undefined;
  const inLoop = (n: Node) => loop.node.range[0] <= n.range[0] && n.range[1] <= loop.node.range[1];
  const writes = variable.references.filter((r) => r.isWrite() && inLoop(r.identifier as Node));
  if (writes.length === 0) return undefined;
  const pieces: Node[] = [];
  for (const w of writes) {
    const piece = concatenatedPiece(w.identifier as TSESTree.Identifier, variable);
    // Any other write may shrink or replace the string: no growth to speak of, other rules' business.
    if (!piece) return undefined;
    pieces.push(piece);
  }
  const sources: ResolvedSource[] = [];
  for (const piece of pieces) {
    if (nonEmptyText(piece, file) || isNumber(piece)) continue;
    for (const s of context.flowData(piece)) if (s.kind !== 'constant' && !sources.some((x) => x.source === s.source)) sources.push(s);
  }
  return sources.length ? { condition: loop.test!, sources } : undefined;
}

/** `s = p + s`, `s = s + p`, `s += p`: the piece `p` the write adds to the string. */
function concatenatedPiece(id: TSESTree.Identifier, variable: { references: Array<{ identifier: unknown }> }): Node | undefined {
  const p = id.parent;
  if (p?.type !== 'AssignmentExpression' || p.left !== id) return undefined;
  if (p.operator === '+=') return p.right;
  if (p.operator !== '=') return undefined;
  const right = unwrap(p.right);
  if (right.type !== 'BinaryExpression' || right.operator !== '+') return undefined;
  const isSelf = (n: Node) => variable.references.some((r) => r.identifier === unwrap(n));
  if (isSelf(right.right)) return right.left as Node;
  if (isSelf(right.left as Node)) return right.right;
  return undefined;
}

/** A number literal: concatenated, its digits are never empty. */
function isNumber(node: Node): boolean {
  const n = unwrap(node);
  return n.type === 'Literal' && typeof n.value === 'number';
}
