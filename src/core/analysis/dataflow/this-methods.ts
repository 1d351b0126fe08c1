// The summaries of a class's methods that cursors on `this` read (which field each method moves, and
// how), made once per file check: the code index is made once per check and records what is read.
import { perCodeIndex } from './code-index';
import { writeEffect } from './cursor-writes';
import { judgeWith, ThisMethods } from './this-cursor';
import type { Node } from './ast';

export const thisMethodsFor = perCodeIndex(
  (_, resolve) =>
    new ThisMethods(resolve, (fn, file, field, direction, numbers, all) =>
      judgeWith((n) => writeEffect(n, { thisScope: fn, field, direction }, { file, thisNumbers: numbers, methodEffect: (call, f) => all.effect(file, call, f, direction, numbers) }), fn.body as Node),
    ),
);
