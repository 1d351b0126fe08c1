// Paths that cannot be taken on a turn that repeats: a branch that needs the loop test false
// (`while (a || b) { if (a) … else if (b) … }` falling past both), or one condition decided both
// ways. Sound only for repeating (stuck) paths: nothing on them writes what their conditions read,
// so equal condition text has one value throughout the turn.
import { unwrap, textOf, type Node } from './ast';
import type { TurnPath } from './turn-paths';

interface Fact {
  text: string;
  truth: boolean;
}

export function cannotRepeat(path: TurnPath, loopTest: Node | null, source: string): boolean {
  const facts: Fact[] = [];
  for (const d of path.decisions) if (d.truth !== undefined) facts.push(normalized(d.node, d.truth, source));
  const known = new Map<string, boolean>();
  for (const f of facts) {
    if (known.get(f.text) === !f.truth) return true;
    known.set(f.text, f.truth);
  }
  if (!loopTest) return false;
  // The test is true on every turn: each conjunct is true, and some disjunct is.
  for (const c of split(unwrap(loopTest), '&&')) {
    const f = normalized(c, true, source);
    if (known.get(f.text) === !f.truth) return true;
    const disjuncts = split(unwrap(c), '||');
    if (disjuncts.length > 1 && disjuncts.every((d) => { const g = normalized(d, true, source); return known.get(g.text) === !g.truth; })) return true;
  }
  return false;
}

function split(node: Node, operator: '&&' | '||'): Node[] {
  return node.type === 'LogicalExpression' && node.operator === operator ? [...split(unwrap(node.left), operator), ...split(unwrap(node.right), operator)] : [node];
}

function normalized(node: Node, truth: boolean, source: string): Fact {
  let n = unwrap(node);
  while (n.type === 'UnaryExpression' && n.operator === '!') {
    n = unwrap(n.argument);
    truth = !truth;
  }
  return { text: textOf(source, n, 10_000), truth };
}
