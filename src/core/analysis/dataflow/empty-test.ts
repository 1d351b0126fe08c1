// Whether a test holds when a value is empty: `!s`, `!s.length`, `s === ''`, `s.length === 0`,
// `s.length < 1`, `s.length <= 0`, or any of them in an `||`. Read by the checks that leave a
// function or a turn on empty input (cursor-writes.ts for strings, rules/run.ts for pages).
import { unwrap, type Node } from './ast';

export function holdsWhenEmpty(test: Node, isSubject: (node: Node) => boolean): boolean {
  const isLength = (x: Node) => {
    const m = unwrap(x);
    return m.type === 'MemberExpression' && !m.computed && m.property.type === 'Identifier' && m.property.name === 'length' && isSubject(m.object);
  };
  const c = unwrap(test);
  if (c.type === 'LogicalExpression' && c.operator === '||') return holdsWhenEmpty(c.left, isSubject) || holdsWhenEmpty(c.right, isSubject);
  if (c.type === 'UnaryExpression' && c.operator === '!') return isSubject(c.argument) || isLength(c.argument);
  if (c.type !== 'BinaryExpression') return false;
  const right = unwrap(c.right);
  if (right.type !== 'Literal') return false;
  const left = c.left as Node;
  if (c.operator === '===' || c.operator === '==') return (isSubject(left) && right.value === '') || (isLength(left) && right.value === 0);
  return isLength(left) && ((c.operator === '<' && right.value === 1) || (c.operator === '<=' && right.value === 0));
}
