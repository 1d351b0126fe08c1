// exit-depends-on-flow-data on counts that each turn step up or remove the element at the counter.
import { exitDependsOnFlowData } from '../../../../src/core/analysis/rules/exit-depends-on-flow-data';
import { ruleTester } from './rule-tester';

const lib = (code: string) => ({ 'index.js': code, 'package.json': '{"name":"l","main":"index.js"}' });

ruleTester(exitDependsOnFlowData, {
  valid: [
    { name: 'removes at the counter or steps past it (while, continue)', code: lib('function clean(xs, drop) {\n  let i = 0;\n  while (i < xs.length) {\n    if (drop(xs[i])) { xs.splice(i, 1); continue; }\n    i++;\n  }\n  return xs;\n}\nmodule.exports = { clean };\n') },
    { name: 'removes two at the counter on one branch, steps by 2 on the other', code: lib('function pairs(xs) {\n  let i = 0;\n  while (i < xs.length) {\n    if (xs[i] === xs[i + 1]) xs.splice(i, 2);\n    else i += 2;\n  }\n  return xs;\n}\nmodule.exports = { pairs };\n') },
  ],
  invalid: [
    { name: 'a branch that neither steps nor removes', code: lib('function clean(xs, keep) {\n  let i = 0;\n  while (i < xs.length) {\n    if (keep(xs[i])) continue;\n    xs.splice(i, 1);\n  }\n  return xs;\n}\nmodule.exports = { clean };\n'), lines: [3] },
    { name: 'not proven (stays reported): a removal that inserts as much', code: lib('function clean(xs) {\n  let i = 0;\n  while (i < xs.length) {\n    if (xs[i] < 0) { xs.splice(i, 1, -xs[i] - 1); continue; }\n    i++;\n  }\n  return xs;\n}\nmodule.exports = { clean };\n'), lines: [3] },
    { name: 'not proven (stays reported): the list handed to a callback the loop calls, which may grow it', code: lib('function clean(xs, visit) {\n  let i = 0;\n  while (i < xs.length) {\n    if (visit(xs)) { xs.splice(i, 1); continue; }\n    i++;\n  }\n  return xs;\n}\nmodule.exports = { clean };\n'), lines: [3] },
  ],
});
