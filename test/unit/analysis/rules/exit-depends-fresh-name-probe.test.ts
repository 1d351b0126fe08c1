// exit-depends-on-flow-data on probes of a store for a name not tried before, every turn.
import { exitDependsOnFlowData } from '../../../../src/core/analysis/rules/exit-depends-on-flow-data';
import { ruleTester } from './rule-tester';

const lib = (code: string) => ({ 'index.js': code, 'package.json': '{"name":"l","main":"index.js"}' });

ruleTester(exitDependsOnFlowData, {
  valid: [
    { name: 'fs.existsSync with a counter in a concatenation', code: lib("const fs = require('fs');\nfunction freeName(base) {\n  let name = base;\n  let i = 0;\n  while (fs.existsSync(name)) name = base + '-' + ++i;\n  return name;\n}\nmodule.exports = { freeName };\n") },
    { name: 'a Set asked with has, a template with the counter in the middle', code: lib('function freeId(taken, prefix) {\n  let n = 0;\n  let id = `${prefix}-0-x`;\n  while (taken.has(id)) {\n    id = `${prefix}-${n++}-x`;\n  }\n  return id;\n}\nmodule.exports = { freeId };\n') },
  ],
  invalid: [
    { name: 'the counter also set back in the loop', code: lib('function freeId(taken, prefix) {\n  let n = 0;\n  let id = prefix;\n  while (taken.has(id)) {\n    id = `${prefix}-${n++}`;\n    if (n > 9) n = 0;\n  }\n  return id;\n}\nmodule.exports = { freeId };\n'), lines: [4] },
    { name: 'a turn that goes round without a new name', code: lib('function freeId(taken, prefix, skip) {\n  let n = 0;\n  let id = prefix;\n  while (taken.has(id)) {\n    if (skip(id)) continue;\n    id = `${prefix}-${n++}`;\n  }\n  return id;\n}\nmodule.exports = { freeId };\n'), lines: [4] },
    { name: 'a part of the name that the loop changes too', code: lib('function freeId(taken, prefix) {\n  let n = 0;\n  let base = prefix;\n  let id = prefix;\n  while (taken.has(id)) {\n    base = base.slice(0, 3);\n    id = `${base}-${n++}`;\n  }\n  return id;\n}\nmodule.exports = { freeId };\n'), lines: [5] },
  ],
});
