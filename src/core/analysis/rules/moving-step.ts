// Whether a counter's step (`i += step`) moves it on every turn: a positive literal, or a value
// checked or validated before the loop to be at least 1 (or above 0 and an integer). A smaller
// positive step may be lost to rounding (`1e9 + 1e-300 === 1e9`), so it does not count.
import type { ParsedFile } from '../project/types';
import { boundsOf, type Bounds } from '../dataflow/bounds';
import { unwrap, type Node } from '../dataflow/ast';

export function movesEveryTurn(step: Node, file: ParsedFile): boolean {
  const s = unwrap(step);
  if (s.type === 'Literal') return typeof s.value === 'number' && s.value > 0;
  return isMovingStep(boundsOf(file, s));
}

export function isMovingStep(b: Bounds): boolean {
  return b.lo >= 1 || (b.lo > 0 && b.int);
}
