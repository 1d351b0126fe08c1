// A loop test that steps an iterator by hand (`while (!(step = it.next()).done)`): the loop ends when
// the iterator does, exactly as a for-of over it would.
import { unwrap, walk, type Node } from '../dataflow/ast';

export function isIteratorWalk(test: Node): boolean {
  let next = false;
  let done = false;
  walk(
    test,
    (n) => {
      if (n.type === 'CallExpression' && n.arguments.length === 0) {
        const callee = unwrap(n.callee);
        if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && callee.property.name === 'next') next = true;
      }
      if (n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier' && n.property.name === 'done') done = true;
    },
    false,
  );
  return next && done;
}
